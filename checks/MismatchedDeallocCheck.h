#pragma once

#include "FlowCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-mismatched-dealloc.md
class MismatchedDeallocCheck : public FlowCheck {
public:
  MismatchedDeallocCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context, Problem::MismatchedDealloc) {}

protected:
  void report(const Problem &P, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
