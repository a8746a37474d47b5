#include "Runner.h"
#include "CrashContext.h"
#include "Linking.h"
#include "LinkingIO.h"
#include "Paths.h"
#include "ProjectConfig.h"
#include "RunCache.h"
#include "SourceLines.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/thread.h"

#include <cstdlib>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <optional>
#include <utility>

namespace ownlint {

namespace {

// ArgumentsAdjustingCompilations wants ownership; the caller keeps it.
class BorrowedDatabase : public clang::tooling::CompilationDatabase {
public:
  explicit BorrowedDatabase(const clang::tooling::CompilationDatabase &DB) : DB(DB) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    return DB.getCompileCommands(File);
  }
  std::vector<std::string> getAllFiles() const override { return DB.getAllFiles(); }
  std::vector<clang::tooling::CompileCommand> getAllCompileCommands() const override {
    return DB.getAllCompileCommands();
  }

private:
  const clang::tooling::CompilationDatabase &DB;
};

// Matches every header: the run's default, filtered by the project root.
constexpr llvm::StringLiteral DefaultHeaderFilter = ".*";

std::string joinChecks(const std::vector<std::string> &Checks) {
  std::string Out = "-*";
  for (const std::string &C : Checks)
    Out += "," + C;
  return Out;
}

// Paths in a compilation database may be relative to its "directory".
std::string resolve(llvm::StringRef File, llvm::StringRef BuildDirectory) {
  if (File.empty() || llvm::sys::path::is_absolute(File) || BuildDirectory.empty())
    return File.str();
  llvm::SmallString<256> Path(BuildDirectory);
  llvm::sys::path::append(Path, File);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

SourcePoint pointOf(const std::string &File, unsigned Offset, SourceLines &Lines) {
  SourcePoint P;
  P.File = File;
  P.Offset = Offset;
  Lines.lineColumn(File, Offset, P.Line, P.Column);
  return P;
}

Finding toFinding(const clang::tidy::ClangTidyError &Error, SourceLines &Lines) {
  Finding F;
  F.Check = Error.DiagnosticName;
  F.Severity = Error.DiagLevel == clang::tooling::Diagnostic::Error ? Finding::Level::Error
                                                                    : Finding::Level::Warning;
  // WarningsAsErrors; a compiler warning stays one (an error means "does not compile").
  if (Error.IsWarningAsError && !F.isCompilerDiagnostic())
    F.Severity = Finding::Level::Error;
  const std::string &Dir = Error.BuildDirectory;
  F.Where = pointOf(resolve(Error.Message.FilePath, Dir), Error.Message.FileOffset, Lines);
  F.Message = Error.Message.Message;
  for (const clang::tooling::DiagnosticMessage &Note : Error.Notes)
    if (!Note.FilePath.empty()) // not clang's scratch buffer of pasted tokens
      F.Notes.push_back(
          {pointOf(resolve(Note.FilePath, Dir), Note.FileOffset, Lines), Note.Message});
  for (const auto &FileFixes : Error.Message.Fix)
    for (const clang::tooling::Replacement &R : FileFixes.second)
      F.Fixes.push_back({resolve(R.getFilePath(), Dir), R.getOffset(), R.getLength(),
                         R.getReplacementText().str()});
  return F;
}

} // namespace

std::string validateConfig(const std::string &Config) {
  if (Config.empty())
    return "";
  auto Parsed = clang::tidy::parseConfiguration(llvm::MemoryBufferRef(Config, "--config"));
  return Parsed ? "" : Parsed.getError().message();
}

namespace {
FileResult analyseFileUnsafe(const std::string &File,
                             const clang::tooling::CompilationDatabase &Database,
                             const RunOptions &Options, std::vector<std::string> *Inputs) {
  FileResult Result;
  Result.File = File;

  if (llvm::sys::fs::is_directory(File)) {
    Result.State = FileResult::Status::InputError;
    Result.Error = "'" + File + "' is a directory, not a source file";
    return Result;
  }
  if (std::error_code EC = llvm::sys::fs::access(File, llvm::sys::fs::AccessMode::Exist)) {
    Result.State = FileResult::Status::InputError;
    Result.Error = "cannot read '" + File + "': no such file";
    return Result;
  }
  {
    int FD;
    if (std::error_code EC = llvm::sys::fs::openFileForRead(File, FD)) {
      Result.State = FileResult::Status::InputError;
      Result.Error = "cannot read '" + File + "': " + EC.message();
      return Result;
    }
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }
  if (Database.getCompileCommands(File).empty()) {
    Result.State = FileResult::Status::InputError;
    Result.Error = "no compile command for '" + File + "' in the compilation database";
    return Result;
  }

  clang::tidy::ClangTidyOptions Effective = clang::tidy::ClangTidyOptions::getDefaults();
  // Unless a header filter is given (--header-filter, a config file), the
  // headers under the project root are reported: clang-tidy is asked for
  // every header and the findings are filtered here, on resolved absolute
  // paths, which a regex on clang's spelling of the path (relative include
  // directories) cannot do. Without a root, no headers, whatever the LLVM
  // version's own default (LLVM 22 reports in every header).
  Effective.HeaderFilterRegex = Options.ProjectRoot.empty() ? "" : DefaultHeaderFilter;
  bool UnderRootOnly = !Options.ProjectRoot.empty() && !Options.HeaderFilter;
  if (!Options.Config.empty())
    if (auto Parsed =
            clang::tidy::parseConfiguration(llvm::MemoryBufferRef(Options.Config, "--config"))) {
      UnderRootOnly &= !Parsed->HeaderFilterRegex;
      Effective.mergeWith(*Parsed, 1);
    }
  // The options are complete here: configuration files were read by
  // ProjectConfigs (ProjectConfig.h), so clang-tidy reads none itself and
  // nothing is applied twice.
  for (const auto &[Key, Value] : Options.CheckOptions)
    Effective.CheckOptions[Key] = clang::tidy::ClangTidyOptions::ClangTidyValue(Value, 2);
  if (!Options.WarningsAsErrors.empty())
    Effective.WarningsAsErrors = Options.WarningsAsErrors;
  Effective.Checks = joinChecks(Options.EnabledChecks);
  if (Options.HeaderFilter)
    Effective.HeaderFilterRegex = *Options.HeaderFilter;
  Effective.SystemHeaders = Options.SystemHeaders;
  // A physical file system of this run's own: clang's tool moves its working
  // directory to each compile command's directory, and the process-wide one
  // must not move (relative paths of later files, other threads).
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Physical(
      llvm::vfs::createPhysicalFileSystem().release());
  if (Inputs) // for the result cache: every file the translation unit reads
    Physical = recordReads(std::move(Physical), *Inputs);
  auto Provider = std::make_unique<clang::tidy::DefaultOptionsProvider>(
      clang::tidy::ClangTidyGlobalOptions(), std::move(Effective));
  clang::tidy::ClangTidyContext Context(std::move(Provider));

  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS(
      new llvm::vfs::OverlayFileSystem(std::move(Physical)));
  // Without carets clang does not print its "N warnings generated." tally;
  // findings are printed by our own emitters.
  clang::tooling::ArgumentsAdjustingCompilations Adjusted(
      std::make_unique<BorrowedDatabase>(Database));
  Adjusted.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", clang::tooling::ArgumentInsertPosition::END));
  std::vector<clang::tidy::ClangTidyError> Errors =
      clang::tidy::runClangTidy(Context, Adjusted, {File}, std::move(FS), /*ApplyAnyFix=*/true);

  SourceLines Lines;
  for (const clang::tidy::ClangTidyError &Error : Errors) {
    Finding F = toFinding(Error, Lines);
    if (UnderRootOnly && !F.isCompilerDiagnostic() && !isUnder(F.Where.File, Options.ProjectRoot) &&
        !llvm::sys::fs::equivalent(F.Where.File, File))
      continue;
    if (F.isCompilerDiagnostic() && F.Severity == Finding::Level::Error &&
        Result.State == FileResult::Status::Analysed) {
      Result.State = FileResult::Status::ParseError;
      Result.Error = "'" + File + "' does not compile: " + F.Message;
    }
    Result.Findings.push_back(std::move(F));
  }
  return Result;
}

} // namespace

namespace {
std::string crashReason(int RetCode) {
  // RetCode is 128 + the signal number after a signal.
  if (RetCode > 128)
    return "crashed with signal " + std::to_string(RetCode - 128) + " (" +
           strsignal(RetCode - 128) + ")";
  if (RetCode)
    return "fatal error (code " + std::to_string(RetCode) + ")";
  return "crash";
}
} // namespace

namespace {
FileResult analyseFileIn(const std::string &File,
                         const clang::tooling::CompilationDatabase &Database,
                         const RunOptions &Options, std::vector<std::string> *Inputs) {
  // A crash in one check, or in the shared analysis of one function, must not
  // cost the findings of everything else in the file: the file is analysed
  // again without what crashed, until a run completes.
  RunOptions Remaining = Options;
  CrashContext &Crash = crashContext();
  Crash.SkippedFunctions.clear();
  std::vector<std::string> Crashes;
  constexpr unsigned MaxRuns = 8;
  for (unsigned Run = 0; Run < MaxRuns; ++Run) {
    FileResult Result;
    Crash.clearActivity();
    llvm::CrashRecoveryContext Recovery;
    if (Recovery.RunSafely(
            [&] { Result = analyseFileUnsafe(File, Database, Remaining, Inputs); })) {
      if (!Crashes.empty()) {
        Result.State = FileResult::Status::InternalError;
        Result.Error = llvm::join(Crashes, "; ") +
                       "; the rest of the file was analysed; please report it with this file";
      }
      Crash.SkippedFunctions.clear();
      return Result;
    }
    std::string Reason = crashReason(Recovery.RetCode);
    std::string Where = "'" + File + "'";
    bool Retry = false, Attributed = false;
    if (Crash.InAnalysis && !Crash.Function.empty() &&
        !Crash.SkippedFunctions.count(Crash.Function)) {
      Crashes.push_back("internal error in the ownership analysis of '" + Crash.Function +
                        "' while analysing " + Where + ": " + Reason);
      Crash.SkippedFunctions.insert(Crash.Function);
      Retry = Attributed = true;
    } else if (!Crash.Check.empty()) {
      auto It =
          std::find(Remaining.EnabledChecks.begin(), Remaining.EnabledChecks.end(), Crash.Check);
      if (It != Remaining.EnabledChecks.end()) {
        Crashes.push_back("internal error in check '" + Crash.Check + "' while analysing " + Where +
                          ": " + Reason);
        Remaining.EnabledChecks.erase(It);
        Attributed = true;
        Retry = !Remaining.EnabledChecks.empty();
      }
    }
    if (!Retry) {
      // A crash in clang itself, or nothing left to leave out.
      if (!Attributed)
        Crashes.push_back("internal error while analysing " + Where + ": " + Reason);
      Result = FileResult();
      Result.File = File;
      Result.State = FileResult::Status::InternalError;
      Result.Error = llvm::join(Crashes, "; ") + "; please report it with this file";
      Crash.SkippedFunctions.clear();
      return Result;
    }
  }
  FileResult Result;
  Result.File = File;
  Result.State = FileResult::Status::InternalError;
  Result.Error = llvm::join(Crashes, "; ") + "; gave up after " + std::to_string(MaxRuns) +
                 " runs; please report it with this file";
  Crash.SkippedFunctions.clear();
  return Result;
}

// The file's own options: its configuration (ProjectConfig.h) over the
// run's. False, with the reason in \p Failed, when it cannot be read.
bool configureFor(const std::string &File, const RunOptions &Run, RunOptions &Out,
                  FileResult &Failed) {
  Out = Run;
  if (!Run.Configs)
    return true;
  Out.Configs = nullptr;
  llvm::Expected<EffectiveConfig> C = Run.Configs->forFile(File);
  if (!C) {
    Failed.File = File;
    Failed.State = FileResult::Status::InputError;
    Failed.Error = llvm::toString(C.takeError());
    return false;
  }
  Out.EnabledChecks = C->EnabledChecks;
  Out.CheckOptions = C->CheckOptions;
  Out.HeaderFilter = C->HeaderFilterRegex;
  Out.WarningsAsErrors = C->WarningsAsErrors;
  return true;
}
} // namespace

FileResult analyseFile(const std::string &File, const clang::tooling::CompilationDatabase &Database,
                       const RunOptions &Options) {
  RunOptions ForFile;
  FileResult Failed;
  if (!configureFor(File, Options, ForFile, Failed))
    return Failed;
  return analyseFileIn(File, Database, ForFile, nullptr);
}

namespace {
// Runs Work(I) for each I in Units on up to Jobs threads.
template <typename WorkFn>
void forEachUnit(const std::vector<size_t> &Units, unsigned Jobs, WorkFn Work) {
  Jobs = std::max(1u, std::min<unsigned>(Jobs, Units.size()));
  // Each file is its own clang-tidy run with its own context; threads only
  // share the work queue, and results keep the input order. Workers get a
  // large stack: deeply nested code recurses deeply in clang, and a stack
  // overflow cannot be recovered from on the stack that overflowed.
  constexpr unsigned WorkerStack = 64u << 20;
  std::atomic<size_t> Next{0};
  std::vector<llvm::thread> Workers;
  for (unsigned J = 0; J < Jobs; ++J)
    Workers.emplace_back(std::optional<unsigned>(WorkerStack), [&] {
      for (size_t N = Next++; N < Units.size(); N = Next++)
        Work(Units[N]);
    });
  for (llvm::thread &W : Workers)
    W.join();
}

// One file of the run, beyond its result.
struct Unit {
  RunOptions Options; // configured for the file
  // --- result cache (RunCache.h) ---
  std::string Key;                        // "" without a cache
  std::optional<UnitLinkage> CachedLinks; // set when the first pass came from the cache
  std::vector<std::string> Inputs;        // the files its analysis read
  bool Analysed = false;                  // in this run, either pass
};

// The first pass over one file: from the cache if it holds it, else analysed
// (recording its link summaries when Collect).
void firstPass(size_t I, const std::vector<std::string> &Files,
               const clang::tooling::CompilationDatabase &Database, const RunOptions &Options,
               bool Collect, std::vector<Unit> &Units, std::vector<FileResult> &Results) {
  Unit &U = Units[I];
  if (!configureFor(Files[I], Options, U.Options, Results[I]))
    return;
  if (RunCache *Cache = Options.Cache) {
    U.Key = Cache->unitKey(Files[I], Database, U.Options);
    if (!U.Key.empty())
      if (std::optional<CacheEntry> Hit = Cache->entries().lookup(U.Key))
        // The link summaries must be whole, or the link would differ.
        if (std::optional<UnitLinkage> Links = linkageFromText(Hit->Linkage)) {
          ++Cache->Count.FirstHits;
          Results[I] = std::move(Hit->Result);
          U.CachedLinks = std::move(Links);
          return;
        }
    ++Cache->Count.FirstMisses;
  }
  LinkBoard::setCurrentUnit(Collect ? std::optional<size_t>(I) : std::nullopt);
  Results[I] = analyseFileIn(Files[I], Database, U.Options, Options.Cache ? &U.Inputs : nullptr);
  LinkBoard::setCurrentUnit(std::nullopt);
  U.Analysed = true;
}

// The second pass over one file, with the linked summaries installed: from
// the cache if it holds a result that read the same summaries.
void linkedPass(size_t I, const std::vector<std::string> &Files,
                const clang::tooling::CompilationDatabase &Database, RunCache *Cache,
                const LinkedSummaries &Table, std::vector<Unit> &Units,
                std::vector<FileResult> &Results) {
  Unit &U = Units[I];
  std::string Key = Cache && !U.Key.empty() ? RunCache::linkedKey(U.Key) : "";
  if (!Key.empty()) {
    std::optional<CacheEntry> Hit = Cache->entries().lookup(Key);
    if (Hit && RunCache::linkedDigest(Hit->LinkedKeys, Table) == Hit->LinkedDigest) {
      ++Cache->Count.LinkedHits;
      Results[I] = std::move(Hit->Result);
      return;
    }
    ++Cache->Count.LinkedMisses;
  }
  LinkBoard::takeLookups(); // from here on: what this file reads
  std::vector<std::string> Inputs;
  Results[I] = analyseFileIn(Files[I], Database, U.Options, Cache ? &Inputs : nullptr);
  U.Analysed = true;
  if (Key.empty() || Results[I].State != FileResult::Status::Analysed)
    return;
  CacheEntry Entry;
  Entry.Result = Results[I];
  Entry.LinkedKeys = LinkBoard::takeLookups();
  Entry.LinkedDigest = RunCache::linkedDigest(Entry.LinkedKeys, Table);
  Cache->entries().store(Key, Inputs, Entry, Cache->runStart());
}

// Reports each finished file to RunOptions::Progress, one call at a time.
class Progress {
public:
  Progress(const RunOptions &Options, size_t Total, unsigned Pass)
      : Options(Options), Total(Total), Pass(Pass) {}
  void done(const FileResult &R) {
    if (!Options.Progress)
      return;
    std::lock_guard<std::mutex> Guard(Lock);
    Options.Progress(R, ++Done, Total, Pass);
  }

private:
  const RunOptions &Options;
  size_t Total, Done = 0;
  unsigned Pass;
  std::mutex Lock;
};

// After the first pass: the units' link summaries, the cached ones
// included, and the fresh results stored (only those that compiled: a
// failure is reported again on every run).
std::vector<UnitLinkage> collectLinks(bool Collect, RunCache *Cache, std::vector<Unit> &Units,
                                      const std::vector<FileResult> &Results) {
  std::vector<UnitLinkage> Links;
  if (Collect)
    Links = LinkBoard::takeUnits();
  Links.resize(Units.size());
  for (size_t I = 0; I < Units.size(); ++I) {
    Unit &U = Units[I];
    if (U.CachedLinks)
      Links[I] = std::move(*U.CachedLinks);
    else if (Cache && U.Analysed && !U.Key.empty() &&
             Results[I].State == FileResult::Status::Analysed)
      Cache->entries().store(U.Key, U.Inputs, {Results[I], linkageToText(Links[I]), {}, ""},
                             Cache->runStart());
  }
  return Links;
}
} // namespace

std::vector<FileResult> analyseFiles(const std::vector<std::string> &Files,
                                     const clang::tooling::CompilationDatabase &Database,
                                     const RunOptions &Options, unsigned Jobs) {
  std::vector<FileResult> Results(Files.size());
  std::vector<Unit> Units(Files.size());
  std::vector<size_t> All(Files.size());
  for (size_t I = 0; I < All.size(); ++I)
    All[I] = I;
  RunCache *Cache = Options.Cache;
  auto Finish = [&] {
    if (Cache)
      for (size_t I = 0; I < Units.size(); ++I)
        Cache->Count.FromCache += Units[I].CachedLinks && !Units[I].Analysed;
    return std::move(Results);
  };
  bool Linking = Options.Link && Files.size() > 1;
  // With a cache, every unit's link summaries are kept with its result, so
  // that a later run that links finds them even if this one did not.
  bool Collect = Linking || Cache;
  if (Collect)
    LinkBoard::startCollecting(Files.size());
  Progress Report(Options, All.size(), 1);
  forEachUnit(All, Jobs, [&](size_t I) {
    firstPass(I, Files, Database, Options, Collect, Units, Results);
    Report.done(Results[I]);
  });
  std::vector<UnitLinkage> Links = collectLinks(Collect, Cache, Units, Results);
  if (!Linking)
    return Finish();
  LinkResult Linked = link(Links);
  // Only files that compiled: a second run of a broken one says the same.
  std::vector<size_t> Again;
  for (size_t I : Linked.Reanalyse)
    if (Results[I].State == FileResult::Status::Analysed)
      Again.push_back(I);
  if (std::getenv("OWNLINT_STATS"))
    llvm::errs() << "ownlint stats: link: " << Linked.Summaries->size() << " summaries; "
                 << Again.size() << " of " << Files.size() << " file(s) analysed again\n";
  if (Again.empty())
    return Finish();
  LinkBoard::install(Linked.Summaries);
  Progress Relinked(Options, Again.size(), 2);
  forEachUnit(Again, Jobs, [&](size_t I) {
    linkedPass(I, Files, Database, Cache, *Linked.Summaries, Units, Results);
    Relinked.done(Results[I]);
  });
  LinkBoard::install(nullptr);
  return Finish();
}

} // namespace ownlint
