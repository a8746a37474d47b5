#include "AstWalk.h"

#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace ownlint {

bool isInInstantiation(const Decl *D) {
  for (const DeclContext *DC = dyn_cast<DeclContext>(D) ? cast<DeclContext>(D)
                                                        : D->getDeclContext();
       DC; DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      if (FD->isTemplateInstantiation())
        return true;
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      TemplateSpecializationKind K = RD->getTemplateSpecializationKind();
      if (K == TSK_ImplicitInstantiation || K == TSK_ExplicitInstantiationDeclaration ||
          K == TSK_ExplicitInstantiationDefinition)
        return true;
    }
  }
  return false;
}

bool isStdFunction(const FunctionDecl *FD, llvm::StringRef Name) {
  return FD && FD->getIdentifier() && FD->getName() == Name &&
         FD->getDeclContext()->getRedeclContext()->isStdNamespace();
}

bool isCopyable(QualType T, bool Trivially) {
  if (T.isNull() || T->isDependentType())
    return false;
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return true;
  if (!(RD = RD->getDefinition()))
    return false;
  bool Declared = false;
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    if (!Ctor->isCopyConstructor())
      continue;
    Declared = true;
    if (Ctor->isDeleted() || Ctor->getAccess() == AS_private || Ctor->getAccess() == AS_protected ||
        (Trivially && !Ctor->isTrivial()))
      return false;
  }
  if (Declared)
    return true;
  // Not declared yet: the implicit one, unless a member or a move makes it deleted.
  return RD->needsImplicitCopyConstructor() && !RD->defaultedCopyConstructorIsDeleted() &&
         !RD->hasUserDeclaredMoveConstructor() && !RD->hasUserDeclaredMoveAssignment() &&
         (!Trivially || RD->hasTrivialCopyConstructor());
}

QualType valueType(QualType T) {
  if (T.isNull())
    return T;
  return T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
}

llvm::SmallVector<const Stmt *, 4> bodyAndInitialisers(const FunctionDecl &FD) {
  llvm::SmallVector<const Stmt *, 4> Roots;
  if (const Stmt *Body = FD.getBody())
    Roots.push_back(Body);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getInit())
        Roots.push_back(Init->getInit());
  return Roots;
}

bool sameParameterTypes(const FunctionDecl &A, const FunctionDecl &B, int Except) {
  if (A.getNumParams() != B.getNumParams())
    return false;
  for (unsigned I = 0; I < A.getNumParams(); ++I)
    if (static_cast<int>(I) != Except && A.getParamDecl(I)->getType().getCanonicalType() !=
                                             B.getParamDecl(I)->getType().getCanonicalType())
      return false;
  return true;
}

const Expr *ignoreWrappers(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Next))
      Next = Cleanups->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = Bind->getSubExpr();
    else if (const auto *Mat = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = Mat->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const VarDecl *referencedVar(const Expr *E) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(ignoreWrappers(E)))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

const FieldDecl *referencedThisField(const Expr *E) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(ignoreWrappers(E));
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(ME->getMemberDecl());
}

bool isGlobalAllocationFunction(const FunctionDecl *OperatorNew) {
  if (!OperatorNew || !OperatorNew->getDeclContext()->getRedeclContext()->isTranslationUnit())
    return false;
  // operator new(size_t [, std::align_val_t] [, const std::nothrow_t&])
  for (unsigned I = 1; I < OperatorNew->getNumParams(); ++I) {
    QualType T = OperatorNew->getParamDecl(I)->getType().getNonReferenceType();
    const auto *TD = T->getAsTagDecl();
    if (!TD || !TD->isInStdNamespace() ||
        (TD->getName() != "align_val_t" && TD->getName() != "nothrow_t"))
      return false;
  }
  return true;
}

bool isGlobalHeapNew(const CXXNewExpr &New) {
  return New.getOperatorNew() ? isGlobalAllocationFunction(New.getOperatorNew())
                              : New.getNumPlacementArgs() == 0;
}

bool isHeapNew(const CXXNewExpr &New) {
  return isGlobalHeapNew(New) || New.getNumPlacementArgs() == 0;
}

} // namespace ownlint
