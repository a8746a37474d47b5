#pragma once

#include "CopyCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-range-copy.md
class RangeCopyCheck : public CopyCheck {
public:
  RangeCopyCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : CopyCheck(Name, Context) {}

protected:
  void checkFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
