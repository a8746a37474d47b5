#include "RawNewDeleteCheck.h"

#include "AnalysisCache.h"
#include "AstWalk.h"
#include "ClangCompat.h"
#include "CrashContext.h"
#include "Library.h"
#include "LocalParents.h"
#include "OwnerTypes.h"
#include "utils/CheckOptions.h"
#include "utils/SourceText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace ownlint {

// Where the pointer produced by a `new` ends up: that decides who owns it.
struct OwnershipSite {
  enum Kind {
    Managed,   // handed straight to a smart pointer: owned properly
    Immortal,  // static storage: deliberately never freed
    Local,     // a local raw pointer variable
    Member,    // a raw pointer data member
    Returned,  // returned as a raw pointer
    Container, // stored as an element of a standard container
    Transfer,  // passed to a function or constructor
    Other,     // anything else: out-parameters, array slots, expressions
  } K = Other;
  const VarDecl *Var = nullptr;
  const FieldDecl *Field = nullptr;
  const Expr *Consumer = nullptr; // call or construction for Container/Transfer
  const Expr *Target = nullptr;   // the left-hand side for Member/Other assignments
};

// What one function body does with each local raw pointer.
struct LocalFacts {
  struct Var {
    std::vector<const CXXNewExpr *> OwningNews; // news classified Local to it
    std::vector<const CXXDeleteExpr *> Deletes;
    bool OnlySimpleUses = true;        // every use also compiles on a std::unique_ptr
    const Expr *FirstEscape = nullptr; // first use a std::unique_ptr would not take
    // The first use that hands the object on: a store, a return, an adopting
    // (or possibly adopting) call. Never a borrow such as memcpy(p, ...).
    const Expr *FirstHandOff = nullptr;
    bool FirstHandOffIsStore = false;  // a store or a return
    bool FirstHandOffToSmart = false;  // adopted by a smart pointer there
    bool FirstHandOffToCaller = false; // returned, or stored through a parameter
    bool AnyToCaller = false;          // a use hands it to the caller (directly or in a new object)
    bool PassedOn = false;             // some use may keep it (a buffer passed to a call too)
    bool FirstHandOffBoundary = false; // through an interface fixed elsewhere
    bool AnyBoundaryHandOff = false;   // void*, extern "C", an override's signature
    bool HandOffIntoContainer = false; // a push_back(p) or m[k] = p
    bool MaybeNotHeap = false;         // also assigned the address of a non-heap object
    bool FromVoidPointer = false;      // assigned from a cast of a void *
    bool FromParameter = false;        // assigned from a parameter (or what it reaches)
    bool FromParameterItself = false;  // assigned a parameter's value (cast or not)
    unsigned Assignments = 0;
  };
  llvm::DenseMap<const VarDecl *, Var> Vars;
  // bool locals assigned only constants: ownership flags, not computed results.
  llvm::DenseSet<const VarDecl *> ConstantFlags;
  llvm::DenseSet<const VarDecl *> ComputedFlags;
  bool isFlag(const VarDecl *VD) const {
    return ConstantFlags.contains(VD) && !ComputedFlags.contains(VD);
  }
};

// What a class's member functions do with each raw pointer member, and
// whether the class itself implements an owner.
struct MemberFacts {
  struct Field {
    std::vector<const CXXNewExpr *> OwningNews;
    std::vector<const CXXDeleteExpr *> Deletes;
    std::vector<const FunctionDecl *> DeleteFunctions; // where each delete is
    unsigned GuardedDeletes = 0;                       // under an ownership flag or an alias test
    bool MaybeNotHeap = false;    // also assigned the address of a non-heap object
    bool ElementsDeleted = false; // a container whose elements the class deletes
    bool StoresHandedOut = false; // a method stores a new object in it and returns a pointer
  };
  llvm::DenseMap<const FieldDecl *, Field> Fields;
  // The class is a smart pointer, a handle or a pool: its member functions are
  // the implementation of an owner, not raw owners to replace.
  bool Owner = false;
  bool isPool(const FieldDecl *FD) const {
    auto It = Fields.find(FD);
    return It != Fields.end() && It->second.ElementsDeleted && It->second.StoresHandedOut;
  }
};

namespace {

const llvm::StringSet<> &borrowerNames() {
  static const llvm::StringSet<> Names = {
#define OWNLINT_BORROWER(Name) Name,
#include "Allocators.def"
  };
  return Names;
}

// A call that only reads or writes through its pointer arguments: the C
// library's borrowers (Allocators.def) and compiler builtins.
bool isBorrowerCall(const CallExpr &Call) {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD)
    return false;
  if (FD->getBuiltinID() != 0)
    return true;
  const IdentifierInfo *II = FD->getIdentifier();
  if (!II || !borrowerNames().contains(II->getName()))
    return false;
  const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
  return DC->isTranslationUnit() || DC->isStdNamespace() || FD->isExternC();
}

bool isNullConstant(const Expr *E, ASTContext &Ctx) {
  return E->IgnoreParenCasts()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

// A function whose signature something else fixes: one with C language
// linkage (its callers are C), or an override of a virtual function.
bool isCBoundaryFunction(const FunctionDecl *FD) {
  return FD && (FD->isExternC() || FD->isInExternCContext());
}
bool isOverride(const FunctionDecl *FD) {
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(FD);
  return M && (M->size_overridden_methods() > 0 || M->hasAttr<OverrideAttr>() ||
               M->hasAttr<FinalAttr>());
}
bool isInterfaceFixed(const FunctionDecl *FD) { return isCBoundaryFunction(FD) || isOverride(FD); }

// `&x`, an array (decayed), a string literal: memory no `delete` may free.
bool mayPointToNonHeap(const Expr *E) {
  while (E) {
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
      if (Cast->getCastKind() == CK_ArrayToPointerDecay)
        return true;
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Paren = dyn_cast<ParenExpr>(E)) {
      E = Paren->getSubExpr();
      continue;
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E))
      return mayPointToNonHeap(Cond->getTrueExpr()) || mayPointToNonHeap(Cond->getFalseExpr());
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      return UO->getOpcode() == UO_AddrOf;
    return isa<StringLiteral>(E);
  }
  return false;
}

// `static_cast<T *>(arg)` / `reinterpret_cast<T *>(arg)` / `(T *)arg` of a
// `void *`: an object handed back through a type-erased (C-style) interface.
bool castFromVoidPointer(const Expr *E) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    E = Cleanups->getSubExpr()->IgnoreParenImpCasts();
  const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
  if (!Cast)
    return false;
  QualType From = Cast->getSubExpr()->IgnoreParenImpCasts()->getType();
  return !From.isNull() && From->isVoidPointerType();
}

// `*static_cast<Arg *>(ctx)`, `reinterpret_cast<Arg *>(ctx)->field`: a
// value reached from an object handed back through a `void *`.
bool rootedInVoidCast(const Expr *E) {
  for (int Depth = 0; E && Depth < 16; ++Depth) {
    if (castFromVoidPointer(E))
      return true;
    E = ignoreWrappers(E)->IgnoreParenCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      E = ME->getBase();
    else if (const auto *UO = dyn_cast<UnaryOperator>(E))
      E = UO->getOpcode() == UO_Deref ? UO->getSubExpr() : nullptr;
    else if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E))
      E = Sub->getBase();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      E = Construct->getNumArgs() == 1 ? Construct->getArg(0) : nullptr;
    else
      return false;
  }
  return false;
}

// An explicit cast that reinterprets one pointer type as an unrelated one
// (`reinterpret_cast<Handle *>(new char[n])`, `(char *)h`): raw storage laid
// out by hand.
bool isReinterpretCast(const Expr *E) {
  const auto *Cast = dyn_cast_or_null<ExplicitCastExpr>(E);
  if (!Cast || Cast->getCastKind() != CK_BitCast)
    return false;
  QualType To = Cast->getType(), From = Cast->getSubExpr()->getType();
  return To->isPointerType() && From->isPointerType() && !To->isVoidPointerType() &&
         !From->isVoidPointerType();
}
bool isReinterpretedStorage(const Expr *DeleteArg) {
  return isReinterpretCast(ignoreWrappers(DeleteArg)->IgnoreParens());
}

// The variable or field a pointer expression names: `p`, `this->p_`,
// `obj->p_` (casts and parentheses ignored).
const ValueDecl *pointerDecl(const Expr *E) {
  if (!E)
    return nullptr;
  E = ignoreWrappers(E)->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  return nullptr;
}

// Does \p E read the state of the object \p Target points to: `p->refs`,
// `--p->refs_`, `p->Unref()`?
bool rootedAt(const Expr *E, const ValueDecl *Target) {
  if (!Target)
    return false;
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      E = Call->getImplicitObjectArgument();
      if (E && pointerDecl(E) == Target)
        return true;
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (pointerDecl(ME->getBase()) == Target)
        return true;
      E = ME->getBase();
      continue;
    }
    return false;
  }
  return false;
}

// The field `this->F` names, also through anonymous unions and structs.
const FieldDecl *thisField(const Expr *E) {
  if (const FieldDecl *FD = referencedThisField(E))
    return FD;
  const auto *ME = dyn_cast_or_null<MemberExpr>(ignoreWrappers(E));
  if (!ME)
    return nullptr;
  const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
  const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
  while (const auto *Outer = dyn_cast<MemberExpr>(Base)) {
    const auto *Anon = dyn_cast<FieldDecl>(Outer->getMemberDecl());
    if (!Anon || !Anon->isAnonymousStructOrUnion())
      return nullptr;
    Base = Outer->getBase()->IgnoreParenImpCasts();
  }
  return isa<CXXThisExpr>(Base) ? FD : nullptr;
}

// A field that shares its storage with others: its pointer is owning only
// while some other bit says so.
bool inUnion(const FieldDecl *FD) {
  if (!FD)
    return false;
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent()) {
    const auto *RD = dyn_cast<RecordDecl>(DC);
    if (!RD)
      break;
    if (RD->isUnion())
      return true;
    if (!RD->isAnonymousStructOrUnion())
      break;
  }
  return false;
}

// The parameter an expression reaches through: `p`, `*out`, `out[i]`,
// `handle->rep`.
const ParmVarDecl *rootParam(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<ParmVarDecl>(DRE->getDecl());
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      E = ME->getBase();
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E)) {
      E = Sub->getBase();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star ||
           Op->getOperator() == OO_Arrow) &&
          Op->getNumArgs() >= 1) {
        E = Op->getArg(0);
        continue;
      }
    }
    return nullptr;
  }
  return nullptr;
}

// Is the condition \p Cond an ownership test for the pointer \p Target: an
// ownership flag (a bool or one-bit member, a bool local only ever set to a
// constant), an alias test (`p != &inline_`, `buf_ != space_`), or the
// object's own count (`p->Unref()`, `--p->refs == 0`)?
bool isOwnershipGuard(const Expr *Cond, const ValueDecl *Target, const LocalFacts *Locals,
                      ASTContext &Ctx) {
  if (!Cond)
    return false;
  const Expr *C = Cond->IgnoreParenImpCasts();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(C))
    C = Cleanups->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(C))
    if (UO->getOpcode() == UO_LNot)
      return isOwnershipGuard(UO->getSubExpr(), Target, Locals, Ctx);
  if (const auto *BO = dyn_cast<BinaryOperator>(C)) {
    if (BO->isLogicalOp())
      return isOwnershipGuard(BO->getLHS(), Target, Locals, Ctx) ||
             isOwnershipGuard(BO->getRHS(), Target, Locals, Ctx);
    if (BO->isEqualityOp() || BO->isRelationalOp()) {
      const Expr *L = BO->getLHS(), *R = BO->getRHS();
      for (int Side = 0; Side < 2; ++Side, std::swap(L, R)) {
        if (Target && pointerDecl(L) == Target && L->getType()->isPointerType() &&
            !isNullConstant(R, Ctx))
          return true; // p != &x: the pointer may alias memory it does not own
        if (rootedAt(L, Target))
          return true; // p->refs == 0
      }
      return false;
    }
    return false;
  }
  if (rootedAt(C, Target) && !isa<DeclRefExpr>(C))
    return true; // p->Unref()
  QualType T = C->getType();
  if (const auto *ME = dyn_cast<MemberExpr>(C)) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (FD && FD != Target &&
        (T->isBooleanType() || (FD->isBitField() && bitFieldWidth(FD, Ctx) == 1)))
      return true; // if (owns_) delete p_;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(C))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD != Target && T->isBooleanType() && Locals && Locals->isFlag(VD))
        return true; // bool owned = false; ... if (owned) delete p;
  return false;
}

