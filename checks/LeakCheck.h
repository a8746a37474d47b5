#pragma once

#include "FlowCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-leak.md
class LeakCheck : public FlowCheck {
public:
  LeakCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context, Problem::Leak) {}

protected:
  void report(const Problem &P, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
