#include "IneffectiveMoveCheck.h"
#include "AnalysisCache.h"
#include "AstWalk.h"
#include "utils/SourceText.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace ownlint {

namespace {

bool hasOverloads(const FunctionDecl *F) {
  unsigned N = 0;
  for (const NamedDecl *ND : F->getDeclContext()->lookup(F->getDeclName())) {
    (void)ND;
    ++N;
  }
  return N > 1;
}

} // namespace

void IneffectiveMoveCheck::checkFunction(const FunctionDecl &FD, ASTContext &Ctx) {
  const VarUseIndex &Index = AnalysisCache::forContext(Ctx).uses(FD);
  const LocalParents &Parents = Index.parents();
  for (const CallExpr *Move : Index.moveCalls()) {
    if (Move->getBeginLoc().isMacroID())
      continue;
    const Expr *Arg = Move->getArg(0);
    QualType T = Arg->getType();
    if (T->isDependentType())
      continue;
    // What consumes the result.
    const Expr *Cur = Move;
    DynTypedNode Up = Parents.parent(DynTypedNode::create(*Cur));
    while (true) {
      const auto *E = Up.get<Expr>();
      if (!E || !(isa<ParenExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr>(E) ||
                  (isa<ImplicitCastExpr>(E) &&
                   cast<ImplicitCastExpr>(E)->getCastKind() != CK_LValueToRValue)))
        break;
      Cur = E;
      Up = Parents.parent(Up);
    }

    enum Reason { ConstObject, NoMoveCtor, Trivial, ConstRefParam, BlocksElision, Redundant };
    std::optional<Reason> Why;
    const NamedDecl *Callee = nullptr;
    bool FixSafe = true;
    const auto *Construct = Up.get<CXXConstructExpr>();
    const auto *ICE = Up.get<ImplicitCastExpr>();

    if (Construct && Construct->getConstructor()) {
      const CXXConstructorDecl *Ctor = Construct->getConstructor();
      // `return std::move(local)`: the constructor builds the return value.
      DynTypedNode Above = Parents.parent(Up);
      while (Above.get<ExprWithCleanups>())
        Above = Parents.parent(Above);
      const auto *Var = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
      const auto *Local = Var ? dyn_cast<VarDecl>(Var->getDecl()) : nullptr;
      if (Above.get<ReturnStmt>() && Local && Local->hasLocalStorage() &&
          !Local->getType()->isReferenceType() && !Local->getType().isVolatileQualified() &&
          !Var->refersToEnclosingVariableOrCapture() &&
          valueType(Local->getType()) == valueType(FD.getReturnType()) &&
          Ctor->isMoveConstructor() && !Local->getType().isConstQualified()) {
        Why = isa<ParmVarDecl>(Local) ? Redundant : BlocksElision;
      } else if (Ctor->isCopyConstructor()) {
        Why = T.isConstQualified() ? ConstObject : NoMoveCtor;
      } else if (Ctor->isMoveConstructor() && Ctor->isTrivial() &&
                 isCopyable(T, /*Trivially=*/true)) {
        // Without the move a trivial copy runs, which does the same; a
        // move-only type has no copy to fall back on.
        Why = Trivial;
      } else if (!Ctor->isCopyOrMoveConstructor()) {
        for (unsigned I = 0; I < Construct->getNumArgs() && I < Ctor->getNumParams(); ++I) {
          QualType P = Ctor->getParamDecl(I)->getType();
          if (Construct->getArg(I) == Cur && P->isLValueReferenceType() &&
              P.getNonReferenceType().isConstQualified()) {
            Why = ConstRefParam;
            Callee = Ctor;
            FixSafe = !hasOverloads(Ctor);
          }
        }
      }
    } else if (ICE && ICE->getCastKind() == CK_LValueToRValue && T.isTriviallyCopyableType(Ctx)) {
      Why = Trivial;
    } else if (const auto *Call = Up.get<CallExpr>()) {
      const FunctionDecl *F = Call->getDirectCallee();
      unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(F) ? 1 : 0;
      for (unsigned I = Shift; F && I < Call->getNumArgs(); ++I) {
        if (Call->getArg(I) != Cur || I - Shift >= F->getNumParams())
          continue;
        QualType P = F->getParamDecl(I - Shift)->getType();
        if (P->isLValueReferenceType() && P.getNonReferenceType().isConstQualified()) {
          Why = ConstRefParam;
          Callee = F;
          FixSafe = !hasOverloads(F);
        }
      }
    }
    if (!Why)
      continue;

    std::string Name;
    if (std::optional<std::string> Text = sourceText(Arg->getSourceRange(), Ctx))
      Name = *Text;
    std::optional<FixItHint> Fix = FixSafe ? removeMoveCall(*Move, Ctx) : std::nullopt;
    // One message per reason; %0 is the type, or the callee for ConstRefParam.
    static const char *const Messages[] = {
        "std::move of a const %0 moves nothing: the result is a 'const&&', which binds to "
        "the copy constructor, so it is copied",
        "std::move moves nothing: %0 has no usable move constructor, so the copy constructor "
        "runs",
        "std::move of a trivially copyable %0 moves nothing: it is copied, and the source keeps "
        "its value",
        "std::move moves nothing: %0 takes its argument by const reference and only reads it",
        "std::move in a return statement prevents copy elision: the local is moved into the "
        "return value instead of being built there",
        "std::move in a return statement is redundant: a returned parameter is moved "
        "implicitly",
    };
    {
      auto D = diag(Move->getBeginLoc(), Messages[*Why]);
      if (*Why == ConstRefParam)
        D << Callee;
      else if (*Why <= Trivial)
        D << T.getUnqualifiedType();
      if (Fix)
        D << *Fix;
    }
    if (!Name.empty())
      diag(Move->getBeginLoc(), "write '%0' instead of 'std::move(%0)'", DiagnosticIDs::Note)
          << Name;
  }
}

} // namespace ownlint
