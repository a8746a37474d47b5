#include "Lowering.h"

#include "AnalysisCache.h"
#include "CrashContext.h"
#include "Library.h"
#include "Linking.h"
#include "Solver.h"

#include "AstWalk.h"
#include "OwnerTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"
#include <utility>

using namespace clang;

namespace ownlint {

namespace {

enum class KnownFunction { None, Allocator, Deallocator, Borrower };

struct KnownFunctionInfo {
  KnownFunction Role = KnownFunction::None;
  AllocKind Kind = AllocKind::Malloc;
  unsigned Arg = 0;
};

KnownFunctionInfo knownFunction(const FunctionDecl *FD, const Knowledge *Know) {
  KnownFunctionInfo Info;
  if (!FD || !FD->getIdentifier())
    return Info;
  // The project's own entries first: by plain or qualified name.
  if (Know && !Know->empty()) {
    std::string Qualified = FD->getQualifiedNameAsString();
    for (llvm::StringRef N : {FD->getName(), llvm::StringRef(Qualified)}) {
      if (auto It = Know->Allocators.find(N); It != Know->Allocators.end())
        return {KnownFunction::Allocator, It->second, 0};
      if (auto It = Know->Deallocators.find(N); It != Know->Deallocators.end())
        return {KnownFunction::Deallocator, It->second.first, It->second.second};
      if (Know->Borrowers.contains(N))
        return {KnownFunction::Borrower, AllocKind::External, 0};
    }
  }
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  if (!DC->isTranslationUnit() && !DC->isStdNamespace() && !FD->isExternC())
    return Info;
  llvm::StringRef Name = FD->getName();
#define OWNLINT_ALLOCATOR(N, K)                                                                    \
  if (Name == N)                                                                                   \
    return {KnownFunction::Allocator, AllocKind::K, 0};
#define OWNLINT_DEALLOCATOR(N, K, A)                                                               \
  if (Name == N)                                                                                   \
    return {KnownFunction::Deallocator, AllocKind::K, A};
#define OWNLINT_BORROWER(N)                                                                        \
  if (Name == N)                                                                                   \
    return {KnownFunction::Borrower, AllocKind::External, 0};
#include "Allocators.def"
  return Info;
}

bool isReleaseMethodName(llvm::StringRef Name, const Knowledge *Know) {
  if (Know && Know->ReleaseMethods.contains(Name))
    return true;
#define OWNLINT_RELEASE_METHOD(N)                                                                  \
  if (Name == N)                                                                                   \
    return true;
#include "Allocators.def"
  return false;
}

// The callee name of a call whose callee could not be resolved (templates).
llvm::StringRef unresolvedCalleeName(const CallExpr &Call) {
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  if (const auto *ULE = dyn_cast<UnresolvedLookupExpr>(Callee))
    return ULE->getName().getAsIdentifierInfo() ? ULE->getName().getAsIdentifierInfo()->getName()
                                                : "";
  return "";
}

// ignoreWrappers(), and explicit pointer casts: they keep pointing at the same
// object.
const Expr *strip(const Expr *E) {
  while (E) {
    E = ignoreWrappers(E);
    const auto *Cast = dyn_cast_or_null<ExplicitCastExpr>(E);
    if (!Cast || !(Cast->getType()->isPointerType() || Cast->getType()->isDependentType()))
      return E;
    E = Cast->getSubExpr();
  }
  return E;
}

bool isPointer(QualType T) {
  T = T.getNonReferenceType();
  return T->isPointerType() && !T->isFunctionPointerType();
}

bool isMovableType(QualType T, const ASTContext &Ctx) {
  T = T.getNonReferenceType();
  if (T.isConstQualified())
    return false;
  if (T->isDependentType())
    return !T->isPointerType() && !T->isBuiltinType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  return !T.isTriviallyCopyableType(Ctx);
}

const std::vector<std::string> &defaultOwners() {
  static const std::vector<std::string> Owners = splitList(DefaultOwnerTypes);
  return Owners;
}

// Owners that keep their own count or none: adopting a raw pointer twice
// frees it twice. Intrusive or unknown smart pointers may adopt it again.
// A project's own smart pointer that derives from one (`struct Ptr :
// std::unique_ptr<T> { using unique_ptr::unique_ptr; }`) owns like its base:
// the type itself if it is a smart pointer, else its first such base.
QualType smartPointerType(QualType T) {
  const std::vector<std::string> &Owners = defaultOwners();
  T = T.getNonReferenceType();
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    if (isSmartPointerLike(T, Owners))
      return T;
    const auto *RD = T->getAsCXXRecordDecl();
    if (!RD || !(RD = RD->getDefinition()) || RD->getNumBases() == 0)
      return QualType();
    T = RD->bases_begin()->getType();
  }
  return QualType();
}

bool isStrictOwner(QualType T) {
  static const std::vector<std::string> Strict = splitList(
      "std::unique_ptr;std::shared_ptr;std::auto_ptr;boost::scoped_ptr;boost::scoped_array;"
      "boost::shared_ptr;boost::shared_array;QScopedPointer;QSharedPointer");
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD))
    return nameInList(qualifiedName(*Spec->getSpecializedTemplate()), Strict);
  return false;
}

// A smart pointer's deallocation: delete[] for unique_ptr<T[]>, delete else.
AllocKind smartDeallocKind(QualType T, bool &HasCustomDeleter) {
  HasCustomDeleter = false;
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!Spec)
    return AllocKind::New;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() >= 2 && Args[1].getKind() == TemplateArgument::Type) {
    const auto *Deleter = Args[1].getAsType()->getAsCXXRecordDecl();
    if (!Deleter || Deleter->getName() != "default_delete")
      HasCustomDeleter = true;
  }
  if (Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type &&
      Args[0].getAsType()->isArrayType())
    return AllocKind::NewArray;
  return AllocKind::New;
}

// Gives the object a known value again: marked [[clang::reinitializes]], or a
// non-const method named like the standard ones that do (a const `clear()`
// changes nothing of the object).
bool isReinitMethod(const CXXMethodDecl *M) {
  if (!M)
    return false;
  if (M->hasAttr<ReinitializesAttr>())
    return true;
  return !M->isConst() && M->getIdentifier() && library().ReinitMethods.contains(M->getName());
}

// Does every function an unresolved call's name finds take argument \p Index
// by value or by rvalue reference? False when there is none to look at.
bool unresolvedCandidatesMove(const Expr *Call, unsigned Index) {
  const auto *CE = dyn_cast<CallExpr>(Call);
  const auto *Lookup =
      CE ? dyn_cast<OverloadExpr>(CE->getCallee()->IgnoreParenImpCasts()) : nullptr;
  if (!Lookup || Lookup->getNumDecls() == 0)
    return false;
  for (const NamedDecl *D : Lookup->decls()) {
    D = D->getUnderlyingDecl();
    const FunctionDecl *F = D->getAsFunction();
    if (!F || Index >= F->getNumParams())
      return false;
    QualType P = F->getParamDecl(Index)->getType();
    if (P->isLValueReferenceType() || P->isPointerType())
      return false;
  }
  return true;
}

// The object a dependent variable's initialiser moves from: `std::move(x)`
// as the whole initialiser, in parentheses or braces.
const Expr *dependentMoveInit(const VarDecl &VD) {
  if (VD.getType()->isReferenceType() || !VD.getType()->isDependentType() || !VD.getInit())
    return nullptr;
  const Expr *Init = VD.getInit()->IgnoreParenImpCasts();
  if (const auto *List = dyn_cast<ParenListExpr>(Init))
    Init = List->getNumExprs() == 1 ? List->getExpr(0)->IgnoreParenImpCasts() : nullptr;
  else if (const auto *Braces = dyn_cast<InitListExpr>(Init))
    Init = Braces->getNumInits() == 1 ? Braces->getInit(0)->IgnoreParenImpCasts() : nullptr;
  const auto *Call = dyn_cast_or_null<CallExpr>(Init);
  return Call && isMoveCast(*Call) ? Call->getArg(0) : nullptr;
}

// `Base(std::move(derived))` or `Base::operator=(std::move(derived))` moves
// the base part only: the derived members stay (the usual way to write a
// derived class's move constructor or assignment).
bool movesOnlyABase(QualType ParamType, QualType Moved) {
  if (ParamType.isNull() || Moved.isNull())
    return false;
  const auto *To = ParamType.getNonReferenceType()->getAsCXXRecordDecl();
  const auto *From = Moved.getNonReferenceType()->getAsCXXRecordDecl();
  if (!To || !From || !From->hasDefinition() || To->getCanonicalDecl() == From->getCanonicalDecl())
    return false;
  return From->isDerivedFrom(To);
}

// A variable of the function's own frame: not a parameter, a static or an
// `extern` declared in the body.
bool isAutomaticLocal(const VarDecl &VD) { return VD.hasLocalStorage() && !isa<ParmVarDecl>(VD); }

// Conditional movers: they move only when they insert.
bool isConditionalMover(const FunctionDecl *FD) {
  return FD && FD->getIdentifier() && library().ConditionalMovers.contains(FD->getName());
}

// The two shapes most facts have: about a place, or about a pointer value.
// An integer local (or by-value parameter) whose value the analysis may know.
bool isIntPlace(Place P) {
  const auto *VD = dyn_cast_or_null<VarDecl>(P);
  return VD && !VD->getType()->isReferenceType() && (VD->getType()->isIntegralOrEnumerationType());
}

std::optional<int64_t> constantOf(const Expr *E, const ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx) || !R.Val.isInt() || R.Val.getInt().getSignificantBits() > 63)
    return std::nullopt;
  return R.Val.getInt().getSExtValue();
}

// A global (or static) scalar whose tests the analysis correlates.
bool isWatchedGlobal(const VarDecl *VD) {
  return VD && VD->hasGlobalStorage() && !VD->getType()->isReferenceType() &&
         !VD->getType().isVolatileQualified() && VD->getType()->isScalarType();
}

// The global that \p E names, if watched.
const VarDecl *watchedGlobal(const Expr *E) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (isWatchedGlobal(VD))
        return VD;
  return nullptr;
}

