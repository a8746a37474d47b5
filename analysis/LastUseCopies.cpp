#include "LastUseCopies.h"
#include "AstWalk.h"
#include "Library.h"
#include "LocalParents.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace ownlint {

namespace {

// Does moving an object of this class move what is expensive in it? A
// written move constructor is trusted; an implicit or defaulted one moves
// member by member, and a member without a move constructor is copied (a
// user-declared destructor or copy constructor suppresses the implicit move).
bool movesItsParts(const CXXRecordDecl *RD, unsigned Depth = 0) {
  RD = RD ? RD->getDefinition() : nullptr;
  if (!RD || Depth > 4 || RD->isInStdNamespace())
    return true;
  bool HasMove = RD->needsImplicitMoveConstructor();
  for (const CXXConstructorDecl *Ctor : RD->ctors())
    if (Ctor->isMoveConstructor() && !Ctor->isDeleted()) {
      if (Ctor->isUserProvided())
        return true;
      HasMove = true;
    }
  if (!HasMove)
    return false;
  auto PartMoves = [&](QualType T) {
    const CXXRecordDecl *Inner = T->getAsCXXRecordDecl();
    return !Inner || !Inner->hasDefinition() || Inner->hasTrivialCopyConstructor() ||
           movesItsParts(Inner, Depth + 1);
  };
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (!PartMoves(Base.getType()))
      return false;
  for (const FieldDecl *Field : RD->fields())
    if (!PartMoves(Field->getType()))
      return false;
  return true;
}

// Can a move replace a copy of this variable? A non-const, non-reference
// local or by-value parameter of a class whose move differs from its copy.
bool movableLocal(const DeclRefExpr *Ref, const ASTContext &Ctx) {
  if (!Ref || Ref->refersToEnclosingVariableOrCapture())
    return false;
  const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
  if (!VD || !VD->hasLocalStorage() || isa<DecompositionDecl>(VD))
    return false;
  QualType T = VD->getType();
  if (T->isReferenceType() || T.isConstQualified() || T.isVolatileQualified() ||
      T->isDependentType())
    return false;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || T.isTriviallyCopyableType(Ctx))
    return false;
  return movesItsParts(RD);
}

// `F(..., const T&, ...)` has a sibling `F(..., T&&, ...)`: the standard
// containers' push_back/insert/push, and user setters written the same way.
bool hasRValueOverload(const FunctionDecl *F, unsigned Index) {
  const DeclContext *DC = F->getDeclContext();
  QualType T = valueType(F->getParamDecl(Index)->getType());
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  for (const NamedDecl *ND : DC->lookup(F->getDeclName())) {
    const auto *G = dyn_cast<FunctionDecl>(ND->getUnderlyingDecl());
    if (!G || G->getCanonicalDecl() == F->getCanonicalDecl() || G->isDeleted() ||
        !sameParameterTypes(*F, *G, Index))
      continue;
    if (const auto *GM = dyn_cast<CXXMethodDecl>(G))
      if (!Method || GM->isConst() != Method->isConst() ||
          GM->getRefQualifier() != Method->getRefQualifier())
        continue;
    QualType GT = G->getParamDecl(Index)->getType();
    if (GT->isRValueReferenceType() && valueType(GT) == T)
      return true;
  }
  return false;
}

// Parameter \p Index of \p F came from a forwarding reference `U&&` of its
// template (emplace_back, make_shared, make_pair): std::move would move.
// Only functions known to build a stored object from their arguments count:
// other forwarding functions (std::forward_as_tuple, formatting, invoke)
// need not copy at all.
bool isForwardingParam(const FunctionDecl *F, unsigned Index) {
  const FunctionTemplateDecl *Template = F->getPrimaryTemplate();
  if (!Template || !F->getIdentifier())
    return false;
  llvm::StringRef Name = F->getName();
  bool Builds = false;
  if (isa<CXXMethodDecl>(F))
    Builds = library().BuildMethods.contains(Name);
  else if (F->getDeclContext()->getRedeclContext()->isStdNamespace())
    Builds = library().BuildFunctions.contains(Name);
  if (!Builds)
    return false;
  const FunctionDecl *Pattern = Template->getTemplatedDecl();
  if (Pattern->getNumParams() == 0)
    return false;
  const ParmVarDecl *P = nullptr;
  if (Index < Pattern->getNumParams() && !Pattern->getParamDecl(Index)->isParameterPack())
    P = Pattern->getParamDecl(Index);
  else if (Pattern->getParamDecl(Pattern->getNumParams() - 1)->isParameterPack())
    P = Pattern->getParamDecl(Pattern->getNumParams() - 1);
  if (!P)
    return false;
  QualType T = P->getType();
  if (const auto *Pack = T->getAs<PackExpansionType>())
    T = Pack->getPattern();
  const auto *RRef = T->getAs<RValueReferenceType>();
  if (!RRef)
    return false;
  QualType Pointee = RRef->getPointeeType();
  return !Pointee.hasQualifiers() && Pointee->getAs<TemplateTypeParmType>();
}

