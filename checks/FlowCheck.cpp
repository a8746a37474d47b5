#include "FlowCheck.h"
#include "analysis/AnalysisCache.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace ownlint {

FlowCheck::FlowCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context, Problem::Kind Kind)
    : ClangTidyCheck(Name, Context), TidyContext(Context), Kind(Kind) {}

void FlowCheck::registerMatchers(MatchFinder *Finder) {
  // Template instantiations are skipped: the template itself is analysed.
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()),
                                  unless(isInstantiated()))
                         .bind("function"),
                     this);
}

// Only functions whose diagnostics clang-tidy would show are analysed: the
// main file, and headers matching the header filter.
bool FlowCheck::inReportedFile(SourceLocation Loc, const SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  if (SM.isInMainFile(Loc))
    return true;
  const std::optional<std::string> &Text = TidyContext->getOptions().HeaderFilterRegex;
  if (!Text || Text->empty())
    return false;
  if (FilterText != *Text) {
    FilterText = *Text;
    Filter.emplace(*Text);
  }
  return Filter->match(SM.getFilename(Loc));
}

void FlowCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function");
  // Invalid declarations go to the cache too: it skips them, and says so
  // once under OWNLINT_DEBUG.
  if (!FD || !inReportedFile(FD->getLocation(), *Result.SourceManager))
    return;
  const FunctionAnalysis &A = AnalysisCache::forContext(*Result.Context).get(*FD);
  for (const Problem &P : A.Problems)
    if (P.K == Kind)
      report(P, *Result.Context);
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
