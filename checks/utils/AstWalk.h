#pragma once
// Small questions about where a node sits in the AST.

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace ownlint {

/// The first parent of \p Node, or an empty node.
clang::DynTypedNode parentOf(const clang::DynTypedNode &Node, clang::ASTContext &Ctx);

/// The function (or lambda call operator) whose body contains \p S, or null
/// for code outside any function (global initialisers, default member
/// initialisers).
const clang::FunctionDecl *enclosingFunction(const clang::Stmt &S, clang::ASTContext &Ctx);

/// \p E without parentheses, implicit casts and temporary-binding wrappers.
const clang::Expr *ignoreWrappers(const clang::Expr *E);

/// The variable \p E names directly, if any.
const clang::VarDecl *referencedVar(const clang::Expr *E);

/// The field `this->F` (or `F` inside a member function) \p E names, if any.
const clang::FieldDecl *referencedThisField(const clang::Expr *E);

/// A global `operator new` / `operator new[]` (nothrow and aligned forms
/// included): the ones that hand out memory for `delete` to free.
bool isGlobalAllocationFunction(const clang::FunctionDecl *OperatorNew);

} // namespace ownlint
