#pragma once

#include "CopyCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-param-copy.md
class ParamCopyCheck : public CopyCheck {
public:
  ParamCopyCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : CopyCheck(Name, Context) {}
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
  std::vector<Candidate> Candidates;
  clang::ASTContext *Ctx = nullptr;
};

} // namespace ownlint
