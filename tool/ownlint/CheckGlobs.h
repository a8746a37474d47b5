#pragma once
// The --checks option: clang-tidy's comma-separated globs, validated against
// the registry so that a typo is an error instead of a silent no-op.

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace ownlint {

struct CheckSelection {
  std::vector<std::string> Enabled; // full names, sorted
  std::string Error;                // non-empty: the reason the globs are invalid
};

/// Resolves \p Globs (e.g. "ownership-*,-ownership-leak") against \p Known.
CheckSelection selectChecks(llvm::StringRef Globs, const std::vector<std::string> &Known);

} // namespace ownlint
