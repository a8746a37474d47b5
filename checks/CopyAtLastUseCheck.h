#pragma once

#include "FlowCheck.h"
#include "utils/CopyCost.h"
#include "utils/IncludeTracker.h"

namespace ownlint {

/// Docs: docs/checks/ownership-copy-at-last-use.md
class CopyAtLastUseCheck : public FlowCheck {
public:
  CopyAtLastUseCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context, std::nullopt), Cost(Options) {}
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override {
    Cost.store(Options, Opts);
  }
  void registerPPCallbacks(const clang::SourceManager &, clang::Preprocessor *PP,
                           clang::Preprocessor *) override {
    Includes.attach(*PP);
  }

protected:
  void analysed(const FunctionAnalysis &A, const clang::FunctionDecl &FD,
                clang::ASTContext &Ctx) override;

private:
  CopyCostModel Cost;
  IncludeTracker Includes;
};

} // namespace ownlint
