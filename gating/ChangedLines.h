#pragma once
// The lines a change adds or edits, from a unified diff (`git diff`, a
// patch on stdin), so that a pull request is gated on the findings it
// introduces only.

#include "Finding.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace ownlint {

class ChangedLines {
public:
  /// Reads the new side of \p Diff; its paths (`+++ b/src/x.cc`) are
  /// relative to \p Root.
  static llvm::Expected<ChangedLines> parse(llvm::StringRef Diff, llvm::StringRef Root);

  bool contains(llvm::StringRef File, unsigned Line) const;
  /// The finding is on a changed line, or one of its notes is (a new
  /// `delete` that frees a second time, reported at the older one).
  bool touches(const Finding &F) const;
  size_t files() const { return Lines.size(); }

private:
  llvm::StringMap<std::vector<unsigned>> Lines; // absolute path -> sorted lines
};

/// `git diff` of the working tree against the merge base of \p Ref and HEAD,
/// run in \p Directory's repository; \p Root is set to the repository's top.
llvm::Expected<std::string> gitDiffAgainst(llvm::StringRef Ref, llvm::StringRef Directory,
                                           std::string &Root);

/// Keeps only the findings that touch changed lines; returns how many went.
unsigned keepChanged(std::vector<FileResult> &Results, const ChangedLines &Changed);

} // namespace ownlint
