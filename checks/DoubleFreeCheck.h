#pragma once

#include "FlowCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-double-free.md
class DoubleFreeCheck : public FlowCheck {
public:
  DoubleFreeCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context, Problem::DoubleFree) {}

protected:
  void report(const Problem &P, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