// The local variable an expression reaches through: `v`, `v.field`, `v->f`.
const VarDecl *rootVar(const Expr *E) {
  for (int Depth = 0; E && Depth < 16; ++Depth) {
    E = ignoreWrappers(E)->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(DRE->getDecl());
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      E = ME->getBase();
    else if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E))
      E = Sub->getBase();
    else if (const auto *UO = dyn_cast<UnaryOperator>(E))
      E = UO->getOpcode() == UO_Deref ? UO->getSubExpr() : nullptr;
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      E = (Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star) &&
                  Op->getNumArgs() > 0
              ? Op->getArg(0)
              : nullptr;
    else
      return nullptr;
  }
  return nullptr;
}

// A record with a pointer to its own type: a node of a hand-written list,
// tree or stack.
bool isLinkedNodeType(QualType T) {
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!RD || !(RD = RD->getDefinition()))
    return false;
  for (const FieldDecl *F : RD->fields()) {
    QualType FT = F->getType();
    if (FT->isPointerType())
      if (const CXXRecordDecl *Pointee = FT->getPointeeType()->getAsCXXRecordDecl())
        if (Pointee->getCanonicalDecl() == RD->getCanonicalDecl())
          return true;
  }
  return false;
}

bool isLinkedNodeInLoop(const CXXDeleteExpr &Delete, const LocalParents &Parents) {
  if (Delete.isArrayForm() || !isLinkedNodeType(Delete.getDestroyedType()))
    return false;
  DynTypedNode Node = DynTypedNode::create(Delete);
  for (int Depth = 0; Depth < 64; ++Depth) {
    DynTypedNode Parent = Parents.parent(Node);
    if (Parent.getNodeKind().isNone() || Parent.get<FunctionDecl>())
      return false;
    if (Parent.get<WhileStmt>() || Parent.get<ForStmt>() || Parent.get<DoStmt>())
      return true;
    Node = Parent;
  }
  return false;
}

bool mayLeave(const Stmt *S);

// Does \p S acquire the local \p V: declare it with an initialiser, assign
// it, or pass its address to a call (an out-parameter)?
bool acquires(const Stmt *S, const VarDecl *V) {
  struct Finder : RecursiveASTVisitor<Finder> {
    const VarDecl *V;
    bool Found = false;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitDeclStmt(DeclStmt *DS) {
      for (const Decl *D : DS->decls())
        if (D == V && V->getInit())
          Found = true;
      return !Found;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp() && referencedVar(BO->getLHS()) == V)
        Found = true;
      return !Found;
    }
    bool VisitUnaryOperator(UnaryOperator *UO) {
      if (UO->getOpcode() == UO_AddrOf && referencedVar(UO->getSubExpr()) == V)
        Found = true;
      return !Found;
    }
  } F;
  F.V = V;
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

// Is the object freed right where the local \p V acquires it: between the
// statement that fills \p V and the delete, in the same block or an `if`
// inside it, nothing can leave or throw? Then no path loses it, and a
// std::unique_ptr would change nothing (`s = Open(..., &handles); if
// (s.ok()) delete handles[0];`).
bool freedWhereAcquired(const CXXDeleteExpr &Delete, const VarDecl *V,
                        const LocalParents &Parents) {
  DynTypedNode Node = DynTypedNode::create(Delete);
  for (int Depth = 0; Depth < 32; ++Depth) {
    DynTypedNode Parent = Parents.parent(Node);
    if (Parent.getNodeKind().isNone())
      return false;
    if (const auto *Block = Parent.get<CompoundStmt>()) {
      const Stmt *Self = Node.get<Stmt>();
      std::vector<const Stmt *> Before;
      for (const Stmt *Child : Block->body()) {
        if (Child == Self)
          break;
        Before.push_back(Child);
      }
      for (auto It = Before.rbegin(); It != Before.rend(); ++It) {
        if (acquires(*It, V))
          return true;
        if (mayLeave(*It))
          return false;
      }
    } else if (const auto *If = Parent.get<IfStmt>()) {
      if (Node.get<Stmt>() != If->getCond() && acquires(If->getCond(), V))
        return true; // if (Open(&p)) delete p;
      if (Node.get<Stmt>() != If->getCond() && mayLeave(If->getCond()))
        return false;
    } else if (!Parent.get<ExprWithCleanups>() && !Parent.get<ParenExpr>() &&
               !Parent.get<ImplicitCastExpr>()) {
      return false; // a loop, a switch, the function: not followed
    }
    Node = Parent;
  }
  return false;
}

// Is \p S (a delete) inside an `if` (or `?:`) whose condition is an
// ownership test for \p Target?
bool isGuarded(const Stmt &S, const ValueDecl *Target, const LocalParents &Parents,
               const LocalFacts *Locals, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(S);
  for (int Depth = 0; Depth < 64; ++Depth) {
    DynTypedNode Parent = Parents.parent(Node);
    if (Parent.getNodeKind().isNone())
      return false;
    if (const auto *If = Parent.get<IfStmt>()) {
      if (Node.get<Stmt>() != If->getCond() && isOwnershipGuard(If->getCond(), Target, Locals, Ctx))
        return true;
    } else if (const auto *Cond = Parent.get<ConditionalOperator>()) {
      if (Node.get<Stmt>() != Cond->getCond() &&
          isOwnershipGuard(Cond->getCond(), Target, Locals, Ctx))
        return true;
    } else if (Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>()) {
      return false;
    }
    Node = Parent;
  }
  return false;
}

// Can control leave \p S early, or an exception escape it: a return, throw,
// break, continue, goto, another allocation, or a call that is neither
// noexcept nor a function whose body (seen in this file, a few calls deep)
// does none of that. The C library's borrowers and builtins do not throw.
class LeaveFinder : public RecursiveASTVisitor<LeaveFinder> {
public:
  LeaveFinder(bool InCallee, unsigned Depth, llvm::DenseSet<const FunctionDecl *> &Seen)
      : InCallee(InCallee), Depth(Depth), Seen(Seen) {}
  bool Found = false;
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool VisitStmt(Stmt *S) {
    if (isa<CXXThrowExpr, CXXNewExpr, CoreturnStmt>(S) ||
        (!InCallee && isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, IndirectGotoStmt>(S)))
      Found = true;
    return !Found;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (isBorrowerCall(*Call))
      return true;
    if (!mayThrow(Call->getDirectCallee(), Call))
      return true;
    Found = true;
    return false;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (Ctor && Ctor->isTrivial())
      return true;
    if (!mayThrow(Ctor, nullptr))
      return true;
    Found = true;
    return false;
  }

private:
  bool mayThrow(const FunctionDecl *FD, const CallExpr *Call) {
    if (!FD)
      return true; // through a function pointer
    if (const auto *FPT = FD->getType()->getAs<FunctionProtoType>())
      if (FPT->isNothrow())
        return false;
    // A virtual call may run any override.
    if (const auto *M = dyn_cast<CXXMethodDecl>(FD))
      if (M->isVirtual() && isa_and_nonnull<CXXMemberCallExpr>(Call) && !M->hasAttr<FinalAttr>() &&
          !M->getParent()->hasAttr<FinalAttr>())
        return true;
    const FunctionDecl *Def = nullptr;
    if (Depth >= 3 || !FD->getBody(Def) || !Def)
      return true;
    if (!Seen.insert(Def).second)
      return false; // recursion: judged where it started
    LeaveFinder Callee(true, Depth + 1, Seen);
    Callee.TraverseStmt(Def->getBody());
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (!Callee.Found)
          Callee.TraverseStmt(Init->getInit());
    return Callee.Found;
  }

  bool InCallee;
  unsigned Depth;
  llvm::DenseSet<const FunctionDecl *> &Seen;
};
bool mayLeave(const Stmt *S) {
  if (!S)
    return false;
  llvm::DenseSet<const FunctionDecl *> Seen;
  LeaveFinder F(false, 0, Seen);
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

// Is every declaration of \p FD in the file that defines it: can its
// signature change without touching another file (a header's callers)?
bool signatureIsLocal(const FunctionDecl *FD, const SourceManager &SM) {
  if (!FD)
    return false;
  FileID File = SM.getFileID(SM.getExpansionLoc(FD->getLocation()));
  for (const FunctionDecl *Redecl : FD->redecls())
    if (SM.getFileID(SM.getExpansionLoc(Redecl->getLocation())) != File)
      return false;
  if (const FunctionTemplateDecl *Template = FD->getDescribedFunctionTemplate())
    for (const RedeclarableTemplateDecl *Redecl : Template->redecls())
      if (SM.getFileID(SM.getExpansionLoc(Redecl->getLocation())) != File)
        return false;
  return true;
}

// The type of the object a member call is made on: `p->reset(...)` on a
// `std::unique_ptr<T> *p` is a call on the std::unique_ptr.
QualType objectType(const Expr *Object) {
  QualType T = Object->IgnoreImpCasts()->getType();
  if (const auto *PT = T->getAs<PointerType>())
    return PT->getPointeeType();
  return T;
}

bool isSmartPointerCallee(const CXXMemberCallExpr &Call, llvm::ArrayRef<std::string> OwnerTypes) {
  const Expr *Object = Call.getImplicitObjectArgument();
  return Object && isSmartPointerLike(objectType(Object), OwnerTypes);
}

// A standard container whose elements are smart pointers owns what is put
// in it: `v.emplace_back(new T)` on a std::vector<std::unique_ptr<T>>.
bool holdsSmartPointers(QualType T, llvm::ArrayRef<std::string> OwnerTypes) {
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    for (const TemplateArgument &Arg : TST->template_arguments())
      if (Arg.getKind() == TemplateArgument::Type &&
          (isSmartPointerLike(Arg.getAsType(), OwnerTypes) ||
           (isStdContainer(Arg.getAsType()) && holdsSmartPointers(Arg.getAsType(), OwnerTypes))))
        return true;
  }
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        (isSmartPointerLike(Arg.getAsType(), OwnerTypes) ||
         (isStdContainer(Arg.getAsType()) && holdsSmartPointers(Arg.getAsType(), OwnerTypes))))
      return true;
  return false;
}

bool isContainerInsertion(llvm::StringRef Name) { return library().InsertMethods.contains(Name); }

