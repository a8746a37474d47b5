// ownlint: the command-line front-end. It embeds clang-tidy's engine with
// only the ownership module registered; its own work is choosing files and
// checks, the output formats, --fix and the exit status.

#include "CheckGlobs.h"
#include "Emitters.h"
#include "FixApplier.h"
#include "ProjectConfig.h"
#include "RunCache.h"
#include "Runner.h"

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
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

#include <cstdlib>

using namespace llvm;

static clang::tidy::ClangTidyModuleRegistry::Add<ownlint::OwnershipModule>
    RegisterOwnership(ownlint::ModuleName, ownlint::ModuleDescription);

namespace {

// Documented in README.md ("Exit status").
enum ExitCode { Clean = 0, HasFindings = 1, UsageError = 2, FileFailed = 3 };

cl::OptionCategory Category("ownlint options");

cl::list<std::string> Sources(cl::Positional, cl::desc("<source>..."), cl::cat(Category));
cl::opt<std::string> BuildPath("p", cl::desc("Build directory containing compile_commands.json"),
                               cl::value_desc("build-dir"), cl::cat(Category));
cl::opt<std::string> Checks("checks",
                            cl::desc("Comma-separated globs of checks to run; '-' disables "
                                     "(default: ownership-*)"),
                            cl::init("ownership-*"), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the enabled checks and exit"),
                         cl::cat(Category));
cl::opt<std::string> Format("format", cl::desc("Output format: text (default) or json"),
                            cl::init("text"), cl::cat(Category));
cl::opt<std::string> OutputFile("o", cl::desc("Write findings to this file instead of stdout"),
                                cl::value_desc("file"), cl::cat(Category));
cl::opt<cl::boolOrDefault> UseColor("use-color",
                                    cl::desc("Colour text output (default: when stdout is "
                                             "a terminal)"),
                                    cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the safe fix-its to the files"), cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter",
                                  cl::desc("Regex of headers whose findings are shown (as "
                                           "in clang-tidy; default: none)"),
                                  cl::cat(Category));
cl::opt<bool> SystemHeaders("system-headers", cl::desc("Also report in system headers"),
                            cl::cat(Category));
cl::opt<std::string> Config("config",
                            cl::desc("Check options as YAML or JSON, as in clang-tidy, e.g. "
                                     "\"{CheckOptions: {ownership-raw-new-delete.IgnoredTypes: "
                                     "'Q.*'}}\""),
                            cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::Prefix, cl::desc("Analyse this many files at once (default: 1)"),
                       cl::value_desc("N"), cl::init(1), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Do not print the summary line"), cl::cat(Category));
cl::opt<bool> NoLink("no-link",
                     cl::desc("Analyse each file alone: do not follow ownership into functions "
                              "defined in the other files of the run"),
                     cl::cat(Category));

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
  return UsageError;
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
  auto DB = clang::tooling::CompilationDatabase::autoDetectFromSource(First, LoadError);
  if (!DB)
    Error = "no compile_commands.json found above '" + Sources.front() +
            "'; pass -p <build-dir> or compiler flags after --";
  return DB;
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "ownlint " << OWNLINT_VERSION << " (LLVM " << OWNLINT_LLVM_VERSION_STRING << ")\n";
  });

  // Everything after "--" is the compile command for every source.
  std::string FixedError;
  int ArgCount = argc;
  std::unique_ptr<clang::tooling::CompilationDatabase> Fixed =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(ArgCount, argv, FixedError);
  if (!FixedError.empty())
    return usageError(FixedError);
  std::string ParseErrors;
  raw_string_ostream ParseStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(ArgCount, argv,
                                   "ownlint: finds heap ownership bugs in C++ code\n\n"
                                   "  ownlint [options] <source>... [-- <compiler args>]\n",
                                   &ParseStream)) {
    ParseStream.flush();
    StringRef First = StringRef(ParseErrors).split('\n').first;
    First.consume_front("ownlint: ");
    return usageError(First.str() + " (see --help)");
  }

  ownlint::CheckSelection Selection = ownlint::selectChecks(Checks, knownChecks());
  if (!Selection.Error.empty())
    return usageError(Selection.Error);

  if (ListChecks) {
    outs() << "Enabled checks:\n";
    for (const std::string &Name : Selection.Enabled)
      outs() << fmt::format("    {:<34} {}\n", Name, ownlint::findCheck(Name)->Summary.str());
    return Clean;
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
    auto C = Sources.empty() ? Configs.forDirectory(For) : Configs.forFile(For);
    if (!C)
      return usageError(toString(C.takeError()));
    outs() << "# ownlint --dump-config for '" << For << "'"
           << (C->Source.empty() ? "" : ", from '" + C->Source + "'") << "\n"
           << C->toYaml();
    return Clean;
  }
  for (const std::string &Source : Sources)
    if (auto C = Configs.forFile(Source); !C)
      return usageError(toString(C.takeError()));
  // --- end configuration files ---

  if (Format != "text" && Format != "json")
    return usageError("--format: unknown format '" + Format + "' (text or json)");
  if (Sources.empty())
    return usageError("no input files (usage: ownlint [options] <source>... [-- <args>])");

  std::string DBError;
  std::unique_ptr<clang::tooling::CompilationDatabase> Database =
      loadDatabase(std::move(Fixed), DBError);
  if (!Database)
    return usageError(DBError);

  ownlint::RunOptions Run;
  Run.EnabledChecks = Selection.Enabled;
  if (HeaderFilter.getNumOccurrences())
    Run.HeaderFilter = HeaderFilter;
  Run.SystemHeaders = SystemHeaders;
  Run.Link = !NoLink;
  Run.Config = Config;
  if (std::string Error = ownlint::validateConfig(Config); !Error.empty())
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

  if (Jobs == 0)
    return usageError("-j: expected a number of jobs of at least 1");
  // A crash in one file is reported and the others go on.
  llvm::CrashRecoveryContext::Enable();
  std::vector<ownlint::FileResult> Results = ownlint::analyseFiles(Sources, *Database, Run, Jobs);
  if (Cache && std::getenv("OWNLINT_STATS")) {
    const ownlint::RunCache::Counts &C = Cache->Count;
    errs() << fmt::format(
        "ownlint stats: cache: {} of {} file(s) from cache; first pass {} hit(s), "
        "{} miss(es); linked pass {} hit(s), {} miss(es); {} stored\n",
        C.FromCache, Results.size(), C.FirstHits.load(), C.FirstMisses.load(), C.LinkedHits.load(),
        C.LinkedMisses.load(), Cache->entries().stats().Stored.load());
  }

  std::unique_ptr<raw_fd_ostream> File;
  if (!OutputFile.empty()) {
    std::error_code EC;
    File = std::make_unique<raw_fd_ostream>(OutputFile, EC);
    if (EC)
      return usageError("cannot write '" + OutputFile + "': " + EC.message());
  }
  raw_ostream &Out = File ? static_cast<raw_ostream &>(*File) : outs();
  if (Format == "json") {
    ownlint::emitJson(Results, Out);
  } else {
    ownlint::TextStyle Style;
    Style.Color = UseColor == cl::BOU_UNSET ? !File && sys::Process::StandardOutIsDisplayed()
                                            : UseColor == cl::BOU_TRUE;
    ownlint::emitText(Results, Style, Out);
  }
  Out.flush();

  unsigned Findings = 0, InputErrors = 0, ParseFailures = 0, InternalErrors = 0;
  for (const ownlint::FileResult &R : Results) {
    for (const ownlint::Finding &F : R.Findings)
      Findings += !F.isCompilerDiagnostic();
    if (R.State == ownlint::FileResult::Status::InputError)
      ++InputErrors;
    else if (R.State == ownlint::FileResult::Status::InternalError)
      ++InternalErrors;
    else if (R.State != ownlint::FileResult::Status::Analysed)
      ++ParseFailures;
    if (!R.Error.empty())
      errs() << "ownlint: error: " << R.Error << "\n";
  }

  if (Fix) {
    ownlint::FixSummary Summary = ownlint::applyFixes(Results);
    for (const std::string &E : Summary.Errors)
      errs() << "ownlint: error: " << E << "\n";
    if (!Quiet)
      errs() << fmt::format(
          "ownlint: applied {} fix-it edit(s){}\n", Summary.Applied,
          Summary.Skipped ? fmt::format(", skipped {} overlapping", Summary.Skipped) : "");
  }
  if (!Quiet)
    errs() << fmt::format("ownlint: {} finding(s) in {} file(s)", Findings, Results.size())
           << (ParseFailures ? fmt::format(", {} failed to compile", ParseFailures) : "")
           << (InputErrors ? fmt::format(", {} unreadable", InputErrors) : "")
           << (InternalErrors ? fmt::format(", {} internal error(s)", InternalErrors) : "")
           << (Cache && Cache->Count.FromCache
                   ? fmt::format(", {} from cache", Cache->Count.FromCache)
                   : "")
           << "\n";

  if (ParseFailures || InternalErrors)
    return FileFailed;
  if (InputErrors)
    return UsageError;
  return Findings ? HasFindings : Clean;
}
