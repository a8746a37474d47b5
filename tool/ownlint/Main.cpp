// ownlint: the command-line front-end. It embeds clang-tidy's engine with
// only the ownership module registered; its own work is choosing files and
// checks, the output formats, --fix and the exit status.

#include "CheckGlobs.h"
#include "ExitCodes.h"
#include "FileSelection.h"
#include "FixApplier.h"
#include "Merge.h"
#include "Progress.h"
#include "ProjectConfig.h"
#include "RuleCatalog.h"
#include "RunCache.h"
#include "Runner.h"

#include "Emitters.h"
#include "Fingerprint.h"
#include "Paths.h"
#include "Reports.h"
#include "SourceLines.h"

#include "Baseline.h"
#include "ChangedLines.h"
#include "Gate.h"

#include "CheckRegistry.h"
#include "OwnershipModule.h"

// LLVM 22 moved the registry into ClangTidyModule.h (the old header goes in 24).
#if OWNLINT_LLVM_MAJOR >= 22
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <fmt/format.h>
#include <map>

#include <cstdlib>

using namespace llvm;

static clang::tidy::ClangTidyModuleRegistry::Add<ownlint::OwnershipModule>
    RegisterOwnership(ownlint::ModuleName, ownlint::ModuleDescription);

namespace {

using namespace ownlint;

cl::OptionCategory Category("ownlint options");

cl::list<std::string> Sources(cl::Positional,
                              cl::desc("[<source>|<directory>|<glob>]... (default: every file "
                                       "of the compilation database)"),
                              cl::cat(Category));
cl::opt<std::string> BuildPath("p", cl::desc("Build directory containing compile_commands.json"),
                               cl::value_desc("build-dir"), cl::cat(Category));
cl::opt<std::string> FilesRegex("files-regex",
                                cl::desc("Analyse only the selected files whose absolute path "
                                         "matches this regex"),
                                cl::value_desc("regex"), cl::cat(Category));
cl::opt<std::string> ShardSpec("shard",
                               cl::desc("Analyse only part K of N of the selected files, for "
                                        "CI matrices (merge the reports with 'ownlint merge')"),
                               cl::value_desc("K/N"), cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Comma-separated globs of checks to run; '-' disables "
                                     "(default: ownership-*)"),
                            cl::init("ownership-*"), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));
cl::opt<std::string> Format("format",
                            cl::desc("Format of the standard output: text (default), json, "
                                     "sarif or github"),
                            cl::init("text"), cl::cat(Category));
cl::list<std::string> Outputs("output",
                              cl::desc("Also write a report to this file; [FORMAT:]FILE, the "
                                       "format defaulting to the extension's (.sarif, .json) "
                                       "or --format. May be repeated. With --output, standard "
                                       "output stays empty unless --format is given"),
                              cl::value_desc("file"), cl::cat(Category));
cl::alias OutputShort("o", cl::desc("Alias for --output"), cl::aliasopt(Outputs),
                      cl::cat(Category));
cl::opt<std::string> ExportFixes("export-fixes",
                                 cl::desc("Write the fix-its as clang-tidy's YAML, for "
                                          "clang-apply-replacements"),
                                 cl::value_desc("file"), cl::cat(Category));
cl::opt<cl::boolOrDefault> UseColor("use-color",
                                    cl::desc("Colour text output (default: when stdout is "
                                             "a terminal)"),
                                    cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the safe fix-its to the files"), cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Regex of headers whose findings are shown (as "
                                           "in clang-tidy; default: the headers under "
                                           "--project-root)"),
                                  cl::cat(Category));
cl::opt<bool> SystemHeaders("system-headers", cl::desc("Also report in system headers"),
                            cl::cat(Category));
cl::opt<std::string> Config("config",
                            cl::desc("Check options as YAML or JSON, as in clang-tidy, e.g. "
                                     "\"{CheckOptions: {ownership-raw-new-delete.IgnoredTypes: "
                                     "'Q.*'}}\""),
                            cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::Prefix,
                       cl::desc("Analyse this many files at once (default: the number of "
                                "cores)"),
                       cl::value_desc("N"), cl::init(0), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("No progress line and no summary"), cl::cat(Category));