OwnershipSite classify(const CXXNewExpr &New, const LocalParents &Parents,
                       llvm::ArrayRef<std::string> OwnerTypes) {
  OwnershipSite Site;
  DynTypedNode Child = DynTypedNode::create(New);
  const Expr *ChildExpr = &New;
  while (true) {
    DynTypedNode Parent = Parents.parent(Child);
    if (const auto *E = Parent.get<Expr>()) {
      if (isa<ImplicitCastExpr, ParenExpr, ExprWithCleanups, CXXBindTemporaryExpr,
              MaterializeTemporaryExpr, CXXStaticCastExpr, CStyleCastExpr>(E) ||
          (isa<ConditionalOperator>(E) && cast<ConditionalOperator>(E)->getCond() != ChildExpr)) {
        Child = Parent;
        ChildExpr = E;
        continue;
      }
      // In a template, `T x(new E)` and `m_(new E)` keep their initialiser
      // as a one-element ParenListExpr with no type: the variable or member
      // above it is the owner.
      if (const auto *List = dyn_cast<ParenListExpr>(E)) {
        if (List->getNumExprs() != 1)
          return Site;
        Child = Parent;
        ChildExpr = E;
        continue;
      }
      if (E->getType().isNull())
        return Site;
      if (isa<CXXConstructExpr, InitListExpr, CXXFunctionalCastExpr, CXXUnresolvedConstructExpr>(
              E)) {
        if (isSmartPointerLike(E->getType(), OwnerTypes))
          Site.K = OwnershipSite::Managed;
        else if (isStdContainer(E->getType()))
          Site.K = holdsSmartPointers(E->getType(), OwnerTypes) ? OwnershipSite::Managed
                                                                : OwnershipSite::Container;
        else if (E->getType()->isRecordType() || E->getType()->isDependentType())
          Site.K = OwnershipSite::Transfer;
        Site.Consumer = E;
        return Site;
      }
      if (const auto *MCall = dyn_cast<CXXMemberCallExpr>(E)) {
        if (MCall->getImplicitObjectArgument() == ChildExpr)
          return Site; // (new T)->f(): nobody keeps it
        Site.Consumer = E;
        QualType ObjectType = MCall->getImplicitObjectArgument()->getType();
        if (isSmartPointerCallee(*MCall, OwnerTypes))
          Site.K = OwnershipSite::Managed;
        else if (isStdContainer(ObjectType))
          Site.K = holdsSmartPointers(ObjectType, OwnerTypes) ? OwnershipSite::Managed
                                                              : OwnershipSite::Container;
        else
          Site.K = OwnershipSite::Transfer;
        return Site;
      }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
        Site.Consumer = E;
        if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
            isSmartPointerLike(Op->getArg(0)->getType(), OwnerTypes))
          Site.K = OwnershipSite::Managed;
        else
          Site.K = OwnershipSite::Transfer;
        return Site;
      }
      if (isa<CallExpr>(E)) {
        Site.K = OwnershipSite::Transfer;
        Site.Consumer = E;
        return Site;
      }
      if (const auto *Assign = dyn_cast<BinaryOperator>(E)) {
        if (Assign->getOpcode() != BO_Assign || Assign->getRHS() != ChildExpr)
          return Site;
        const Expr *LHS = Assign->getLHS()->IgnoreParenImpCasts();
        Site.Target = LHS;
        if (const VarDecl *VD = referencedVar(LHS)) {
          if (VD->hasGlobalStorage())
            Site.K = OwnershipSite::Immortal;
          else if (!isa<ParmVarDecl>(VD) && !VD->getType()->isReferenceType()) {
            Site.K = OwnershipSite::Local;
            Site.Var = VD;
          }
          return Site;
        }
        if (const auto *ME = dyn_cast<MemberExpr>(LHS))
          if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
            Site.K = OwnershipSite::Member;
            Site.Field = FD;
            return Site;
          }
        if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(LHS))
          if (Op->getOperator() == OO_Subscript && isStdContainer(Op->getArg(0)->getType())) {
            Site.K = holdsSmartPointers(Op->getArg(0)->getType(), OwnerTypes)
                         ? OwnershipSite::Managed
                         : OwnershipSite::Container;
            Site.Consumer = Op;
          }
        return Site;
      }
      if (const auto *Deref = dyn_cast<UnaryOperator>(E)) {
        // `static T &x = *new T;` is the immortal-object idiom.
        if (Deref->getOpcode() == UO_Deref)
          if (const auto *VD = Parents.parent(Parent).get<VarDecl>())
            if (VD->hasGlobalStorage())
              Site.K = OwnershipSite::Immortal;
        return Site;
      }
      return Site;
    }
    if (const auto *VD = Parent.get<VarDecl>()) {
      if (VD->hasGlobalStorage())
        Site.K = OwnershipSite::Immortal;
      else if (!isa<ParmVarDecl>(VD) && VD->getType()->isPointerType()) {
        Site.K = OwnershipSite::Local;
        Site.Var = VD;
      }
      return Site;
    }
    if (const auto *FD = Parent.get<FieldDecl>()) {
      Site.K = OwnershipSite::Member;
      Site.Field = FD;
      return Site;
    }
    // Clang's parent map skips CXXCtorInitializer: the constructor is the parent.
    const CXXCtorInitializer *Init = Parent.get<CXXCtorInitializer>();
    if (const auto *Ctor = Parent.get<CXXConstructorDecl>())
      for (const CXXCtorInitializer *I : Ctor->inits())
        if (I->getInit() == ChildExpr)
          Init = I;
    if (Init) {
      if (FieldDecl *FD = Init->getMember()) {
        Site.K = OwnershipSite::Member;
        Site.Field = FD;
      } else {
        Site.K = OwnershipSite::Transfer;
      }
      return Site;
    }
    if (Parent.get<ReturnStmt>())
      Site.K = OwnershipSite::Returned;
    return Site;
  }
}

// A use of a local pointer that reads the same when the local becomes a
// std::unique_ptr: `p->m`, `*p`, `p[i]`, `if (p)`, `!p`, `p == nullptr`.
bool isSimpleUse(const DeclRefExpr &Ref, const LocalParents &Parents, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(Ref);
  DynTypedNode Parent = Parents.parent(Node);
  // Loads, const-qualification and derived-to-base steps read the same on the
  // pointer a unique_ptr hands out.
  while (const auto *Cast = Parent.get<ImplicitCastExpr>()) {
    CastKind K = Cast->getCastKind();
    if (K != CK_LValueToRValue && K != CK_NoOp && K != CK_DerivedToBase &&
        K != CK_UncheckedDerivedToBase)
      break;
    Node = Parent;
    Parent = Parents.parent(Node);
  }
  if (const auto *ME = Parent.get<MemberExpr>())
    return ME->isArrow();
  if (const auto *Sub = Parent.get<ArraySubscriptExpr>())
    return Sub->getBase()->IgnoreImpCasts() == &Ref;
  if (const auto *UO = Parent.get<UnaryOperator>())
    return UO->getOpcode() == UO_Deref;
  if (const auto *BO = Parent.get<BinaryOperator>()) {
    if (BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE)
      return false;
    const Expr *Other = BO->getLHS()->IgnoreImpCasts() == &Ref ? BO->getRHS() : BO->getLHS();
    return Other->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
           Expr::NPCK_NotNull;
  }
  if (const auto *Bool = Parent.get<ImplicitCastExpr>()) {
    if (Bool->getCastKind() != CK_PointerToBoolean)
      return false;
    // Only contextual conversions: unique_ptr's operator bool is explicit.
    DynTypedNode Use = Parents.parent(Parent);
    if (const auto *UO = Use.get<UnaryOperator>())
      return UO->getOpcode() == UO_LNot;
    if (const auto *BO = Use.get<BinaryOperator>())
      return BO->isLogicalOp();
    return Use.get<IfStmt>() || Use.get<WhileStmt>() || Use.get<ForStmt>() || Use.get<DoStmt>() ||
           (Use.get<ConditionalOperator>() && Use.get<ConditionalOperator>()->getCond() == Bool);
  }
  return false;
}

// How a use of a local pointer that a std::unique_ptr would not take treats
// the object it points to.
struct UseInfo {
  enum Kind {
    Borrow,     // memcpy(p, ...), f(const T *), p + n: reads or writes through it
    Alias,      // q = p, another local: tracked no further
    Store,      // m_ = p, *out = p, v.push_back(p)
    Return,     // return p
    Adopt,      // std::unique_ptr<T>(p), passed as a void * context
    MaybeAdopt, // passed to a function that may keep it
    Unknown,
  } K = Unknown;
  bool Boundary = false;         // through an interface fixed elsewhere
  bool IntoContainer = false;    // into a standard container
  bool IntoSmartPointer = false; // adopted by a smart pointer
  bool ToCaller = false;         // returned, or stored through a parameter
};

// Does a callee whose body is in view keep (store, return, free, hand on) the
// pointer passed as its parameter \p Index? Cached per translation unit.
using KeepCache = llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool>;
struct KeepContext {
  KeepCache *Cache = nullptr;
  unsigned Depth = 0;
};
bool calleeMayKeep(const FunctionDecl *Callee, unsigned Index, const Expr *Call,
                   llvm::ArrayRef<std::string> OwnerTypes, KeepContext Keep);

UseInfo classifyUseOnce(const DeclRefExpr &Ref, const LocalParents &Parents,
                        llvm::ArrayRef<std::string> OwnerTypes, const FunctionDecl *&Callee,
                        unsigned &CalleeParam, const Expr *&CallSite);

// A use whose callee is in view and only borrows the pointer is a borrow.
UseInfo classifyUse(const DeclRefExpr &Ref, const LocalParents &Parents,
                    llvm::ArrayRef<std::string> OwnerTypes, KeepContext Keep) {
  const FunctionDecl *Callee = nullptr;
  unsigned CalleeParam = 0;
  const Expr *CallSite = nullptr;
  UseInfo Use = classifyUseOnce(Ref, Parents, OwnerTypes, Callee, CalleeParam, CallSite);
  if (Use.K == UseInfo::MaybeAdopt && Callee && Keep.Cache &&
      !calleeMayKeep(Callee, CalleeParam, CallSite, OwnerTypes, Keep))
    Use.K = UseInfo::Borrow;
  return Use;
}

UseInfo classifyUseOnce(const DeclRefExpr &Ref, const LocalParents &Parents,
                        llvm::ArrayRef<std::string> OwnerTypes, const FunctionDecl *&CalleeOut,
                        unsigned &CalleeParam, const Expr *&CallSite) {
  UseInfo Use;
  const FunctionDecl *FD = Parents.function();
  DynTypedNode Node = DynTypedNode::create(Ref);
  DynTypedNode Parent = Parents.parent(Node);
  bool ToVoid = false; // converted to a type-erased `void *`
  while (true) {
    if (const auto *Cast = Parent.get<CastExpr>()) {
      if (Cast->getType()->isVoidPointerType() && Cast->getCastKind() != CK_LValueToRValue)
        ToVoid = true;
    } else if (!Parent.get<ParenExpr>()) {
      break;
    }
    Node = Parent;
    Parent = Parents.parent(Node);
  }
  const Expr *NodeExpr = Node.get<Expr>();
  if (Parent.get<ReturnStmt>()) {
    Use.K = UseInfo::Return;
    Use.ToCaller = true;
    Use.Boundary =
        ToVoid || isInterfaceFixed(FD) || (FD && FD->getReturnType()->isVoidPointerType());
    return Use;
  }
  if (const auto *BO = Parent.get<BinaryOperator>()) {
    if (BO->getOpcode() != BO_Assign || BO->getRHS() != NodeExpr) {
      Use.K = UseInfo::Borrow;
      return Use;
    }
    const Expr *LHS = BO->getLHS()->IgnoreParenImpCasts();
    const VarDecl *VD = referencedVar(LHS);
    if (VD && !VD->hasGlobalStorage() && !isa<ParmVarDecl>(VD) &&
        !VD->getType()->isReferenceType()) {
      Use.K = UseInfo::Alias;
      return Use;
    }
    Use.K = UseInfo::Store;
    Use.Boundary = ToVoid || (isInterfaceFixed(FD) && rootParam(LHS));
    Use.ToCaller = rootParam(LHS) != nullptr;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(LHS))
      Use.IntoContainer = Op->getOperator() == OO_Subscript && Op->getNumArgs() > 0 &&
                          isStdContainer(Op->getArg(0)->getType());
    return Use;
  }
  if (const auto *VD = Parent.get<VarDecl>()) {
    Use.K = VD->hasGlobalStorage() ? UseInfo::Store : UseInfo::Alias;
    return Use;
  }
  // The construction or call the pointer is an argument of hands its result
  // to the caller: `return new Iter(p)`, `*out = new Wrapper(p)`.
  auto ResultToCaller = [&](const Expr *Result) {
    DynTypedNode N = DynTypedNode::create(*Result);
    for (int Depth = 0; Depth < 8; ++Depth) {
      DynTypedNode P = Parents.parent(N);
      if (P.get<ReturnStmt>())
        return true;
      if (const auto *Assign = P.get<BinaryOperator>())
        return Assign->getOpcode() == BO_Assign && Assign->getRHS() == N.get<Expr>() &&
               rootParam(Assign->getLHS()) != nullptr;
      if (!P.get<CXXNewExpr>() && !P.get<ImplicitCastExpr>() && !P.get<ParenExpr>() &&
          !P.get<ExprWithCleanups>() && !P.get<CXXBindTemporaryExpr>() &&
          !P.get<MaterializeTemporaryExpr>() && !P.get<ExplicitCastExpr>())
        return false;
      N = P;
    }
    return false;
  };
  if (const auto *Construct = Parent.get<CXXConstructExpr>())
    Use.ToCaller = ResultToCaller(Construct);
  if (const auto *Call = Parent.get<CallExpr>())
    Use.ToCaller = ResultToCaller(Call);
  if (const auto *Call = Parent.get<CallExpr>()) {
    unsigned Index = 0;
    bool IsArg = false;
    for (; Index < Call->getNumArgs(); ++Index)
      if (Call->getArg(Index) == NodeExpr) {
        IsArg = true;
        break;
      }
    if (!IsArg) {
      Use.K = UseInfo::Borrow; // the callee or the object of a member call
      return Use;
    }
    if (isBorrowerCall(*Call)) {
      Use.K = UseInfo::Borrow; // memcpy(p, ...)
      return Use;
    }
    if (ToVoid) {
      Use.K = UseInfo::Adopt;
      Use.Boundary = true; // a context pointer for a callback: pthread_create(..., p)
      return Use;
    }
    if (const auto *MCall = dyn_cast<CXXMemberCallExpr>(Call)) {
      const Expr *Object = MCall->getImplicitObjectArgument();
      const CXXMethodDecl *Method = MCall->getMethodDecl();
      if (Object && isSmartPointerLike(objectType(Object), OwnerTypes)) {
        Use.K = UseInfo::Adopt;
        Use.IntoSmartPointer = true;
        return Use;
      }
      if (Object && Method && Method->getIdentifier() && isStdContainer(Object->getType()) &&
          isContainerInsertion(Method->getName())) {
        Use.K = UseInfo::Store;
        Use.IntoContainer = true;
        return Use;
      }
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    unsigned ParamIndex = Index;
    if (isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (ParamIndex == 0) {
        Use.K = UseInfo::Borrow;
        return Use;
      }
      --ParamIndex;
    }
    if (Callee && ParamIndex >= Callee->getNumParams()) {
      Use.K = UseInfo::Borrow; // a C variadic: printf("%p", p)
      return Use;
    }
    if (Callee) {
      QualType Param = Callee->getParamDecl(ParamIndex)->getType();
      if (Param->isPointerType() && Param->getPointeeType().isConstQualified()) {
        Use.K = UseInfo::Borrow;
        return Use;
      }
    }
    Use.K = UseInfo::MaybeAdopt;
    CalleeOut = Callee;
    CalleeParam = ParamIndex;
    CallSite = Call;
    return Use;
  }
  if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
    QualType T = Construct->getType();
    if (isSmartPointerLike(T, OwnerTypes)) {
      Use.K = UseInfo::Adopt;
      Use.IntoSmartPointer = true;
      return Use;
    }
    if (isStdContainer(T)) {
      Use.K = UseInfo::Store;
      Use.IntoContainer = true;
      return Use;
    }
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    for (unsigned I = 0; Ctor && I < Construct->getNumArgs() && I < Ctor->getNumParams(); ++I)
      if (Construct->getArg(I) == NodeExpr) {
        QualType Param = Ctor->getParamDecl(I)->getType();
        if (Param->isPointerType() && Param->getPointeeType().isConstQualified()) {
          Use.K = UseInfo::Borrow;
          return Use;
        }
        CalleeOut = Ctor;
        CalleeParam = I;
        CallSite = Construct;
      }
    Use.K = UseInfo::MaybeAdopt;
    return Use;
  }
  // `: rep_(rep)` in a constructor: stored in a member.
  if (Parent.get<CXXConstructorDecl>() || Parent.get<CXXCtorInitializer>()) {
    Use.K = UseInfo::Store;
    return Use;
  }
  if (Parent.get<CXXUnresolvedConstructExpr>() || Parent.get<InitListExpr>() ||
      Parent.get<ParenListExpr>() || Parent.get<CXXFunctionalCastExpr>()) {
    Use.K = UseInfo::MaybeAdopt;
    return Use;
  }
  if (const auto *UO = Parent.get<UnaryOperator>()) {
    Use.K = UO->getOpcode() == UO_AddrOf ? UseInfo::Unknown : UseInfo::Borrow;
    return Use;
  }
  if (Parent.get<LambdaExpr>()) {
    Use.K = UseInfo::Unknown;
    return Use;
  }
  Use.K = UseInfo::Borrow;
  return Use;
}

