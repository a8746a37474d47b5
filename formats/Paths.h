#pragma once
// File names as reports and selections compare them.

#include "llvm/ADT/StringRef.h"
#include <string>

namespace ownlint {

/// \p Path made absolute against the current directory, `.` and `..` removed.
std::string absolutePath(llvm::StringRef Path);

/// Is \p File \p Dir itself or inside it (whole path components only:
/// /src/ab is not under /src/a)? Both as given: no normalisation.
bool isUnder(llvm::StringRef File, llvm::StringRef Dir);

/// \p File (made absolute against the current directory) relative to \p Root
/// with '/' separators when it lies under it; otherwise \p File unchanged.
std::string relativeTo(llvm::StringRef File, llvm::StringRef Root);

} // namespace ownlint
