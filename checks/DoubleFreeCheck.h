#pragma once

#include "FlowCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-double-free.md
class DoubleFreeCheck : public FlowCheck {
public:
  DoubleFreeCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context) {}

protected:
  bool selects(const OwnershipEvent &E) const override;
  bool judgesInstantiations() const override { return true; }
  void report(const OwnershipEvent &P, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