bool calleeMayKeep(const FunctionDecl *Callee, unsigned Index, const Expr *Call,
                   llvm::ArrayRef<std::string> OwnerTypes, KeepContext Keep) {
  if (!Callee || Keep.Depth >= 3)
    return true;
  // A virtual call may run an override that keeps it.
  if (const auto *M = dyn_cast<CXXMethodDecl>(Callee))
    if (M->isVirtual() && !isa_and_nonnull<CXXConstructExpr>(Call) && !M->hasAttr<FinalAttr>() &&
        !M->getParent()->hasAttr<FinalAttr>())
      return true;
  const FunctionDecl *Def = nullptr;
  if (!Callee->getBody(Def) || !Def || Index >= Def->getNumParams())
    return true;
  auto Key = std::make_pair(Def, Index);
  auto It = Keep.Cache->find(Key);
  if (It != Keep.Cache->end())
    return It->second;
  (*Keep.Cache)[Key] = true; // recursion: assume it keeps
  const ParmVarDecl *Param = Def->getParamDecl(Index);
  std::shared_ptr<FunctionContext> DefContext =
      AnalysisCache::forContext(Def->getASTContext()).context(*Def);
  const LocalParents &Parents = DefContext->parents();
  struct Finder : RecursiveASTVisitor<Finder> {
    const ParmVarDecl *Param;
    const LocalParents &Parents;
    llvm::ArrayRef<std::string> OwnerTypes;
    KeepContext Keep;
    ASTContext &Ctx;
    bool Keeps = false;
    Finder(const ParmVarDecl *Param, const LocalParents &Parents,
           llvm::ArrayRef<std::string> OwnerTypes, KeepContext Keep, ASTContext &Ctx)
        : Param(Param), Parents(Parents), OwnerTypes(OwnerTypes), Keep(Keep), Ctx(Ctx) {}
    bool TraverseLambdaExpr(LambdaExpr *Lambda) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCapturedVar() == Param)
          Keeps = true;
      return !Keeps;
    }
    bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
    bool VisitDeclRefExpr(DeclRefExpr *Ref) {
      if (Ref->getDecl() != Param || isSimpleUse(*Ref, Parents, Ctx))
        return true;
      DynTypedNode Parent = Parents.parent(DynTypedNode::create(*Ref));
      while (Parent.get<ImplicitCastExpr>() || Parent.get<ParenExpr>())
        Parent = Parents.parent(Parent);
      if (Parent.get<CXXDeleteExpr>()) {
        Keeps = true; // it frees it: it took ownership
        return false;
      }
      KeepContext Deeper = Keep;
      ++Deeper.Depth;
      UseInfo Use = classifyUse(*Ref, Parents, OwnerTypes, Deeper);
      if (Use.K != UseInfo::Borrow)
        Keeps = true;
      return !Keeps;
    }
  } F(Param, Parents, OwnerTypes, Keep, Def->getASTContext());
  F.TraverseStmt(Def->getBody());
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (!F.Keeps && Init->isWritten())
        F.TraverseStmt(Init->getInit());
  (*Keep.Cache)[Key] = F.Keeps;
  return F.Keeps;
}

bool isConstantInit(const Expr *E) {
  if (!E)
    return true;
  E = E->IgnoreParenImpCasts();
  return isa<CXXBoolLiteralExpr, IntegerLiteral>(E);
}

class LocalFactsBuilder : public RecursiveASTVisitor<LocalFactsBuilder> {
public:
  LocalFactsBuilder(LocalFacts &Facts, const LocalParents &Parents, ASTContext &Ctx,
                    llvm::ArrayRef<std::string> OwnerTypes, KeepCache &Keeps)
      : Facts(Facts), Parents(Parents), Ctx(Ctx), OwnerTypes(OwnerTypes), Keeps(Keeps) {}

  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool VisitCXXNewExpr(CXXNewExpr *New) {
    OwnershipSite Site = classify(*New, Parents, OwnerTypes);
    if (Site.K == OwnershipSite::Local)
      Facts.Vars[Site.Var].OwningNews.push_back(New);
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *Delete) {
    if (const VarDecl *VD = referencedVar(Delete->getArgument()))
      Facts.Vars[VD].Deletes.push_back(Delete);
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->getType()->isBooleanType() && !VD->hasGlobalStorage()) {
      if (isConstantInit(VD->getInit()))
        Facts.ConstantFlags.insert(VD);
      else
        Facts.ComputedFlags.insert(VD);
    }
    // (Any type: `auto p = static_cast<T *>(v)` in a template, or a struct
    // copied out of a `void *` context.)
    if (VD->getInit() && !VD->hasGlobalStorage())
      noteValue(VD, VD->getInit());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    const VarDecl *VD = referencedVar(BO->getLHS());
    if (!VD)
      return true;
    if (VD->getType()->isBooleanType() &&
        (BO->getOpcode() != BO_Assign || !isConstantInit(BO->getRHS())))
      Facts.ComputedFlags.insert(VD);
    if (VD->getType()->isPointerType()) {
      ++Facts.Vars[VD].Assignments;
      if (BO->getOpcode() == BO_Assign)
        noteValue(VD, BO->getRHS());
    }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || !VD->getType()->isPointerType())
      return true;
    LocalFacts::Var &Var = Facts.Vars[VD];
    if (!Ref->refersToEnclosingVariableOrCapture() && isSimpleUse(*Ref, Parents, Ctx))
      return true;
    // The operand of `delete p` and the target of `p = ...` are accounted for.
    // (In a template the operand of `delete p` has no load cast around it.)
    DynTypedNode Parent = Parents.parent(DynTypedNode::create(*Ref));
    while (Parent.get<ImplicitCastExpr>() || Parent.get<ParenExpr>())
      Parent = Parents.parent(Parent);
    bool IsDeleteOperand = Parent.get<CXXDeleteExpr>() != nullptr;
    DynTypedNode Direct = Parents.parent(DynTypedNode::create(*Ref));
    bool IsAssignTarget = Direct.get<BinaryOperator>() &&
                          Direct.get<BinaryOperator>()->isAssignmentOp() &&
                          Direct.get<BinaryOperator>()->getLHS() == Ref;
    if (!Ref->refersToEnclosingVariableOrCapture() && (IsDeleteOperand || IsAssignTarget))
      return true;
    if (Var.OnlySimpleUses) {
      Var.OnlySimpleUses = false;
      Var.FirstEscape = Ref;
    }
    if (Ref->refersToEnclosingVariableOrCapture())
      return true;
    UseInfo Use = classifyUse(*Ref, Parents, OwnerTypes, KeepContext{&Keeps, 0});
    bool Definite = Use.K == UseInfo::Store || Use.K == UseInfo::Return || Use.K == UseInfo::Adopt;
    if (Use.Boundary)
      Var.AnyBoundaryHandOff = true;
    if (Use.IntoContainer)
      Var.HandOffIntoContainer = true;
    if (Use.ToCaller && Use.K != UseInfo::Borrow)
      Var.AnyToCaller = true;
    if (Use.K != UseInfo::Borrow)
      Var.PassedOn = true;
    if (Definite && !Var.FirstHandOff) {
      Var.FirstHandOff = Ref;
      Var.FirstHandOffIsStore = Use.K == UseInfo::Store || Use.K == UseInfo::Return;
      Var.FirstHandOffToSmart = Use.IntoSmartPointer;
      Var.FirstHandOffToCaller = Use.ToCaller;
      Var.FirstHandOffBoundary = Use.Boundary;
    }
    if (Use.K == UseInfo::MaybeAdopt && !MaybeAdopts.count(VD))
      MaybeAdopts[VD] = Ref;
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable())
        if (const auto *VD = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          Facts.Vars[VD].OnlySimpleUses = false;
    return true;
  }

  /// Calls that may keep the pointer hand the object on too, unless the
  /// object is an array: a buffer passed as `char *` is filled or read.
  void finish() {
    for (auto &Entry : MaybeAdopts) {
      LocalFacts::Var &Var = Facts.Vars[Entry.first];
      // What this function frees itself it lends to the calls it makes
      // before: only a store, return or adoption hands it on.
      if (!Var.Deletes.empty())
        continue;
      bool AllArrays = !Var.OwningNews.empty();
      for (const CXXNewExpr *New : Var.OwningNews)
        AllArrays = AllArrays && New->isArray();
      if (AllArrays)
        continue;
      const SourceManager &SM = Ctx.getSourceManager();
      if (!Var.FirstHandOff || SM.isBeforeInTranslationUnit(Entry.second->getBeginLoc(),
                                                            Var.FirstHandOff->getBeginLoc())) {
        Var.FirstHandOff = Entry.second;
        Var.FirstHandOffIsStore = false;
        Var.FirstHandOffBoundary = false;
        Var.FirstHandOffToSmart = false;
        Var.FirstHandOffToCaller = false;
      }
    }
  }

