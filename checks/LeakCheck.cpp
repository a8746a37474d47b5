#include "LeakCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace ownlint {

// The last reference to a live object allocated here goes.
bool LeakCheck::selects(const OwnershipEvent &E) const {
  return E.What == OwnershipEvent::Lose && E.Before == OwnershipEvent::Live;
}

void LeakCheck::report(const OwnershipEvent &P, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  unsigned Line = P.AllocSite ? SM.getExpansionLineNumber(P.AllocSite->getBeginLoc()) : 0;
  std::string What = "the heap object allocated at line " + std::to_string(Line);
  SourceLocation At = P.At ? P.At->getBeginLoc() : SourceLocation();
  switch (P.How) {
  case OwnershipEvent::AtReturn:
    diag(At, "%0 leaks when the function returns here%select{| on some path}1: %2 is its "
             "only owner and nothing frees it")
        << What << !P.Definite << nameOf(P.Var);
    break;
  case OwnershipEvent::AtThrow:
    diag(At, "%0 leaks when this 'throw' leaves the function%select{| on some path}1: %2 "
             "is its only owner and nothing frees it")
        << What << !P.Definite << nameOf(P.Var);
    break;
  case OwnershipEvent::AtJump:
    diag(At, "%0 leaks at this '%1'%select{| on some path}2: %3 goes out of scope and "
             "nothing frees it")
        << What
        << (isa<ContinueStmt>(P.At) ? "continue"
            : isa<BreakStmt>(P.At)  ? "break"
                                    : "goto")
        << !P.Definite << nameOf(P.Var);
    break;
  case OwnershipEvent::AtScopeEnd:
    At = P.At ? P.At->getEndLoc() : At;
    diag(At, "%0 leaks here%select{| on some path}1: %2 goes out of scope and nothing frees "
             "it")
        << What << !P.Definite << nameOf(P.Var);
    break;
  case OwnershipEvent::AtOverwrite:
    diag(At, "%0 leaks here%select{| on some path}1: %2 is overwritten while it holds the only "
             "pointer to it")
        << What << !P.Definite << nameOf(P.Var);
    break;
  case OwnershipEvent::AtFunctionEnd:
    At = P.At ? P.At->getEndLoc() : At;
    diag(At, "%0 leaks at the end of the function%select{| on some path}1: nothing frees it")
        << What << !P.Definite;
    break;
  }
  if (P.AllocSite)
    diag(P.AllocSite->getBeginLoc(), "allocated here by '%0'", DiagnosticIDs::Note)
        << allocationText(P.AllocSite, P.Alloc, Ctx);
  if (P.Earlier)
    diag(P.Earlier->getBeginLoc(), "freed here on the other paths; this path skips it",
         DiagnosticIDs::Note);
  diag(At, "hold it in a std::unique_ptr so every path frees it, or free it before this point",
       DiagnosticIDs::Note);
}

} // namespace ownlint
