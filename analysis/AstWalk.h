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

/// Is \p FD the standard library's function \p Name (std::move, std::swap)?
bool isStdFunction(const clang::FunctionDecl *FD, llvm::StringRef Name);

/// \p T without reference, cv-qualifiers and sugar: the type of the object.
clang::QualType valueType(clang::QualType T);

/// The function's body and, for a constructor, its written member
/// initialisers: every statement tree the function evaluates.
llvm::SmallVector<const clang::Stmt *, 4> bodyAndInitialisers(const clang::FunctionDecl &FD);

/// Do \p A and \p B take the same parameter types, except at \p Except?
bool sameParameterTypes(const clang::FunctionDecl &A, const clang::FunctionDecl &B,
                        int Except = -1);

/// Can an lvalue of type \p T be copied: a scalar, or a class whose copy
/// constructors are neither deleted nor private (move-only types cannot)?
/// With \p Trivially, the copy must also be trivial: a plain memcpy.
bool isCopyable(clang::QualType T, bool Trivially = false);

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
/// Does \p New make a heap object that `delete` frees: the global allocator
/// or a class's own `operator new(size_t)` (not placement or arena forms)?
bool isHeapNew(const clang::CXXNewExpr &New);

} // namespace ownlint