Fact intFact(Place P, std::optional<int64_t> Value, const Stmt *Site) {
  Fact F{Fact::IntSet};
  F.Target = P;
  F.Site = Site;
  F.IntKnown = Value.has_value();
  F.Int = Value.value_or(0);
  return F;
}

Fact placeFact(Fact::Kind K, Place P, const Stmt *Site) {
  Fact F(K);
  F.Target = P;
  F.Site = Site;
  return F;
}

Fact valueFact(Fact::Kind K, const PtrValue &V, const Stmt *Site) {
  Fact F(K);
  F.Value = V;
  F.Site = Site;
  return F;
}

} // namespace

bool isMoveCast(const CallExpr &Call) {
  if (Call.getNumArgs() != 1)
    return false;
  const FunctionDecl *FD = Call.getDirectCallee();
  if (FD)
    return isStdFunction(FD, "move") || isStdFunction(FD, "forward") ||
           isStdFunction(FD, "move_if_noexcept");
  llvm::StringRef Name = unresolvedCalleeName(Call);
  return Name == "move" || Name == "forward";
}

std::string allocKindName(AllocKind K) {
  switch (K) {
  case AllocKind::New:
    return "new";
  case AllocKind::NewArray:
    return "new[]";
  case AllocKind::Malloc:
    return "malloc()";
  case AllocKind::External:
    return "an unknown allocator";
  }
  return "?";
}

std::string deallocatorName(AllocKind K) {
  switch (K) {
  case AllocKind::New:
    return "delete";
  case AllocKind::NewArray:
    return "delete[]";
  case AllocKind::Malloc:
    return "free()";
  case AllocKind::External:
    return "its deallocator";
  }
  return "?";
}

// ---------------------------------------------------------------------------

Lowering::Lowering(FunctionContext &Context, ASTContext &Ctx, Summaries *Sums)
    : FD(Context.function()), Body(*FD.getBody()), Ctx(Ctx), Sums(Sums),
      Know(Sums ? &Sums->knowledge() : nullptr), Parents(Context.parents().statementMap()) {
  collectUntracked();
}

// Places whose value may change or be read behind the analysis' back are not
// followed: address taken (other than as a call argument), bound to a
// non-const reference, or captured by reference.
void Lowering::collectUntracked() {
  struct Collector : RecursiveASTVisitor<Collector> {
    Lowering &L;
    explicit Collector(Lowering &L) : L(L) {}
    bool VisitUnaryOperator(UnaryOperator *UO) {
      if (UO->getOpcode() != UO_AddrOf)
        return true;
      Place P = L.placeOf(UO->getSubExpr());
      if (!P)
        return true;
      const Stmt *Parent = L.Parents.getParentIgnoreParenImpCasts(UO);
      if (!Parent || !isa<CallExpr>(Parent))
        L.Untracked.insert(P);
      return true;
    }
    bool VisitVarDecl(VarDecl *VD) {
      // A local reference to a local is resolved to it at every use.
      if (L.aliasOf(VD))
        return true;
      if (VD->getType()->isReferenceType() &&
          !VD->getType().getNonReferenceType().isConstQualified())
        if (const Expr *Init = VD->getInit())
          if (Place P = L.placeOf(Init))
            L.Untracked.insert(P);
      return true;
    }
    bool VisitLambdaExpr(LambdaExpr *Lambda) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef) {
          L.Untracked.insert(Capture.getCapturedVar());
          if (const auto *Ref = dyn_cast<VarDecl>(Capture.getCapturedVar()))
            if (const VarDecl *Target = L.aliasOf(Ref))
              L.Untracked.insert(Target);
        }
      return true;
    }
  } C(*this);
  C.TraverseStmt(const_cast<Stmt *>(&Body));
}

const Stmt *Lowering::parent(const Stmt *S) const { return Parents.getParent(S); }

// Walks up from E past casts and parentheses; returns the last expression
// passed and sets Parent to the first node above it that does something.
const Expr *Lowering::skipUpwards(const Expr *E, const Stmt *&Parent) const {
  Parent = parent(E);
  while (Parent) {
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Parent)) {
      CastKind K = ICE->getCastKind();
      if (K == CK_PointerToBoolean || K == CK_UserDefinedConversion)
        break;
    } else if (!isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups>(
                   Parent)) {
      if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Parent)) {
        if (!(Cast->getType()->isPointerType() || Cast->getType()->isDependentType()))
          break;
      } else {
        break;
      }
    }
    E = cast<Expr>(Parent);
    Parent = parent(E);
  }
  return E;
}

bool Lowering::isOwnMoveOperation(Place P) const {
  // `Derived(Derived &&o) : Base(std::move(o))`: moving the base part of the
  // parameter is how a derived class writes its move; elsewhere a derived
  // object handed to a base parameter is moved from (and sliced).
  const auto *Method = dyn_cast<CXXMethodDecl>(&FD);
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(P);
  if (!Method || !Param || Method->getNumParams() != 1 || Method->getParamDecl(0) != Param)
    return false;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Method))
    return Ctor->isMoveConstructor();
  return Method->isMoveAssignmentOperator();
}

bool Lowering::isAssignedTo(const Expr *E) const {
  const Stmt *P = nullptr;
  const Expr *Top = skipUpwards(E, P);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    return BO->getOpcode() == BO_Assign &&
           BO->getLHS()->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P))
    return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
           Op->getArg(0)->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts();
  return false;
}

Place Lowering::placeOf(const Expr *E) const {
  E = strip(E);
  if (!E)
    return nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || VD->hasGlobalStorage() || DRE->refersToEnclosingVariableOrCapture())
      return nullptr;
    if (VD->getType()->isReferenceType() && !isa<ParmVarDecl>(VD)) {
      const VarDecl *Target = aliasOf(VD);
      return Target && !Untracked.contains(Target) ? Target : nullptr;
    }
    return Untracked.contains(VD) ? nullptr : VD;
  }
  if (const FieldDecl *Field = referencedThisField(E))
    return Untracked.contains(Field) ? nullptr : Field;
  return nullptr;
}

const VarDecl *Lowering::aliasOf(const VarDecl *Ref) const {
  if (!Ref || !Ref->getType()->isReferenceType() || !isAutomaticLocal(*Ref) || !Ref->getInit())
    return nullptr;
  // Bound straight to an lvalue variable, adding at most const: no
  // temporary, no conversion that would make it name something else.
  const Expr *Init = Ref->getInit()->IgnoreParens();
  while (const auto *Cast = dyn_cast<ImplicitCastExpr>(Init)) {
    if (Cast->getCastKind() != CK_NoOp)
      return nullptr;
    Init = Cast->getSubExpr()->IgnoreParens();
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(Init);
  const auto *Target = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!Target || !DRE->isLValue() || DRE->refersToEnclosingVariableOrCapture() ||
      !Target->hasLocalStorage())
    return nullptr;
  if (Target->getType()->isReferenceType())
    return isa<ParmVarDecl>(Target) ? Target : aliasOf(Target);
  return Target;
}

bool Lowering::isPointerPlace(Place P) const { return P && isPointer(P->getType()); }

bool Lowering::isMovablePlace(Place P) const { return P && isMovableType(P->getType(), Ctx); }

bool Lowering::isSmartPointerPlace(Place P) const {
  return P && !smartPointerType(P->getType()).isNull();
}

bool Lowering::isEmptyWhenMoved(Place P) const {
  if (isSmartPointerPlace(P))
    return true;
  const auto *RD = P ? P->getType().getNonReferenceType()->getAsCXXRecordDecl() : nullptr;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  return Spec && qualifiedName(*Spec->getSpecializedTemplate()) == "std::weak_ptr";
}

unsigned Lowering::nullKey(Place P) {
  auto It = NullKeys.find(P);
  if (It != NullKeys.end())
    return It->second;
  unsigned Key = NextKey++;
  NullKeys[P] = Key;
  return Key;
}

bool Lowering::isSelfDeleting(const CXXRecordDecl *RD) {
  return ownlint::isSelfDeleting(RD, SelfDeleting);
}

PtrValue Lowering::resolvePointer(const Expr *E) {
  PtrValue V;
  E = strip(E);
  if (!E)
    return V;
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull) {
    V.K = PtrValue::Null;
    return V;
  }
  // &p[i], &*p, p + n: pointers into the same object.
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
    const Expr *Sub = UO->getSubExpr()->IgnoreParens();
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Sub))
      return resolvePointer(AS->getBase());
    if (const auto *Deref = dyn_cast<UnaryOperator>(Sub); Deref && Deref->getOpcode() == UO_Deref)
      return resolvePointer(Deref->getSubExpr());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isAdditiveOp()) {
    if (isPointer(BO->getLHS()->getType()))
      return resolvePointer(BO->getLHS());
    if (isPointer(BO->getRHS()->getType()))
      return resolvePointer(BO->getRHS());
  }
  if (Place P = placeOf(E)) {
    if (isPointerPlace(P)) {
      V.K = PtrValue::FromPlace;
      V.P = P;
    }
    return V;
  }
  if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    if (!isHeapNew(*New))
      return V;
    V.K = PtrValue::Alloc;
    V.Site = New;
    V.Kind = New->isArray() ? AllocKind::NewArray : AllocKind::New;
    // Objects that delete themselves own themselves: not the function's to free.
    V.SelfOwned = !New->isArray() && isSelfDeleting(New->getAllocatedType()->getAsCXXRecordDecl());
    return V;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    KnownFunctionInfo Info = knownFunction(Call->getDirectCallee(), Know);
    if (Info.Role == KnownFunction::Allocator) {
      V.K = PtrValue::Alloc;
      V.Site = Call;
      V.Kind = Info.Kind;
      return V;
    }
    // A factory defined in this file: the caller owns what it returns.
    if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && userSummaryAllowed(Callee))
      if (const FunctionSummary *S = Sums ? Sums->summary(Callee) : nullptr)
        if (S->ReturnsAllocation) {
          V.K = PtrValue::Alloc;
          V.Site = Call;
          V.Kind = S->ReturnedKind;
          return V;
        }
    if (const auto *MCall = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *M = MCall->getMethodDecl();
      Place Obj = placeOf(MCall->getImplicitObjectArgument());
      if (M && M->getIdentifier() && M->getName() == "get" && Obj && isSmartPointerPlace(Obj)) {
        V.K = PtrValue::SmartGet;
        V.P = Obj;
      }
    }
  }
  return V;
}

