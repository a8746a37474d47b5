#pragma once

#include "FlowCheck.h"
#include "utils/CopyCost.h"

namespace ownlint {

/// Docs: docs/checks/ownership-param-copy.md
class ParamCopyCheck : public FlowCheck {
public:
  ParamCopyCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context, std::nullopt), Cost(Options) {}
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override {
    Cost.store(Options, Opts);
  }
  void onEndOfTranslationUnit() override;

protected:
  void checkFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx) override;

private:
  struct Candidate {
    const clang::ParmVarDecl *Param;
    const clang::FunctionDecl *Function;
    CopyCost Kind;
    const clang::Expr *CopiedInto = nullptr; // the mention copied into Target
    const clang::NamedDecl *Target = nullptr;
  };
  CopyCostModel Cost;
  std::vector<Candidate> Candidates;
  clang::ASTContext *Ctx = nullptr;
};

} // namespace ownlint
