#pragma once

#include "FlowCheck.h"
#include "utils/CopyCost.h"

namespace ownlint {

/// Docs: docs/checks/ownership-copy-only-read.md
class CopyOnlyReadCheck : public FlowCheck {
public:
  CopyOnlyReadCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context, std::nullopt), Cost(Options) {}
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override {
    Cost.store(Options, Opts);
  }

protected:
  void checkFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx) override;

private:
  CopyCostModel Cost;
};

} // namespace ownlint