// Library code is judged by its contract, not its implementation; move
// constructors and assignments move by definition; a virtual call may land in
// an override.
bool Lowering::userSummaryAllowed(const FunctionDecl *Callee) const {
  if (const auto *M = dyn_cast<CXXMethodDecl>(Callee))
    if ((M->isVirtual() && M != ExactCallee) || M->isMoveAssignmentOperator())
      return false;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Callee))
    if (Ctor->isMoveConstructor())
      return false;
  const FunctionDecl *Definition = nullptr;
  if (!Callee->hasBody(Definition))
    return Sums && Sums->summary(Callee); // a linked one, from another file of the run
  return !Ctx.getSourceManager().isInSystemHeader(Definition->getLocation());
}

void Lowering::noteExternalCall(const Expr *Call, const FunctionDecl *Callee,
                                llvm::ArrayRef<const Expr *> Args) {
  const std::string &Key = Sums->externalKey(Callee);
  if (Key.empty())
    return;
  ExternalCallRecord Record;
  Record.Callee = Key;
  // A returned pointer matters where a local keeps it, or where it is
  // dropped; returned on or stored, it is not this function's to free.
  if (isPointer(Callee->getReturnType())) {
    const Stmt *Parent = nullptr;
    const Expr *Top = skipUpwards(cast<Expr>(Call), Parent);
    auto IsLocal = [&](Place P) {
      const auto *VD = dyn_cast_or_null<VarDecl>(P);
      return VD && isAutomaticLocal(*VD);
    };
    if (!Parent || isa<CompoundStmt>(Parent))
      Record.ResultUsed = true;
    else if (const auto *DS = dyn_cast<DeclStmt>(Parent))
      Record.ResultUsed = DS->isSingleDecl() && IsLocal(dyn_cast<VarDecl>(DS->getSingleDecl()));
    else if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
      Record.ResultUsed =
          BO->getOpcode() == BO_Assign && BO->getRHS() == Top && IsLocal(placeOf(BO->getLHS()));
  }
  for (unsigned I = 0; I < Args.size() && I < 64; ++I) {
    PtrValue V = resolvePointer(Args[I]);
    if (V.K == PtrValue::Alloc) {
      Record.TrackedArgs |= uint64_t(1) << I;
      Record.LocalArgs |= uint64_t(1) << I;
    } else if (V.K == PtrValue::FromPlace && isTracked(V.P)) {
      Record.TrackedArgs |= uint64_t(1) << I;
      if (const auto *VD = dyn_cast<VarDecl>(V.P); VD && !isa<ParmVarDecl>(VD) && allocatesHere())
        Record.LocalArgs |= uint64_t(1) << I;
    }
  }
  if (Record.TrackedArgs || Record.ResultUsed)
    Sums->noteExternalCall(std::move(Record));
}

bool Lowering::allocatesHere() {
  if (!AllocatesHere) {
    struct Finder : RecursiveASTVisitor<Finder> {
      const Knowledge *Know;
      bool Found = false;
      bool VisitCXXNewExpr(CXXNewExpr *) {
        Found = true;
        return false;
      }
      bool VisitCallExpr(CallExpr *Call) {
        if (knownFunction(Call->getDirectCallee(), Know).Role == KnownFunction::Allocator)
          Found = true;
        return !Found;
      }
    } F;
    F.Know = Know;
    F.TraverseStmt(const_cast<Stmt *>(&Body));
    AllocatesHere = F.Found;
  }
  return *AllocatesHere;
}

std::optional<ParamSummary> Lowering::summaryFor(const FunctionDecl *Callee, unsigned Arg) {
  if (!Sums || !Callee || !userSummaryAllowed(Callee))
    return std::nullopt;
  return Sums->get(Callee, Arg);
}

void Lowering::lower(const CFGElement &Element, std::vector<Fact> &Out) {
  if (auto S = Element.getAs<CFGStmt>()) {
    lowerStmt(S->getStmt(), Out);
  } else if (auto Init = Element.getAs<CFGInitializer>()) {
    const CXXCtorInitializer *I = Init->getInitializer();
    if (FieldDecl *Field = I->getMember()) {
      if (isPointer(Field->getType())) {
        Fact F{Fact::Assign};
        F.Target = Field;
        F.Value = resolvePointer(I->getInit());
        F.Site = I->getInit();
        Out.push_back(F);
      } else if (isMovableType(Field->getType(), Ctx)) {
        Out.push_back(placeFact(Fact::Reinit, Field, I->getInit()));
      }
    }
  } else if (auto End = Element.getAs<CFGLifetimeEnds>()) {
    const VarDecl *VD = End->getVarDecl();
    if (VD && !Untracked.contains(VD) && (isPointerPlace(VD) || isMovablePlace(VD))) {
      Out.push_back(placeFact(Fact::LifetimeEnd, VD, End->getTriggerStmt()));
    }
  }
}

Place Lowering::constructedPlace(const Expr *E) const {
  const Stmt *P = nullptr;
  skipUpwards(E, P);
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
    if (DS->isSingleDecl())
      if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
        if (!VD->hasGlobalStorage() && !Untracked.contains(VD))
          return VD;
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P))
    if (Op->getOperator() == OO_Equal)
      return placeOf(Op->getArg(0));
  return nullptr;
}

void Lowering::lowerConstruct(const CXXConstructExpr *CE, std::vector<Fact> &Out) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  // A smart pointer adopting a raw pointer.
  QualType Smart = smartPointerType(CE->getType());
  if (CE->getNumArgs() >= 1 && !Smart.isNull() && Ctor && !Ctor->isCopyOrMoveConstructor()) {
    PtrValue V = resolvePointer(CE->getArg(0));
    if (V.valid() && V.K != PtrValue::Null) {
      bool CustomDeleter = false;
      Fact F{isStrictOwner(Smart) ? Fact::TakeOwnership : Fact::Escape};
      F.Dealloc = smartDeallocKind(Smart, CustomDeleter);
      if (CustomDeleter || CE->getNumArgs() > 1)
        F.Dealloc = AllocKind::External;
      F.Value = V;
      F.Target = constructedPlace(CE);
      F.Site = CE;
      Out.push_back(F);
      return;
    }
  }
  llvm::SmallVector<const Expr *, 4> Args(CE->arguments());
  lowerCall(CE, Ctor, Args, Out);
}

