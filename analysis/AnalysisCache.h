#pragma once
// One ownership analysis per function, shared by every flow check in a
// translation unit: enabling five checks costs one analysis, not five.

#include "ConstUse.h"
#include "Lowering.h"
#include "OwnershipAnalysis.h"

#include "llvm/ADT/DenseMap.h"
#include <memory>

namespace ownlint {

/// A name for \p FD that is stable across runs of the same file: the
/// qualified name and where it is declared.
std::string functionKey(const clang::FunctionDecl &FD);

class AnalysisCache {
public:
  /// The cache for the translation unit of \p Ctx; a new translation unit
  /// starts a new cache.
  static AnalysisCache &forContext(clang::ASTContext &Ctx);
  /// Drops this thread's cache: a new translation unit starts. Every key here
  /// is an AST pointer, and the next AST may reuse the last one's addresses
  /// (even the ASTContext's own), so nothing may survive the switch.
  static void startTranslationUnit();
  /// The translation unit's analyses are done: when the front-end links
  /// files (Linking.h), records the summaries of the functions it defines
  /// and its calls of other files' functions. Once per translation unit.
  static void endTranslationUnit();
  /// The project's knowledge (the checks' options) for the caches this
  /// thread makes from now on.
  static void setKnowledge(const Knowledge &K);

  /// \p FindCopies: also find copies at a last use (only the copy checks
  /// read them, and they cost a walk of their own).
  const FunctionAnalysis &get(const clang::FunctionDecl &FD, bool FindCopies);
  /// How \p FD uses its variables. Only the latest function's index is
  /// kept: the checks ask about one function after another.
  const VarUseIndex &uses(const clang::FunctionDecl &FD);
  /// \p FD's CFG and parent map, shared with its analyses. Hold the pointer
  /// while using them.
  std::shared_ptr<FunctionContext> context(const clang::FunctionDecl &FD) {
    return Sums.contexts().get(FD);
  }

private:
  static std::unique_ptr<AnalysisCache> &current();
  AnalysisCache(clang::ASTContext &Ctx, const Knowledge &K) : Ctx(Ctx), Sums(Ctx, K) {}
  static Knowledge &pendingKnowledge();
  clang::ASTContext &Ctx;
  Summaries Sums;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionAnalysis>> Results;
  bool Exported = false;
  std::unique_ptr<VarUseIndex> Uses;
};

} // namespace ownlint
