#pragma once
// Small questions about where a node sits in the AST.

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace ownlint {

/// Is \p D a template instantiation or inside one (a member of a class
/// template specialization, a lambda in an instantiated function)? Walks
/// declaration contexts: unlike the isInstantiated() matcher, it needs no
/// parent map of the whole translation unit.
bool isInInstantiation(const clang::Decl *D);

/// \p E without parentheses, implicit casts and temporary-binding wrappers.
const clang::Expr *ignoreWrappers(const clang::Expr *E);

/// The variable \p E names directly, if any.
const clang::VarDecl *referencedVar(const clang::Expr *E);

/// The field `this->F` (or `F` inside a member function) \p E names, if any.
const clang::FieldDecl *referencedThisField(const clang::Expr *E);

/// A global `operator new` / `operator new[]` (nothrow and aligned forms
/// included): the ones that hand out memory for `delete` to free.
bool isGlobalAllocationFunction(const clang::FunctionDecl *OperatorNew);

/// Does \p New take memory from the global heap, for `delete` to return?
/// Not placement new, nor a class-specific operator new. In a template, an
/// unresolved allocator counts as global unless placement arguments are given.
bool isGlobalHeapNew(const clang::CXXNewExpr &New);

} // namespace ownlint