void Lowering::lowerStmt(const Stmt *S, std::vector<Fact> &Out) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || VD->hasGlobalStorage() || Untracked.contains(VD) || aliasOf(VD))
        continue;
      if (isPointerPlace(VD)) {
        Fact F{Fact::Assign};
        F.Target = VD;
        F.Value = VD->getInit() ? resolvePointer(VD->getInit()) : PtrValue();
        F.Site = DS;
        Out.push_back(F);
      } else if (isMovablePlace(VD)) {
        // In a template, `T a = std::move(t)` (or `T a(std::move(t))`) has no
        // constructor call yet; it move-constructs all the same.
        if (const Expr *From = dependentMoveInit(*VD))
          if (Place Moved = placeOf(From))
            if (isMovablePlace(Moved)) {
              Fact F{Fact::Move};
              F.Target = Moved;
              F.Site = VD->getInit();
              Out.push_back(F);
            }
        Out.push_back(placeFact(Fact::Reinit, VD, DS));
      } else if (isIntPlace(VD)) {
        Out.push_back(intFact(VD, constantOf(VD->getInit(), Ctx), DS));
      } else {
        // A new variable each time round a loop: what was known of the last
        // one no longer holds.
        Out.push_back(placeFact(Fact::Changed, VD, DS));
      }
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (!BO->isAssignmentOp())
      return;
    if (const VarDecl *G = watchedGlobal(BO->getLHS()))
      Out.push_back(placeFact(Fact::Changed, G, BO));
    Place LHS = placeOf(BO->getLHS());
    if (LHS && isPointerPlace(LHS)) {
      Fact F{BO->getOpcode() == BO_Assign ? Fact::Assign : Fact::Invalidate};
      F.Target = LHS;
      if (BO->getOpcode() == BO_Assign)
        F.Value = resolvePointer(BO->getRHS());
      F.Site = BO;
      Out.push_back(F);
      // A `T *&` parameter is the caller's pointer: what it receives is handed
      // to the caller, like a store through a `T **` out-parameter.
      if (isa<ParmVarDecl>(LHS) && LHS->getType()->isReferenceType() && F.Value.valid() &&
          F.Value.K != PtrValue::Null) {
        PtrValue Held;
        Held.K = PtrValue::FromPlace;
        Held.P = LHS;
        Out.push_back(valueFact(Fact::Escape, Held, BO));
      }
    } else if (LHS && isMovablePlace(LHS)) {
      Out.push_back(placeFact(Fact::Reinit, LHS, BO));
    } else if (LHS && isIntPlace(LHS)) {
      std::optional<int64_t> RHS = constantOf(BO->getRHS(), Ctx);
      if (BO->getOpcode() == BO_Assign) {
        Out.push_back(intFact(LHS, RHS, BO));
      } else if (RHS && (BO->getOpcode() == BO_AddAssign || BO->getOpcode() == BO_SubAssign)) {
        Fact F = intFact(LHS, std::nullopt, BO);
        F.K = Fact::IntAdd;
        F.Int = BO->getOpcode() == BO_AddAssign ? *RHS : -*RHS;
        Out.push_back(F);
      } else {
        Out.push_back(intFact(LHS, std::nullopt, BO));
      }
    } else if (LHS) {
      Out.push_back(placeFact(Fact::Changed, LHS, BO));
    } else if (!LHS && BO->getOpcode() == BO_Assign) {
      // Stored somewhere the analysis does not follow.
      PtrValue V = resolvePointer(BO->getRHS());
      if (V.valid() && V.K != PtrValue::Null) {
        Out.push_back(valueFact(Fact::Escape, V, BO));
      }
    }
    return;
  }
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S)) {
    PtrValue V = resolvePointer(Delete->getArgument());
    if (V.valid()) {
      Fact F{Fact::Free};
      F.Value = V;
      F.Dealloc = Delete->isArrayForm() ? AllocKind::NewArray : AllocKind::New;
      F.Site = Delete;
      Out.push_back(F);
    }
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      if (const VarDecl *G = watchedGlobal(UO->getSubExpr()))
        Out.push_back(placeFact(Fact::Changed, G, UO));
    if (UO->isIncrementDecrementOp())
      if (Place P = placeOf(UO->getSubExpr())) {
        if (isIntPlace(P)) {
          Fact F = intFact(P, std::nullopt, UO);
          F.K = Fact::IntAdd;
          F.Int = UO->isIncrementOp() ? 1 : -1;
          Out.push_back(F);
          return;
        }
        Out.push_back(placeFact(isPointerPlace(P) ? Fact::Invalidate : Fact::Changed, P, UO));
        return;
      }
    if (UO->getOpcode() == UO_Deref) {
      PtrValue V = resolvePointer(UO->getSubExpr());
      if (V.valid() && V.K != PtrValue::Null) {
        Out.push_back(valueFact(Fact::Deref, V, UO));
      }
    }
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(S)) {
    if (ME->isArrow()) {
      PtrValue V = resolvePointer(ME->getBase());
      if (V.valid() && V.K != PtrValue::Null && V.K != PtrValue::SmartGet) {
        Out.push_back(valueFact(Fact::Deref, V, ME));
      }
    }
    // this->field used as a value: a use of a tracked movable field.
    if (Place P = placeOf(ME))
      lowerPlaceUse(ME, P, Out);
    return;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(S)) {
    PtrValue V = resolvePointer(AS->getBase());
    if (V.valid() && V.K != PtrValue::Null) {
      Out.push_back(valueFact(Fact::Deref, V, AS));
    }
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    if (Place P = placeOf(DRE))
      lowerPlaceUse(DRE, P, Out);
    return;
  }
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
    // Leaving the function, unless a try block of this function catches it.
    for (const Stmt *Child = Throw, *P = parent(Throw); P; Child = P, P = parent(P))
      if (const auto *Try = dyn_cast<CXXTryStmt>(P))
        if (Try->getTryBlock() == Child)
          return;
    Fact F{Fact::Return};
    F.Site = Throw;
    if (const Expr *Value = Throw->getSubExpr())
      F.Value = resolvePointer(Value);
    Out.push_back(F);
    return;
  }
  if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
    Fact F{Fact::Return};
    F.Site = Ret;
    if (const Expr *Value = Ret->getRetValue())
      F.Value = resolvePointer(Value);
    Out.push_back(F);
    return;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    lowerConstruct(CE, Out);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    llvm::SmallVector<const Expr *, 4> Args;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      // For member operators the object is argument 0; parameters start at 1.
      for (unsigned I = 0; I < Op->getNumArgs(); ++I)
        Args.push_back(Op->getArg(I));
    } else {
      Args.append(Call->arg_begin(), Call->arg_end());
    }
    lowerCall(Call, Callee, Args, Out);
    return;
  }
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    // A pointer captured by copy is kept by the closure.
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByCopy) {
        const auto *VD = dyn_cast<VarDecl>(Capture.getCapturedVar());
        if (VD && isPointerPlace(VD) && !Untracked.contains(VD)) {
          Fact F{Fact::Escape};
          F.Value.K = PtrValue::FromPlace;
          F.Value.P = VD;
          F.Site = Lambda;
          Out.push_back(F);
        }
      }
    return;
  }
}

// The class of the object \p Object certainly is, when the function shows
// it: a local object of class type, a reference bound to a temporary, or a
// pointer initialised with `new D` and never assigned again.
const CXXRecordDecl *Lowering::knownDynamicClass(const Expr *Object) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(ignoreWrappers(Object));
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || !isAutomaticLocal(*VD))
    return nullptr;
  QualType T = VD->getType();
  if (!T->isReferenceType() && !T->isPointerType())
    return T->getAsCXXRecordDecl();
  // (ignoreWrappers also skips the derived-to-base cast.)
  const Expr *Init = VD->getInit() ? ignoreWrappers(VD->getInit()) : nullptr;
  if (!Init)
    return nullptr;
  if (T->isReferenceType())
    return (Init->isPRValue() && !Init->getType()->isReferenceType())
               ? Init->getType()->getAsCXXRecordDecl()
               : nullptr;
  const auto *New = dyn_cast<CXXNewExpr>(Init);
  if (!New || New->isArray() || !isTracked(VD) || assignedVars().contains(VD))
    return nullptr;
  return New->getAllocatedType()->getAsCXXRecordDecl();
}

const llvm::DenseSet<const VarDecl *> &Lowering::assignedVars() {
  if (!AssignedVars) {
    struct Finder : RecursiveASTVisitor<Finder> {
      llvm::DenseSet<const VarDecl *> Found;
      void note(const Expr *E) {
        if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
          if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
            Found.insert(VD);
      }
      bool VisitBinaryOperator(BinaryOperator *BO) {
        if (BO->isAssignmentOp())
          note(BO->getLHS());
        return true;
      }
      bool VisitUnaryOperator(UnaryOperator *UO) {
        if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
          note(UO->getSubExpr());
        return true;
      }
    } F;
    F.TraverseStmt(const_cast<Stmt *>(&Body));
    AssignedVars = std::move(F.Found);
  }
  return *AssignedVars;
}

void Lowering::lowerCall(const Expr *Call, const FunctionDecl *Callee,
                         llvm::ArrayRef<const Expr *> Args, std::vector<Fact> &Out) {
  // std::move itself moves nothing: its consumer does.
  if (const auto *CE = dyn_cast<CallExpr>(Call))
    if (isMoveCast(*CE))
      return;
  // A virtual call on an object whose class the function shows runs that
  // class's override: its summary applies.
  struct RestoreExact { // (llvm::make_scope_exit is deprecated from LLVM 22 on)
    const FunctionDecl *&Slot;
    const FunctionDecl *Saved;
    ~RestoreExact() { Slot = Saved; }
  } Restore{ExactCallee, ExactCallee};
  if (const auto *MCall = dyn_cast<CXXMemberCallExpr>(Call))
    if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee); M && M->isVirtual())
      if (const CXXRecordDecl *Dynamic = knownDynamicClass(MCall->getImplicitObjectArgument()))
        if (const CXXMethodDecl *Final = M->getCorrespondingMethodInClass(Dynamic);
            Final && !Final->isPureVirtual()) {
          Callee = Final;
          ExactCallee = Final;
        }
  KnownFunctionInfo Known = knownFunction(Callee, Know);
  if (Known.Role == KnownFunction::None && Sums && Callee && LinkBoard::currentUnit())
    noteExternalCall(Call, Callee, Args);
  if (Known.Role == KnownFunction::Deallocator) {
    if (Known.Arg < Args.size()) {
      PtrValue V = resolvePointer(Args[Known.Arg]);
      if (V.valid()) {
        Fact F{Fact::Free};
        F.Value = V;
        F.Dealloc = Known.Kind;
        F.Site = Call;
        F.Callee = Callee;
        Out.push_back(F);
      }
    }
    return;
  }

  const auto *MCall = dyn_cast<CXXMemberCallExpr>(Call);
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call);
  bool MemberOperator = OpCall && Method;
  Place Object = nullptr;
  if (MCall)
    Object = placeOf(MCall->getImplicitObjectArgument());
  else if (MemberOperator && !Args.empty())
    Object = placeOf(Args[0]);

  // Smart pointer ownership operations.
  if (Object && isSmartPointerPlace(Object) && Method && Method->getIdentifier()) {
    llvm::StringRef Name = Method->getName();
    if (Name == "release") {
      Out.push_back(placeFact(Fact::ReleaseOwnership, Object, Call));
      return;
    }
    if (Name == "reset" && MCall && MCall->getNumArgs() >= 1) {
      PtrValue V = resolvePointer(MCall->getArg(0));
      if (V.valid() && V.K != PtrValue::Null) {
        bool Custom = false;
        QualType Smart = smartPointerType(Object->getType());
        Fact F{isStrictOwner(Smart) ? Fact::TakeOwnership : Fact::Escape};
        F.Dealloc = smartDeallocKind(Smart, Custom);
        if (Custom)
          F.Dealloc = AllocKind::External;
        F.Value = V;
        F.Target = Object;
        F.Site = Call;
        Out.push_back(F);
      }
    }
  }

  // Arguments (for member operators, argument 0 is the object).
  unsigned First = MemberOperator ? 1 : 0;
  for (unsigned I = First; I < Args.size(); ++I)
    lowerArgument(Call, Callee, I - First, Args[I], Out);

  // `p->Unref()`, `p->Close()`: a non-const method of the object may release
  // it (`delete this`), when reference counting says so or its body is not
  // here to tell otherwise.
  if (MCall && Method && !Method->isStatic() && !Method->isConst()) {
    const auto *ME = dyn_cast<MemberExpr>(MCall->getCallee()->IgnoreParens());
    if (ME && ME->isArrow() && !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
      const CXXRecordDecl *Class = Method->getParent();
      bool Std = Class && Class->isInStdNamespace();
      bool Releases = Method->getIdentifier() && isReleaseMethodName(Method->getName(), Know);
      if (!Std && (Releases || isa<CXXDestructorDecl>(Method) || !Method->hasBody() ||
                   isSelfDeleting(Class))) {
        PtrValue V = resolvePointer(ME->getBase());
        if (V.K == PtrValue::FromPlace) {
          Fact F = valueFact(Fact::MayRelease, V, Call);
          F.Callee = Method;
          Out.push_back(F);
        }
      }
    }
  }

  // Reinitialisation of the object a method is called on.
  if (Object && isMovablePlace(Object)) {
    bool Reinit = false;
    if (OpCall && OpCall->getOperator() == OO_Equal)
      Reinit = true;
    else if (isReinitMethod(Method))
      Reinit = true;
    if (Reinit) {
      Out.push_back(placeFact(Fact::Reinit, Object, Call));
    }
  }
  // std::swap(a, b) gives both a new value.
  if (isStdFunction(Callee, "swap"))
    for (const Expr *Arg : Args)
      if (Place P = placeOf(Arg)) {
        Out.push_back(placeFact(isPointerPlace(P) ? Fact::Invalidate : Fact::Reinit, P, Call));
      }
  // A non-const member function of this class may change any field.
  if (Method && !Method->isConst() && !Method->isStatic() && MCall &&
      isa<CXXThisExpr>(MCall->getImplicitObjectArgument()->IgnoreParenImpCasts())) {
    Fact F{Fact::Invalidate};
    F.Site = Call;
    Out.push_back(F);
  }
}

