#include "UseAfterFreeCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace ownlint {

// A dereference or call argument of a released object, or a smart pointer
// adopting one.
bool UseAfterFreeCheck::selects(const OwnershipEvent &E) const {
  return (E.What == OwnershipEvent::Access || E.What == OwnershipEvent::Adopt) &&
         E.Before == OwnershipEvent::Freed && !E.ViaSmartGet;
}

void UseAfterFreeCheck::report(const OwnershipEvent &P, ASTContext &Ctx) {
  // A smart pointer constructed from the freed pointer.
  bool Adoption = isa<CXXConstructExpr>(P.At);
  if (Adoption)
    diag(P.At->getBeginLoc(), "a smart pointer adopts %0 after the object it points to was "
                              "freed%select{| on some path}1")
        << nameOf(P.Var) << !P.Definite;
  else
    diag(P.At->getBeginLoc(), "%0 is %select{used|dereferenced}1 after the object it points to "
                              "was freed%select{| on some path}2")
        << nameOf(P.Var) << (P.Use == UseKind::Deref) << !P.Definite;
  if (P.AllocSite)
    diag(P.AllocSite->getBeginLoc(), "allocated here by '%0'", DiagnosticIDs::Note)
        << allocationText(P.AllocSite, P.Alloc, Ctx);
  if (P.Earlier) {
    if (P.EarlierCallee)
      diag(P.Earlier->getBeginLoc(), "freed here, inside %0", DiagnosticIDs::Note)
          << P.EarlierCallee;
    else if (P.EarlierVar && P.EarlierVar != P.Var)
      diag(P.Earlier->getBeginLoc(), "freed here through %0, which points to the same object",
           DiagnosticIDs::Note)
          << P.EarlierVar;
    else
      diag(P.Earlier->getBeginLoc(), "freed here", DiagnosticIDs::Note);
  }
  diag(P.At->getBeginLoc(),
       "free the object after its last use, or set %0 to nullptr when "
       "freeing it and test it before use",
       DiagnosticIDs::Note)
      << nameOf(P.Var);
}

} // namespace ownlint