private:
  void noteValue(const VarDecl *VD, const Expr *Value) {
    if (mayPointToNonHeap(Value))
      Facts.Vars[VD].MaybeNotHeap = true;
    if (rootedInVoidCast(Value))
      Facts.Vars[VD].FromVoidPointer = true;
    if (const VarDecl *From = rootVar(Value))
      if (From != VD) {
        auto It = Facts.Vars.find(From);
        if (It != Facts.Vars.end() && It->second.FromVoidPointer)
          Facts.Vars[VD].FromVoidPointer = true;
      }
    if (rootParam(Value))
      Facts.Vars[VD].FromParameter = true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(ignoreWrappers(Value)->IgnoreParenCasts()))
      if (isa<ParmVarDecl>(Ref->getDecl()))
        Facts.Vars[VD].FromParameterItself = true;
  }

  LocalFacts &Facts;
  const LocalParents &Parents;
  ASTContext &Ctx;
  llvm::ArrayRef<std::string> OwnerTypes;
  KeepCache &Keeps;
  llvm::DenseMap<const VarDecl *, const Expr *> MaybeAdopts;
};

// `blocks_[i]`, `*it` over `blocks_`, a range-for variable over `blocks_`:
// the container field whose element \p E is.
const FieldDecl *elementOfField(const Expr *E, const LocalParents &Parents) {
  E = ignoreWrappers(E)->IgnoreParenCasts();
  if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E))
    return thisField(Sub->getBase());
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if ((Op->getOperator() == OO_Subscript) && Op->getNumArgs() > 0)
      return thisField(Op->getArg(0));
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *M = Call->getMethodDecl())
      if (M->getIdentifier() &&
          (M->getName() == "back" || M->getName() == "front" || M->getName() == "at"))
        return thisField(Call->getImplicitObjectArgument());
  if (const VarDecl *VD = referencedVar(E)) {
    // A range-for variable: its parent is the loop.
    DynTypedNode Parent = Parents.parent(DynTypedNode::create(*VD));
    if (const auto *DS = Parent.get<DeclStmt>())
      Parent = Parents.parent(DynTypedNode::create(*DS));
    if (const auto *For = Parent.get<CXXForRangeStmt>())
      if (For->getLoopVariable() == VD)
        return thisField(For->getRangeInit());
  }
  return nullptr;
}

class MemberFactsBuilder : public RecursiveASTVisitor<MemberFactsBuilder> {
public:
  MemberFactsBuilder(MemberFacts &Facts, ASTContext &Ctx, llvm::ArrayRef<std::string> OwnerTypes)
      : Facts(Facts), Ctx(Ctx), OwnerTypes(OwnerTypes) {}

  /// Scans \p Parents' body (a method, or a member's in-class initialiser).
  void scan(const LocalParents &P, Stmt *S) {
    Parents = &P;
    TraverseStmt(S);
    Parents = nullptr;
  }
  /// After every statement of one function: does it release or hand out?
  void endFunction(const FunctionDecl *FD) {
    for (const FieldDecl *F : AssignedNull)
      if (ReturnedOld.contains(F) && !isa<CXXDestructorDecl>(FD))
        Facts.Owner = true; // T *release() { T *p = p_; p_ = nullptr; return p; }
    if (FD && FD->getReturnType()->isPointerType())
      for (const FieldDecl *F : StoresNew)
        Facts.Fields[F].StoresHandedOut = true;
    AssignedNull.clear();
    ReturnedOld.clear();
    StoresNew.clear();
    NewLocals.clear();
    FromField.clear();
  }

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    OwnershipSite Site = classify(*New, *Parents, OwnerTypes);
    if (Site.K == OwnershipSite::Member)
      Facts.Fields[Site.Field].OwningNews.push_back(New);
    if (Site.K == OwnershipSite::Local)
      NewLocals.insert(Site.Var);
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *Delete) {
    const Expr *Arg = Delete->getArgument();
    if (const FieldDecl *FD = thisField(Arg)) {
      MemberFacts::Field &Field = Facts.Fields[FD];
      Field.Deletes.push_back(Delete);
      Field.DeleteFunctions.push_back(Parents->function());
      if (isGuarded(*Delete, FD, *Parents, nullptr, Ctx))
        ++Field.GuardedDeletes;
    } else if (const FieldDecl *Container = elementOfField(Arg, *Parents)) {
      Facts.Fields[Container].ElementsDeleted = true;
    }
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (const FieldDecl *F = thisField(VD->getInit()))
      FromField[VD] = F;
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const Expr *RHS = BO->getRHS();
    if (const FieldDecl *F = thisField(BO->getLHS())) {
      if (isNullConstant(RHS, Ctx))
        AssignedNull.insert(F);
      if (mayPointToNonHeap(RHS))
        Facts.Fields[F].MaybeNotHeap = true;
    } else if (const FieldDecl *Container = elementOfField(BO->getLHS(), *Parents)) {
      if (isNew(RHS))
        StoresNew.insert(Container);
    }
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getIdentifier() || !isContainerInsertion(M->getName()))
      return true;
    if (const FieldDecl *F = thisField(Call->getImplicitObjectArgument()))
      for (const Expr *Arg : Call->arguments())
        if (isNew(Arg))
          StoresNew.insert(F);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    // std::exchange(p_, nullptr) returned: a release.
    if (isStdFunction(Call->getDirectCallee(), "exchange") && Call->getNumArgs() == 2)
      if (const FieldDecl *F = thisField(Call->getArg(0)))
        if (isNullConstant(Call->getArg(1), Ctx) &&
            Parents->parent(DynTypedNode::create(*Call)).get<ReturnStmt>()) {
          AssignedNull.insert(F);
          ReturnedOld.insert(F);
        }
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *Return) {
    const Expr *Value = Return->getRetValue();
    if (!Value)
      return true;
    if (const FieldDecl *F = thisField(Value))
      ReturnedOld.insert(F);
    if (const VarDecl *VD = referencedVar(Value)) {
      auto It = FromField.find(VD);
      if (It != FromField.end())
        ReturnedOld.insert(It->second);
    }
    return true;
  }

private:
  bool isNew(const Expr *E) {
    E = ignoreWrappers(E)->IgnoreParenCasts();
    if (isa<CXXNewExpr>(E))
      return true;
    const VarDecl *VD = referencedVar(E);
    return VD && NewLocals.contains(VD);
  }

  MemberFacts &Facts;
  ASTContext &Ctx;
  llvm::ArrayRef<std::string> OwnerTypes;
  const LocalParents *Parents = nullptr;
  // Per function:
  llvm::DenseSet<const FieldDecl *> AssignedNull, ReturnedOld, StoresNew;
  llvm::DenseSet<const VarDecl *> NewLocals;
  llvm::DenseMap<const VarDecl *, const FieldDecl *> FromField;
};

// A class shaped like a smart pointer or handle: operator->, a unary
// operator*, or a conversion to a pointer.
bool hasPointerShape(const CXXRecordDecl &RD) {
  for (const CXXMethodDecl *M : RD.methods()) {
    if (M->getOverloadedOperator() == OO_Arrow)
      return true;
    if (M->getOverloadedOperator() == OO_Star && M->getNumParams() == 0)
      return true;
    if (const auto *Conv = dyn_cast<CXXConversionDecl>(M))
      if (Conv->getConversionType()->isPointerType() &&
          !Conv->getConversionType()->isFunctionPointerType())
        return true;
  }
  return false;
}

std::string typeName(QualType T, const ASTContext &Ctx) {
  return T.getAsString(Ctx.getPrintingPolicy());
}

// "std::unique_ptr<Node>" or "std::unique_ptr<int[]>".
std::string uniquePtrFor(const CXXNewExpr &New, const ASTContext &Ctx) {
  return "std::unique_ptr<" + typeName(New.getAllocatedType(), Ctx) + (New.isArray() ? "[]>" : ">");
}

// The std::unique_ptr an owner declared as \p Declared should become: of its
// declared class (a base of the allocated one), so the suggestion compiles.
std::string uniquePtrFor(const CXXNewExpr &New, QualType Declared, const ASTContext &Ctx) {
  if (!New.isArray() && !Declared.isNull() && Declared->isPointerType()) {
    QualType Pointee = Declared->getPointeeType();
    if (Pointee->isRecordType() && !Ctx.hasSameUnqualifiedType(Pointee, New.getAllocatedType()))
      return "std::unique_ptr<" + typeName(Pointee, Ctx) + ">";
  }
  return uniquePtrFor(New, Ctx);
}

// For `delete` in a function whose job is to free: a custom deleter's
// operator(), or a class-specific operator delete.
bool isDeallocatorFunction(const FunctionDecl *FD) {
  if (!FD)
    return false;
  switch (FD->getOverloadedOperator()) {
  case OO_New:
  case OO_Array_New:
  case OO_Delete:
  case OO_Array_Delete:
  case OO_Call:
    return true;
  default:
    return false;
  }
}

} // namespace

RawNewDeleteCheck::RawNewDeleteCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : OwnershipCheck(Name, Context), RawOwnerTypes(Options.get("OwnerTypes", DefaultOwnerTypes)),
      RawIgnoredTypes(Options.get("IgnoredTypes", "")),
      WarnOnOwnershipTransfer(getBoolOption(Options, "WarnOnOwnershipTransfer", false)),
      OwnerTypes(splitList(RawOwnerTypes)), Reported(Context), Keeps(std::make_unique<KeepCache>()),
      CallSites(
          std::make_unique<llvm::DenseMap<const FunctionDecl *, std::pair<unsigned, unsigned>>>()) {
  for (const std::string &Pattern : splitList(RawIgnoredTypes))
    IgnoredTypes.emplace_back(Pattern);
}

RawNewDeleteCheck::~RawNewDeleteCheck() = default;

void RawNewDeleteCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "OwnerTypes", RawOwnerTypes);
  Options.store(Opts, "IgnoredTypes", RawIgnoredTypes);
  storeBoolOption(Options, Opts, "WarnOnOwnershipTransfer", WarnOnOwnershipTransfer);
}

void RawNewDeleteCheck::registerMatchers(MatchFinder *Finder) {
  // Whole bodies, each with a parent map of its own (see LocalParents).
  Finder->addMatcher(
      functionDecl(isDefinition(), hasBody(stmt()), unless(isExpansionInSystemHeader()))
          .bind("function"),
      this);
  Finder->addMatcher(
      fieldDecl(hasInClassInitializer(expr()), unless(isExpansionInSystemHeader())).bind("field"),
      this);
}

void RawNewDeleteCheck::registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                                            Preprocessor *) {
  Includes.attach(*PP);
}

void RawNewDeleteCheck::onEndOfTranslationUnit() {
  CheckScope Scope(checkName());
  LocalCache.clear();
  MemberCache.clear();
  Keeps->clear();
  CallSites->clear();
  CallSitesBuilt = false;
  ReportedMacroSpellings.clear();
  SelfDeletingCache.clear();
}

bool RawNewDeleteCheck::firstInMacro(SourceLocation Loc, const SourceManager &SM) {
  if (!Loc.isMacroID() || !SM.isMacroBodyExpansion(Loc))
    return true;
  return ReportedMacroSpellings.insert(SM.getSpellingLoc(Loc).getRawEncoding()).second;
}

namespace {
// The new and delete expressions of one body, in source order; nested
// lambdas are functions of their own and are matched separately.
struct AllocationCollector : RecursiveASTVisitor<AllocationCollector> {
  std::vector<const Expr *> Found;
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  // A local class's member functions are matched as functions of their own,
  // with their own parents: seen from here they would be reported twice.
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool VisitCXXNewExpr(CXXNewExpr *E) {
    Found.push_back(E);
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    Found.push_back(E);
    return true;
  }
};
} // namespace

void RawNewDeleteCheck::check(const MatchFinder::MatchResult &Result) {
  const SourceManager &SM = *Result.SourceManager;
  AllocationCollector Collector;
  std::shared_ptr<FunctionContext> Function; // a function's parent map is shared
  std::optional<LocalParents> Local;         // a field initialiser's is its own
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (isInInstantiation(FD) || !Reported.contains(FD->getLocation(), SM))
      return;
    Function = AnalysisCache::forContext(*Result.Context).context(*FD);
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          Collector.TraverseStmt(Init->getInit());
    Collector.TraverseStmt(FD->getBody());
  } else if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    if (isInInstantiation(Field) || !Reported.contains(Field->getLocation(), SM))
      return;
    Local.emplace(*Field);
    Collector.TraverseStmt(Field->getInClassInitializer());
    CurrentField = Field;
  } else {
    return;
  }
  Parents = Function ? &Function->parents() : &*Local;
  for (const Expr *E : Collector.Found) {
    if (SM.isInSystemHeader(SM.getExpansionLoc(E->getBeginLoc())))
      continue;
    if (const auto *New = dyn_cast<CXXNewExpr>(E))
      checkNew(*New, *Result.Context);
    else
      checkDelete(*cast<CXXDeleteExpr>(E), *Result.Context);
  }
  Parents = nullptr;
  CurrentField = nullptr;
}

