#pragma once
// Parents within one function body (or one in-class member initialiser),
// answered from a clang::ParentMap of that body. ASTContext::getParents would
// first map every node of the translation unit, headers included: the largest
// single cost of a check that asks for a parent.

#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseMap.h"

namespace clang {
class CXXCtorInitializer;
class FieldDecl;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace ownlint {

class LocalParents {
public:
  /// The body of \p FD, and its constructor initialisers if it has any.
  explicit LocalParents(const clang::FunctionDecl &FD);
  /// The in-class initialiser of \p Field.
  explicit LocalParents(const clang::FieldDecl &Field);

  /// The parent of \p Node: a statement, the variable whose initialiser it
  /// is, the constructor initialiser or field it initialises, or the
  /// function itself above the body. Empty above that.
  clang::DynTypedNode parent(const clang::DynTypedNode &Node) const;

  /// The statement-level map underneath (parents within the body only).
  const clang::ParentMap &statementMap() const { return Map; }

  /// The function whose body this is (null for a field initialiser).
  const clang::FunctionDecl *function() const { return Function; }

private:
  const clang::FunctionDecl *Function = nullptr;
  clang::ParentMap Map;
  llvm::DenseMap<const clang::Stmt *, clang::DynTypedNode> Tops;
};

} // namespace ownlint
