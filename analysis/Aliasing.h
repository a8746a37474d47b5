#pragma once
// Where an lvalue lives, and whether code may change objects behind a
// reference: what decides if a copy can become a `const &` borrow safely.

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

namespace ownlint {

struct LvalueRoot {
  enum Kind : uint8_t {
    LocalValue, // inside a local variable or by-value parameter the function owns
    Reference,  // behind a reference or pointer variable (or a global)
    This,       // inside *this
    Call,       // a reference returned by a call
    Temporary,  // a temporary: a reference to it would dangle
  } K = Temporary;
  const clang::VarDecl *Var = nullptr; // for LocalValue and Reference
};

/// A non-const member function with a const twin of the same parameters:
/// v[i], v.at(i), v.front(), m.find(k), v.begin(). Calling it reads the
/// object; only writing through its result changes anything.
bool hasConstTwin(const clang::CXXMethodDecl *M);

/// The object \p E (an lvalue) is part of: `v[i].name` is in local `v`,
/// `p->name` behind pointer `p`, `name_` in `*this`.
LvalueRoot rootOf(const clang::Expr *E);

/// May \p S change an object that is not a local value of the function: an
/// assignment, increment, non-const member call or non-const reference or
/// pointer argument whose target is behind a reference, in *this, global, or
/// returned by a call? With \p Source, only writes to objects whose type may
/// be, contain or be contained in \p Source count (strict aliasing). Lambda
/// bodies are not looked into.
bool mayWriteThroughAliases(const clang::Stmt *S, clang::QualType Source = clang::QualType());

/// Does \p S call anything but a const member function (or a non-const one
/// with a const twin)? Any other call may change global state.
bool mayCallOut(const clang::Stmt *S);

} // namespace ownlint
