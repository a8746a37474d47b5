#include "Aliasing.h"
#include "AstWalk.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace ownlint {

bool hasConstTwin(const CXXMethodDecl *M) {
  if (M->isConst())
    return false;
  for (const NamedDecl *ND : M->getParent()->lookup(M->getDeclName())) {
    const auto *Other = dyn_cast<CXXMethodDecl>(ND->getUnderlyingDecl());
    if (Other && Other != M && Other->isConst() && sameParameterTypes(*M, *Other))
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
        if (Callee && Obj->getType()->isRecordType() &&
            !isa<CXXThisExpr>(Obj->IgnoreParenImpCasts())) {
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
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // std::move(x) / std::forward(x) name x itself.
      const FunctionDecl *F = Call->getDirectCallee();
      if (Call->getNumArgs() == 1 && (isStdFunction(F, "move") || isStdFunction(F, "forward"))) {
        E = Call->getArg(0);
        continue;
      }
      return {E->isLValue() ? LvalueRoot::Call : LvalueRoot::Temporary, nullptr};
    }
    return {LvalueRoot::Temporary, nullptr};
  }
  return {LvalueRoot::Temporary, nullptr};
}

namespace {

QualType objectType(QualType T) {
  T = T.getNonReferenceType();
  while (T->isPointerType() || T->isArrayType())
    T = T->isPointerType() ? T->getPointeeType() : QualType(T->getPointeeOrArrayElementType(), 0);
  return T.getCanonicalType().getUnqualifiedType();
}

// Can an object of type Outer contain, or point to, an object of type Inner
// (as itself, a base, a member, an element)? Strict aliasing rules out the
// rest: a write to a std::vector<std::string> cannot change a Person.
bool mayHold(QualType Outer, QualType Inner, unsigned Depth = 0) {
  Outer = objectType(Outer);
  Inner = objectType(Inner);
  if (Outer == Inner || Outer->isDependentType() || Inner->isDependentType() ||
      Outer->isVoidType() || Inner->isVoidType())
    return true;
  const CXXRecordDecl *RD = Outer->getAsCXXRecordDecl();
  if (!RD)
    return false;
  RD = RD->getDefinition();
  if (!RD || Depth > 3)
    return RD != nullptr;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (mayHold(Base.getType(), Inner, Depth + 1))
      return true;
  for (const FieldDecl *Field : RD->fields())
    if (mayHold(Field->getType(), Inner, Depth + 1))
      return true;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type && mayHold(Arg.getAsType(), Inner, Depth + 1))
        return true;
  return false;
}

struct Writes {
  QualType Source; // null: any object may be the source

  // Does a write to Target reach an object the function does not own that
  // may be (or contain, or be part of) the source? Temporaries belong to
  // their full expression.
  bool reaches(const Expr *Target) const {
    LvalueRoot R = rootOf(Target);
    if (R.K == LvalueRoot::LocalValue || R.K == LvalueRoot::Temporary)
      return false;
    return related(Target->getType());
  }
  bool related(QualType T) const {
    return Source.isNull() || mayHold(T, Source) || mayHold(Source, T);
  }

  bool any(const Stmt *S) const {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (BO->isAssignmentOp() && reaches(BO->getLHS()))
        return true;
    if (const auto *UO = dyn_cast<UnaryOperator>(S))
      if (UO->isIncrementDecrementOp() && reaches(UO->getSubExpr()))
        return true;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      unsigned Shift = 0;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
        const CXXMethodDecl *M = MC->getMethodDecl();
        const Expr *Obj = MC->getImplicitObjectArgument();
        if (M && !M->isConst() && !M->isStatic() && !hasConstTwin(M) && Obj &&
            (Obj->getType()->isPointerType() ? related(Obj->getType()) : reaches(Obj)))
          return true;
      } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
        const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
        if (M) {
          Shift = 1;
          if (!M->isConst() && !hasConstTwin(M) && Op->getNumArgs() >= 1 && reaches(Op->getArg(0)))
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
          if (UO->getOpcode() == UO_AddrOf) {
            if (reaches(UO->getSubExpr()))
              return true;
            continue;
          }
        if (T->isPointerType()) {
          if (related(T->getPointeeType()))
            return true; // a pointer value: it may point anywhere of its type
          continue;
        }
        if (reaches(Arg))
          return true;
      }
    }
    for (const Stmt *Child : S->children())
      if (any(Child))
        return true;
    return false;
  }
};

} // namespace

bool mayWriteThroughAliases(const Stmt *S, QualType Source) { return Writes{Source}.any(S); }

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
