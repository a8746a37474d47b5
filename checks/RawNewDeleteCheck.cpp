#include "RawNewDeleteCheck.h"

#include "AstWalk.h"
#include "LocalParents.h"
#include "utils/CheckOptions.h"
#include "OwnerTypes.h"
#include "CrashContext.h"
#include "utils/SourceText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

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
};

// What one function body does with each local raw pointer.
struct LocalFacts {
  struct Var {
    std::vector<const CXXNewExpr *> OwningNews; // news classified Local to it
    std::vector<const CXXDeleteExpr *> Deletes;
    bool OnlySimpleUses = true; // every use also compiles on a std::unique_ptr
    const Expr *FirstEscape = nullptr; // first use that hands the pointer on
    unsigned Assignments = 0;
  };
  llvm::DenseMap<const VarDecl *, Var> Vars;
};

// What a class's member functions do with each raw pointer member.
struct MemberFacts {
  struct Field {
    std::vector<const CXXNewExpr *> OwningNews;
    std::vector<const CXXDeleteExpr *> Deletes;
    std::vector<const FunctionDecl *> DeleteFunctions; // where each delete is
  };
  llvm::DenseMap<const FieldDecl *, Field> Fields;
};

namespace {

bool isSmartPointerCallee(const CXXMemberCallExpr &Call,
                          llvm::ArrayRef<std::string> OwnerTypes) {
  const Expr *Object = Call.getImplicitObjectArgument();
  return Object && isSmartPointerLike(Object->getType(), OwnerTypes);
}

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
          (isa<ConditionalOperator>(E) &&
           cast<ConditionalOperator>(E)->getCond() != ChildExpr)) {
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
      if (isa<CXXConstructExpr, InitListExpr, CXXFunctionalCastExpr,
              CXXUnresolvedConstructExpr>(E)) {
        if (isSmartPointerLike(E->getType(), OwnerTypes))
          Site.K = OwnershipSite::Managed;
        else if (isStdContainer(E->getType()))
          Site.K = OwnershipSite::Container;
        else if (E->getType()->isRecordType() || E->getType()->isDependentType())
          Site.K = OwnershipSite::Transfer;
        Site.Consumer = E;
        return Site;
      }
      if (const auto *MCall = dyn_cast<CXXMemberCallExpr>(E)) {
        if (MCall->getImplicitObjectArgument() == ChildExpr)
          return Site; // (new T)->f(): nobody keeps it
        Site.Consumer = E;
        if (isSmartPointerCallee(*MCall, OwnerTypes))
          Site.K = OwnershipSite::Managed;
        else if (isStdContainer(MCall->getImplicitObjectArgument()->getType()))
          Site.K = OwnershipSite::Container;
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
            Site.K = OwnershipSite::Container;
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
    return Use.get<IfStmt>() || Use.get<WhileStmt>() || Use.get<ForStmt>() ||
           Use.get<DoStmt>() ||
           (Use.get<ConditionalOperator>() &&
            Use.get<ConditionalOperator>()->getCond() == Bool);
  }
  return false;
}

class LocalFactsBuilder : public RecursiveASTVisitor<LocalFactsBuilder> {
public:
  LocalFactsBuilder(LocalFacts &Facts, const LocalParents &Parents, ASTContext &Ctx,
                    llvm::ArrayRef<std::string> OwnerTypes)
      : Facts(Facts), Parents(Parents), Ctx(Ctx), OwnerTypes(OwnerTypes) {}

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
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      if (const VarDecl *VD = referencedVar(BO->getLHS()))
        ++Facts.Vars[VD].Assignments;
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || !VD->getType()->isPointerType())
      return true;
    LocalFacts::Var &Var = Facts.Vars[VD];
    if (!Var.OnlySimpleUses)
      return true;
    if (Ref->refersToEnclosingVariableOrCapture() || !isSimpleUse(*Ref, Parents, Ctx)) {
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
      if (Ref->refersToEnclosingVariableOrCapture() ||
          (!IsDeleteOperand && !IsAssignTarget)) {
        Var.OnlySimpleUses = false;
        Var.FirstEscape = Ref;
      }
    }
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    for (const LambdaCapture &Capture : Lambda->captures())
      if (Capture.capturesVariable())
        if (const auto *VD = dyn_cast<VarDecl>(Capture.getCapturedVar()))
          Facts.Vars[VD].OnlySimpleUses = false;
    return true;
  }

private:
  LocalFacts &Facts;
  const LocalParents &Parents;
  ASTContext &Ctx;
  llvm::ArrayRef<std::string> OwnerTypes;
};

class MemberFactsBuilder : public RecursiveASTVisitor<MemberFactsBuilder> {
public:
  MemberFactsBuilder(MemberFacts &Facts, llvm::ArrayRef<std::string> OwnerTypes)
      : Facts(Facts), OwnerTypes(OwnerTypes) {}

