#pragma once
// Knows each file's #include lines so a fix-it can add a missing standard
// header once per file, after the existing includes.

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class Preprocessor;
class SourceManager;
} // namespace clang

namespace ownlint {

class IncludeTracker {
public:
  /// Hooks the tracker to the preprocessor of the translation unit.
  void attach(clang::Preprocessor &PP);

  /// A fix-it inserting `#include <Header>` into the file of \p Loc, unless
  /// that file already includes it or a previous call already proposed it.
  std::optional<clang::FixItHint> insertion(clang::SourceLocation Loc, llvm::StringRef Header);

private:
  struct FileIncludes {
    std::vector<std::string> Names;
    clang::SourceLocation AfterLast; // the line after the leading block's last include
    unsigned ScannedTo = 0;          // offset up to which the block was read
    bool BlockEnded = false;         // code came before a later include
    llvm::StringSet<> Proposed;
  };
  friend class IncludeRecorder;
  const clang::SourceManager *SM = nullptr;
  llvm::DenseMap<clang::FileID, FileIncludes> Files;
};

} // namespace ownlint
