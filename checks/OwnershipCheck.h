#pragma once
// Base of every ownlint check: records which check runs (for the crash
// handler, see utils/CrashContext.h) and starts each translation unit with
// fresh per-TU state.

#include "clang-tidy/ClangTidyCheck.h"
#include <string>

namespace ownlint {

class OwnershipCheck : public clang::tidy::ClangTidyCheck {
public:
  OwnershipCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  /// Nothing computed for one translation unit may be read in the next: the
  /// next AST can reuse the addresses of the last one's nodes.
  void onStartOfTranslationUnit() override;

protected:
  const std::string &checkName() const { return Name; }

private:
  // ClangTidyCheck::run only calls check(); this does the same inside a
  // CheckScope.
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

  std::string Name;
  bool CrashOnPurpose = false; // a test hook, see OwnershipCheck.cpp
};

} // namespace ownlint
