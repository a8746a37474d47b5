#include "ParamCopyCheck.h"
#include "AnalysisCache.h"
#include "AstWalk.h"
#include "CrashContext.h"
#include "utils/SourceText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace ownlint {

namespace {

// A signature ownlint may suggest changing: not one an override, a special
// member or a coroutine fixes, nor a template's dependent one.
bool signatureIsFree(const FunctionDecl &FD) {
  if (FD.isDeleted() || FD.isDefaulted() || FD.isMain() || FD.isExternC() ||
      isa<CoroutineBodyStmt>(FD.getBody()))
    return false;
  if (const auto *M = dyn_cast<CXXMethodDecl>(&FD)) {
    if (M->isVirtual() || M->size_overridden_methods() > 0)
      return false;
    if (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator())
      return false; // copy-and-swap takes its argument by value on purpose
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(M))
      if (Ctor->isCopyOrMoveConstructor())
        return false;
  }
  return true;
}

// Functions whose address is taken in the main file: their signature must
// match what the pointer or std::function expects.
llvm::DenseSet<const FunctionDecl *> addressTaken(ASTContext &Ctx) {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    llvm::DenseSet<const FunctionDecl *> Taken;
    llvm::DenseSet<const Expr *> Callees;
    bool shouldVisitTemplateInstantiations() const { return false; }
    bool VisitCallExpr(CallExpr *Call) {
      Callees.insert(Call->getCallee()->IgnoreParenImpCasts());
      return true;
    }
    bool VisitDeclRefExpr(DeclRefExpr *DRE) {
      if (const auto *F = dyn_cast<FunctionDecl>(DRE->getDecl()))
        if (!Callees.contains(DRE))
          Taken.insert(F->getCanonicalDecl());
      return true;
    }
    bool VisitMemberExpr(MemberExpr *ME) {
      if (const auto *F = dyn_cast<FunctionDecl>(ME->getMemberDecl()))
        if (!Callees.contains(ME))
          Taken.insert(F->getCanonicalDecl());
      return true;
    }
  } V;
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (SM.isWrittenInMainFile(SM.getExpansionLoc(D->getLocation())))
      V.TraverseDecl(D);
  return V.Taken;
}

} // namespace

void ParamCopyCheck::checkFunction(const FunctionDecl &FD, ASTContext &Context) {
  Ctx = &Context;
  if (!signatureIsFree(FD) || FD.getLocation().isMacroID())
    return;
  const VarUseIndex *Index = nullptr;
  for (const ParmVarDecl *P : FD.parameters()) {
    QualType T = P->getType();
    if (P->getName().empty() || P->getLocation().isMacroID())
      continue;
    bool ByValue = !T->isReferenceType();
    bool ConstRef = T->isLValueReferenceType() && T.getNonReferenceType().isConstQualified();
    if (!ByValue && !ConstRef)
      continue;
    // A move-only type is moved in by every caller, never copied.
    if (ByValue && !T->isDependentType() && !isCopyable(T))
      continue;
    CopyCost Kind = Cost.cost(T, Context);
    if (Kind == CopyCost::Cheap)
      continue;
    if (!Index)
      Index = &AnalysisCache::forContext(Context).uses(FD);
    if (ByValue) {
      VarUses Uses = Index->uses(P);
      if (!Uses.OnlyRead || Uses.Copied || Uses.Moved || Uses.Count == 0)
        continue;
      // Handed to a sink at its last use (push_back(const T&) beside
      // push_back(T&&)): moving it there is the better fix, and
      // ownership-copy-at-last-use says so.
      const FunctionAnalysis &A = AnalysisCache::forContext(Context).get(FD, true);
      if (llvm::any_of(A.LastUseCopies, [&](const LastUseCopy &C) { return C.Var == P; }))
        continue;
      Candidates.push_back({P, &FD, Kind});
      continue;
    }
    // const T& whose one use copies it into a member: by value and moved, a
    // caller's temporary would be moved all the way in.
    llvm::ArrayRef<const DeclRefExpr *> Refs = Index->refs(P);
    if (Refs.size() != 1)
      continue;
    const DeclRefExpr *Ref = Refs.front();
    DynTypedNode Up = Index->parents().parent(DynTypedNode::create(*Ref));
    while (Up.get<ImplicitCastExpr>())
      Up = Index->parents().parent(Up);
    const NamedDecl *Target = nullptr;
    const Expr *Copy = nullptr;
    if (const auto *CE = Up.get<CXXConstructExpr>()) {
      if (!CE->getConstructor() || !CE->getConstructor()->isCopyConstructor())
        continue;
      Copy = CE;
      DynTypedNode Owner = Index->parents().parent(Up);
      while (Owner.get<ExprWithCleanups>())
        Owner = Index->parents().parent(Owner);
      // Into a member only: a copy into a local gains nothing unless callers
      // pass temporaries, and taking it by value there is a matter of taste.
      if (const auto *Init = Owner.get<CXXCtorInitializer>())
        Target = Init->getMember();
    } else if (const auto *Op = Up.get<CXXOperatorCallExpr>()) {
      const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
      if (M && M->isCopyAssignmentOperator() && Op->getNumArgs() == 2)
        if (const auto *ME = dyn_cast<MemberExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
          if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
            Copy = Op;
            Target = ME->getMemberDecl();
          }
    }
    if (Target && Copy)
      Candidates.push_back({P, &FD, Kind, Ref, Target});
  }
}

