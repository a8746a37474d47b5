#pragma once
// Copies of a local variable at its last use: after the copy, no path reads
// the variable again before it is reassigned or dies, so a move would do.
// Part of the per-function analysis (it walks the same CFG); the checks
// decide which types are worth a finding.

#include "FunctionContext.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include <vector>

namespace ownlint {

struct LastUseCopy {
  enum Kind : uint8_t {
    Construct,     // copy-constructed: a variable, a by-value argument, a return
    Assign,        // copy-assigned: y = x
    ConstRefArg,   // bound to `const T&` of a function that has a `T&&` overload
    ForwardingArg, // bound to a forwarding reference (emplace_back, make_shared)
    Capture,       // captured by copy in a lambda
  } K = Construct;
  const clang::DeclRefExpr *Ref = nullptr; // the variable at the copy
  const clang::VarDecl *Var = nullptr;
  const clang::Expr *Site = nullptr;           // the construction, call or lambda
  const clang::FunctionDecl *Callee = nullptr; // for arguments
  bool ExplicitCapture = false;                // [x], not [=]
};

/// Reads \p Context's CFG, order and (when there are candidates) parent map.
std::vector<LastUseCopy> findCopiesAtLastUse(FunctionContext &Context, clang::ASTContext &Ctx);

} // namespace ownlint
