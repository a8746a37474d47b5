#include "ConstUse.h"
#include "Aliasing.h"
#include "AstWalk.h"
#include "Library.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace ownlint {

VarUseIndex::VarUseIndex(std::shared_ptr<FunctionContext> Context)
    : Context(std::move(Context)), FD(this->Context->function()) {
  struct Collector : RecursiveASTVisitor<Collector> {
    VarUseIndex &Index;
    explicit Collector(VarUseIndex &Index) : Index(Index) {}
    bool shouldVisitImplicitCode() const { return true; }
    // A lambda's body is a function of its own, indexed on its own.
    bool shouldVisitLambdaBody() const { return false; }
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (V->isLocalVarDeclOrParm() && !DRE->refersToEnclosingVariableOrCapture())
          Index.Refs[V].push_back(DRE);
      return true;
    }
    bool VisitVarDecl(VarDecl *V) {
      if (V->isLocalVarDecl())
        Index.Locals.push_back(V);
      return true;
    }
    bool VisitCallExpr(CallExpr *Call) {
      const FunctionDecl *F = Call->getDirectCallee();
      if (Call->getNumArgs() == 1 && isStdFunction(F, "move"))
        Index.MoveCalls.push_back(Call);
      return true;
    }
    bool VisitLambdaExpr(LambdaExpr *L) {
      for (const LambdaCapture &Capture : L->captures())
        if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
          if (const auto *V = dyn_cast<VarDecl>(Capture.getCapturedVar()))
            Index.CapturedByRef.insert(V);
      return true;
    }
  } C(*this);
  for (const Stmt *Root : bodyAndInitialisers(FD))
    C.TraverseStmt(const_cast<Stmt *>(Root));
}

const LocalParents &VarUseIndex::parents() const { return Context->parents(); }

llvm::ArrayRef<const DeclRefExpr *> VarUseIndex::refs(const VarDecl *V) const {
  auto It = Refs.find(V);
  if (It == Refs.end())
    return {};
  return It->second;
}

VarUses VarUseIndex::uses(const VarDecl *V) const {
  VarUses U;
  if (CapturedByRef.contains(V)) {
    U.Borrowed = true;
    U.OnlyRead = false;
  }
  for (const DeclRefExpr *Ref : refs(V)) {
    ++U.Count;
    if (!isRead(Ref, U))
      U.OnlyRead = false;
  }
  return U;
}

namespace {

// Member functions of the standard containers and strings that only look at
// the object and have no non-const overload handing out write access.
bool isPureObserver(DeclarationName Name) {
  if (!Name.isIdentifier())
    return false;
  return library().ObserverMethods.contains(Name.getAsIdentifierInfo()->getName());
}

bool isConstRef(QualType T) {
  return T->isLValueReferenceType() && T.getNonReferenceType().isConstQualified();
}

} // namespace