// Does \p S mention \p V, other than at \p Except (and other than through a
// lambda's own copy of it)?
bool mentions(const Stmt *S, const VarDecl *V, const Expr *Except) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE != Except && DRE->getDecl() == V && !DRE->refersToEnclosingVariableOrCapture())
      return true;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    // Only the captures are evaluated here; the body runs later, on copies.
    for (const Expr *Init : Lambda->capture_inits())
      if (mentions(Init, V, Except))
        return true;
    return false;
  }
  for (const Stmt *Child : S->children())
    if (mentions(Child, V, Except))
      return true;
  return false;
}

class Finder {
public:
  Finder(FunctionContext &Context, ASTContext &Ctx)
      : FD(Context.function()), Graph(*Context.cfg()), Order(*Context.order()), Context(Context),
        Ctx(Ctx) {}
  std::vector<LastUseCopy> run();

private:
  struct Candidate {
    LastUseCopy Copy;
    const CFGBlock *Block = nullptr;
    unsigned Index = 0;
  };
  struct Event {
    unsigned Index;
    bool Kill;
  };
  void collect(const Stmt *S, const CFGBlock *Block, unsigned Index);
  void add(LastUseCopy::Kind K, const DeclRefExpr *Ref, const Expr *Site,
           const FunctionDecl *Callee, const CFGBlock *Block, unsigned Index);
  void collectAliases();
  bool isAssignTarget(const DeclRefExpr *Ref, const VarDecl *V) const;
  const Expr *fullExpression(const Expr *E) const;
  bool insideTryThatMentions(const Expr *E, const VarDecl *V) const;
  bool insideRangeForOver(const Expr *E, const VarDecl *V) const;
  const Stmt *parentStmt(const Stmt *S) const;
  std::vector<char> liveIn(const VarDecl *V);

  const FunctionDecl &FD;
  const CFG &Graph;
  const CfgOrder &Order;
  FunctionContext &Context;
  ASTContext &Ctx;
  std::vector<Candidate> Candidates;
  llvm::DenseSet<const VarDecl *> Vars;
  const LocalParents *Parents = nullptr; // the shared map, taken once there are candidates
  llvm::DenseSet<const VarDecl *> Aliased;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const CXXForRangeStmt *, 1>> RangeFors;
  // Per variable, per block: the reads and kills in element order.
  llvm::DenseMap<const VarDecl *, llvm::DenseMap<unsigned, llvm::SmallVector<Event, 2>>> Events;
};

void Finder::add(LastUseCopy::Kind K, const DeclRefExpr *Ref, const Expr *Site,
                 const FunctionDecl *Callee, const CFGBlock *Block, unsigned Index) {
  if (!movableLocal(Ref, Ctx))
    return;
  Candidate C;
  C.Copy.K = K;
  C.Copy.Ref = Ref;
  C.Copy.Var = cast<VarDecl>(Ref->getDecl());
  C.Copy.Site = Site;
  C.Copy.Callee = Callee;
  C.Block = Block;
  C.Index = Index;
  Candidates.push_back(C);
  Vars.insert(C.Copy.Var);
}

static const DeclRefExpr *refArg(const Expr *E) {
  return dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
}

