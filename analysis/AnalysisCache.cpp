#include "AnalysisCache.h"

#include "CrashContext.h"
#include "Linking.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <cstdlib>

namespace ownlint {

std::string functionKey(const clang::FunctionDecl &FD) {
  std::string Key = FD.getQualifiedNameAsString();
  const clang::SourceManager &SM = FD.getASTContext().getSourceManager();
  clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(FD.getLocation()));
  if (P.isValid())
    Key += " at " + std::string(P.getFilename()) + ":" + std::to_string(P.getLine());
  return Key;
}

std::unique_ptr<AnalysisCache> &AnalysisCache::current() {
  // clang-tidy analyses one translation unit at a time per thread.
  thread_local std::unique_ptr<AnalysisCache> Current;
  return Current;
}

void AnalysisCache::startTranslationUnit() { current().reset(); }

namespace {
// Only a function that takes or returns a pointer or a reference can hand
// ownership across a call.
bool mayTransferOwnership(const clang::FunctionDecl &FD) {
  auto Carries = [](clang::QualType T) { return T->isPointerType() || T->isReferenceType(); };
  if (Carries(FD.getReturnType()))
    return true;
  for (const clang::ParmVarDecl *P : FD.parameters())
    if (Carries(P->getType()))
      return true;
  return false;
}
} // namespace

void AnalysisCache::endTranslationUnit() {
  std::unique_ptr<AnalysisCache> &Current = current();
  if (!Current || Current->Exported || !LinkBoard::currentUnit())
    return;
  Current->Exported = true;
  UnitLinkage Unit;
  for (const auto &Entry : Current->Results) {
    const clang::FunctionDecl &FD = *Entry.first;
    if (!FD.doesThisDeclarationHaveABody() || !Entry.second->Analysed || !mayTransferOwnership(FD))
      continue;
    std::string Key = linkageKey(FD);
    if (Key.empty())
      continue;
    if (const FunctionSummary *S = Current->Sums.summary(&FD))
      Unit.Defined[Key] = *S;
  }
  Unit.Calls = Current->Sums.takeExternalCalls();
  LinkBoard::record(std::move(Unit));
}

Knowledge &AnalysisCache::pendingKnowledge() {
  thread_local Knowledge Pending;
  return Pending;
}

void AnalysisCache::setKnowledge(const Knowledge &K) { pendingKnowledge() = K; }

AnalysisCache &AnalysisCache::forContext(clang::ASTContext &Ctx) {
  // Every check calls startTranslationUnit() first; the context test only
  // guards callers outside a check's matcher run (unit tests).
  std::unique_ptr<AnalysisCache> &Current = current();
  if (!Current || &Current->Ctx != &Ctx)
    Current.reset(new AnalysisCache(Ctx, pendingKnowledge()));
  return *Current;
}

const FunctionAnalysis &AnalysisCache::get(const clang::FunctionDecl &FD, bool FindCopies) {
  std::unique_ptr<FunctionAnalysis> &Slot = Results[&FD];
  if (!Slot) {
    std::string Key = functionKey(FD);
    if (crashContext().SkippedFunctions.count(Key)) {
      Slot = std::make_unique<FunctionAnalysis>();
      Slot->SkipReason = "ownlint crashed while analysing it";
      return *Slot;
    }
    AnalysisScope Scope(Key);
    // OWNLINT_TEST_CRASH_IN=<function name>: crash on purpose, so the tests can
    // check that a crash in one file is reported and the run goes on.
    if (const char *Crash = std::getenv("OWNLINT_TEST_CRASH_IN"))
      if (FD.getNameAsString() == Crash)
        std::raise(SIGSEGV);
    // OWNLINT_DUMP_FACTS=<function name>: print the lowered facts (debugging).
    const char *Dump = std::getenv("OWNLINT_DUMP_FACTS");
    bool DumpThis = Dump && FD.getNameAsString() == Dump;
    Slot = std::make_unique<FunctionAnalysis>(analyseFunction(FD, Ctx, Sums, DumpThis, FindCopies));
    if (DumpThis)
      llvm::errs() << "facts of '" << FD.getQualifiedNameAsString() << "':\n" << Slot->FactDump;
    if (!Slot->Analysed && std::getenv("OWNLINT_DEBUG"))
      llvm::errs() << "ownlint: skipped '" << FD.getQualifiedNameAsString()
                   << "': " << Slot->SkipReason << "\n";
  }
  if (FindCopies && !Slot->CopiesSearched && Slot->Analysed) {
    AnalysisScope Scope(functionKey(FD));
    // Asked first without: only when checks disagree on what they need.
    Slot->LastUseCopies = findCopiesAtLastUse(*Sums.contexts().get(FD), Ctx);
    Slot->CopiesSearched = true;
  }
  return *Slot;
}

const VarUseIndex &AnalysisCache::uses(const clang::FunctionDecl &FD) {
  if (!Uses || &Uses->function() != &FD)
    Uses = std::make_unique<VarUseIndex>(Sums.contexts().get(FD));
  return *Uses;
}

} // namespace ownlint
