#include "FlowCheck.h"
#include "analysis/AnalysisCache.h"
#include "utils/AstWalk.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace ownlint {

FlowCheck::FlowCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context,
                     std::optional<Problem::Kind> Kind)
    : ClangTidyCheck(Name, Context), Kind(Kind),
      WantCopies(Context->isCheckEnabled("ownership-copy-at-last-use") ||
                 Context->isCheckEnabled("ownership-param-copy")),
      Reported(Context) {}

void FlowCheck::registerMatchers(MatchFinder *Finder) {
  // Template instantiations are skipped in check(): the template itself is
  // analysed. (The isInstantiated() matcher would build a parent map of the
  // whole translation unit, headers included.)
  Finder->addMatcher(
      functionDecl(isDefinition(), hasBody(stmt()), unless(isExpansionInSystemHeader()))
          .bind("function"),
      this);
}

void FlowCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function");
  // Invalid declarations go to the cache too: it skips them, and says so
  // once under OWNLINT_DEBUG.
  // Only functions whose diagnostics clang-tidy would show are analysed.
  if (!FD || isInInstantiation(FD) || !Reported.contains(FD->getLocation(), *Result.SourceManager))
    return;
  checkFunction(*FD, *Result.Context);
}

void FlowCheck::checkFunction(const FunctionDecl &FD, ASTContext &Ctx) {
  analysed(AnalysisCache::forContext(Ctx).get(FD, WantCopies), FD, Ctx);
}

void FlowCheck::analysed(const FunctionAnalysis &A, const FunctionDecl &, ASTContext &Ctx) {
  for (const Problem &P : A.Problems)
    if (P.K == Kind)
      report(P, Ctx);
}

std::string FlowCheck::nameOf(Place P) {
  return P ? "'" + P->getNameAsString() + "'" : std::string("the pointer");
}

std::string FlowCheck::allocationText(const Stmt *Site, AllocKind Kind, const ASTContext &Ctx) {
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(Site))
    return std::string("new ") + New->getAllocatedType().getAsString(Ctx.getPrintingPolicy()) +
           (New->isArray() ? "[]" : "");
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Site))
    if (const FunctionDecl *FD = Call->getDirectCallee())
      return FD->getNameAsString() + "()";
  return allocKindName(Kind);
}

} // namespace ownlint