void Finder::collect(const Stmt *S, const CFGBlock *Block, unsigned Index) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Ctor && Ctor->isCopyConstructor() && !Ctor->isTrivial() && CE->getNumArgs() >= 1)
      add(LastUseCopy::Construct, refArg(CE->getArg(0)), CE, nullptr, Block, Index);
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return;
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (Op && Op->getOperator() == OO_Equal) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
    if (Method && Method->isCopyAssignmentOperator() && !Method->isTrivial() &&
        Call->getNumArgs() == 2) {
      const CXXRecordDecl *RD = Method->getParent();
      if (RD->hasMoveAssignment() || RD->needsImplicitMoveAssignment())
        add(LastUseCopy::Assign, refArg(Call->getArg(1)), Call, Callee, Block, Index);
    }
    return;
  }
  unsigned Shift = Op && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = Shift; I < Call->getNumArgs(); ++I) {
    unsigned P = I - Shift;
    if (P >= Callee->getNumParams())
      break;
    const DeclRefExpr *Ref = refArg(Call->getArg(I));
    if (!Ref || !isa<VarDecl>(Ref->getDecl()))
      continue;
    QualType PT = Callee->getParamDecl(P)->getType();
    const auto *LRef = PT->getAs<LValueReferenceType>();
    if (!LRef || !LRef->getPointeeType()->getAsCXXRecordDecl())
      continue;
    if (valueType(PT) != valueType(Ref->getType()))
      continue;
    if (LRef->getPointeeType().isConstQualified()) {
      if (hasRValueOverload(Callee, P))
        add(LastUseCopy::ConstRefArg, Ref, Call, Callee, Block, Index);
    } else if (isForwardingParam(Callee, P)) {
      add(LastUseCopy::ForwardingArg, Ref, Call, Callee, Block, Index);
    }
  }
}

const Stmt *Finder::parentStmt(const Stmt *S) const {
  DynTypedNode P = Parents->parent(DynTypedNode::create(*S));
  if (const auto *PS = P.get<Stmt>())
    return PS;
  if (const auto *VD = P.get<VarDecl>())
    return Parents->parent(DynTypedNode::create(*VD)).get<Stmt>();
  return nullptr;
}

// Aliases that outlive an expression: &x, references and pointers bound to
// x or into it (x.data(), x.begin(), x[i]), by-reference captures, and
// objects constructed with a reference to x.
void Finder::collectAliases() {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    Finder &F;
    explicit Visitor(Finder &F) : F(F) {}
    bool shouldVisitLambdaBody() const { return false; }
    bool VisitLambdaExpr(LambdaExpr *L) {
      for (const LambdaCapture &C : L->captures())
        if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
          if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar()))
            F.Aliased.insert(V);
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (V && F.Vars.contains(V) && !DRE->refersToEnclosingVariableOrCapture())
        check(DRE, V);
      return true;
    }
    static bool handleType(QualType T) {
      if (T->isReferenceType() || T->isPointerType())
        return true;
      const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
      return RD && RD->hasDefinition() && RD->hasTrivialDestructor();
    }
    void check(const DeclRefExpr *DRE, const VarDecl *V) {
      const Expr *Cur = DRE;
      bool Derived = false;
      DynTypedNode P;
      while (true) {
        P = F.Parents->parent(DynTypedNode::create(*Cur));
        const Stmt *PS = P.get<Stmt>();
        if (!PS)
          break;
        if (isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                ExprWithCleanups, MemberExpr, ArraySubscriptExpr>(PS)) {
          if (const auto *ICE = dyn_cast<ImplicitCastExpr>(PS))
            if (ICE->getCastKind() == CK_LValueToRValue)
              break;
          if (isa<MemberExpr, ArraySubscriptExpr>(PS))
            Derived = true;
          Cur = cast<Expr>(PS);
          continue;
        }
        if (const auto *UO = dyn_cast<UnaryOperator>(PS)) {
          if (UO->getOpcode() == UO_AddrOf) {
            F.Aliased.insert(V);
            return;
          }
          if (UO->getOpcode() == UO_Deref) {
            Cur = UO;
            Derived = true;
            continue;
          }
          break;
        }
        if (const auto *Call = dyn_cast<CallExpr>(PS)) {
          // A call handed x (as object or by reference) that returns a
          // pointer, reference or iterator-like handle may point into x.
          bool Callee = Call->getCallee()->IgnoreParenImpCasts() == Cur;
          if ((!Callee || isa<CXXMemberCallExpr>(Call)) && handleType(Call->getType()) &&
              !Call->getType()->isVoidType()) {
            Cur = Call;
            Derived = true;
            continue;
          }
          break;
        }
        if (const auto *CE = dyn_cast<CXXConstructExpr>(PS)) {
          const CXXConstructorDecl *Ctor = CE->getConstructor();
          if (Ctor && !Ctor->isCopyOrMoveConstructor()) {
            // An object built with a reference or pointer to x may keep it.
            for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I)
              if (CE->getArg(I) == Cur && (Ctor->getParamDecl(I)->getType()->isReferenceType() ||
                                           Ctor->getParamDecl(I)->getType()->isPointerType())) {
                F.Aliased.insert(V);
                return;
              }
          }
          break;
        }
        break;
      }
      if (const auto *Var = P.get<VarDecl>()) {
        if (Var->isImplicit() && Var->getName().starts_with("__range"))
          return; // a range-for over x: see insideRangeForOver
        if (Var->getType()->isReferenceType() || (Derived && handleType(Var->getType())))
          F.Aliased.insert(V);
        return;
      }
      if (!Derived)
        return;
      if (const auto *BO = P.get<BinaryOperator>())
        if (BO->isAssignmentOp() && BO->getRHS() == Cur)
          F.Aliased.insert(V);
      if (const auto *Op = P.get<CXXOperatorCallExpr>())
        if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && Op->getArg(1) == Cur)
          F.Aliased.insert(V);
    }
    bool VisitCXXForRangeStmt(CXXForRangeStmt *For) {
      if (const auto *Ref = refArg(For->getRangeInit()))
        if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
          F.RangeFors[V].push_back(For);
      return true;
    }
  } Visit(*this);
  for (const Stmt *Root : bodyAndInitialisers(FD))
    Visit.TraverseStmt(const_cast<Stmt *>(Root));
}

