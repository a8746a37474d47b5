#include "UseAfterMoveCheck.h"

#include "clang/AST/ASTContext.h"

using namespace clang;

namespace ownlint {

void UseAfterMoveCheck::report(const Problem &P, ASTContext &Ctx) {
  QualType Type = P.Var->getType().getNonReferenceType().getUnqualifiedType();
  bool Smart = Type->getAsCXXRecordDecl() &&
               llvm::StringRef(Type.getAsString()).contains("_ptr<");
  if (P.Use == UseKind::MoveAgain)
    diag(P.At->getBeginLoc(), "%0 is moved %select{again after it was already moved|again, "
                              "but on some path it was already moved}1%select{|; a moved-from "
                              "%3 is null, so this moves nothing}2")
        << P.Var << !P.Definite << Smart << Type;
  else if (P.Use == UseKind::Deref)
    diag(P.At->getBeginLoc(), "%0 is dereferenced after it was moved%select{| on some path}1; "
                              "a moved-from %2 is null")
        << P.Var << !P.Definite << Type;
  else
    diag(P.At->getBeginLoc(), "%0 is used after it was moved%select{| on some path}1; a "
                              "moved-from %2 has an unspecified value")
        << P.Var << !P.Definite << Type;

  diag(P.Var->getLocation(), "%0 declared here as %1", DiagnosticIDs::Note)
      << P.Var << P.Var->getType();
  if (P.Earlier) {
    if (P.EarlierCallee && !isa<CXXConstructorDecl>(P.EarlierCallee))
      diag(P.Earlier->getBeginLoc(), "moved here%select{| in an earlier iteration of the "
                                     "loop}0: %1 takes it by reference and moves from it",
           DiagnosticIDs::Note)
          << P.EarlierInPreviousIteration << P.EarlierCallee;
    else
      diag(P.Earlier->getBeginLoc(), "moved here%select{| in an earlier iteration of the loop}0",
           DiagnosticIDs::Note)
          << P.EarlierInPreviousIteration;
  }
  diag(P.At->getBeginLoc(), "%select{reinitialise %0 (assign it, or call clear() or reset()) "
                            "before this use, or move it only at its last use|assign %0 a new "
                            "value or reset() it before using it again}1",
       DiagnosticIDs::Note)
      << P.Var << Smart;
}

} // namespace ownlint
