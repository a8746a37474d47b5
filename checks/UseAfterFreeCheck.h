#pragma once

#include "FlowCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-use-after-free.md
class UseAfterFreeCheck : public FlowCheck {
public:
  UseAfterFreeCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context, Problem::UseAfterFree) {}

protected:
  void report(const Problem &P, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
