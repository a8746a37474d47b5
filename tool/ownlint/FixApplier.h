#pragma once
// --fix: applies the findings' safe edits to the files on disk.

#include "Finding.h"

#include <string>
#include <vector>

namespace ownlint {

struct FixSummary {
  unsigned Applied = 0;
  unsigned Skipped = 0; // overlapping another applied edit
  std::vector<std::string> Errors;
};

/// Applies every finding's edits, each file at once. An identical edit proposed
/// twice is applied once; an edit overlapping an earlier one is skipped.
FixSummary applyFixes(const std::vector<FileResult> &Results);

} // namespace ownlint