void Lowering::lowerArgument(const Expr *Call, const FunctionDecl *Callee, unsigned Index,
                             const Expr *Arg, std::vector<Fact> &Out) {
  QualType ParamType;
  if (Callee && Index < Callee->getNumParams())
    ParamType = Callee->getParamDecl(Index)->getType();
  bool Variadic = Callee && Index >= Callee->getNumParams();

  const Expr *Stripped = Arg->IgnoreParenImpCasts();
  if (const auto *Mat = dyn_cast<MaterializeTemporaryExpr>(Stripped))
    Stripped = Mat->getSubExpr()->IgnoreParenImpCasts();

  // std::move(x) bound to an rvalue reference (or to anything, when the
  // callee is unresolved) moves x. By-value parameters are constructed from
  // it: that CXXConstructExpr is lowered on its own.
  const Expr *MovedFrom = nullptr;
  if (const auto *Inner = dyn_cast<CallExpr>(Stripped)) {
    if (isMoveCast(*Inner))
      MovedFrom = Inner->getArg(0);
  } else if (const auto *Cast = dyn_cast<CXXStaticCastExpr>(Stripped)) {
    if (Cast->getType()->isRValueReferenceType() ||
        (Cast->isXValue() && !Cast->getType()->isReferenceType()))
      MovedFrom = Cast->getSubExpr();
  }
  if (MovedFrom) {
    Place P = placeOf(MovedFrom);
    if (!P || !isMovablePlace(P) || isConditionalMover(Callee))
      return;
    // An unresolved callee (a dependent call in a template) moves only when
    // every function its name can find takes the argument by value or by
    // rvalue reference; a dependent member call may keep the object whole,
    // and the instantiations tell.
    bool Moves = ParamType.isNull() ? !Callee && unresolvedCandidatesMove(Call, Index)
                                    : ParamType->isRValueReferenceType();
    if (!Moves)
      return;
    if (movesOnlyABase(ParamType, MovedFrom->getType()) && isOwnMoveOperation(P))
      return;
    if (std::optional<ParamSummary> S = summaryFor(Callee, Index))
      if (!S->MovesFrom)
        return; // the callee takes an rvalue reference but never moves from it
    Fact F{Fact::Move};
    F.Target = P;
    F.Site = Call;
    F.Callee = Callee;
    Out.push_back(F);
    return;
  }

  // A movable object passed by non-const lvalue reference or by address: an
  // out-parameter, or moved from inside the callee.
  const Expr *Object = Stripped;
  bool ByAddress = false;
  if (const auto *UO = dyn_cast<UnaryOperator>(Stripped))
    if (UO->getOpcode() == UO_AddrOf) {
      Object = UO->getSubExpr();
      ByAddress = true;
    }
  if (Place P = placeOf(Object)) {
    bool OutParam = ByAddress || (!ParamType.isNull() && ParamType->isLValueReferenceType() &&
                                  !ParamType.getNonReferenceType().isConstQualified());
    if (ByAddress && isPointerPlace(P)) {
      Out.push_back(placeFact(Fact::Invalidate, P, Call));
      return;
    }
    if (isPointerPlace(P) && !ByAddress && OutParam) {
      std::optional<ParamSummary> S = Variadic ? std::nullopt : summaryFor(Callee, Index);
      if (S && S->OutFresh) {
        // The callee puts a new object in it: an allocation at the call.
        Fact F{Fact::Assign};
        F.Target = P;
        F.Value.K = PtrValue::Alloc;
        F.Value.Site = Call;
        F.Value.Kind = S->OutKind;
        F.Site = Call;
        Out.push_back(F);
        return;
      }
      Out.push_back(
          placeFact(Fact::Invalidate, P, Call)); // T *& parameter: the callee may reassign it
      return;
    }
    if (!isPointerPlace(P) && !isMovablePlace(P) && OutParam) {
      Out.push_back(placeFact(Fact::Changed, P, Call));
      return;
    }
    if (isMovablePlace(P) && OutParam) {
      std::optional<ParamSummary> S = summaryFor(Callee, Index);
      Fact F{S && S->MovesFrom ? Fact::Move : Fact::Reinit};
      F.Target = P;
      F.Site = Call;
      F.Callee = Callee;
      F.InsideCallee = true;
      Out.push_back(F);
      return;
    }
  }

  // Pointers handed to a call.
  PtrValue V = resolvePointer(Arg);
  if (!V.valid() || V.K == PtrValue::Null)
    return;
  if (!ParamType.isNull() && !isPointer(ParamType) && !ParamType->isDependentType() &&
      !ParamType->isVoidPointerType())
    return; // converted to something else (bool, an integer, a class)
  Fact Use{Fact::PassToCall};
  Use.Value = V;
  Use.Site = Call;
  Use.Callee = Callee;
  Out.push_back(Use);
  KnownFunctionInfo Known = knownFunction(Callee, Know);
  if (Known.Role == KnownFunction::Borrower)
    return;
  if (std::optional<ParamSummary> S = Variadic ? std::nullopt : summaryFor(Callee, Index)) {
    if (S->Frees) {
      Fact F{Fact::Free};
      F.Value = V;
      F.Dealloc = S->FreeKind;
      F.Site = Call;
      F.Callee = Callee;
      F.InsideCallee = true;
      Out.push_back(F);
    } else if (S->Stores) {
      Out.push_back(valueFact(Fact::Escape, V, Call));
    }
    return;
  }
  // A free function known only by its declaration that takes `const T *`
  // (T not void) reads through the pointer: printing, hashing, comparing,
  // copying out. A pointer to const is not how ownership is handed over; a
  // `const void *` may be an opaque handle that is kept, and a member
  // function may keep the pointer in its object.
  if (Callee && !isa<CXXMethodDecl>(Callee) && !Callee->hasBody() && !ParamType.isNull() &&
      ParamType->isPointerType()) {
    QualType Pointee = ParamType->getPointeeType();
    if (Pointee.isConstQualified() && !Pointee->isVoidType())
      return;
  }
  Fact Kept = valueFact(Fact::Escape, V, Call);
  Kept.Callee = Callee;
  Kept.ArgIndex = int(Index);
  Out.push_back(Kept);
}

