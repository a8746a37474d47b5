#pragma once

#include "CopyCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-copy-only-read.md
class CopyOnlyReadCheck : public CopyCheck {
public:
  CopyOnlyReadCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : CopyCheck(Name, Context) {}

protected:
  void checkFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
