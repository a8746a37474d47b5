#pragma once

#include "CopyCheck.h"
#include "utils/IncludeTracker.h"

namespace ownlint {

/// Docs: docs/checks/ownership-copy-at-last-use.md
class CopyAtLastUseCheck : public CopyCheck {
public:
  CopyAtLastUseCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : CopyCheck(Name, Context) {}
  void registerPPCallbacks(const clang::SourceManager &, clang::Preprocessor *PP,
                           clang::Preprocessor *) override {
    Includes.attach(*PP);
  }

protected:
  void analysed(const FunctionAnalysis &A, const clang::FunctionDecl &FD,
                clang::ASTContext &Ctx) override;

private:
  IncludeTracker Includes;
};

} // namespace ownlint