  /// Scans \p Parents' body (a method, or a member's in-class initialiser).
  void scan(const LocalParents &P, Stmt *S) {
    Parents = &P;
    TraverseStmt(S);
    Parents = nullptr;
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    OwnershipSite Site = classify(*New, *Parents, OwnerTypes);
    if (Site.K == OwnershipSite::Member)
      Facts.Fields[Site.Field].OwningNews.push_back(New);
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *Delete) {
    if (const FieldDecl *FD = referencedThisField(Delete->getArgument())) {
      Facts.Fields[FD].Deletes.push_back(Delete);
      Facts.Fields[FD].DeleteFunctions.push_back(Parents->function());
    }
    return true;
  }

private:
  MemberFacts &Facts;
  llvm::ArrayRef<std::string> OwnerTypes;
  const LocalParents *Parents = nullptr;
};

std::string typeName(QualType T, const ASTContext &Ctx) {
  return T.getAsString(Ctx.getPrintingPolicy());
}

// "std::unique_ptr<Node>" or "std::unique_ptr<int[]>".
std::string uniquePtrFor(const CXXNewExpr &New, const ASTContext &Ctx) {
  return "std::unique_ptr<" + typeName(New.getAllocatedType(), Ctx) +
         (New.isArray() ? "[]>" : ">");
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

RawNewDeleteCheck::RawNewDeleteCheck(llvm::StringRef Name,
                                     clang::tidy::ClangTidyContext *Context)
    : OwnershipCheck(Name, Context),
      RawOwnerTypes(Options.get("OwnerTypes", DefaultOwnerTypes)),
      RawIgnoredTypes(Options.get("IgnoredTypes", "")),
      WarnOnOwnershipTransfer(getBoolOption(Options, "WarnOnOwnershipTransfer", false)),
      OwnerTypes(splitList(RawOwnerTypes)), Reported(Context) {
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
  Finder->addMatcher(fieldDecl(hasInClassInitializer(expr()), unless(isExpansionInSystemHeader()))
                         .bind("field"),
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
  std::optional<LocalParents> Local;
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    if (isInInstantiation(FD) || !Reported.contains(FD->getLocation(), SM))
      return;
    Local.emplace(*FD);
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
  } else {
    return;
  }
  Parents = &*Local;
  for (const Expr *E : Collector.Found) {
    if (SM.isInSystemHeader(SM.getExpansionLoc(E->getBeginLoc())))
      continue;
    if (const auto *New = dyn_cast<CXXNewExpr>(E))
      checkNew(*New, *Result.Context);
    else
      checkDelete(*cast<CXXDeleteExpr>(E), *Result.Context);
  }
  Parents = nullptr;
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
    LocalFactsBuilder(*Slot, *Parents, Ctx, OwnerTypes).TraverseStmt(const_cast<Stmt *>(&Body));
  }
  return *Slot;
}

const MemberFacts &RawNewDeleteCheck::memberFacts(const CXXRecordDecl &Record,
                                                  ASTContext &Ctx) {
  std::unique_ptr<MemberFacts> &Slot = MemberCache[&Record];
  if (!Slot) {
    Slot = std::make_unique<MemberFacts>();
    MemberFactsBuilder Builder(*Slot, OwnerTypes);
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
        LocalParents P(*Definition);
        Builder.scan(P, Definition->getBody());
        if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Definition))
          for (const CXXCtorInitializer *Init : Ctor->inits())
            if (Init->isWritten())
              Builder.scan(P, Init->getInit());
      }
    }
  }
  return *Slot;
}

void RawNewDeleteCheck::checkNew(const CXXNewExpr &New, ASTContext &Ctx) {
  // Placement new and class-specific allocators manage their own memory.
  if (!isGlobalHeapNew(New))
    return;
  if (isDeallocatorFunction(Parents->function()) &&
      Parents->function()->getOverloadedOperator() != OO_Call)
    return;
  if (ignoredType(New.getAllocatedType()))
    return;
  // Objects that delete themselves (intrusive reference counting) are owned
  // by their count, not by the pointer.
  if (!New.isArray() &&
      isSelfDeleting(New.getAllocatedType()->getAsCXXRecordDecl(), SelfDeletingCache))
    return;

  OwnershipSite Site = classify(New, *Parents, OwnerTypes);
  if (Site.K != OwnershipSite::Managed && Site.K != OwnershipSite::Immortal &&
      !(Site.K == OwnershipSite::Transfer && !WarnOnOwnershipTransfer) &&
      !firstInMacro(New.getBeginLoc(), Ctx.getSourceManager()))
    return;
  if (reportNew(New, Site, Ctx))
    noteMacro(New.getBeginLoc(), Ctx);
}

