#pragma once
// What every analysis of one function body shares: its CFG and its parent
// map. The ownership analysis, the callee summaries, the copy search, the
// variable-use index and raw-new-delete all read one function's body; each
// building its own graph and map cost up to three CFGs and four parent maps
// per function.

#include "LocalParents.h"
#include "Solver.h"

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include <deque>
#include <memory>

namespace ownlint {

/// The CFG options every ownership analysis uses (lifetime ends, initialisers,
/// trivially false edges pruned).
clang::CFG::BuildOptions ownershipCFGOptions();

class FunctionContext {
public:
  FunctionContext(const clang::FunctionDecl &FD, clang::ASTContext &Ctx) : FD(FD), Ctx(Ctx) {}
  const clang::FunctionDecl &function() const { return FD; }
  /// Null when clang cannot build one (the function is then not analysed).
  const clang::CFG *cfg();
  /// The CFG's reverse post-order; null without a CFG.
  const CfgOrder *order();
  const LocalParents &parents();

private:
  const clang::FunctionDecl &FD;
  clang::ASTContext &Ctx;
  bool CfgBuilt = false;
  std::unique_ptr<clang::CFG> Graph;
  std::unique_ptr<CfgOrder> Order;
  std::unique_ptr<LocalParents> Parents;
};

/// The contexts of one translation unit's functions. Kept for the most
/// recently made ones only: a function's callees are summarised while it
/// is analysed and its own analysis usually comes soon before or after, so a
/// short history catches the reuse without holding every CFG of a large
/// translation unit. Handed out shared, so that an eviction while a context is
/// in use (a callee summary asking for its own) cannot free it.
class FunctionContexts {
public:
  explicit FunctionContexts(clang::ASTContext &Ctx, unsigned Capacity = 256)
      : Ctx(Ctx), Capacity(Capacity) {}
  /// \p FD must have a body.
  std::shared_ptr<FunctionContext> get(const clang::FunctionDecl &FD);
  /// How many CFGs and parent maps were built (OWNLINT_STATS).
  static unsigned long long cfgsBuilt();
  static unsigned long long contextsMade();

private:
  clang::ASTContext &Ctx;
  unsigned Capacity;
  llvm::DenseMap<const clang::FunctionDecl *, std::shared_ptr<FunctionContext>> Live;
  std::deque<const clang::FunctionDecl *> Order; // oldest first
};

} // namespace ownlint
