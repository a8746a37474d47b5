#pragma once
// How a function uses its local variables and parameters: is each use a read
// (const member calls, const references, copies), a write, a move, a return?
// Built once per function body and shared by the copy checks.

#include "FunctionContext.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <vector>

namespace ownlint {

struct VarUses {
  bool OnlyRead = true;  // no use may change the variable (nor moves or returns it)
  bool Copied = false;   // a copy is made of it (copy construction or assignment)
  bool Moved = false;    // std::move'd, or returned by value
  bool Borrowed = false; // bound to a reference or pointer, or captured by reference
  unsigned Count = 0;    // number of mentions
};

class VarUseIndex {
public:
  /// Its parent map is \p Context's, shared with the function's other analyses.
  explicit VarUseIndex(std::shared_ptr<FunctionContext> Context);

  /// Every mention of \p V in the body (not a lambda's own copy of it).
  llvm::ArrayRef<const clang::DeclRefExpr *> refs(const clang::VarDecl *V) const;
  VarUses uses(const clang::VarDecl *V) const;
  /// Is the use \p Ref of \p V a read only? Also records what it is in \p U.
  bool isRead(const clang::DeclRefExpr *Ref, VarUses &U, unsigned Depth = 0) const;
  /// Built on first use: most functions never need a parent.
  const LocalParents &parents() const;
  /// Local variables declared in the body, in order.
  llvm::ArrayRef<const clang::VarDecl *> locals() const { return Locals; }
  /// std::move(x) calls in the body.
  llvm::ArrayRef<const clang::CallExpr *> moveCalls() const { return MoveCalls; }
  const clang::FunctionDecl &function() const { return FD; }

private:
  std::shared_ptr<FunctionContext> Context;
  const clang::FunctionDecl &FD;
  llvm::DenseMap<const clang::VarDecl *, llvm::SmallVector<const clang::DeclRefExpr *, 4>> Refs;
  llvm::DenseSet<const clang::VarDecl *> CapturedByRef;
  std::vector<const clang::VarDecl *> Locals;
  std::vector<const clang::CallExpr *> MoveCalls;
};

} // namespace ownlint
