#include "Aliasing.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace ownlint {

bool hasConstTwin(const CXXMethodDecl *M) {
  if (M->isConst())
    return false;
  for (const NamedDecl *ND : M->getParent()->lookup(M->getDeclName())) {
    const auto *Other = dyn_cast<CXXMethodDecl>(ND->getUnderlyingDecl());
    if (!Other || Other == M || !Other->isConst() || Other->getNumParams() != M->getNumParams())
      continue;
    bool Same = true;
    for (unsigned I = 0; I < M->getNumParams() && Same; ++I)
      Same = Other->getParamDecl(I)->getType().getCanonicalType() ==
             M->getParamDecl(I)->getType().getCanonicalType();
    if (Same)
      return true;
  }
  return false;
}

LvalueRoot rootOf(const Expr *E) {
  while (E) {
    E = E->IgnoreParens();
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E)) {
      E = ICE->getSubExpr();
      continue;
    }
    if (isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr, CXXTemporaryObjectExpr>(E))
      return {LvalueRoot::Temporary, nullptr};
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V)
        return {LvalueRoot::Reference, nullptr};
      if (V->hasLocalStorage() && !V->getType()->isReferenceType() &&
          !DRE->refersToEnclosingVariableOrCapture())
        return {LvalueRoot::LocalValue, V};
      return {LvalueRoot::Reference, V};
    }
    if (isa<CXXThisExpr>(E))
      return {LvalueRoot::This, nullptr};
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow())
        return isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())
                   ? LvalueRoot{LvalueRoot::This, nullptr}
                   : LvalueRoot{LvalueRoot::Reference, nullptr};
      E = ME->getBase();
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      if (AS->getBase()->getType()->isPointerType() &&
          !isa<ImplicitCastExpr>(AS->getBase()->IgnoreParens()))
        return {LvalueRoot::Reference, nullptr};
      E = AS->getBase();
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() == UO_Deref)
        return {LvalueRoot::Reference, nullptr};
      return {LvalueRoot::Temporary, nullptr};
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      // v[i], v.at(i) on a container: the element lives in the container.
      if (Op->getOperator() == OO_Subscript && Op->getNumArgs() >= 1 && Op->isLValue()) {
        E = Op->getArg(0);
        continue;
      }
      if (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow)
        return {LvalueRoot::Reference, nullptr}; // through an iterator or smart pointer
      return {E->isLValue() ? LvalueRoot::Call : LvalueRoot::Temporary, nullptr};
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      // Accessors returning a reference into their object: front(), at(),
      // a getter. The element lives where the object lives.
      if (MC->isLValue() && MC->getImplicitObjectArgument()) {
        const Expr *Obj = MC->getImplicitObjectArgument();
        const auto *Callee = MC->getMethodDecl();
        if (Callee && Obj->getType()->isRecordType() && !isa<CXXThisExpr>(Obj->IgnoreParenImpCasts())) {
          const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
          if (ME && ME->isArrow())
            return {LvalueRoot::Reference, nullptr};
          E = Obj;
          continue;
        }
        if (isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
          return {LvalueRoot::This, nullptr};
      }
      return {MC->isLValue() ? LvalueRoot::Call : LvalueRoot::Temporary, nullptr};
    }
    if (isa<CallExpr>(E))
      return {E->isLValue() ? LvalueRoot::Call : LvalueRoot::Temporary, nullptr};
    return {LvalueRoot::Temporary, nullptr};
  }
  return {LvalueRoot::Temporary, nullptr};
}

namespace {

bool outsideTarget(const Expr *Target) {
  LvalueRoot R = rootOf(Target);
  return R.K != LvalueRoot::LocalValue;
}

} // namespace

bool mayWriteThroughAliases(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->isAssignmentOp() && outsideTarget(BO->getLHS()))
      return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    if (UO->isIncrementDecrementOp() && outsideTarget(UO->getSubExpr()))
      return true;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    unsigned Shift = 0;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      const Expr *Obj = MC->getImplicitObjectArgument();
      if (M && !M->isConst() && !M->isStatic() && !hasConstTwin(M) && Obj &&
          (Obj->getType()->isPointerType() || outsideTarget(Obj)))
        return true;
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
      if (M) {
        Shift = 1;
        if (!M->isConst() && !hasConstTwin(M) && Op->getNumArgs() >= 1 &&
            outsideTarget(Op->getArg(0)))
          return true;
      }
    }
    if (!Callee)
      return true; // unknown code
    for (unsigned I = Shift; I < Call->getNumArgs(); ++I) {
      unsigned P = I - Shift;
      if (P >= Callee->getNumParams())
        break;
      QualType T = Callee->getParamDecl(P)->getType();
      bool Writable = (T->isReferenceType() && !T.getNonReferenceType().isConstQualified()) ||
                      (T->isPointerType() && !T->getPointeeType().isConstQualified());
      if (!Writable)
        continue;
      const Expr *Arg = Call->getArg(I)->IgnoreParenImpCasts();
      if (const auto *UO = dyn_cast<UnaryOperator>(Arg))
        if (UO->getOpcode() == UO_AddrOf)
          Arg = UO->getSubExpr();
      if (T->isPointerType() && !isa<UnaryOperator>(Call->getArg(I)->IgnoreParenImpCasts()))
        return true; // a pointer value: it may point anywhere
      if (outsideTarget(Arg))
        return true;
    }
  }
  for (const Stmt *Child : S->children())
    if (mayWriteThroughAliases(Child))
      return true;
  return false;
}

bool mayCallOut(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
    if (!M || !(M->isConst() || hasConstTwin(M)))
      return true;
  }
  for (const Stmt *Child : S->children())
    if (mayCallOut(Child))
      return true;
  return false;
}

} // namespace ownlint
