#include "OwnershipCheck.h"
#include "AnalysisCache.h"
#include "CrashContext.h"

#include <csignal>
#include <cstdlib>

namespace ownlint {

OwnershipCheck::OwnershipCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Name(Name.str()) {
  const char *Crash = std::getenv("OWNLINT_TEST_CRASH_IN");
  CrashOnPurpose = Crash && llvm::StringRef(Crash) == "check:" + Name.str();
}

void OwnershipCheck::onStartOfTranslationUnit() { AnalysisCache::startTranslationUnit(); }

void OwnershipCheck::run(const clang::ast_matchers::MatchFinder::MatchResult &Result) {
  CheckScope Scope(Name);
  // OWNLINT_TEST_CRASH_IN=check:<name>: crash on purpose inside this check.
  if (CrashOnPurpose)
    std::raise(SIGSEGV);
  check(Result);
}

} // namespace ownlint
