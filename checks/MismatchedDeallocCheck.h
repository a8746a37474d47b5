#pragma once

#include "FlowCheck.h"

namespace ownlint {

/// Docs: docs/checks/ownership-mismatched-dealloc.md
class MismatchedDeallocCheck : public FlowCheck {
public:
  MismatchedDeallocCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context) {}

protected:
  bool selects(const OwnershipEvent &E) const override;
  bool judgesInstantiations() const override { return true; }
  void report(const OwnershipEvent &P, clang::ASTContext &Ctx) override;
};

} // namespace ownlint
