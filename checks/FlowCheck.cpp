#include "FlowCheck.h"
#include "AnalysisCache.h"
#include "AstWalk.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace ownlint {

FlowCheck::FlowCheck(llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : OwnershipCheck(Name, Context),
      WantCopies(Context->isCheckEnabled("ownership-copy-at-last-use") ||
                 Context->isCheckEnabled("ownership-param-copy")),
      Reported(Context), Allocators(Options.getLocalOrGlobal("Allocators", "")),
      Deallocators(Options.getLocalOrGlobal("Deallocators", "")),
      Borrowers(Options.getLocalOrGlobal("Borrowers", "")),
      ReleaseMethods(Options.getLocalOrGlobal("ReleaseMethods", "")) {
  std::string Error;
  Know = Knowledge::parse(Allocators, Deallocators, Borrowers, ReleaseMethods, Error);
  if (!Error.empty())
    configurationDiag("invalid option for %0: %1", DiagnosticIDs::Error) << Name << Error;
}

void FlowCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Allocators", Allocators);
  Options.store(Opts, "Deallocators", Deallocators);
  Options.store(Opts, "Borrowers", Borrowers);
  Options.store(Opts, "ReleaseMethods", ReleaseMethods);
}

void FlowCheck::onEndOfTranslationUnit() { AnalysisCache::endTranslationUnit(); }

void FlowCheck::onStartOfTranslationUnit() {
  OwnershipCheck::onStartOfTranslationUnit();
  AnalysisCache::setKnowledge(Know);
}

void FlowCheck::registerMatchers(MatchFinder *Finder) {
  // Templates: see check(). (The isInstantiated() matcher would build a
  // parent map of the whole translation unit, headers included.)
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
  if (!FD || !Reported.contains(FD->getLocation(), *Result.SourceManager))
    return;
  // A template's own body is analysed with its dependent types. The bug
  // checks also analyse a few of its instantiations, where every call is
  // resolved (a move into `consume(T)` is only visible there); their findings
  // share the template's source locations and are reported once. The copy
  // checks stay with the template: what a copy costs depends on the
  // arguments, and one instantiation's verdict is not the template's.
  if (isInInstantiation(FD)) {
    if (!judgesInstantiations())
      return;
    const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
    if (!Pattern || ++InstantiationsSeen[Pattern] > MaxInstantiations)
      return;
    analysed(AnalysisCache::forContext(*Result.Context).get(*FD, /*FindCopies=*/false), *FD,
             *Result.Context);
    return;
  }
  checkFunction(*FD, *Result.Context);
}

void FlowCheck::checkFunction(const FunctionDecl &FD, ASTContext &Ctx) {
  analysed(AnalysisCache::forContext(Ctx).get(FD, WantCopies), FD, Ctx);
}

void FlowCheck::analysed(const FunctionAnalysis &A, const FunctionDecl &FD, ASTContext &Ctx) {
  // Keyed by what a template and its instantiations share: locations.
  auto LocOf = [](const Stmt *S) { return S ? S->getBeginLoc().getRawEncoding() : 0u; };
  for (const OwnershipEvent &P : A.Events)
    if (selects(P) &&
        ReportedAt
            .insert({{FD.getLocation().getRawEncoding(), LocOf(P.At)},
                     {P.Var ? P.Var->getLocation().getRawEncoding() : 0u, LocOf(P.AllocSite)}})
            .second)
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
