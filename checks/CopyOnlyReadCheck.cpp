#include "CopyOnlyReadCheck.h"
#include "Aliasing.h"
#include "AnalysisCache.h"
#include "utils/SourceText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace ownlint {

namespace {

// The statements that run while \p V lives, after its declaration: the rest
// of its block (or the whole statement owning a condition variable).
llvm::SmallVector<const Stmt *, 8> liveRegion(const VarDecl &V, const LocalParents &Parents,
                                              bool &SingleDecl) {
  llvm::SmallVector<const Stmt *, 8> Region;
  DynTypedNode DSNode = Parents.parent(DynTypedNode::create(V));
  const auto *DS = DSNode.get<DeclStmt>();
  SingleDecl = DS && DS->isSingleDecl();
  if (!DS)
    return Region;
  const Stmt *Owner = Parents.parent(DSNode).get<Stmt>();
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Owner)) {
    bool After = false;
    for (const Stmt *Child : Block->body()) {
      if (After)
        Region.push_back(Child);
      if (Child == DS)
        After = true;
    }
  } else if (Owner) {
    Region.push_back(Owner);
  }
  return Region;
}

// The type of the object the source lives in: the reference's referent, the
// class of `this`, or the source itself.
QualType rootType(const Expr *Source, const LvalueRoot &Root, const FunctionDecl &FD) {
  if (Root.Var)
    return Root.Var->getType().getNonReferenceType();
  if (Root.K == LvalueRoot::This)
    if (const auto *M = dyn_cast<CXXMethodDecl>(&FD))
      return M->getThisType()->getPointeeType();
  if (Root.K == LvalueRoot::Call)
    return QualType(); // a reference from a call: anything
  return Source->getType();
}

// The object a local reference names: `const T &alias = title` names
// `title`, a range-for element names the range it walks. Followed so that a
// write to that object by its own name is seen. Null when not known.
const Expr *referent(const VarDecl &Ref, const LocalParents &Parents) {
  if (Ref.isCXXForRangeDecl()) {
    for (DynTypedNode Up = Parents.parent(DynTypedNode::create(Ref)); !Up.getNodeKind().isNone();
         Up = Parents.parent(Up))
      if (const auto *For = Up.get<CXXForRangeStmt>())
        return For->getLoopVariable() == &Ref ? For->getRangeInit() : nullptr;
    return nullptr;
  }
  return Ref.getInit();
}

} // namespace

void CopyOnlyReadCheck::checkFunction(const FunctionDecl &FD, ASTContext &Ctx) {
  const VarUseIndex &Index = AnalysisCache::forContext(Ctx).uses(FD);
  for (const VarDecl *V : Index.locals()) {
    if (!V->hasLocalStorage() || V->getType()->isReferenceType() || isa<DecompositionDecl>(V) ||
        V->isCXXForRangeDecl() || V->isExceptionVariable() || V->isInitCapture() ||
        V->isImplicit() || V->getType().isVolatileQualified() || V->getLocation().isMacroID())
      continue;
    CopyCost Kind;
    const Expr *Source = readOnlyCopy(*V, Index, Ctx, Kind);
    if (!Source)
      continue;

    // The source must neither change nor die while the copy lives.
    LvalueRoot Root = rootOf(Source);
    // Through local references and range-for elements to the object itself.
    for (unsigned Depth = 0;
         Depth < 8 && Root.K == LvalueRoot::Reference && Root.Var && Root.Var->hasLocalStorage() &&
         !isa<ParmVarDecl>(Root.Var) && Root.Var->getType()->isReferenceType();
         ++Depth) {
      if (!Index.uses(Root.Var).OnlyRead)
        break; // written through: the checks below see it
      const Expr *Target = referent(*Root.Var, Index.parents());
      if (!Target)
        break;
      LvalueRoot Next = rootOf(Target);
      if (Next.K == LvalueRoot::Temporary)
        break; // a temporary the reference keeps alive: it stays as it is
      Root = Next;
    }
    if (Root.K == LvalueRoot::Temporary)
      continue;
    if (Root.Var && Root.Var->getParentFunctionOrMethod() == &FD && !Index.uses(Root.Var).OnlyRead)
      continue;
    bool SingleDecl = false;
    llvm::SmallVector<const Stmt *, 8> Region = liveRegion(*V, Index.parents(), SingleDecl);
    if (Root.K != LvalueRoot::LocalValue && llvm::any_of(Region, [&](const Stmt *S) {
          return mayWriteThroughAliases(S, rootType(Source, Root, FD));
        }))
      continue;
    // A global, or what a function returned a reference to, may change in any
    // call that does not take a const member function's shape.
    bool Global = Root.Var && !Root.Var->hasLocalStorage();
    if ((Global || Root.K == LvalueRoot::Call) &&
        llvm::any_of(Region, [](const Stmt *S) { return mayCallOut(S); }))
      continue;

    std::vector<FixItHint> Fixes;
    if (SingleDecl)
      Fixes = constReferenceFix(*V, Ctx);
    {
      auto D = diag(V->getLocation(), "local copy %0 (%1) is only read; %2")
               << V << V->getType() << CopyCostModel::consequence(Kind);
      for (const FixItHint &F : Fixes)
        D << F;
    }
    std::optional<std::string> Text = sourceText(Source->getSourceRange(), Ctx);
    if (Text && Text->size() <= 40)
      diag(Source->getBeginLoc(), "copied from '%0', which does not change while %1 lives",
           DiagnosticIDs::Note)
          << *Text << V;
    else
      diag(Source->getBeginLoc(), "copied from here; the source does not change while %0 lives",
           DiagnosticIDs::Note)
          << V;
    diag(V->getLocation(), "borrow it instead: declare %0 as a const reference",
         DiagnosticIDs::Note)
        << V;
  }
}

} // namespace ownlint