// A read of a tracked place. For movable places: is it a use after a move?
// For pointer places: does the pointer escape?
void Lowering::lowerPlaceUse(const Expr *Ref, Place P, std::vector<Fact> &Out) {
  const Stmt *Parent = nullptr;
  const Expr *Top = skipUpwards(Ref, Parent);

  if (isMovablePlace(P)) {
    bool Smart = isSmartPointerPlace(P);
    if (!Parent)
      return;
    // The operand of std::move: a use only if already moved (checked as
    // MoveAgain); the consumer records the move itself.
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      if (isMoveCast(*Call)) {
        Fact F{Fact::Use};
        F.Target = P;
        F.HowUsed = UseKind::MoveAgain;
        F.Site = Ref;
        Out.push_back(F);
        return;
      }
    }
    // `x.~T()` ends the moved-from object's life, which is what it is for
    // (spelled in a template too).
    if (isa<CXXPseudoDestructorExpr>(Parent))
      return;
    if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(Parent))
      if (Dependent->getMember().getNameKind() == DeclarationName::CXXDestructorName)
        return;
    if (const auto *ME = dyn_cast<MemberExpr>(Parent)) {
      // `m.count = 0` writes a field of the moved-from object: no read.
      if (isa<FieldDecl>(ME->getMemberDecl()) && isAssignedTo(ME))
        return;
      if (isa<CXXDestructorDecl>(ME->getMemberDecl()))
        return;
      if (ME->getBase()->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts() ||
          ME->getBase() == Top) {
        const auto *Method = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
        if (Method) {
          llvm::StringRef Name = Method->getIdentifier() ? Method->getName() : "";
          if (isReinitMethod(Method))
            return; // reinitialised by the call
          if (Smart &&
              (library().EmptyStateQueries.contains(Name) || isa<CXXConversionDecl>(Method)))
            return;
          if (Name == "has_value" || isa<CXXConversionDecl>(Method))
            return; // optional-like: the moved-from state still answers
        }
      }
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Parent)) {
      if (Op->getNumArgs() >= 1 &&
          Op->getArg(0)->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts()) {
        if (Op->getOperator() == OO_Equal)
          return; // the target of an assignment
        if (Smart && (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow ||
                      Op->getOperator() == OO_Subscript)) {
          Fact F{Fact::Use};
          F.Target = P;
          F.HowUsed = UseKind::Deref;
          F.Site = Ref;
          Out.push_back(F);
          return;
        }
      }
      if (Smart && (Op->getOperator() == OO_EqualEqual || Op->getOperator() == OO_ExclaimEqual))
        return; // comparing with nullptr looks at the empty state
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
      if (BO->isAssignmentOp() && BO->getLHS()->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts())
        return;
    if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Parent))
      if (Smart && ICE->getCastKind() == CK_UserDefinedConversion)
        return;
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      // Out-parameters and std::swap are reinitialisations, not reads.
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (isStdFunction(Callee, "swap"))
        return;
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        if (Call->getArg(I)->IgnoreParenImpCasts() != Top->IgnoreParenImpCasts())
          continue;
        unsigned ParamIndex =
            isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee) ? I - 1 : I;
        if (Callee && ParamIndex < Callee->getNumParams()) {
          QualType T = Callee->getParamDecl(ParamIndex)->getType();
          if (T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified())
            return;
        }
      }
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(Parent))
      if (UO->getOpcode() == UO_AddrOf)
        return;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent))
      for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
        if (Construct->getArg(I)->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts()) {
          const CXXConstructorDecl *Ctor = Construct->getConstructor();
          if (Ctor && I < Ctor->getNumParams()) {
            QualType T = Ctor->getParamDecl(I)->getType();
            if (T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified())
              return;
          }
        }
    Fact F{Fact::Use}; // any other read
    F.Target = P;
    F.HowUsed = UseKind::Read;
    F.Site = Ref;
    Out.push_back(F);
    return;
  }

  if (!isPointerPlace(P) || !Parent)
    return;
  // Contexts other facts account for: dereference, comparison, condition,
  // delete/free operand, call argument, return value, assignment to a place.
  if (isa<UnaryOperator>(Parent) || isa<MemberExpr>(Parent) || isa<ArraySubscriptExpr>(Parent) ||
      isa<CXXDeleteExpr>(Parent) || isa<CallExpr>(Parent) || isa<CXXConstructExpr>(Parent) ||
      isa<ReturnStmt>(Parent) || isa<IfStmt>(Parent) || isa<WhileStmt>(Parent) ||
      isa<ForStmt>(Parent) || isa<DoStmt>(Parent) || isa<SwitchStmt>(Parent) ||
      isa<ConditionalOperator>(Parent) || isa<CXXNewExpr>(Parent) ||
      isa<UnaryExprOrTypeTraitExpr>(Parent))
    return;
  if (const auto *ICE = dyn_cast<ImplicitCastExpr>(Parent))
    if (ICE->getCastKind() == CK_PointerToBoolean)
      return;
  if (const auto *BO = dyn_cast<BinaryOperator>(Parent)) {
    if (BO->isComparisonOp() || BO->isLogicalOp() || BO->isAdditiveOp())
      return;
    if (BO->isAssignmentOp()) {
      if (BO->getLHS()->IgnoreParenImpCasts() == Top->IgnoreParenImpCasts())
        return;
      if (placeOf(BO->getLHS()))
        return; // copied into another tracked place: an alias, not an escape
      return;   // stored elsewhere: the assignment lowers to Escape
    }
  }
  if (const auto *DS = dyn_cast<DeclStmt>(Parent)) {
    if (DS->isSingleDecl())
      if (const auto *VD = dyn_cast<VarDecl>(DS->getSingleDecl()))
        if (!VD->hasGlobalStorage() && !Untracked.contains(VD) && isPointerPlace(VD))
          return;
  }
  Fact F{Fact::Escape};
  F.Value.K = PtrValue::FromPlace;
  F.Value.P = P;
  F.Site = Ref;
  Out.push_back(F);
}

std::optional<ConditionLiteral> Lowering::branchLiteral(const CFGBlock &Block, bool TrueBranch) {
  const Stmt *Term = Block.getTerminatorCondition(/*StripParens=*/true);
  const auto *Cond = dyn_cast_or_null<Expr>(Term);
  if (!Cond || Block.succ_size() != 2)
    return std::nullopt;
  bool Value = TrueBranch;
  const Expr *E = Cond->IgnoreParenImpCasts();
  while (const auto *Not = dyn_cast<UnaryOperator>(E)) {
    if (Not->getOpcode() != UO_LNot)
      break;
    Value = !Value;
    E = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  ConditionLiteral Lit;
  Lit.Value = Value;
  if (std::optional<int64_t> C = constantCondition(E)) {
    Lit.Constant = *C != 0;
    Lit.Key = NextKey++;
    return Lit;
  }
  // `p`, `!p`, `p == nullptr`, `p != nullptr`: null-ness of a tracked pointer.
  const Expr *Tested = E;
  if (const auto *Conv = dyn_cast<CXXMemberCallExpr>(E))
    if (isa_and_nonnull<CXXConversionDecl>(Conv->getMethodDecl()))
      Tested = Conv->getImplicitObjectArgument(); // `if (p)` on a smart pointer
  if (Tested == E && E->HasSideEffects(Ctx))
    return std::nullopt;
  if (Place P = placeOf(Tested); P && (isPointerPlace(P) || isSmartPointerPlace(P))) {
    Lit.NullTested = P; // the literal means "P is non-null"
    if (isPointerPlace(P)) {
      Lit.Key = nullKey(P);
      Lit.Reads = {P};
      return Lit;
    }
    if (Tested != E) {
      Lit.Reads.push_back(P);
      llvm::FoldingSetNodeID ID;
      Tested->Profile(ID, Ctx, /*Canonical=*/true);
      ID.AddBoolean(true);
      for (const auto &Entry : KeyIds)
        if (Entry.first == ID) {
          Lit.Key = Entry.second;
          return Lit;
        }
      Lit.Key = NextKey++;
      KeyIds.emplace_back(std::move(ID), Lit.Key);
      return Lit;
    }
  } else if (const auto *BO = dyn_cast<BinaryOperator>(E);
             BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    const Expr *L = BO->getLHS(), *R = BO->getRHS();
    if (R->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) == Expr::NPCK_NotNull)
      std::swap(L, R);
    Place P = placeOf(L);
    if (P && (isPointerPlace(P) || isSmartPointerPlace(P)) &&
        R->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull) {
      Lit.NullTested = P;
      if (BO->getOpcode() == BO_EQ)
        Lit.Value = !Lit.Value; // literal: "p is non-null"
      E = L->IgnoreParenImpCasts();
      if (isPointerPlace(P)) {
        Lit.Key = nullKey(P);
        Lit.Reads = {P};
        return Lit;
      }
    }
    // Two tracked pointers compared: an alias test.
    Place A = placeOf(BO->getLHS()), B = placeOf(BO->getRHS());
    if (A && B && A != B && isPointerPlace(A) && isPointerPlace(B)) {
      Lit.EqLeft = A;
      Lit.EqRight = B;
      if (BO->getOpcode() == BO_NE)
        Lit.Value = !Lit.Value;
    }
  }

  // An integer local tested against a constant: `i < 3`, `3 > i`, `n`.
  {
    const Expr *X = E;
    BinaryOperatorKind Op = BO_NE;
    std::optional<int64_t> C = 0;
    if (const auto *B = dyn_cast<BinaryOperator>(E)) {
      C = std::nullopt;
      if (B->isComparisonOp() && B->getOpcode() != BO_Cmp) {
        Op = B->getOpcode();
        X = B->getLHS()->IgnoreParenImpCasts();
        C = constantOf(B->getRHS(), Ctx);
        if (!C) {
          X = B->getRHS()->IgnoreParenImpCasts();
          C = constantOf(B->getLHS(), Ctx);
          Op = BinaryOperator::reverseComparisonOp(Op);
        }
      }
    }
    if (C)
      if (Place P = placeOf(X); P && isIntPlace(P)) {
        Lit.IntTested = P;
        Lit.Op = Op;
        Lit.Const = *C;
      }
  }

  // Every name the condition reads must be a place the analysis watches, so
  // that a change to it can forget the literal.
  struct Reads : RecursiveASTVisitor<Reads> {
    const Lowering &L;
    llvm::SmallVector<Place, 2> Places;
    bool Ok = true;
    bool ReadsConstants = false;
    explicit Reads(const Lowering &L) : L(L) {}
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      if (isa<EnumConstantDecl>(DRE->getDecl()) || isa<FunctionDecl>(DRE->getDecl()))
        return true;
      // A constant (`static const int kMax = 4`) never changes, and neither
      // does a const global whose value is elsewhere (`extern const int
      // kEnabled;`): tested twice, it decides the same way.
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->getType().isConstQualified() && !VD->getType().isVolatileQualified() &&
            (constantOf(DRE, L.Ctx) ||
             (VD->hasGlobalStorage() && !VD->getType()->isReferenceType()))) {
          ReadsConstants = true;
          return true;
        }
      Place P = L.placeOf(DRE);
      // A global tested twice decides the same way unless this function
      // writes it in between (a Changed fact); that an unknown callee might
      // write it is not enough to report a path (only manifest ones are).
      if (!P)
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          if (isWatchedGlobal(VD))
            P = VD;
      if (!P)
        Ok = false;
      else
        Places.push_back(P);
      return true;
    }
    bool VisitMemberExpr(MemberExpr *ME) {
      if (Place P = L.placeOf(ME))
        Places.push_back(P);
      return true;
    }
    bool VisitCallExpr(CallExpr *) {
      Ok = false;
      return true;
    }
  } R(*this);
  R.TraverseStmt(const_cast<Expr *>(E));
  if (!R.Ok || (R.Places.empty() && !R.ReadsConstants))
    return std::nullopt;
  Lit.Reads = R.Places;
  Lit.OnGlobals = llvm::all_of(R.Places, [](Place P) {
    const auto *VD = dyn_cast<VarDecl>(P);
    return VD && VD->hasGlobalStorage() && !VD->isStaticLocal();
  });

  llvm::FoldingSetNodeID ID;
  E->Profile(ID, Ctx, /*Canonical=*/true);
  for (const auto &Entry : KeyIds)
    if (Entry.first == ID) {
      Lit.Key = Entry.second;
      return Lit;
    }
  Lit.Key = NextKey++;
  KeyIds.emplace_back(std::move(ID), Lit.Key);
  return Lit;
}

// ---------------------------------------------------------------------------

std::optional<bool> compareInts(BinaryOperatorKind Op, int64_t A, int64_t B) {
  switch (Op) {
  case BO_LT:
    return A < B;
  case BO_GT:
    return A > B;
  case BO_LE:
    return A <= B;
  case BO_GE:
    return A >= B;
  case BO_EQ:
    return A == B;
  case BO_NE:
    return A != B;
  default:
    return std::nullopt;
  }
}