bool Finder::isAssignTarget(const DeclRefExpr *Ref, const VarDecl *V) const {
  const Stmt *Cur = Ref;
  const Stmt *P = parentStmt(Cur);
  while (P && isa<ParenExpr, ImplicitCastExpr>(P)) {
    Cur = P;
    P = parentStmt(P);
  }
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    return BO->getOpcode() == BO_Assign && BO->getLHS() == Cur &&
           !mentions(BO->getRHS(), V, nullptr);
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P))
    return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 && Op->getArg(0) == Cur &&
           !mentions(Op->getArg(1), V, nullptr);
  return false;
}

// The outermost expression around \p E: arguments of one call are
// unsequenced, so any other mention of the variable there rules a move out.
const Expr *Finder::fullExpression(const Expr *E) const {
  const Expr *Top = E;
  for (const Stmt *P = parentStmt(E); P; P = parentStmt(P)) {
    const auto *PE = dyn_cast<Expr>(P);
    if (!PE)
      break;
    Top = PE;
  }
  return Top;
}

bool Finder::insideTryThatMentions(const Expr *E, const VarDecl *V) const {
  const Stmt *Prev = E;
  for (const Stmt *P = parentStmt(E); P; Prev = P, P = parentStmt(P))
    if (const auto *Try = dyn_cast<CXXTryStmt>(P))
      if (Try->getTryBlock() == Prev)
        for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
          if (mentions(Try->getHandler(I), V, nullptr))
            return true;
  return false;
}

bool Finder::insideRangeForOver(const Expr *E, const VarDecl *V) const {
  auto It = RangeFors.find(V);
  if (It == RangeFors.end())
    return false;
  for (const Stmt *P = parentStmt(E); P; P = parentStmt(P))
    for (const CXXForRangeStmt *For : It->second)
      if (P == For)
        return true;
  return false;
}

