#pragma once
// Runs the registered checks over files through clang-tidy's own engine, so
// NOLINT comments, .clang-tidy CheckOptions and the header filter behave
// exactly as they do in the plugin.

#include "Finding.h"

#include "clang/Tooling/CompilationDatabase.h"
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ownlint {

class ProjectConfigs;
class RunCache;

struct RunOptions {
  std::vector<std::string> EnabledChecks;
  std::optional<std::string> HeaderFilter;
  /// Absolute. With no header filter given, findings in headers under it are
  /// reported, others not; empty: no headers.
  std::string ProjectRoot;
  bool SystemHeaders = false;
  std::string Config; // --config: clang-tidy options as YAML/JSON, may be empty
  /// Link the files of the run (Linking.h): a function's summary reaches the
  /// callers in other files. Off: each file alone.
  bool Link = true;
  /// Called after each file, from the worker that analysed it, one call at
  /// a time. Pass 2 is the linked re-analysis of some files.
  std::function<void(const FileResult &Result, size_t Done, size_t Total, unsigned Pass)> Progress;
  // --- configuration and cache (docs/configuration.md, docs/cache.md) ---
  std::map<std::string, std::string> CheckOptions; // "check.Option" or a global option
  std::string WarningsAsErrors;                    // globs of checks whose findings are errors
  /// When set, each file's checks, options, header filter and warnings as
  /// errors come from its configuration (ProjectConfig.h), replacing the
  /// fields above; clang-tidy itself then reads no .clang-tidy file.
  ProjectConfigs *Configs = nullptr;
  /// When set, results are looked up there before a file is analysed, and
  /// stored after (RunCache.h).
  RunCache *Cache = nullptr;
  // --- end configuration and cache ---
};

/// Checks a --config text; returns the parse error, or "" when it is valid.
std::string validateConfig(const std::string &Config);

/// Analyses one file. Never throws; failures are reported in the result,
/// including a crash inside clang or a check, which is recovered from
/// (FileResult::Status::InternalError).
FileResult analyseFile(const std::string &File, const clang::tooling::CompilationDatabase &Database,
                       const RunOptions &Options);

/// Analyses \p Files with up to \p Jobs threads; results in input order.
/// With Options.Link and several files, the files are linked: after the
/// first pass, the files whose analysis the other files' summaries change
/// are analysed again with them, and those results replace the first.
std::vector<FileResult> analyseFiles(const std::vector<std::string> &Files,
                                     const clang::tooling::CompilationDatabase &Database,
                                     const RunOptions &Options, unsigned Jobs);

} // namespace ownlint