bool RawNewDeleteCheck::ignoredType(QualType T) const {
  if (IgnoredTypes.empty())
    return false;
  std::string Name = T.getCanonicalType().getUnqualifiedType().getAsString();
  for (const llvm::Regex &Re : IgnoredTypes)
    if (Re.match(Name))
      return true;
  return false;
}

const LocalFacts &RawNewDeleteCheck::localFacts(const Stmt &Body, ASTContext &Ctx) {
  std::unique_ptr<LocalFacts> &Slot = LocalCache[&Body];
  if (!Slot) {
    Slot = std::make_unique<LocalFacts>();
    LocalFactsBuilder Builder(*Slot, *Parents, Ctx, OwnerTypes, *Keeps);
    Builder.TraverseStmt(const_cast<Stmt *>(&Body));
    Builder.finish();
  }
  return *Slot;
}

const MemberFacts &RawNewDeleteCheck::memberFacts(const CXXRecordDecl &Record, ASTContext &Ctx) {
  std::unique_ptr<MemberFacts> &Slot = MemberCache[&Record];
  if (!Slot) {
    Slot = std::make_unique<MemberFacts>();
    MemberFactsBuilder Builder(*Slot, Ctx, OwnerTypes);
    for (const Decl *D : Record.decls()) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
        FD = FTD->getTemplatedDecl();
      if (const auto *Field = dyn_cast<FieldDecl>(D))
        if (Field->hasInClassInitializer() && Field->getInClassInitializer()) {
          LocalParents P(*Field);
          Builder.scan(P, Field->getInClassInitializer());
        }
      if (!FD)
        continue;
      const FunctionDecl *Definition = nullptr;
      if (FD->getBody(Definition) && Definition) {
        std::shared_ptr<FunctionContext> Context =
            AnalysisCache::forContext(Ctx).context(*Definition);
        const LocalParents &P = Context->parents();
        Builder.scan(P, Definition->getBody());
        if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Definition))
          for (const CXXCtorInitializer *Init : Ctor->inits())
            if (Init->isWritten())
              Builder.scan(P, Init->getInit());
        Builder.endFunction(Definition);
      }
    }
    // A smart pointer, a handle (shaped like one, or releasing its pointer),
    // a class derived from a smart pointer: the implementation of an owner.
    if (const CXXRecordDecl *Def = Record.getDefinition())
      if (hasPointerShape(*Def) || isSmartPointerLike(recordType(Def, Ctx), OwnerTypes))
        Slot->Owner = true;
  }
  return *Slot;
}

namespace {
// Every call of each function in the translation unit, and those whose
// result goes straight into a smart pointer (`sp.reset(f())`,
// `std::unique_ptr<T> p(f())`), template instantiations included.
struct CallSiteCounter : RecursiveASTVisitor<CallSiteCounter> {
  llvm::DenseMap<const FunctionDecl *, std::pair<unsigned, unsigned>> &Counts;
  llvm::ArrayRef<std::string> OwnerTypes;
  CallSiteCounter(llvm::DenseMap<const FunctionDecl *, std::pair<unsigned, unsigned>> &Counts,
                  llvm::ArrayRef<std::string> OwnerTypes)
      : Counts(Counts), OwnerTypes(OwnerTypes) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  void adopted(const Expr *Arg) {
    if (const auto *Call = dyn_cast<CallExpr>(ignoreWrappers(Arg)->IgnoreParenCasts()))
      if (const FunctionDecl *FD = Call->getDirectCallee())
        ++Counts[FD->getCanonicalDecl()].second;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *FD = Call->getDirectCallee())
      ++Counts[FD->getCanonicalDecl()].first;
    if (const auto *MCall = dyn_cast<CXXMemberCallExpr>(Call))
      if (MCall->getNumArgs() == 1 && MCall->getImplicitObjectArgument() &&
          isSmartPointerLike(objectType(MCall->getImplicitObjectArgument()), OwnerTypes))
        adopted(MCall->getArg(0));
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (Construct->getNumArgs() >= 1 && isSmartPointerLike(Construct->getType(), OwnerTypes))
      adopted(Construct->getArg(0));
    return true;
  }
};
} // namespace

bool RawNewDeleteCheck::everyCallerAdopts(const FunctionDecl &FD, ASTContext &Ctx) {
  if (!CallSitesBuilt) {
    CallSitesBuilt = true;
    CallSiteCounter(*CallSites, OwnerTypes).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  auto It = CallSites->find(FD.getCanonicalDecl());
  return It != CallSites->end() && It->second.first > 0 && It->second.second >= It->second.first;
}

const CXXRecordDecl *RawNewDeleteCheck::enclosingClass() const {
  if (CurrentField)
    return dyn_cast<CXXRecordDecl>(CurrentField->getParent());
  const FunctionDecl *FD = Parents ? Parents->function() : nullptr;
  for (const DeclContext *DC = FD; DC; DC = DC->getParent()) {
    const auto *RD = dyn_cast<CXXRecordDecl>(DC);
    if (RD && !RD->isLambda())
      return RD;
    if (isa<NamespaceDecl, TranslationUnitDecl>(DC))
      return nullptr;
  }
  return nullptr;
}

bool RawNewDeleteCheck::selfManagedType(QualType T) {
  if (T.isNull())
    return false;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && (isIntrusivelyCounted(RD, SelfDeletingCache) || hasNonPublicDestructor(RD));
}

void RawNewDeleteCheck::checkNew(const CXXNewExpr &New, ASTContext &Ctx) {
  // Placement new and arena allocators (operator new with placement
  // arguments) manage their own memory; a class-specific operator new(size_t)
  // makes a heap object that `delete` frees like any other.
  if (!isHeapNew(New))
    return;
  if (isDeallocatorFunction(Parents->function()) &&
      Parents->function()->getOverloadedOperator() != OO_Call)
    return;
  if (ignoredType(New.getAllocatedType()))
    return;
  // Objects that count their own references (or whose destructor is not
  // public) are owned by their count or their class, not by the pointer.
  if (!New.isArray() && selfManagedType(New.getAllocatedType()))
    return;

  // Raw storage for an object laid out by hand.
  {
    DynTypedNode Node = DynTypedNode::create(New);
    for (int Depth = 0; Depth < 8; ++Depth) {
      DynTypedNode Parent = Parents->parent(Node);
      if (isReinterpretCast(Parent.get<Expr>()))
        return;
      if (!Parent.get<ParenExpr>() && !Parent.get<ImplicitCastExpr>())
        break;
      Node = Parent;
    }
  }
  OwnershipSite Site = classify(New, *Parents, OwnerTypes);
  if (!worthReportingNew(New, Site, Ctx))
    return;
  // One finding per owner: a local or member given several allocations is
  // reported at the first of them in this file, the others are its notes.
  AlsoAllocated.clear();
  const std::vector<const CXXNewExpr *> *Allocations = nullptr;
  if (Site.K == OwnershipSite::Local && Parents->function() && Parents->function()->getBody()) {
    const LocalFacts &Facts = localFacts(*Parents->function()->getBody(), Ctx);
    auto It = Facts.Vars.find(Site.Var);
    if (It != Facts.Vars.end())
      Allocations = &It->second.OwningNews;
  } else if (Site.K == OwnershipSite::Member) {
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Site.Field->getParent())) {
      const MemberFacts &Facts = memberFacts(*Record, Ctx);
      auto It = Facts.Fields.find(Site.Field);
      if (It != Facts.Fields.end())
        Allocations = &It->second.OwningNews;
    }
  }
  if (Allocations) {
    const SourceManager &SM = Ctx.getSourceManager();
    FileID File = SM.getFileID(SM.getExpansionLoc(New.getBeginLoc()));
    for (const CXXNewExpr *Other : *Allocations) {
      if (Other == &New || SM.getFileID(SM.getExpansionLoc(Other->getBeginLoc())) != File)
        continue;
      if (SM.isBeforeInTranslationUnit(Other->getBeginLoc(), New.getBeginLoc()))
        return; // reported there
      AlsoAllocated.push_back(Other);
    }
    llvm::sort(AlsoAllocated, [&](const CXXNewExpr *A, const CXXNewExpr *B) {
      return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
    });
  }
  if (!firstInMacro(New.getBeginLoc(), Ctx.getSourceManager()))
    return;
  reportNew(New, Site, Ctx);
  noteMacro(New.getBeginLoc(), Ctx);
}

void RawNewDeleteCheck::noteAlsoAllocated(const NamedDecl &Owner) {
  for (const CXXNewExpr *Other : AlsoAllocated)
    diag(Other->getBeginLoc(), "%0 is given another new object here", DiagnosticIDs::Note)
        << &Owner;
  AlsoAllocated.clear();
}

bool RawNewDeleteCheck::worthReportingNew(const CXXNewExpr &New, const OwnershipSite &Site,
                                          ASTContext &Ctx) {
  const FunctionDecl *FD = Parents->function();
  const CXXRecordDecl *Class = enclosingClass();
  const MemberFacts *ClassFacts = Class ? &memberFacts(*Class, Ctx) : nullptr;
  // Inside a smart pointer, handle or pool, raw pointers are how the owner is
  // written; only a local the function frees itself is a raw owner there.
  bool InOwner = ClassFacts && ClassFacts->Owner;
  switch (Site.K) {
  case OwnershipSite::Managed:
  case OwnershipSite::Immortal:
    return false;
  case OwnershipSite::Transfer:
    return WarnOnOwnershipTransfer && !isCBoundaryFunction(FD) && !InOwner;
  case OwnershipSite::Local:
    return worthReportingLocal(New, Site, Ctx);
  case OwnershipSite::Member: {
    if (InOwner || inUnion(Site.Field))
      return false;
    // `handle->rep = new T` in a function of a C API fills a C handle; so
    // does `arg->field = new T` on an `arg` handed on as a `void *` context.
    if (isCBoundaryFunction(FD))
      return false;
    if (const VarDecl *Base = rootVar(Site.Target))
      if (const Stmt *Body = FD ? FD->getBody() : nullptr) {
        const LocalFacts &Locals = localFacts(*Body, Ctx);
        auto It = Locals.Vars.find(Base);
        if (It != Locals.Vars.end() &&
            (It->second.AnyBoundaryHandOff || It->second.FromVoidPointer))
          return false;
      }
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Site.Field->getParent())) {
      const MemberFacts &Facts = memberFacts(*Record, Ctx);
      if (Facts.Owner)
        return false;
      auto It = Facts.Fields.find(Site.Field);
      if (It != Facts.Fields.end()) {
        // Maybe-owning: it also points into the object (an inline buffer), or
        // an ownership flag or alias test guards every delete.
        if (It->second.MaybeNotHeap)
          return false;
        if (!It->second.Deletes.empty() && It->second.GuardedDeletes == It->second.Deletes.size())
          return false;
      }
    }
    return true;
  }
  case OwnershipSite::Returned: {
    // The signature is not this function's to change: a C API hands out
    // handles, an override returns what the interface says, `void *` erases
    // the type. A smart pointer's or pool's member hands out what it owns.
    if (!FD || isInterfaceFixed(FD) || FD->getReturnType()->isVoidPointerType() || InOwner)
      return false;
    // A function declared in a header returns raw pointers to callers in
    // other files: changing its type is an API change, not this file's.
    if (!signatureIsLocal(FD, Ctx.getSourceManager()))
      return false;
    // Every caller puts the result straight into a smart pointer: no caller
    // can leak it.
    if (everyCallerAdopts(*FD, Ctx))
      return false;
    return true;
  }
  case OwnershipSite::Container: {
    if (InOwner)
      return false;
    const Expr *Object = nullptr;
    if (const auto *MCall = dyn_cast_or_null<CXXMemberCallExpr>(Site.Consumer))
      Object = MCall->getImplicitObjectArgument();
    else if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Site.Consumer))
      Object = Op->getNumArgs() > 0 ? Op->getArg(0) : nullptr;
    // A pool: the class keeps what it hands out and frees it all at the end.
    if (const FieldDecl *F = thisField(Object))
      if (ClassFacts && ClassFacts->isPool(F))
        return false;
    return true;
  }
  case OwnershipSite::Other:
    if (InOwner)
      return false;
    // `*out = new T` through a parameter of a C API or an override: the
    // interface says how the object is handed out.
    if (Site.Target && rootParam(Site.Target) &&
        (isInterfaceFixed(FD) || !signatureIsLocal(FD, Ctx.getSourceManager())))
      return false;
    if (castFromVoidPointer(Site.Target))
      return false;
    // `list[n++] = new T` into a local array that is then handed on
    // (NewMergingIterator(list, n)): what the array's receiver does with its
    // elements decides their owner, not this slot.
    if (const VarDecl *Array = rootVar(Site.Target))
      if (FD && FD->getBody() && !Array->hasGlobalStorage()) {
        const LocalFacts &Locals = localFacts(*FD->getBody(), Ctx);
        auto It = Locals.Vars.find(Array);
        if (It != Locals.Vars.end() && It->second.PassedOn)
          return false;
      }
    return true;
  }
  return false;
}