std::optional<int64_t> Lowering::constantCondition(const Expr *E, unsigned Depth) {
  if (!E || Depth > 4 || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (std::optional<int64_t> C = constantOf(E, Ctx))
    return C;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (VD && Sums && Sums->isUnchangedStatic(VD))
      return constantOf(VD->getInit(), Ctx);
    return std::nullopt;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_LNot)
      if (std::optional<int64_t> V = constantCondition(UO->getSubExpr(), Depth + 1))
        return *V == 0;
    return std::nullopt;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    std::optional<int64_t> L = constantCondition(BO->getLHS(), Depth + 1);
    std::optional<int64_t> R = constantCondition(BO->getRHS(), Depth + 1);
    if (BO->getOpcode() == BO_LAnd && ((L && !*L) || (R && !*R)))
      return 0;
    if (BO->getOpcode() == BO_LOr && ((L && *L) || (R && *R)))
      return 1;
    if (!L || !R)
      return std::nullopt;
    if (BO->getOpcode() == BO_LAnd)
      return *L && *R;
    if (BO->getOpcode() == BO_LOr)
      return *L || *R;
    if (std::optional<bool> B = compareInts(BO->getOpcode(), *L, *R))
      return *B;
    return std::nullopt;
  }
  // `static int staticReturnsTrue() { return 1; }`
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = nullptr;
    if (!Callee || Call->getNumArgs() != 0 || !Callee->hasBody(Def) || !Def ||
        isa<CXXMethodDecl>(Def))
      return std::nullopt;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
    if (!Body || Body->size() != 1)
      return std::nullopt;
    if (const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front()))
      return constantCondition(Ret->getRetValue(), Depth + 1);
  }
  return std::nullopt;
}

bool Summaries::isUnchangedStatic(const VarDecl *VD) {
  if (!VD || !VD->hasGlobalStorage() || VD->isExternallyVisible() || VD->isStaticLocal() ||
      VD->getType().isVolatileQualified() || !VD->getType()->isIntegralOrEnumerationType() ||
      !VD->getInit() || !constantOf(VD->getInit(), Ctx))
    return false;
  if (!MaybeWrittenStatics) {
    // Once per translation unit: every reference to a variable that is not
    // a plain read (an lvalue-to-rvalue load) may write it or let it escape.
    struct Finder : RecursiveASTVisitor<Finder> {
      llvm::DenseMap<const VarDecl *, int> Unread;
      bool shouldVisitTemplateInstantiations() const { return true; }
      bool VisitDeclRefExpr(DeclRefExpr *DRE) {
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          if (V->hasGlobalStorage() && !V->isExternallyVisible())
            ++Unread[V];
        return true;
      }
      bool VisitImplicitCastExpr(ImplicitCastExpr *ICE) {
        if (ICE->getCastKind() == CK_LValueToRValue)
          if (const auto *DRE = dyn_cast<DeclRefExpr>(ICE->getSubExpr()->IgnoreParens()))
            if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
              if (V->hasGlobalStorage() && !V->isExternallyVisible())
                --Unread[V];
        return true;
      }
    } F;
    F.TraverseDecl(Ctx.getTranslationUnitDecl());
    MaybeWrittenStatics.emplace();
    for (const auto &Entry : F.Unread)
      if (Entry.second > 0)
        MaybeWrittenStatics->insert(Entry.first);
  }
  return !MaybeWrittenStatics->contains(VD->getCanonicalDecl()) &&
         !MaybeWrittenStatics->contains(VD);
}

std::optional<ParamSummary> Summaries::get(const FunctionDecl *Callee, unsigned Param) {
  const FunctionSummary *S = summary(Callee);
  if (!S || Param >= S->Params.size())
    return std::nullopt;
  return S->Params[Param];
}

