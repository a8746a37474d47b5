#pragma once
// Every ownlint check, listed once (see Checks.def). Front-ends read this
// registry; checks never know which front-end runs them.

#include "clang-tidy/ClangTidyModule.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace ownlint {

inline constexpr llvm::StringLiteral CheckPrefix = "ownership-";

struct CheckInfo {
  llvm::StringRef Name;    // full name, e.g. "ownership-raw-new-delete"
  llvm::StringRef Summary; // one line, lower case, no trailing period
  clang::tidy::ClangTidyCheckFactories::CheckFactory Factory;

  /// Path of the check's documentation page, relative to the project root.
  std::string docPath() const { return ("docs/checks/" + Name + ".md").str(); }
};

/// All checks, sorted by name.
llvm::ArrayRef<CheckInfo> allChecks();

/// The check with that full name, or nullptr.
const CheckInfo *findCheck(llvm::StringRef Name);

} // namespace ownlint