bool RawNewDeleteCheck::worthReportingLocal(const CXXNewExpr &New, const OwnershipSite &Site,
                                            ASTContext &Ctx) {
  const FunctionDecl *FD = Parents->function();
  const Stmt *Body = FD ? FD->getBody() : nullptr;
  if (!Body)
    return true;
  const LocalFacts &All = localFacts(*Body, Ctx);
  auto It = All.Vars.find(Site.Var);
  if (It == All.Vars.end())
    return true;
  const LocalFacts::Var &Var = It->second;
  // Maybe-owning: it may point to a stack buffer or a member instead, or an
  // ownership flag or alias test guards every delete.
  if (Var.MaybeNotHeap)
    return false;
  if (!Var.Deletes.empty()) {
    bool AllGuarded = true;
    for (const CXXDeleteExpr *Delete : Var.Deletes)
      AllGuarded = AllGuarded && isGuarded(*Delete, Site.Var, *Parents, &All, Ctx);
    if (AllGuarded)
      return false;
  }
  if (!Var.Deletes.empty())
    return true; // it allocates and frees: a raw owner
  // Not freed here: the local carries the object somewhere.
  // - across an interface that takes raw pointers (a C API's caller, a
  //   `void *` context, an override's signature): a handle, not an owner;
  if (Var.AnyBoundaryHandOff || (isCBoundaryFunction(FD) && Var.FirstHandOff))
    return false;
  // - to the caller of a function declared in another file (a header's
  //   factory that returns or stores through `T **out`): like `return new T`
  //   there, the raw pointer is the API's, and a path that loses the object
  //   before the hand-off is ownership-leak's to report;
  if (Var.FirstHandOff && (Var.FirstHandOffToCaller || Var.AnyToCaller) &&
      (!signatureIsLocal(FD, Ctx.getSourceManager()) || isInterfaceFixed(FD)))
    return false;
  // - into the owner this class implements, or into a pool;
  const CXXRecordDecl *Class = enclosingClass();
  if (Class && Var.FirstHandOff) {
    const MemberFacts &ClassFacts = memberFacts(*Class, Ctx);
    if (ClassFacts.Owner)
      return false;
    if (Var.HandOffIntoContainer)
      for (const auto &Entry : ClassFacts.Fields)
        if (ClassFacts.isPool(Entry.first))
          return false;
  }
  // - straight to its owner: nothing between the `new` and the store or
  //   return can leave the function or throw, so the raw pointer is never
  //   the only owner on a path that loses it.
  if (Var.FirstHandOff) {
    const SourceManager &SM = Ctx.getSourceManager();
    auto TopStatement = [&](const Stmt *S, const CompoundStmt *&Block) -> const Stmt * {
      DynTypedNode Node = DynTypedNode::create(*S);
      for (int Depth = 0; Depth < 64; ++Depth) {
        DynTypedNode Parent = Parents->parent(Node);
        if (const auto *CS = Parent.get<CompoundStmt>()) {
          Block = CS;
          return Node.get<Stmt>();
        }
        if (Parent.getNodeKind().isNone() || Parent.get<FunctionDecl>() || Parent.get<FieldDecl>())
          return nullptr;
        Node = Parent;
      }
      return nullptr;
    };
    const CompoundStmt *AllocBlock = nullptr, *HandOffBlock = nullptr;
    const Stmt *AllocStmt = TopStatement(&New, AllocBlock);
    const Stmt *HandOffStmt = TopStatement(Var.FirstHandOff, HandOffBlock);
    if (AllocStmt && HandOffStmt && AllocBlock == HandOffBlock && AllocStmt != HandOffStmt &&
        SM.isBeforeInTranslationUnit(AllocStmt->getBeginLoc(), HandOffStmt->getBeginLoc())) {
      bool Between = false, Leaves = false;
      for (const Stmt *S : AllocBlock->body()) {
        if (S == HandOffStmt)
          break;
        if (Between && mayLeave(S))
          Leaves = true;
        if (S == AllocStmt)
          Between = true;
      }
      // The hand-off itself: `return p;` or `x = p;` with nothing that throws
      // before the store.
      bool PlainHandOff = false;
      if (!Var.FirstHandOffIsStore) {
        // Passed to a call or constructor that takes it: the other arguments,
        // evaluated before it takes the object, must not throw either.
        DynTypedNode Node = DynTypedNode::create(*Var.FirstHandOff);
        DynTypedNode Parent = Parents->parent(Node);
        while (Parent.get<ImplicitCastExpr>() || Parent.get<ParenExpr>() ||
               Parent.get<MaterializeTemporaryExpr>()) {
          Node = Parent;
          Parent = Parents->parent(Node);
        }
        llvm::ArrayRef<const Expr *> Args;
        if (const auto *Call = Parent.get<CallExpr>())
          Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
        else if (const auto *Construct = Parent.get<CXXConstructExpr>())
          Args = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
        if (!Args.empty()) {
          PlainHandOff = true;
          for (const Expr *Arg : Args)
            if (Arg != Node.get<Expr>() && mayLeave(Arg))
              PlainHandOff = false;
          if (const auto *MCall = Parent.get<CXXMemberCallExpr>())
            if (mayLeave(MCall->getImplicitObjectArgument()))
              PlainHandOff = false;
        }
      } else if (const auto *Return = dyn_cast<ReturnStmt>(HandOffStmt))
        PlainHandOff = referencedVar(Return->getRetValue()) == Site.Var;
      else if (const auto *Assign =
                   dyn_cast_or_null<BinaryOperator>(ignoreWrappers(dyn_cast<Expr>(HandOffStmt))))
        PlainHandOff = Assign->getOpcode() == BO_Assign &&
                       referencedVar(Assign->getRHS()) == Site.Var && !mayLeave(Assign->getLHS());
      if (!Leaves && PlainHandOff)
        return false;
    }
  }
  return true;
}

void RawNewDeleteCheck::reportNew(const CXXNewExpr &New, const OwnershipSite &Site,
                                  ASTContext &Ctx) {
  const std::string Type = typeName(New.getAllocatedType(), Ctx);
  const std::string Owner = uniquePtrFor(New, Ctx);
  const std::string Array = New.isArray() ? "[]" : "";
  SourceLocation Loc = New.getBeginLoc();

  switch (Site.K) {
  case OwnershipSite::Managed:
  case OwnershipSite::Immortal:
    return;
  case OwnershipSite::Local:
    reportLocal(New, Site, Ctx);
    return;
  case OwnershipSite::Member: {
    const std::string Owner = uniquePtrFor(New, Site.Field->getType(), Ctx);
    diag(Loc, "raw pointer member %0 owns the '%1' allocated here; declare it as "
              "'%2' so the class frees it on every path")
        << Site.Field << Type << Owner;
    diag(Site.Field->getLocation(), "%0 declared here as %1", DiagnosticIDs::Note)
        << Site.Field << Site.Field->getType();
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Site.Field->getParent())) {
      const MemberFacts &Facts = memberFacts(*Record, Ctx);
      auto It = Facts.Fields.find(Site.Field);
      // Every method that frees it by hand: each of those deletes goes.
      if (It != Facts.Fields.end())
        for (size_t I = 0; I < It->second.Deletes.size(); ++I) {
          const FunctionDecl *FD = It->second.DeleteFunctions[I];
          diag(It->second.Deletes[I]->getBeginLoc(),
               "freed by hand here%select{| in %1}0; with '%2' this 'delete' goes away",
               DiagnosticIDs::Note)
              << (FD != nullptr) << FD << Owner;
        }
    }
    noteAlsoAllocated(*Site.Field);
    return;
  }
  case OwnershipSite::Returned: {
    const FunctionDecl *FD = Parents->function();
    // The function's declared type, so the suggestion compiles: a factory of
    // `Iterator *` returns std::unique_ptr<Iterator>.
    std::string Returned = Owner;
    if (FD && !New.isArray() && FD->getReturnType()->isPointerType()) {
      QualType Pointee = FD->getReturnType()->getPointeeType();
      if (!Pointee->isVoidType())
        Returned = "std::unique_ptr<" + typeName(Pointee, Ctx) + ">";
    }
    diag(Loc, "the '%0' allocated here is returned as an owning raw pointer; "
              "return '%1' so no caller can leak it")
        << Type << Returned;
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD);
    if (FD && !(Method && Method->getParent()->isLambda()))
      diag(FD->getLocation(), "%0 declared here returning %1", DiagnosticIDs::Note)
          << FD << FD->getReturnType();
    return;
  }
  case OwnershipSite::Container:
    diag(Loc, "the '%0' allocated here is stored as a raw pointer in a %1, which "
              "never frees it; store '%2' elements instead")
        << Type
        << (isa<CXXMemberCallExpr>(Site.Consumer)
                ? cast<CXXMemberCallExpr>(Site.Consumer)->getImplicitObjectArgument()->getType()
            : isa<CXXOperatorCallExpr>(Site.Consumer)
                ? cast<CXXOperatorCallExpr>(Site.Consumer)->getArg(0)->getType()
                : Site.Consumer->getType())
               .getNonReferenceType()
               .getUnqualifiedType()
        << Owner;
    return;
  case OwnershipSite::Transfer:
    diag(Loc, "the '%0' allocated here is handed over as a raw pointer; the "
              "receiver's signature does not say it takes ownership: pass '%1'")
        << Type << Owner;
    return;
  case OwnershipSite::Other:
    diag(Loc, "the '%0%1' allocated here is owned by a raw pointer, which frees "
              "nothing on an early return or exception; hold it in '%2'")
        << Type << Array << Owner;
    return;
  }
}

void RawNewDeleteCheck::noteMacro(SourceLocation Loc, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Loc.isMacroID() || !SM.isMacroBodyExpansion(Loc))
    return;
  llvm::StringRef Macro = Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
  diag(SM.getSpellingLoc(Loc),
       "written in the body of macro '%0'; its other expansions "
       "in this file are not reported again",
       DiagnosticIDs::Note)
      << Macro;
}

