#include "RangeCopyCheck.h"
#include "Aliasing.h"
#include "AnalysisCache.h"
#include "utils/SourceText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace ownlint {

void RangeCopyCheck::checkFunction(const FunctionDecl &FD, ASTContext &Ctx) {
  const VarUseIndex &Index = AnalysisCache::forContext(Ctx).uses(FD);
  for (const VarDecl *V : Index.locals()) {
    if (!V->isCXXForRangeDecl() || V->getType()->isReferenceType() ||
        V->getLocation().isMacroID() || isa<DecompositionDecl>(V))
      continue;
    CopyCost Kind;
    if (!readOnlyCopy(*V, Index, Ctx, Kind))
      continue;
    // A borrowed element must outlive the iteration: the body may not change
    // the range (nor anything behind a reference, which may be the range).
    DynTypedNode LoopVarStmt = Index.parents().parent(DynTypedNode::create(*V));
    const auto *For = Index.parents().parent(LoopVarStmt).get<CXXForRangeStmt>();
    if (!For || !For->getRangeInit())
      continue;
    LvalueRoot Root = rootOf(For->getRangeInit());
    if (Root.K == LvalueRoot::LocalValue) {
      SourceRange Body = For->getBody()->getSourceRange();
      bool Changed = false;
      for (const DeclRefExpr *Ref : Index.refs(Root.Var)) {
        VarUses Ignored;
        if (Body.fullyContains(Ref->getSourceRange()) && !Index.isRead(Ref, Ignored))
          Changed = true;
      }
      if (Changed)
        continue;
    } else if (Root.K == LvalueRoot::Temporary && !For->getRangeInit()->isLValue()) {
      // A temporary range lives for the whole loop: fine.
    } else if (mayWriteThroughAliases(For->getBody(),
                                      Root.Var ? Root.Var->getType().getNonReferenceType()
                                               : For->getRangeInit()->getType())) {
      continue;
    }
    std::vector<FixItHint> Fixes = constReferenceFix(*V, Ctx);
    {
      auto D = diag(V->getLocation(), "loop variable %0 (%1) is copied on every iteration but "
                                      "only read; %2")
               << V << V->getType() << CopyCostModel::consequence(Kind);
      for (const FixItHint &F : Fixes)
        D << F;
    }
    diag(V->getLocation(), "borrow each element instead: declare %0 as a const reference",
         DiagnosticIDs::Note)
        << V;
  }
}

} // namespace ownlint
