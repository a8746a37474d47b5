#pragma once
// Base of the copy checks: the shared cost model and its options, and the
// question two of them ask of a variable.

#include "ConstUse.h"
#include "FlowCheck.h"
#include "utils/CopyCost.h"

namespace ownlint {

class CopyCheck : public FlowCheck {
public:
  CopyCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : FlowCheck(Name, Context), Cost(Options) {}
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override {
    Cost.store(Options, Opts);
  }

protected:
  /// If \p V is copy-constructed from an lvalue of an expensive type and then
  /// only read, the lvalue it copies; else null. \p Kind gets the cost.
  const clang::Expr *readOnlyCopy(const clang::VarDecl &V, const VarUseIndex &Index,
                                  clang::ASTContext &Ctx, CopyCost &Kind);

  CopyCostModel Cost;
};

} // namespace ownlint
