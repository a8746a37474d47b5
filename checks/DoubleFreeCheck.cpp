#include "DoubleFreeCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace ownlint {

// A release of an object already released or owned by a smart pointer, or
// a second smart pointer adopting it.
bool DoubleFreeCheck::selects(const OwnershipEvent &E) const {
  if (E.ViaSmartGet)
    return true;
  if (E.What == OwnershipEvent::Release)
    return E.Before == OwnershipEvent::Freed || E.Before == OwnershipEvent::Adopted;
  return E.What == OwnershipEvent::Adopt && E.Before == OwnershipEvent::Adopted;
}

void DoubleFreeCheck::report(const OwnershipEvent &P, ASTContext &Ctx) {
  if (P.ViaSmartGet) {
    diag(P.At->getBeginLoc(), "%0 frees the object that %1 still owns; %1 frees it again when "
                              "it is destroyed or reset")
        << (P.Dealloc == AllocKind::Malloc ? "'free(" + P.Var->getNameAsString() + ".get())'"
                                           : "'delete " + P.Var->getNameAsString() + ".get()'")
        << P.Var;
    diag(P.At->getBeginLoc(),
         "call '%0.reset()' to free it once, or '%0.release()' to take "
         "ownership back first",
         DiagnosticIDs::Note)
        << P.Var->getName();
    return;
  }
  if (P.Before == OwnershipEvent::Adopted)
    diag(P.At->getBeginLoc(), "%select{%0 is freed|%0 is handed to a second owner}1, but the "
                              "object it points to already belongs to a smart pointer%select{|"
                              " on some path}2, which frees it too")
        << nameOf(P.Var) << (isa<CXXConstructExpr>(P.At) || isa<CXXMemberCallExpr>(P.At))
        << !P.Definite;
  else
    diag(P.At->getBeginLoc(), "%0 is freed twice: the object it points to was already released"
                              "%select{| on some path}1")
        << nameOf(P.Var) << !P.Definite;
  if (P.AllocSite)
    diag(P.AllocSite->getBeginLoc(), "allocated here by '%0'", DiagnosticIDs::Note)
        << allocationText(P.AllocSite, P.Alloc, Ctx);
  if (P.Earlier) {
    if (P.Before == OwnershipEvent::Adopted)
      diag(P.Earlier->getBeginLoc(), "ownership passed here to %select{a smart pointer|%1}0",
           DiagnosticIDs::Note)
          << (P.EarlierVar != nullptr) << P.EarlierVar;
    else if (P.EarlierCallee)
      diag(P.Earlier->getBeginLoc(), "first freed here, inside %0", DiagnosticIDs::Note)
          << P.EarlierCallee;
    else if (P.EarlierVar && P.EarlierVar != P.Var)
      diag(P.Earlier->getBeginLoc(),
           "first freed here through %0, which points to the same "
           "object",
           DiagnosticIDs::Note)
          << P.EarlierVar;
    else
      diag(P.Earlier->getBeginLoc(), "first freed here", DiagnosticIDs::Note);
  }
  diag(P.At->getBeginLoc(),
       "give the object one owner: hold it in a std::unique_ptr, or set "
       "the pointer to nullptr after freeing it",
       DiagnosticIDs::Note);
}

} // namespace ownlint
