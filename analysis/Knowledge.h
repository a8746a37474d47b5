#pragma once
// What a project teaches the analysis on top of Allocators.def: its own
// allocators, deallocators, borrowers and reference-counting release methods,
// from the checks' options (docs/checks/README.md, "Project knowledge").

#include "Facts.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>

namespace ownlint {

struct Knowledge {
  llvm::StringMap<AllocKind> Allocators;                        // returns a new object
  llvm::StringMap<std::pair<AllocKind, unsigned>> Deallocators; // frees argument N
  llvm::StringSet<> Borrowers;      // reads pointer arguments, keeps none
  llvm::StringSet<> ReleaseMethods; // `p->Name()` may delete *p

  /// Parses the option values: `;`-separated entries,
  ///   Allocators     "name[=new|new[]|malloc]"      (default malloc)
  ///   Deallocators   "name[=new|new[]|malloc][:N]"  (default malloc, argument 0)
  ///   Borrowers, ReleaseMethods  "name"
  /// Names are plain (`pool_free`) or qualified (`mylib::pool_free`). On a bad
  /// entry, sets \p Error to what is wrong and skips it.
  static Knowledge parse(llvm::StringRef Allocators, llvm::StringRef Deallocators,
                         llvm::StringRef Borrowers, llvm::StringRef ReleaseMethods,
                         std::string &Error);
  bool empty() const {
    return Allocators.empty() && Deallocators.empty() && Borrowers.empty() &&
           ReleaseMethods.empty();
  }
};

} // namespace ownlint
