#pragma once

#include "FlowCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-use-after-move.md
class UseAfterMoveCheck : public FlowCheck {
public:
  UseAfterMoveCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context, Problem::UseAfterMove) {}

protected:
  void report(const Problem &P, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