void ParamCopyCheck::onEndOfTranslationUnit() {
  CheckScope Scope(checkName());
  if (Candidates.empty() || !Ctx) {
    Candidates.clear();
    return;
  }
  llvm::DenseSet<const FunctionDecl *> Taken = addressTaken(*Ctx);
  for (const Candidate &C : Candidates) {
    if (Taken.contains(C.Function->getCanonicalDecl()))
      continue;
    const ParmVarDecl *P = C.Param;
    QualType T = P->getType();
    if (!C.CopiedInto) {
      // The fix changes the signature: only where this is its one declaration.
      std::vector<FixItHint> Fixes;
      if (C.Function->isFirstDecl() && !C.Function->getPreviousDecl() &&
          C.Function->getMostRecentDecl() == C.Function)
        Fixes = constReferenceFix(*P, *Ctx);
      {
        auto D = diag(P->getLocation(), "parameter %0 (%1) is copied at every call but only "
                                        "read; %2")
                 << P << T << CopyCostModel::consequence(C.Kind);
        for (const FixItHint &F : Fixes)
          D << F;
      }
      // A view fits where only the characters or elements are read.
      std::string Spelled = T.getCanonicalType().getUnqualifiedType().getAsString();
      unsigned View = 0;
      if (Spelled.find("basic_string<char") != std::string::npos && Ctx->getLangOpts().CPlusPlus17)
        View = 1;
      else if (Spelled.find("std::vector<") != std::string::npos && Ctx->getLangOpts().CPlusPlus20)
        View = 2;
      diag(P->getLocation(),
           "take it by const reference%select{| (or as std::string_view, "
           "if only its characters are read)| (or as std::span, if only its "
           "elements are read)}0",
           DiagnosticIDs::Note)
          << View;
      continue;
    }
    diag(P->getLocation(), "parameter %0 (%1) is taken by const reference and then copied "
                           "into %2; %3")
        << P << T << C.Target << CopyCostModel::consequence(C.Kind);
    diag(C.CopiedInto->getBeginLoc(), "copied here", DiagnosticIDs::Note);
    diag(P->getLocation(),
         "take it by value and move it into %0: callers passing a "
         "temporary then pay no copy at all",
         DiagnosticIDs::Note)
        << C.Target;
  }
  Candidates.clear();
}

} // namespace ownlint
