#pragma once

#include "FlowCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-ineffective-move.md
class IneffectiveMoveCheck : public FlowCheck {
public:
  IneffectiveMoveCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context) {}

protected:
  void checkFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
