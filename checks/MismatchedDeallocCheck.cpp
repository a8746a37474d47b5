#include "MismatchedDeallocCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ownlint {

// A release with the wrong deallocator of an object not yet released (a
// second release is a double free), or a smart pointer whose deleter does
// not match the allocation.
bool MismatchedDeallocCheck::selects(const OwnershipEvent &E) const {
  if (!E.kindMismatch() || E.ViaSmartGet)
    return false;
  if (E.What == OwnershipEvent::Release)
    return E.Before == OwnershipEvent::Live || E.Before == OwnershipEvent::Escaped;
  return E.What == OwnershipEvent::Adopt;
}

void MismatchedDeallocCheck::report(const OwnershipEvent &P, ASTContext &Ctx) {
  std::string Alloc = allocKindName(P.Alloc);
  if (P.What == OwnershipEvent::Adopt) {
    const auto *Construct = dyn_cast<CXXConstructExpr>(P.At);
    QualType Owner = Construct ? Construct->getType() : QualType();
    diag(P.At->getBeginLoc(), "%select{the smart pointer|%1}0 frees with '%2', but the object "
                              "was allocated with '%3'%select{|; use a smart pointer to an "
                              "array type (T[])|; give it a deleter that calls free()}4")
        << !Owner.isNull() << Owner << deallocatorName(P.Dealloc) << Alloc
        << (P.Alloc == AllocKind::NewArray ? 1
            : P.Alloc == AllocKind::Malloc ? 2
                                           : 0);
  } else {
    auto D = diag(P.At->getBeginLoc(), "memory allocated with '%0' is released with '%1'; "
                                       "release it with '%2'")
             << Alloc << deallocatorName(P.Dealloc) << deallocatorName(P.Alloc);
    // delete <-> delete[] is a safe, local edit.
    if (const auto *Delete = dyn_cast<CXXDeleteExpr>(P.At)) {
      SourceLocation Begin = Delete->getBeginLoc();
      if (!Begin.isMacroID()) {
        if (P.Alloc == AllocKind::NewArray && !Delete->isArrayForm())
          D << FixItHint::CreateInsertion(
              Lexer::getLocForEndOfToken(Begin, 0, Ctx.getSourceManager(), Ctx.getLangOpts()),
              "[]");
        else if (P.Alloc == AllocKind::New && Delete->isArrayForm()) {
          SourceLocation ArgBegin = Delete->getArgument()->getBeginLoc();
          if (!ArgBegin.isMacroID())
            D << FixItHint::CreateReplacement(CharSourceRange::getCharRange(Begin, ArgBegin),
                                              "delete ");
        }
      }
    }
  }
  if (P.AllocSite)
    diag(P.AllocSite->getBeginLoc(), "allocated here with '%0'", DiagnosticIDs::Note) << Alloc;
  // Released in a callee (of this file, or of another file of the run):
  // the call is where the mismatch is decided.
  if (P.InsideCallee && P.Callee && P.What == OwnershipEvent::Release)
    diag(P.At->getBeginLoc(), "%0 releases it with '%1'", DiagnosticIDs::Note)
        << P.Callee << deallocatorName(P.Dealloc);
}

} // namespace ownlint