void RawNewDeleteCheck::reportLocal(const CXXNewExpr &New, const OwnershipSite &Site,
                                    ASTContext &Ctx) {
  const VarDecl &Var = *Site.Var;
  const std::string Type = typeName(New.getAllocatedType(), Ctx);
  const std::string Owner = uniquePtrFor(New, Var.getType(), Ctx);
  const FunctionDecl *FD = Parents->function();
  const Stmt *Body = FD ? FD->getBody() : nullptr;
  const LocalFacts::Var *Facts = nullptr;
  if (Body) {
    const LocalFacts &All = localFacts(*Body, Ctx);
    auto It = All.Vars.find(&Var);
    if (It != All.Vars.end())
      Facts = &It->second;
  }
  const CXXDeleteExpr *Delete = Facts && !Facts->Deletes.empty() ? Facts->Deletes.front() : nullptr;

  // The rewrite to make_unique is only offered when it cannot change what the
  // code does: `T *p = new T(...)`, uses that read the same on a unique_ptr,
  // and one `delete p;` as the last statement of the declaring block.
  std::vector<FixItHint> Fixes;
  auto TryFix = [&]() {
    if (!Facts || !Delete || Facts->Deletes.size() != 1 || Facts->Assignments != 0 ||
        !Facts->OnlySimpleUses || !Ctx.getLangOpts().CPlusPlus14 || Var.getInit() == nullptr ||
        ignoreWrappers(Var.getInit()) != &New || Delete->isArrayForm() != New.isArray())
      return;
    QualType Pointee = Var.getType()->getPointeeType();
    if (!Ctx.hasSameType(Pointee, New.getAllocatedType()))
      return;
    const auto *Decl = Parents->parent(DynTypedNode::create(Var)).get<DeclStmt>();
    if (!Decl || !Decl->isSingleDecl())
      return;
    const auto *Block = Parents->parent(DynTypedNode::create(*Decl)).get<CompoundStmt>();
    if (!Block)
      return;
    // `delete p;` must close the block (a trailing `return` not using p is fine).
    const Stmt *DeleteStmt = Delete;
    auto Body = Block->body();
    auto DeleteAt = llvm::find(Body, DeleteStmt);
    if (DeleteAt == Body.end())
      return;
    for (auto I = std::next(DeleteAt); I != Body.end(); ++I)
      if (!isa<ReturnStmt>(*I) || std::next(I) != Body.end())
        return;
    std::optional<std::string> TypeText =
        sourceText(New.getAllocatedTypeSourceInfo()->getTypeLoc().getSourceRange(), Ctx);
    std::string Args;
    if (New.isArray()) {
      if (New.hasInitializer() || !New.getArraySize())
        return;
      std::optional<std::string> Size = sourceText((*New.getArraySize())->getSourceRange(), Ctx);
      if (!Size)
        return;
      Args = *Size;
    } else if (New.getInitializationStyle() == CXXNewInitializationStyle::Parens) {
      SourceRange Parens = New.getDirectInitRange();
      if (Parens.isInvalid() || Parens.getBegin().isMacroID() || Parens.getEnd().isMacroID())
        return;
      bool Invalid = false;
      Args = Lexer::getSourceText(CharSourceRange::getCharRange(
                                      Parens.getBegin().getLocWithOffset(1), Parens.getEnd()),
                                  Ctx.getSourceManager(), Ctx.getLangOpts(), &Invalid)
                 .str();
      if (Invalid)
        return;
    } else if (New.getInitializationStyle() != CXXNewInitializationStyle::None) {
      return; // braces: make_unique cannot aggregate-initialise before C++20
    }
    std::optional<FixItHint> Removal = removeStatement(*Delete, Ctx);
    if (!TypeText || !Removal || Decl->getBeginLoc().isMacroID() || New.getEndLoc().isMacroID())
      return;
    std::string Replacement = std::string(Var.getType().isConstQualified() ? "const " : "") +
                              "auto " + Var.getName().str() + " = std::make_unique<" + *TypeText +
                              (New.isArray() ? "[]" : "") + ">(" + Args + ")";
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Decl->getBeginLoc(), New.getEndLoc()), Replacement));
    Fixes.push_back(*Removal);
    if (std::optional<FixItHint> Include = Includes.insertion(New.getBeginLoc(), "memory"))
      Fixes.push_back(*Include);
  };
  TryFix();

  {
    auto D = diag(New.getBeginLoc(), "raw pointer %0 owns the '%1%2' allocated here; "
                                     "hold it in '%3' so it is freed on every path")
             << &Var << Type << (New.isArray() ? "[]" : "") << Owner;
    for (const FixItHint &Fix : Fixes)
      D << Fix;
  }
  if (Var.getInit() == nullptr || ignoreWrappers(Var.getInit()) != &New)
    diag(Var.getLocation(), "%0 declared here as %1", DiagnosticIDs::Note) << &Var << Var.getType();
  if (Delete)
    diag(Delete->getBeginLoc(),
         "%0 is freed by hand here; an exception or early return before this "
         "line leaks the object",
         DiagnosticIDs::Note)
        << &Var;
  // The note points at the hand-off (a store, a return, a call that may keep
  // the pointer), never at a borrow such as memcpy(p, ...).
  const bool Declares = Var.getInit() && ignoreWrappers(Var.getInit()) == &New;
  if (Facts && Facts->FirstHandOff && Facts->FirstHandOffToSmart)
    diag(Facts->FirstHandOff->getBeginLoc(),
         "%0 is adopted by a smart pointer only here; hold it in '%1' from the 'new' on",
         DiagnosticIDs::Note)
        << &Var << Owner;
  else if (Facts && Facts->FirstHandOff && Facts->FirstHandOffBoundary)
    diag(Facts->FirstHandOff->getBeginLoc(),
         "%0 hands the object on here through an interface that takes a raw "
         "pointer; hold it in '%1' and call '%2.release()' once the interface owns it",
         DiagnosticIDs::Note)
        << &Var << Owner << Var.getName();
  else if (Facts && Facts->FirstHandOff)
    diag(Facts->FirstHandOff->getBeginLoc(),
         "%0 hands the object on here, still as a raw pointer; the receiver "
         "should take '%1' too",
         DiagnosticIDs::Note)
        << &Var << Owner;
  // Lent to calls that do not keep it: those take '.get()' after the rewrite.
  const bool Lent = Facts && Facts->FirstEscape;
  std::string Tail;
  if (Lent)
    Tail += ", pass '" + Var.getName().str() + ".get()' where it is lent";
  if (Delete)
    Tail += Lent ? ", and drop the 'delete'" : " and drop the 'delete'";
  if (!(Facts && Facts->FirstHandOff) && Fixes.empty() && Declares && Ctx.getLangOpts().CPlusPlus14)
    diag(New.getBeginLoc(), "write 'auto %0 = std::make_unique<%1%2>(...)'%3", DiagnosticIDs::Note)
        << Var.getName() << Type << (New.isArray() ? "[]" : "") << Tail;
  else if (!(Facts && Facts->FirstHandOff) && Fixes.empty() && Declares)
    // std::make_unique is C++14.
    diag(New.getBeginLoc(), "write '%1 %0(new ...)'%2", DiagnosticIDs::Note)
        << Var.getName() << Owner << Tail;
  noteAlsoAllocated(Var);
}

void RawNewDeleteCheck::checkDelete(const CXXDeleteExpr &Delete, ASTContext &Ctx) {
  const Expr *Arg = ignoreWrappers(Delete.getArgument());
  if (isa<CXXThisExpr>(Arg) ||
      Arg->IgnoreParenCasts()->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return; // `delete this` is intrusive reference counting's last step
  const FunctionDecl *FD = Parents->function();
  if (isDeallocatorFunction(FD))
    return;
  if (ignoredType(Delete.getDestroyedType()))
    return;
  if (!Delete.isArrayForm() && selfManagedType(Delete.getDestroyedType()))
    return;
  if (!worthReportingDelete(Delete, Ctx))
    return;

  if (!firstInMacro(Delete.getBeginLoc(), Ctx.getSourceManager()))
    return;
  // A `delete` whose allocation is already reported is a note of that report.
  const NamedDecl *Owner = nullptr;
  if (const VarDecl *VD = referencedVar(Arg)) {
    Owner = VD;
    if (FD && FD->getBody()) {
      const LocalFacts &Facts = localFacts(*FD->getBody(), Ctx);
      auto It = Facts.Vars.find(VD);
      if (It != Facts.Vars.end() && !It->second.OwningNews.empty())
        return;
    }
  } else if (const FieldDecl *Field = referencedThisField(Arg)) {
    Owner = Field;
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent())) {
      const MemberFacts &Facts = memberFacts(*Record, Ctx);
      auto It = Facts.Fields.find(Field);
      if (It != Facts.Fields.end() && !It->second.OwningNews.empty())
        return;
    }
  }
  QualType Destroyed = Delete.getDestroyedType();
  std::string Smart = "std::unique_ptr<" +
                      (Destroyed.isNull() ? std::string("T") : typeName(Destroyed, Ctx)) +
                      (Delete.isArrayForm() ? "[]>" : ">");
  if (Owner)
    diag(Delete.getBeginLoc(), "%0 is freed by hand: the object it points to is owned "
                               "by a raw pointer; let a '%1' own and free it")
        << Owner << Smart;
  else
    diag(Delete.getBeginLoc(), "manual 'delete%select{|[]}0': the object is owned by a "
                               "raw pointer; let a '%1' own and free it")
        << Delete.isArrayForm() << Smart;
  noteMacro(Delete.getBeginLoc(), Ctx);
}

bool RawNewDeleteCheck::worthReportingDelete(const CXXDeleteExpr &Delete, ASTContext &Ctx) {
  const FunctionDecl *FD = Parents->function();
  const Expr *Arg = ignoreWrappers(Delete.getArgument());
  // The implementation of a smart pointer, handle or pool frees by hand.
  const CXXRecordDecl *Class = enclosingClass();
  const MemberFacts *ClassFacts = Class ? &memberFacts(*Class, Ctx) : nullptr;
  if (ClassFacts && ClassFacts->Owner)
    return false;
  if (const FieldDecl *Container = elementOfField(Arg, *Parents))
    if (ClassFacts && ClassFacts->isPool(Container))
      return false;
  // An object handed back through a `void *` (a callback's context, a C
  // handle): no smart pointer could have carried it here.
  if (rootedInVoidCast(Arg))
    return false;
  // A C API's destroy function frees the handle it is given and what the
  // handle holds (`delete db->rep; delete db;`); an override frees what its
  // interface hands back (`void UnlockFile(FileLock *l) { delete l; }`).
  const Stmt *Body = FD ? FD->getBody() : nullptr;
  const LocalFacts *Locals = Body ? &localFacts(*Body, Ctx) : nullptr;
  if (isInterfaceFixed(FD)) {
    if (rootParam(Arg))
      return false;
    if (const VarDecl *VD = referencedVar(Arg))
      if (Locals) {
        auto It = Locals->Vars.find(VD);
        if (It != Locals->Vars.end() && It->second.FromParameter)
          return false;
      }
  }
  // A function declared in another file that frees the object it is given
  // (`Status DB::DestroyColumnFamilyHandle(ColumnFamilyHandle *h)`): taking a
  // std::unique_ptr instead is an API change, not this file's.
  if (FD && !signatureIsLocal(FD, Ctx.getSourceManager())) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenCasts()))
      if (isa<ParmVarDecl>(Ref->getDecl()))
        return false;
    if (const VarDecl *VD = referencedVar(Arg))
      if (Locals) {
        auto It = Locals->Vars.find(VD);
        if (It != Locals->Vars.end() && It->second.FromParameterItself)
          return false;
      }
  }
  // Raw storage reinterpreted as another type (`delete[]
  // reinterpret_cast<char *>(handle)`): no smart pointer of either type fits.
  if (isReinterpretedStorage(Delete.getArgument()))
    return false;
  if (const FieldDecl *Field = thisField(Arg)) {
    if (inUnion(Field))
      return false;
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent())) {
      const MemberFacts &Facts = memberFacts(*Record, Ctx);
      if (Facts.Owner)
        return false;
      auto It = Facts.Fields.find(Field);
      if (It != Facts.Fields.end() && It->second.MaybeNotHeap)
        return false;
    }
  }
  if (const VarDecl *VD = rootVar(Arg))
    if (Locals) {
      auto It = Locals->Vars.find(VD);
      if (It != Locals->Vars.end() && (It->second.MaybeNotHeap || It->second.FromVoidPointer))
        return false;
    }
  // An owner held in a std::atomic<T *> (`delete writer_.load()`): no
  // std::unique_ptr can be atomic.
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Arg->IgnoreParenCasts()))
    if (const Expr *Object = Call->getImplicitObjectArgument())
      if (const CXXRecordDecl *RD = Object->getType()->getAsCXXRecordDecl()) {
        std::string Name = qualifiedName(*RD);
        if (Name == "std::atomic" || Name == "std::__atomic_base")
          return false;
      }
  // A node freed while walking a linked structure (its type points to its
  // own type): the structure is the owner, written by hand.
  if (isLinkedNodeInLoop(Delete, *Parents))
    return false;
  // Freed right where a local acquires it (from a call's result or
  // out-parameter): no path in between can lose it.
  if (const VarDecl *VD = rootVar(Arg))
    if (!VD->hasGlobalStorage() && !isa<ParmVarDecl>(VD) && !VD->getType()->isReferenceType() &&
        freedWhereAcquired(Delete, VD, *Parents))
      return false;
  // Maybe-owning: an ownership flag, an alias test or the object's own count
  // decides whether this delete runs.
  if (isGuarded(Delete, pointerDecl(Arg), *Parents, Locals, Ctx))
    return false;
  return true;
}

} // namespace ownlint