cl::opt<bool> NoLink("no-link",
                     cl::desc("Analyse each file alone: do not follow ownership into functions "
                              "defined in the other files of the run"),
                     cl::cat(Category));
cl::opt<std::string> ProjectRoot("project-root",
                                 cl::desc("Reports name files relative to this directory "
                                          "(default: the enclosing git checkout, else the "
                                          "current directory)"),
                                 cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> BaselineFile("baseline",
                                  cl::desc("Accept the findings listed in this baseline: they "
                                           "are not shown and do not fail the run"),
                                  cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WriteBaseline("write-baseline",
                                   cl::desc("Write every finding of this run to a baseline "
                                            "file"),
                                   cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> DiffBase("diff-base",
                              cl::desc("Report only findings on lines changed since the merge "
                                       "base of this git ref and HEAD"),
                              cl::value_desc("git-ref"), cl::cat(Category));
cl::opt<std::string> DiffFile("diff",
                              cl::desc("Report only findings on lines this unified diff adds "
                                       "('-': standard input); paths relative to "
                                       "--project-root"),
                              cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> FailOn("fail-on",
                            cl::desc("Which shown findings make the exit status 1: any "
                                     "(default), error, none, or check globs"),
                            cl::init("any"), cl::cat(Category));

// --- configuration files and the result cache (docs/configuration.md, docs/cache.md) ---
cl::opt<bool> DumpConfig("dump-config",
                         cl::desc("Print the configuration for the first source (or the "
                                  "current directory) as .ownlint.yaml and exit"),
                         cl::cat(Category));
cl::opt<std::string> CacheDir("cache-dir",
                              cl::desc("Keep results here and reuse those whose inputs did not "
                                       "change (default with -p: <build-dir>/.ownlint-cache)"),
                              cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoCache("no-cache", cl::desc("Do not read or write the result cache"),
                      cl::cat(Category));
// --- end configuration files and the result cache ---

int usageError(const std::string &Message) {
  errs() << "ownlint: error: " << Message << "\n";
  return ExitUsage;
}

std::vector<std::string> knownChecks() {
  std::vector<std::string> Names;
  for (const ownlint::CheckInfo &Info : ownlint::allChecks())
    Names.push_back(Info.Name.str());
  return Names;
}

std::unique_ptr<clang::tooling::CompilationDatabase>
loadDatabase(std::unique_ptr<clang::tooling::CompilationDatabase> Fixed, std::string &Error) {
  if (Fixed)
    return Fixed;
  if (!BuildPath.empty()) {
    if (!sys::fs::is_directory(BuildPath)) {
      Error = "-p '" + BuildPath + "' is not a directory";
      return nullptr;
    }
    SmallString<256> Json(BuildPath);
    sys::path::append(Json, "compile_commands.json");
    if (!sys::fs::exists(Json)) {
      Error = "no compile_commands.json in '" + BuildPath +
              "' (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or pass compiler "
              "flags after --)";
      return nullptr;
    }
    std::string LoadError;
    auto DB = clang::tooling::CompilationDatabase::loadFromDirectory(BuildPath, LoadError);
    if (!DB)
      Error = "cannot load '" + std::string(Json) + "': " + LoadError;
    return DB;
  }
  std::string LoadError;
  SmallString<256> First(Sources.front());
  sys::fs::make_absolute(First);
  auto DB = sys::fs::is_directory(First)
                ? clang::tooling::CompilationDatabase::autoDetectFromDirectory(First, LoadError)
                : clang::tooling::CompilationDatabase::autoDetectFromSource(First, LoadError);
  if (!DB)
    Error = "no compile_commands.json found above '" + Sources.front() +
            "'; pass -p <build-dir> or compiler flags after --";
  return DB;
}

} // namespace

namespace {

// The enclosing git checkout (a .git directory or file), else the current
// directory: what reports name files relative to.
std::string defaultRoot() {
  SmallString<256> Dir;
  sys::fs::current_path(Dir);
  for (StringRef D = Dir; !D.empty(); D = sys::path::parent_path(D)) {
    SmallString<256> Git(D);
    sys::path::append(Git, ".git");
    if (sys::fs::exists(Git))
      return D.str();
  }
  return std::string(Dir);
}

struct OutputTarget {
  OutputFormat Format;
  std::string Path;                     // "" for standard output
  std::unique_ptr<raw_fd_ostream> File; // opened before the analysis
};

void writeOutputs(std::vector<OutputTarget> &Targets, const std::vector<FileResult> &Results,
                  const RunInfo &Run) {
  for (OutputTarget &T : Targets) {
    TextStyle Style;
    if (T.File)
      Style.Color = UseColor == cl::BOU_TRUE;
    else
      Style.Color = UseColor == cl::BOU_UNSET ? sys::Process::StandardOutIsDisplayed()
                                              : UseColor == cl::BOU_TRUE;
    raw_ostream &OS = T.File ? static_cast<raw_ostream &>(*T.File) : outs();
    emit(T.Format, Results, Run, Style, OS);
    OS.flush();
  }
}

// A file the run will write, opened now: a bad path is a usage error before
// minutes of analysis, not after.
std::string openOutput(const std::string &Path, std::unique_ptr<raw_fd_ostream> &File) {
  std::error_code EC;
  File = std::make_unique<raw_fd_ostream>(Path, EC);
  return EC ? "cannot write '" + Path + "': " + EC.message() : "";
}

// Where the reports go: --format to stdout (unless only --output is given),
// each --output to its file.
std::string chooseOutputs(std::vector<OutputTarget> &Targets) {
  std::optional<OutputFormat> Std = parseOutputFormat(Format);
  if (!Std)
    return "--format: unknown format '" + Format + "' (text, json, sarif or github)";
  if (Outputs.empty() || Format.getNumOccurrences())
    Targets.push_back({*Std, "", nullptr});
  for (const std::string &O : Outputs) {
    StringRef Spec = O;
    auto [Prefix, Rest] = Spec.split(':');
    std::optional<OutputFormat> Named = Rest.empty() ? std::nullopt : parseOutputFormat(Prefix);
    if (Spec.empty())
      return "--output: expected a file name";
    OutputTarget T{Named ? *Named : formatOfPath(Spec).value_or(*Std),
                   Named ? Rest.str() : Spec.str(), nullptr};
    if (std::string Error = openOutput(T.Path, T.File); !Error.empty())
      return Error;
    Targets.push_back(std::move(T));
  }
  return "";
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  if (argc > 1 && StringRef(argv[1]) == "merge")
    return runMerge(ArrayRef<const char *>(argv + 2, argv + argc));
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "ownlint " << OWNLINT_VERSION << " (LLVM " << OWNLINT_LLVM_VERSION_STRING << ")\n";
  });
  auto Started = std::chrono::steady_clock::now();

  // Everything after "--" is the compile command for every source.
  std::string FixedError;
  int ArgCount = argc;
  std::unique_ptr<clang::tooling::CompilationDatabase> Fixed =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(ArgCount, argv, FixedError);
  if (!FixedError.empty())
    return usageError(FixedError);
  std::string ParseErrors;
  raw_string_ostream ParseStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(
          ArgCount, argv,
          "ownlint: finds heap ownership bugs in C++ code\n\n"
          "  ownlint [options] -p <build-dir> [<source>|<directory>|<glob>]...\n"
          "  ownlint [options] <source>... -- <compiler args>\n"
          "  ownlint merge [-o <file>] <report>...   (see ownlint merge --help)\n",
          &ParseStream)) {
    ParseStream.flush();
    StringRef First = StringRef(ParseErrors).split('\n').first;
    First.consume_front("ownlint: ");
    return usageError(First.str() + " (see --help)");
  }

  CheckSelection Selection = selectChecks(Checks, knownChecks());
  if (!Selection.Error.empty())
    return usageError(Selection.Error);

  if (ListChecks) {
    outs() << "Enabled checks:\n";
    for (const std::string &Name : Selection.Enabled)
      outs() << fmt::format("    {:<34} {}\n", Name, findCheck(Name)->Summary.str());
    return ExitClean;
  }
  // --- configuration files (docs/configuration.md) ---
  // The command line overrides the configuration files key by key.
  ownlint::ConfigLayer CommandLine;
  if (!Config.empty()) {
    auto Layer = ownlint::parseConfig("--config", Config, ownlint::ConfigDialect::ClangTidy,
                                      ownlint::ConfigSchema::ownlint());
    if (!Layer)
      return usageError(toString(Layer.takeError()));
    CommandLine = std::move(*Layer);
  }
  if (Checks.getNumOccurrences())
    CommandLine.Checks = Checks;
  if (HeaderFilter.getNumOccurrences())
    CommandLine.HeaderFilterRegex = HeaderFilter;
  ownlint::ProjectConfigs Configs(std::move(CommandLine));
  if (DumpConfig) {
    std::string For = Sources.empty() ? "." : Sources.front();
    auto C = Sources.empty() || sys::fs::is_directory(For) ? Configs.forDirectory(For)
                                                           : Configs.forFile(For);
    if (!C)
      return usageError(toString(C.takeError()));
    outs() << "# ownlint --dump-config for '" << For << "'"
           << (C->Source.empty() ? "" : ", from '" + C->Source + "'") << "\n"
           << C->toYaml();
    return ExitClean;
  }
  // The baseline a configuration file names (Baseline:), for the
  // configuration of the current directory, unless --baseline is given.
  std::string BaselinePath = BaselineFile;
  if (BaselinePath.empty()) {
    auto Here = Configs.forDirectory(".");
    if (!Here)
      return usageError(toString(Here.takeError()));
    BaselinePath = Here->Baseline;
  }
  // --- end configuration files ---

  std::vector<OutputTarget> Targets;
  if (std::string Error = chooseOutputs(Targets); !Error.empty())
    return usageError(Error);
  if (Sources.empty() && BuildPath.empty())
    return usageError("no input files (usage: ownlint -p <build-dir> [<source>...], or "
                      "ownlint <source>... -- <compiler args>)");
  Shard Part;
  if (!ShardSpec.empty())
    if (std::string Error = parseShard(ShardSpec, Part); !Error.empty())
      return usageError(Error);
  llvm::Expected<FailPolicy> Policy = FailPolicy::parse(FailOn);
  if (!Policy)
    return usageError(toString(Policy.takeError()));
  if (!DiffBase.empty() && !DiffFile.empty())
    return usageError("--diff-base and --diff cannot be combined");
  std::optional<ownlint::Baseline> Accepted;
  if (!BaselinePath.empty()) {
    llvm::Expected<ownlint::Baseline> B = readBaseline(BaselinePath);
    if (!B)
      return usageError(toString(B.takeError()));
    Accepted = std::move(*B);
  }

  RunInfo Info;
  Info.ToolVersion = toolVersion();
  Info.Root = ProjectRoot.empty() ? defaultRoot() : absolutePath(ProjectRoot);
  Info.Rules = ruleCatalog();

  // The changed lines are known before the analysis: a bad ref or diff is
  // a usage error, not something to find out after minutes of work.
  std::optional<ChangedLines> Changed;
  if (!DiffBase.empty() || !DiffFile.empty()) {
    std::string Diff, DiffRoot = Info.Root;
    if (!DiffBase.empty()) {
      SmallString<256> Here;
      sys::fs::current_path(Here);
      llvm::Expected<std::string> Text = gitDiffAgainst(DiffBase, Here, DiffRoot);
      if (!Text)
        return usageError("--diff-base: " + toString(Text.takeError()));
      Diff = std::move(*Text);
    } else {
      auto Buffer = MemoryBuffer::getFileOrSTDIN(DiffFile, /*IsText=*/true);
      if (!Buffer)
        return usageError("--diff: cannot read '" + DiffFile + "': " + Buffer.getError().message());
      Diff = (*Buffer)->getBuffer().str();
    }
    llvm::Expected<ChangedLines> Parsed = ChangedLines::parse(Diff, DiffRoot);
    if (!Parsed)
      return usageError((DiffBase.empty() ? "--diff: " : "--diff-base: ") +
                        toString(Parsed.takeError()));
    Changed = std::move(*Parsed);
  }

  std::string DBError;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database =
      loadDatabase(std::move(Fixed), DBError);
  if (!Database)
    return usageError(DBError);
  FileSelection Selected = selectFiles(Sources, *Database, FilesRegex, Part);
  if (!Selected.Error.empty())
    return usageError(Selected.Error);
  // A mistake in a configuration file stops the run before any analysis.
  for (const std::string &File : Selected.Files)
    if (auto C = Configs.forFile(File); !C)
      return usageError(toString(C.takeError()));

  std::unique_ptr<raw_fd_ostream> BaselineOut, FixesOut;
  if (!WriteBaseline.empty())
    if (std::string Error = openOutput(WriteBaseline, BaselineOut); !Error.empty())
      return usageError(Error);
  if (!ExportFixes.empty())
    if (std::string Error = openOutput(ExportFixes, FixesOut); !Error.empty())
      return usageError(Error);

  RunOptions Run;
  Run.EnabledChecks = Selection.Enabled;
  if (HeaderFilter.getNumOccurrences())
    Run.HeaderFilter = HeaderFilter;
  Run.SystemHeaders = SystemHeaders;
  Run.ProjectRoot = Info.Root;
  Run.Link = !NoLink;
  Run.Config = Config;
  if (std::string Error = validateConfig(Config); !Error.empty())
    return usageError("--config: " + Error);
  Run.Configs = &Configs;
  // --- result cache (docs/cache.md) ---
  std::unique_ptr<ownlint::RunCache> Cache;
  SmallString<256> CachePath(CacheDir);
  if (CachePath.empty() && !BuildPath.empty())
    sys::path::append(CachePath, BuildPath, ".ownlint-cache");
  if (!NoCache && !CachePath.empty()) {
    sys::fs::make_absolute(CachePath);
    Cache = std::make_unique<ownlint::RunCache>(
        std::string(CachePath),
        ownlint::RunCache::toolIdentity(OWNLINT_VERSION, OWNLINT_LLVM_VERSION_STRING));
    Run.Cache = Cache.get();
  }
  // --- end result cache ---
  ProgressLine Progress(!Quiet && sys::Process::StandardErrIsDisplayed(), Info.Root);
  Run.Progress = [&](const FileResult &R, size_t Done, size_t Total, unsigned Pass) {
    Progress.update(R, Done, Total, Pass);
  };

  if (Jobs.getNumOccurrences() && Jobs == 0)
    return usageError("-j: expected a number of jobs of at least 1");
  unsigned Threads =
      Jobs ? Jobs : std::max(1u, llvm::hardware_concurrency().compute_thread_count());
  // A crash in one file is reported and the others go on.
  llvm::CrashRecoveryContext::Enable();
  std::vector<FileResult> Results = analyseFiles(Selected.Files, *Database, Run, Threads);
  Progress.finish();
  if (Cache && std::getenv("OWNLINT_STATS")) {
    const ownlint::RunCache::Counts &C = Cache->Count;
    errs() << fmt::format(
        "ownlint stats: cache: {} of {} file(s) from cache; first pass {} hit(s), "
        "{} miss(es); linked pass {} hit(s), {} miss(es); {} stored\n",
        C.FromCache, Results.size(), C.FirstHits.load(), C.FirstMisses.load(), C.LinkedHits.load(),
        C.LinkedMisses.load(), Cache->entries().stats().Stored.load());
  }

  // A header's finding is seen from every file that includes it: once.
  dropRepeatedFindings(Results);
  {
    SourceLines Lines;
    assignFingerprints(Results, Info.Root, Lines);
  }
  if (BaselineOut)
    writeBaseline(Results, Info.Root, *BaselineOut);
  BaselineOutcome Baselined;
  if (Accepted)
    Baselined = applyBaseline(Results, *Accepted, Info.Root, Selected.WholeProject);
  unsigned OutsideDiff = Changed ? keepChanged(Results, *Changed) : 0;

  writeOutputs(Targets, Results, Info);
  if (FixesOut)
    emitFixesYaml(Results, *FixesOut);

  unsigned Findings = 0, Failing = 0, InputErrors = 0, ParseFailures = 0, InternalErrors = 0;
  std::map<std::string, unsigned> PerCheck;
  for (const FileResult &R : Results) {
    for (const Finding &F : R.Findings) {
      if (F.isCompilerDiagnostic())
        continue;
      ++Findings;
      ++PerCheck[F.Check];
      Failing += Policy->fails(F);
    }
    if (R.State == FileResult::Status::InputError)
      ++InputErrors;
    else if (R.State == FileResult::Status::InternalError)
      ++InternalErrors;
    else if (R.State != FileResult::Status::Analysed)
      ++ParseFailures;
    if (!R.Error.empty())
      errs() << "ownlint: error: " << R.Error << "\n";
  }

  if (Fix) {
    FixSummary Summary = applyFixes(Results);
    for (const std::string &E : Summary.Errors)
      errs() << "ownlint: error: " << E << "\n";
    if (!Quiet)
      errs() << fmt::format(
          "ownlint: applied {} fix-it edit(s){}\n", Summary.Applied,
          Summary.Skipped ? fmt::format(", skipped {} overlapping", Summary.Skipped) : "");
  }
  if (!Quiet) {
    double Seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Started).count();
    errs() << fmt::format("ownlint: {} finding(s) in {} file(s)", Findings, Results.size())
           << (ParseFailures ? fmt::format(", {} failed to compile", ParseFailures) : "")
           << (InputErrors ? fmt::format(", {} unreadable", InputErrors) : "")
           << (InternalErrors ? fmt::format(", {} internal error(s)", InternalErrors) : "")
           << (Cache && Cache->Count.FromCache
                   ? fmt::format(", {} from cache", Cache->Count.FromCache)
                   : "")
           << fmt::format(" ({:.1f} s)\n", Seconds);
    if (!PerCheck.empty()) {
      std::string Line;
      for (const auto &[Check, Count] : PerCheck)
        Line += fmt::format("{}{} {}", Line.empty() ? "" : ", ", Check, Count);
      errs() << "ownlint:   " << Line << "\n";
    }
    if (Accepted) {
      errs() << fmt::format("ownlint: baseline: {} accepted finding(s) not shown",
                            Baselined.Suppressed);
      if (!Baselined.Stale.empty())
        errs() << fmt::format("; {} entr{} no longer found (fixed? --write-baseline drops them)",
                              Baselined.Stale.size(),
                              Baselined.Stale.size() == 1 ? "y is" : "ies are");
      errs() << "\n";
      for (const BaselineEntry &E : Baselined.Stale)
        errs() << fmt::format("ownlint:   stale: {} [{}] {}\n", E.File, E.Check, E.Message);
    }
    if (Changed)
      errs() << fmt::format("ownlint: diff: {} finding(s) outside the changed lines not shown\n",
                            OutsideDiff);
    if (Findings && Failing < Findings)
      errs() << fmt::format("ownlint: {} of the finding(s) fail the run (--fail-on={})\n", Failing,
                            std::string(FailOn));
  }

  if (ParseFailures || InternalErrors)
    return ExitFileFailed;
  if (InputErrors)
    return ExitUsage;
  return Failing ? ExitFindings : ExitClean;
}
