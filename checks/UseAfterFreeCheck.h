#pragma once

#include "FlowCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-use-after-free.md
class UseAfterFreeCheck : public FlowCheck {
public:
  UseAfterFreeCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context) {}

protected:
  bool selects(const OwnershipEvent &E) const override;
  bool judgesInstantiations() const override { return true; }
  void report(const OwnershipEvent &P, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