bool VarUseIndex::isRead(const DeclRefExpr *Ref, VarUses &U, unsigned Depth) const {
  const Expr *Cur = Ref;
  while (true) {
    DynTypedNode PN = parents().parent(DynTypedNode::create(*Cur));
    if (const auto *Var = PN.get<VarDecl>()) {
      QualType T = Var->getType();
      if (!T->isReferenceType())
        return true; // a copy, or a value read from it
      U.Borrowed = true;
      if (isConstRef(T))
        return true;
      // A range-for over it (`auto &&__range = v`): the loop variable decides.
      if (Var->isImplicit() && Var->getName().starts_with("__range") && Depth < 2) {
        for (DynTypedNode Up = parents().parent(PN); !Up.getNodeKind().isNone();
             Up = parents().parent(Up))
          if (const auto *For = Up.get<CXXForRangeStmt>()) {
            const VarDecl *Loop = For->getLoopVariable();
            QualType LT = Loop->getType();
            if (!LT->isReferenceType())
              return true;
            if (isConstRef(LT))
              return true;
            for (const DeclRefExpr *Inner : refs(Loop))
              if (!isRead(Inner, U, Depth + 1))
                return false;
            return true;
          }
      }
      return false;
    }
    const Stmt *P = PN.get<Stmt>();
    if (!P)
      return true; // a constructor initialiser's value, or the top
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(P)) {
      if (ICE->getCastKind() == CK_LValueToRValue)
        return true;
      Cur = ICE;
      continue;
    }
    if (isa<ParenExpr, MaterializeTemporaryExpr, ExprWithCleanups, CXXBindTemporaryExpr>(P)) {
      Cur = cast<Expr>(P);
      continue;
    }
    if (const auto *CO = dyn_cast<ConditionalOperator>(P)) {
      if (CO->getCond() == Cur)
        return true;
      Cur = CO;
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (isa<FieldDecl>(ME->getMemberDecl())) {
        Cur = ME;
        continue;
      }
      const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      if (!M)
        return false;
      if (M->isConst() || M->isStatic())
        return true;
      if (hasConstTwin(M)) {
        const Stmt *Call = parents().parent(DynTypedNode::create(*ME)).get<Stmt>();
        if (const auto *CallE = dyn_cast_or_null<CXXMemberCallExpr>(Call)) {
          Cur = CallE;
          continue;
        }
      }
      return false;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
      if (M && Op->getNumArgs() >= 1 && Op->getArg(0) == Cur) {
        if (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator() || Op->isAssignmentOp())
          return false;
        if (M->isConst())
          return true;
        if (hasConstTwin(M)) {
          Cur = Op;
          continue;
        }
        return false;
      }
      // Fall through: an argument of the operator.
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee)
        return false;
      if (isStdFunction(Callee, "move") || isStdFunction(Callee, "forward")) {
        U.Moved = true;
        return false;
      }
      unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        if (Call->getArg(I) != Cur)
          continue;
        if (I < Shift)
          return false;
        unsigned Index = I - Shift;
        if (Index >= Callee->getNumParams())
          return true; // C variadic: passed by value
        QualType T = Callee->getParamDecl(Index)->getType();
        if (T->isReferenceType()) {
          U.Borrowed = true;
          return isConstRef(T);
        }
        if (T->isPointerType())
          return T->getPointeeType().isConstQualified();
        return true;
      }
      return false; // the callee itself (a call through a functor)
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = CE->getConstructor();
      if (!Ctor)
        return false;
      if (Ctor->isCopyConstructor()) {
        U.Copied = true;
        return true;
      }
      if (Ctor->isMoveConstructor())
        return false;
      for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I)
        if (CE->getArg(I) == Cur) {
          QualType T = Ctor->getParamDecl(I)->getType();
          if (T->isReferenceType()) {
            U.Borrowed = true;
            return isConstRef(T);
          }
          return !T->isPointerType() || T->getPointeeType().isConstQualified();
        }
      return false;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      if (UO->isIncrementDecrementOp())
        return false;
      if (UO->getOpcode() == UO_AddrOf) {
        U.Borrowed = true;
        return false;
      }
      return true;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P))
      return !(BO->isAssignmentOp() && BO->getLHS() == Cur);
    if (isa<ReturnStmt>(P)) {
      U.Moved = true;
      return false;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(P)) {
      (void)Lambda;
      U.Copied = true; // by-copy capture; by-reference ones are not in the initialisers
      return true;
    }
    if (isa<ArraySubscriptExpr>(P)) {
      Cur = cast<Expr>(P);
      continue;
    }
    // In a template, `v.size()` on a std container of dependent type: only
    // observers that no overload lets write count as reads.
    if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(P)) {
      const auto *Call = parents().parent(DynTypedNode::create(*Member)).get<CallExpr>();
      return !Member->isImplicitAccess() && Member->getBase() == Cur && Call &&
             Call->getCallee() == Member && isPureObserver(Member->getMember());
    }
    if (isa<CXXStdInitializerListExpr, InitListExpr, CXXTypeidExpr, UnaryExprOrTypeTraitExpr,
            CXXNoexceptExpr, DeclStmt, IfStmt, WhileStmt, SwitchStmt, DoStmt, ForStmt>(P))
      return true;
    return false;
  }
}

} // namespace ownlint
