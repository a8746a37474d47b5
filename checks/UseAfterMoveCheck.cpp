#include "UseAfterMoveCheck.h"

#include "OwnerTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace ownlint {

namespace {
// What the standard promises of a moved-from object of type \p T.
enum class MovedFrom { Unspecified, Null, Empty };
MovedFrom movedFromState(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec)
    return MovedFrom::Unspecified;
  std::string Name = qualifiedName(*Spec->getSpecializedTemplate());
  if (Name == "std::unique_ptr" || Name == "std::shared_ptr")
    return MovedFrom::Null;
  if (Name == "std::weak_ptr")
    return MovedFrom::Empty;
  return llvm::StringRef(Name).ends_with("_ptr") ? MovedFrom::Null : MovedFrom::Unspecified;
}
} // namespace

// A moved-from object read or moved again.
bool UseAfterMoveCheck::selects(const OwnershipEvent &E) const {
  return E.What == OwnershipEvent::ReadMoved;
}

void UseAfterMoveCheck::report(const OwnershipEvent &P, ASTContext &Ctx) {
  QualType Type = P.Var->getType().getNonReferenceType().getUnqualifiedType();
  MovedFrom State = movedFromState(Type);
  bool Smart = State != MovedFrom::Unspecified;
  if (P.Use == UseKind::MoveAgain)
    diag(P.At->getBeginLoc(), "%0 is moved %select{again after it was already moved|again, "
                              "but on some path it was already moved}1%select{|; a moved-from "
                              "%3 is null, so this moves nothing|; a moved-from %3 is empty, so "
                              "this moves nothing}2")
        << P.Var << !P.Definite << static_cast<unsigned>(State) << Type;
  else if (P.Use == UseKind::Deref)
    diag(P.At->getBeginLoc(), "%0 is dereferenced after it was moved%select{| on some path}1; "
                              "a moved-from %2 is null")
        << P.Var << !P.Definite << Type;
  else
    diag(P.At->getBeginLoc(), "%0 is used after it was moved%select{| on some path}1; a "
                              "moved-from %2 %select{has an unspecified value|is null|is empty}3")
        << P.Var << !P.Definite << Type << static_cast<unsigned>(State);

  diag(P.Var->getLocation(), "%0 declared here as %1", DiagnosticIDs::Note)
      << P.Var << P.Var->getType();
  if (P.Earlier) {
    if (P.EarlierCallee && !isa<CXXConstructorDecl>(P.EarlierCallee))
      diag(P.Earlier->getBeginLoc(),
           "moved here%select{| in an earlier iteration of the "
           "loop}0: %1 takes it by reference and moves from it",
           DiagnosticIDs::Note)
          << P.EarlierInPreviousIteration << P.EarlierCallee;
    else
      diag(P.Earlier->getBeginLoc(), "moved here%select{| in an earlier iteration of the loop}0",
           DiagnosticIDs::Note)
          << P.EarlierInPreviousIteration;
  }
  diag(P.At->getBeginLoc(),
       "%select{reinitialise %0 (assign it, or call clear() or reset()) "
       "before this use, or move it only at its last use|assign %0 a new "
       "value or reset() it before using it again}1",
       DiagnosticIDs::Note)
      << P.Var << Smart;
}

} // namespace ownlint
