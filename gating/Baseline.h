#pragma once
// A baseline: the findings a team has accepted, so that only new ones fail a
// build. Entries are keyed by fingerprint (Fingerprint.h), never by line
// number; the file is JSON, sorted, so that it diffs well under review.

#include "Finding.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace ownlint {

struct BaselineEntry {
  std::string Fingerprint;
  std::string Check;
  std::string File; // relative to the project root when under it
  std::string Message;
};

struct Baseline {
  std::vector<BaselineEntry> Entries;
};

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);

/// Every finding of \p Results (fingerprints assigned), as a baseline file.
void writeBaseline(const std::vector<FileResult> &Results, llvm::StringRef Root,
                   llvm::raw_ostream &OS);

struct BaselineOutcome {
  unsigned Suppressed = 0;
  /// Entries no finding of the run matched, in files the run analysed: the
  /// finding was fixed (or its line edited), and the entry can go.
  std::vector<BaselineEntry> Stale;
};

/// Removes from \p Results the findings the baseline accepts. Stale entries
/// are only looked for in the files the run analysed, or everywhere when
/// \p WholeProject.
BaselineOutcome applyBaseline(std::vector<FileResult> &Results, const Baseline &B,
                              llvm::StringRef Root, bool WholeProject);

} // namespace ownlint