// Blocks from whose start some path reads V before V is reassigned or dies
// (all of them when the solver runs out of budget: then no copy is the last
// use).
std::vector<char> Finder::liveIn(const VarDecl *V) {
  std::vector<char> Live(Graph.getNumBlockIDs(), 0);
  const auto &PerBlock = Events[V];
  auto Transfer = [&](const CFGBlock &B, char LiveAtEnd) -> char {
    auto It = PerBlock.find(B.getBlockID());
    if (It != PerBlock.end() && !It->second.empty())
      return !It->second.front().Kill;
    return LiveAtEnd;
  };
  auto Join = [](char &Into, char From) {
    if (!From || Into)
      return false;
    Into = 1;
    return true;
  };
  if (solveBackward(Graph, Order, Live, Transfer, Join,
                    64 * size_t(Graph.getNumBlockIDs()) + 4096) != SolveResult::Converged)
    Live.assign(Live.size(), 1);
  return Live;
}

std::vector<LastUseCopy> Finder::run() {
  for (const CFGBlock *B : Graph)
    for (unsigned I = 0; I < B->size(); ++I)
      if (std::optional<CFGStmt> S = (*B)[I].getAs<CFGStmt>())
        collect(S->getStmt(), B, I);
  if (Candidates.empty())
    return {};

  Parents = &Context.parents();
  collectAliases();
  // Lambda captures: the copy's parent is the lambda.
  for (Candidate &C : Candidates)
    if (C.Copy.K == LastUseCopy::Construct)
      if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(parentStmt(C.Copy.Site))) {
        C.Copy.K = LastUseCopy::Capture;
        C.Copy.Site = Lambda;
        for (const LambdaCapture &Capture : Lambda->explicit_captures())
          if (Capture.capturesVariable() && Capture.getCapturedVar() == C.Copy.Var &&
              !Lambda->isInitCapture(&Capture))
            C.Copy.ExplicitCapture = true;
      }

  for (const CFGBlock *B : Graph)
    for (unsigned I = 0; I < B->size(); ++I) {
      const CFGElement &E = (*B)[I];
      const VarDecl *V = nullptr;
      bool Kill = false;
      if (std::optional<CFGLifetimeEnds> End = E.getAs<CFGLifetimeEnds>()) {
        V = End->getVarDecl();
        Kill = true;
      } else if (std::optional<CFGStmt> S = E.getAs<CFGStmt>()) {
        if (const auto *DRE = dyn_cast<DeclRefExpr>(S->getStmt())) {
          V = dyn_cast<VarDecl>(DRE->getDecl());
          if (!V || DRE->refersToEnclosingVariableOrCapture() || !Vars.contains(V))
            continue;
          Kill = isAssignTarget(DRE, V);
        } else if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt())) {
          if (DS->isSingleDecl())
            V = dyn_cast<VarDecl>(DS->getSingleDecl());
          Kill = true;
        }
      }
      if (V && Vars.contains(V))
        Events[V][B->getBlockID()].push_back({I, Kill});
    }

  std::vector<LastUseCopy> Result;
  llvm::DenseMap<const VarDecl *, std::vector<char>> Live;
  for (const Candidate &C : Candidates) {
    const VarDecl *V = C.Copy.Var;
    if (Aliased.contains(V) || mentions(fullExpression(C.Copy.Ref), V, C.Copy.Ref) ||
        insideTryThatMentions(C.Copy.Ref, V) || insideRangeForOver(C.Copy.Ref, V))
      continue;
    // The rest of the copy's block, then what follows it.
    const CFGBlock *B = C.Block;
    if (!Order.reachable(*B)) // code that never runs moves nothing
      continue;
    bool Decided = false, Read = false;
    auto It = Events[V].find(B->getBlockID());
    if (It != Events[V].end())
      for (const Event &Ev : It->second)
        if (Ev.Index > C.Index) {
          Decided = true;
          Read = !Ev.Kill;
          break;
        }
    if (!Decided) {
      auto L = Live.find(V);
      if (L == Live.end())
        L = Live.insert({V, liveIn(V)}).first;
      for (const CFGBlock *Succ : B->succs())
        if (Succ && L->second[Succ->getBlockID()])
          Read = true;
    }
    if (!Read)
      Result.push_back(C.Copy);
  }
  return Result;
}

} // namespace

std::vector<LastUseCopy> findCopiesAtLastUse(FunctionContext &Context, ASTContext &Ctx) {
  const FunctionDecl &FD = Context.function();
  if (!FD.getBody() || isa<CoroutineBodyStmt>(FD.getBody()) || !Context.cfg())
    return {};
  return Finder(Context, Ctx).run();
}

} // namespace ownlint
