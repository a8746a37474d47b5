#include "LocalParents.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace ownlint {

LocalParents::LocalParents(const FunctionDecl &FD)
    : Function(&FD), Map(const_cast<Stmt *>(FD.getBody())) {
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getInit()) {
        // Implicit initialisers run too (the CFG has them); only the written
        // ones are a place in the source a check may point at.
        Map.addStmt(Init->getInit());
        if (Init->isWritten())
          Tops[Init->getInit()] = DynTypedNode::create(*Init);
      }
}

LocalParents::LocalParents(const FieldDecl &Field) : Map(Field.getInClassInitializer()) {
  Tops[Field.getInClassInitializer()] = DynTypedNode::create(Field);
}

DynTypedNode LocalParents::parent(const DynTypedNode &Node) const {
  if (const auto *S = Node.get<Stmt>()) {
    const Stmt *P = Map.getParent(S);
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() == S)
            return DynTypedNode::create(*VD);
      return DynTypedNode::create(*DS);
    }
    if (P)
      return DynTypedNode::create(*P);
    auto It = Tops.find(S);
    if (It != Tops.end())
      return It->second;
    if (Function && S == Function->getBody())
      return DynTypedNode::create(*Function);
    return DynTypedNode();
  }
  if (const auto *VD = Node.get<VarDecl>()) {
    // The DeclStmt declaring a local variable: the parent of its initialiser.
    if (const Expr *Init = VD->getInit())
      if (const auto *DS = dyn_cast_or_null<DeclStmt>(Map.getParent(Init)))
        return DynTypedNode::create(*DS);
    return DynTypedNode();
  }
  if (Node.get<CXXCtorInitializer>() && Function)
    return DynTypedNode::create(*Function);
  return DynTypedNode();
}

} // namespace ownlint
