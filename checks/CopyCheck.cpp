#include "CopyCheck.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace ownlint {

const Expr *CopyCheck::readOnlyCopy(const VarDecl &V, const VarUseIndex &Index, ASTContext &Ctx,
                                    CopyCost &Kind) {
  // A copy constructor from an lvalue: a temporary, a proxy or a generator's
  // value makes a fresh object either way.
  const Expr *Init = V.getInit();
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(Init ? Init->IgnoreImplicit() : nullptr);
  if (!Construct || !Construct->getConstructor() ||
      !Construct->getConstructor()->isCopyConstructor() || Construct->getNumArgs() < 1 ||
      !Construct->getArg(0)->isLValue())
    return nullptr;
  Kind = Cost.cost(V.getType(), Ctx);
  if (Kind == CopyCost::Cheap)
    return nullptr;
  VarUses Uses = Index.uses(&V);
  if (!Uses.OnlyRead || Uses.Moved || Uses.Count == 0)
    return nullptr;
  return Construct->getArg(0);
}

} // namespace ownlint