bool RawNewDeleteCheck::reportNew(const CXXNewExpr &New, const OwnershipSite &Site,
                                  ASTContext &Ctx) {
  const std::string Type = typeName(New.getAllocatedType(), Ctx);
  const std::string Owner = uniquePtrFor(New, Ctx);
  const std::string Array = New.isArray() ? "[]" : "";
  SourceLocation Loc = New.getBeginLoc();

  switch (Site.K) {
  case OwnershipSite::Managed:
  case OwnershipSite::Immortal:
    return false;
  case OwnershipSite::Local:
    reportLocal(New, Site, Ctx);
    return true;
  case OwnershipSite::Member: {
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
    return true;
  }
  case OwnershipSite::Returned: {
    const FunctionDecl *FD = Parents->function();
    diag(Loc, "the '%0' allocated here is returned as an owning raw pointer; "
              "return '%1' so no caller can leak it")
        << Type << Owner;
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD);
    if (FD && !(Method && Method->getParent()->isLambda()))
      diag(FD->getLocation(), "%0 declared here returning %1", DiagnosticIDs::Note)
          << FD << FD->getReturnType();
    return true;
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
    return true;
  case OwnershipSite::Transfer:
    if (!WarnOnOwnershipTransfer)
      return false;
    diag(Loc, "the '%0' allocated here is handed over as a raw pointer; the "
              "receiver's signature does not say it takes ownership: pass '%1'")
        << Type << Owner;
    return true;
  case OwnershipSite::Other:
    diag(Loc, "the '%0%1' allocated here is owned by a raw pointer, which frees "
              "nothing on an early return or exception; hold it in '%2'")
        << Type << Array << Owner;
    return true;
  }
  return false;
}

void RawNewDeleteCheck::noteMacro(SourceLocation Loc, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Loc.isMacroID() || !SM.isMacroBodyExpansion(Loc))
    return;
  llvm::StringRef Macro = Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts());
  diag(SM.getSpellingLoc(Loc), "written in the body of macro '%0'; its other expansions "
                               "in this file are not reported again",
       DiagnosticIDs::Note)
      << Macro;
}

void RawNewDeleteCheck::reportLocal(const CXXNewExpr &New, const OwnershipSite &Site,
                                    ASTContext &Ctx) {
  const VarDecl &Var = *Site.Var;
  const std::string Type = typeName(New.getAllocatedType(), Ctx);
  const std::string Owner = uniquePtrFor(New, Ctx);
  const FunctionDecl *FD = Parents->function();
  const Stmt *Body = FD ? FD->getBody() : nullptr;
  const LocalFacts::Var *Facts = nullptr;
  if (Body) {
    const LocalFacts &All = localFacts(*Body, Ctx);
    auto It = All.Vars.find(&Var);
    if (It != All.Vars.end())
      Facts = &It->second;
  }
  const CXXDeleteExpr *Delete =
      Facts && !Facts->Deletes.empty() ? Facts->Deletes.front() : nullptr;

  // The rewrite to make_unique is only offered when it cannot change what the
  // code does: `T *p = new T(...)`, uses that read the same on a unique_ptr,
  // and one `delete p;` as the last statement of the declaring block.
  std::vector<FixItHint> Fixes;
  auto TryFix = [&]() {
    if (!Facts || !Delete || Facts->Deletes.size() != 1 || Facts->Assignments != 0 ||
        !Facts->OnlySimpleUses || !Ctx.getLangOpts().CPlusPlus14 ||
        Var.getInit() == nullptr || ignoreWrappers(Var.getInit()) != &New ||
        Delete->isArrayForm() != New.isArray())
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
      Args = Lexer::getSourceText(
                 CharSourceRange::getCharRange(Parens.getBegin().getLocWithOffset(1),
                                               Parens.getEnd()),
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
                              "auto " + Var.getName().str() + " = std::make_unique<" +
                              *TypeText + (New.isArray() ? "[]" : "") + ">(" + Args + ")";
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
    diag(Var.getLocation(), "%0 declared here as %1", DiagnosticIDs::Note)
        << &Var << Var.getType();
  if (Delete)
    diag(Delete->getBeginLoc(),
         "%0 is freed by hand here; an exception or early return before this "
         "line leaks the object",
         DiagnosticIDs::Note)
        << &Var;
  if (Facts && Facts->FirstEscape)
    diag(Facts->FirstEscape->getBeginLoc(),
         "%0 hands the object on here, still as a raw pointer; the receiver "
         "should take '%1' too",
         DiagnosticIDs::Note)
        << &Var << Owner;
  else if (Fixes.empty())
    diag(New.getBeginLoc(), "write 'auto %0 = std::make_unique<%1%2>(...)'%select{| and "
                            "drop the 'delete'}3",
         DiagnosticIDs::Note)
        << Var.getName() << Type << (New.isArray() ? "[]" : "") << (Delete != nullptr);
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
  if (const auto *RD = Delete.getDestroyedType().isNull()
                           ? nullptr
                           : Delete.getDestroyedType()->getAsCXXRecordDecl())
    if (isSelfDeleting(RD, SelfDeletingCache))
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

} // namespace ownlint