const std::string &Summaries::externalKey(const FunctionDecl *Callee) {
  Callee = Callee->getCanonicalDecl();
  auto It = ExternalKeys.find(Callee);
  if (It != ExternalKeys.end())
    return It->second;
  std::string Key;
  if (!Callee->hasBody() && !Callee->isDependentContext() &&
      !Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
    Key = linkageKey(*Callee);
  return ExternalKeys[Callee] = std::move(Key);
}

void Summaries::noteExternalCall(ExternalCallRecord Call) {
  ExternalCalls.push_back(std::move(Call));
}

const FunctionSummary *Summaries::summary(const FunctionDecl *Callee) {
  if (!Callee)
    return nullptr;
  const FunctionDecl *Definition = nullptr;
  if (!Callee->hasBody(Definition)) {
    // Defined in another file of the run: its linked summary, if any.
    const std::string &Key = externalKey(Callee);
    const FunctionSummary *Linked = Key.empty() ? nullptr : LinkBoard::linked(Key);
    if (!Linked || Linked->Params.size() != Callee->getNumParams())
      return nullptr;
    return Linked;
  }
  if (!Definition || Definition->isDependentContext())
    return nullptr;
  auto It = Cache.find(Definition);
  if (It != Cache.end())
    return &It->second;
  // Recursion, or too deep a chain of helpers: the callee is unknown.
  if (InProgress.contains(Definition) || Depth >= 3)
    return nullptr;
  // A callee whose lowering crashed before is unknown; a crash now is its
  // own, not its caller's.
  std::string Key = functionKey(*Definition);
  if (crashContext().SkippedFunctions.count(Key))
    return nullptr;
  AnalysisScope Scope(Key);
  InProgress.insert(Definition);
  ++Depth;
  FunctionSummary Result;
  Result.Params.resize(Definition->getNumParams());
  std::shared_ptr<FunctionContext> Context = Contexts.get(*Definition);
  Lowering L(*Context, Ctx, this);
  if (const CFG *Graph = Context->cfg()) {
    llvm::DenseMap<Place, unsigned> Index;
    for (unsigned I = 0; I < Definition->getNumParams(); ++I)
      Index[Definition->getParamDecl(I)] = I;
    std::vector<Fact> Facts;
    std::vector<std::vector<Fact>> BlockFacts(Graph->getNumBlockIDs());
    for (const CFGBlock *Block : *Graph) {
      for (const CFGElement &E : *Block)
        L.lower(E, BlockFacts[Block->getBlockID()]);
      Facts.insert(Facts.end(), BlockFacts[Block->getBlockID()].begin(),
                   BlockFacts[Block->getBlockID()].end());
    }
    auto ParamOf = [&](Place P) -> int {
      auto Found = Index.find(P);
      return Found == Index.end() ? -1 : int(Found->second);
    };
    // Which parameters are freed on every path to the exit (a must-analysis:
    // intersection at joins). A callee that frees only on some paths is
    // treated as keeping the pointer: the caller cannot know.
    // Which parameters are freed, and which moved from, on every path to the
    // exit (a must-analysis: intersection at joins). A callee that frees or
    // moves only on some paths is treated as keeping the object: whether it
    // did depends on what the caller cannot see (its result, its state), so
    // nothing after the call is manifest.
    // Forward: handed on to a function of another file (the link step
    // resolves what that function does with it). Fresh: the parameter holds
    // an allocation made here (`data = new T; ...; return data;`).
    struct MustState {
      bool Reached = false;
      llvm::SmallBitVector Free, Move, Forward, Fresh;
      bool operator==(const MustState &O) const {
        return Reached == O.Reached && Free == O.Free && Move == O.Move && Forward == O.Forward &&
               Fresh == O.Fresh;
      }
    };
    // Per return of a parameter: does it hold a fresh allocation on every
    // path there? Written on each visit; the solver's last visit of a block
    // sees its final (smallest) entry state, so the last write stands.
    llvm::DenseMap<const Stmt *, bool> ReturnsFreshParam;
    auto IsHandOn = [&](const Fact &F) {
      return F.K == Fact::Escape && F.ArgIndex >= 0 && F.Value.K == PtrValue::FromPlace &&
             F.Callee && isa<FunctionDecl>(F.Callee) &&
             !externalKey(cast<FunctionDecl>(F.Callee)).empty();
    };
    unsigned NumParams = Definition->getNumParams();
    llvm::SmallBitVector MustFree(NumParams), MustMove(NumParams), MustForward(NumParams),
        MustFresh(NumParams);
    {
      const CfgOrder &Order = *Context->order();
      std::vector<MustState> In(Graph->getNumBlockIDs());
      In[Graph->getEntry().getBlockID()] = {
          true, llvm::SmallBitVector(NumParams), llvm::SmallBitVector(NumParams),
          llvm::SmallBitVector(NumParams), llvm::SmallBitVector(NumParams)};
      auto Transfer = [&](const CFGBlock &Block, const MustState &Entry) {
        MustState S = Entry;
        for (const Fact &F : BlockFacts[Block.getBlockID()]) {
          if (F.K == Fact::Free && F.Value.K == PtrValue::FromPlace && ParamOf(F.Value.P) >= 0)
            S.Free.set(ParamOf(F.Value.P));
          if (IsHandOn(F) && ParamOf(F.Value.P) >= 0)
            S.Forward.set(ParamOf(F.Value.P));
          if ((F.K == Fact::Assign || F.K == Fact::Invalidate) && ParamOf(F.Target) >= 0) {
            S.Free.reset(ParamOf(F.Target));
            S.Forward.reset(ParamOf(F.Target));
            bool Fresh = F.K == Fact::Assign && F.Value.K == PtrValue::Alloc && !F.Value.SelfOwned;
            S.Fresh[ParamOf(F.Target)] = Fresh;
          }
          // (A `T *&` parameter's own assignment escapes to the caller: that
          // is what an out-parameter is for, not a hand-on.)
          if ((F.K == Fact::Free || F.K == Fact::Escape || F.K == Fact::TakeOwnership) &&
              F.Value.K == PtrValue::FromPlace && ParamOf(F.Value.P) >= 0 &&
              !(F.K == Fact::Escape && isa_and_nonnull<BinaryOperator>(F.Site) &&
                cast<VarDecl>(F.Value.P)->getType()->isReferenceType() &&
                L.placeOf(cast<BinaryOperator>(F.Site)->getLHS()) == F.Value.P))
            S.Fresh.reset(ParamOf(F.Value.P));
          if (F.K == Fact::Return && F.Value.K == PtrValue::FromPlace && ParamOf(F.Value.P) >= 0)
            ReturnsFreshParam[F.Site] = S.Fresh.test(ParamOf(F.Value.P));
          if (F.K == Fact::Move && ParamOf(F.Target) >= 0)
            S.Move.set(ParamOf(F.Target));
          if (F.K == Fact::Reinit && ParamOf(F.Target) >= 0)
            S.Move.reset(ParamOf(F.Target));
        }
        return S;
      };
      auto Join = [](MustState &Into, const MustState &From) {
        if (!Into.Reached) {
          Into = From;
          return true;
        }
        MustState Old = Into;
        Into.Free &= From.Free;
        Into.Move &= From.Move;
        Into.Forward &= From.Forward;
        Into.Fresh &= From.Fresh;
        return !(Into == Old);
      };
      auto Edge = [](const CFGBlock &, unsigned, MustState &) {};
      auto Reachable = [](const MustState &S) { return S.Reached; };
      auto Cost = [](const MustState &) { return size_t(0); };
      bool Done = solveForward(*Graph, Order, In, Transfer, Edge, Join, Reachable, Cost,
                               64 * size_t(Graph->getNumBlockIDs()) + 4096,
                               ~size_t(0)) == SolveResult::Converged;
      // The exit's state is what every returning path agrees on.
      const MustState &AtExit = In[Graph->getExit().getBlockID()];
      if (Done && AtExit.Reached) {
        MustFree = AtExit.Free;
        MustMove = AtExit.Move;
        MustForward = AtExit.Forward;
        MustFresh = AtExit.Fresh;
      }
    }
    llvm::DenseSet<unsigned> Reassigned;
    // Locals assigned only fresh allocations, for `T *p = new T; ...; return p;`.
    llvm::DenseMap<Place, bool> OnlyFresh;
    // A local freed anywhere here is not handed out fresh (`p = new T;
    // delete p; return p;` returns a dangling pointer).
    llvm::DenseSet<Place> FreedLocals;
    for (const Fact &F : Facts)
      if (F.K == Fact::Free && F.Value.K == PtrValue::FromPlace)
        FreedLocals.insert(F.Value.P);
    unsigned Returns = 0, FreshReturns = 0;
    llvm::DenseMap<unsigned, AllocKind> OutKinds; // the allocations assigned to each parameter
    llvm::DenseSet<unsigned> MixedOut;
    std::optional<AllocKind> Kind;
    bool Mixed = false;
    for (const Fact &F : Facts) {
      if ((F.K == Fact::Assign || F.K == Fact::Invalidate) && ParamOf(F.Target) >= 0 &&
          !isa<DeclStmt>(F.Site))
        Reassigned.insert(ParamOf(F.Target));
      if (F.K == Fact::Assign && F.Value.K == PtrValue::Alloc && ParamOf(F.Target) >= 0) {
        auto Entry = OutKinds.try_emplace(ParamOf(F.Target), F.Value.Kind);
        if (Entry.first->second != F.Value.Kind)
          MixedOut.insert(ParamOf(F.Target));
      }
      if (F.K == Fact::Assign || F.K == Fact::Invalidate) {
        bool Fresh = F.K == Fact::Assign && F.Value.K == PtrValue::Alloc && !F.Value.SelfOwned;
        auto Entry = OnlyFresh.try_emplace(F.Target, Fresh);
        Entry.first->second = Entry.first->second && Fresh;
        if (Fresh) {
          Mixed |= Kind && *Kind != F.Value.Kind;
          Kind = F.Value.Kind;
        }
      }
      int Value = F.Value.K == PtrValue::FromPlace ? ParamOf(F.Value.P) : -1;
      auto Keeps = [&](int Param) {
        Result.Params[Param].Stores = true;
        Result.Params[Param].StoresOtherwise = true;
      };
      if (F.K == Fact::Free && Value >= 0 && !Reassigned.contains(Value)) {
        if (MustFree.test(Value)) {
          Result.Params[Value].Frees = true;
          Result.Params[Value].FreeKind = F.Dealloc;
        } else {
          Keeps(Value); // freed on some paths only
        }
      }
      if (IsHandOn(F) && Value >= 0) {
        ParamSummary &P = Result.Params[Value];
        const std::string &Key = externalKey(cast<FunctionDecl>(F.Callee));
        if (P.ForwardKey.empty()) {
          P.ForwardKey = Key;
          P.ForwardIndex = unsigned(F.ArgIndex);
        } else if (P.ForwardKey != Key || P.ForwardIndex != unsigned(F.ArgIndex)) {
          P.StoresOtherwise = true; // handed to two functions: not resolved
        }
        P.Stores = true; // until linked
      } else if ((F.K == Fact::Escape || F.K == Fact::Return || F.K == Fact::TakeOwnership) &&
                 Value >= 0) {
        Keeps(Value);
      }
      // The parameter itself handed on by reference (`v.emplace_back(ptr)`
      // deduces `T *&`): the callee may keep the pointer.
      if (F.K == Fact::Invalidate && ParamOf(F.Target) >= 0 && F.Site &&
          isa<CallExpr, CXXConstructExpr>(F.Site))
        Keeps(ParamOf(F.Target));
      if (F.K == Fact::Assign && Value >= 0 && isa<FieldDecl>(F.Target))
        Keeps(Value);

      if (F.K == Fact::Move && ParamOf(F.Target) >= 0) {
        if (MustMove.test(ParamOf(F.Target)))
          Result.Params[ParamOf(F.Target)].MovesFrom = true;
        else
          Result.Params[ParamOf(F.Target)].MaybeMovesFrom = true;
      }
      if (F.K == Fact::Return && !isa<CXXThrowExpr>(F.Site)) {
        ++Returns;
        if (F.Value.K == PtrValue::Alloc && !F.Value.SelfOwned) {
          ++FreshReturns;
          Mixed |= Kind && *Kind != F.Value.Kind;
          Kind = F.Value.Kind;
        } else if (F.Value.K == PtrValue::FromPlace && !isa<FieldDecl>(F.Value.P) &&
                   ParamOf(F.Value.P) < 0 && OnlyFresh.lookup(F.Value.P) &&
                   !FreedLocals.contains(F.Value.P)) {
          ++FreshReturns;
        } else if (F.Value.K == PtrValue::FromPlace && ParamOf(F.Value.P) >= 0 &&
                   ReturnsFreshParam.lookup(F.Site)) {
          ++FreshReturns; // the parameter reassigned: `data = new T; return data;`
        }
      }
      // A local that escapes elsewhere may be kept: not a plain factory.
      if (F.K == Fact::Escape && F.Value.K == PtrValue::FromPlace)
        OnlyFresh[F.Value.P] = false;
    }
    Result.ReturnsAllocation = Returns > 0 && FreshReturns == Returns && Kind && !Mixed &&
                               isPointer(Definition->getReturnType());
    if (Kind)
      Result.ReturnedKind = *Kind;
    for (unsigned I = 0; I < Result.Params.size(); ++I) {
      Result.Params[I].MustForward = MustForward.test(I);
      // `void make(T *&out) { out = new T; }`: the caller's pointer holds a
      // new object after the call, on every path.
      QualType T = Definition->getParamDecl(I)->getType();
      if (MustFresh.test(I) && T->isLValueReferenceType() && isPointer(T.getNonReferenceType()) &&
          OutKinds.count(I) && !MixedOut.contains(I)) {
        Result.Params[I].OutFresh = true;
        Result.Params[I].OutKind = OutKinds[I];
      }
    }
  } else {
    for (ParamSummary &S : Result.Params)
      S.Stores = S.StoresOtherwise = S.MovesFrom = true;
  }
  --Depth;
  InProgress.erase(Definition);
  return &Cache.insert({Definition, std::move(Result)}).first->second;
}

// ---------------------------------------------------------------------------

std::string dumpFacts(const std::vector<Fact> &Facts, const ASTContext &Ctx) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  const SourceManager &SM = Ctx.getSourceManager();
  auto Where = [&](const Stmt *S) {
    if (!S)
      return std::string("?");
    PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(S->getBeginLoc()));
    return P.isValid() ? std::to_string(P.getLine()) + ":" + std::to_string(P.getColumn())
                       : std::string("?");
  };
  auto Value = [&](const PtrValue &V) -> std::string {
    switch (V.K) {
    case PtrValue::None:
      return "unknown";
    case PtrValue::Null:
      return "null";
    case PtrValue::FromPlace:
      return V.P->getNameAsString();
    case PtrValue::Alloc:
      return allocKindName(V.Kind) + "@" + Where(V.Site);
    case PtrValue::SmartGet:
      return V.P->getNameAsString() + ".get()";
    }
    return "?";
  };
  static const char *Names[] = {"Assign",      "Free",       "TakeOwnership", "ReleaseOwnership",
                                "Deref",       "PassToCall", "Escape",        "Return",
                                "LifetimeEnd", "Move",       "Reinit",        "Use",
                                "MayRelease",  "Invalidate", "Changed",       "IntSet",
                                "IntAdd"};
  for (const Fact &F : Facts) {
    OS << Names[F.K] << " " << Where(F.Site);
    if (F.Target)
      OS << " " << F.Target->getName();
    if (F.Value.valid() || F.K == Fact::Assign)
      OS << " <- " << Value(F.Value);
    if (F.K == Fact::Free || F.K == Fact::TakeOwnership)
      OS << " by " << deallocatorName(F.Dealloc);
    if (F.K == Fact::IntSet)
      OS << " = " << (F.IntKnown ? std::to_string(F.Int) : std::string("?"));
    if (F.K == Fact::IntAdd)
      OS << " += " << F.Int;
    if (F.K == Fact::Use)
      OS << (F.HowUsed == UseKind::MoveAgain ? " (move again)"
             : F.HowUsed == UseKind::Deref   ? " (deref)"
                                             : " (read)");
    OS << "\n";
  }
  return Out;
}

} // namespace ownlint
