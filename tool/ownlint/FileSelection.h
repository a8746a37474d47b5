#pragma once
// Which files of the compilation database a run analyses: the sources named
// on the command line, every file under a named directory or matching a
// glob, or (none named) the whole database; then --files-regex and --shard.

#include "clang/Tooling/CompilationDatabase.h"
#include <string>
#include <vector>

namespace ownlint {

struct Shard {
  unsigned Index = 1; // 1-based
  unsigned Count = 1;
};

/// "K/N" with 1 <= K <= N; an error message otherwise.
std::string parseShard(llvm::StringRef Spec, Shard &Out);

struct FileSelection {
  std::vector<std::string> Files;
  bool WholeProject = false; // no source named: every file of the database
  std::string Error;         // a usage error, or ""
};

/// \p Patterns: files, directories or globs (`src/**/*.cc`, relative to the
/// current directory or absolute). Files named outright are kept even when
/// the database lacks them (the run reports that file); directories and
/// globs select from the database. The result is sorted and without
/// repeats, so that shards of the same database split it the same way.
FileSelection selectFiles(const std::vector<std::string> &Patterns,
                          const clang::tooling::CompilationDatabase &Database,
                          llvm::StringRef FilesRegex, const Shard &Part);

} // namespace ownlint
