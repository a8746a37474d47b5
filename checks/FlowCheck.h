#pragma once
// Base of the checks that read the shared ownership analysis: it matches
// function bodies once, fetches the analysis from the per-TU cache, and hands
// each problem of the check's kind to report().

#include "analysis/OwnershipAnalysis.h"
#include "utils/ReportedFiles.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace ownlint {

class FlowCheck : public clang::tidy::ClangTidyCheck {
public:
  FlowCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
            Problem::Kind Kind);
  bool isLanguageVersionSupported(const clang::LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

protected:
  virtual void report(const Problem &P, clang::ASTContext &Ctx) = 0;

  /// "'p'" or "the pointer" for messages.
  static std::string nameOf(Place P);
  /// A short spelling of the allocation at \p Site: "new Node", "malloc()".
  static std::string allocationText(const clang::Stmt *Site, AllocKind Kind,
                                    const clang::ASTContext &Ctx);

private:
  Problem::Kind Kind;
  ReportedFiles Reported;
};

} // namespace ownlint
