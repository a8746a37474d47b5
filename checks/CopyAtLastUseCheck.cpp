#include "CopyAtLastUseCheck.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace ownlint {

void CopyAtLastUseCheck::analysed(const FunctionAnalysis &A, const FunctionDecl &,
                                  ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const LastUseCopy &C : A.LastUseCopies) {
    SourceLocation Loc = C.Ref->getBeginLoc();
    if (Loc.isMacroID())
      continue; // one expansion of a macro says nothing of the others
    QualType Type = C.Var->getType();
    CopyCost Kind = Cost.cost(Type, Ctx);
    if (Kind == CopyCost::Cheap)
      continue;
    std::string Name = C.Var->getNameAsString();

    // The edit: std::move(x), or [x = std::move(x)] for a capture.
    std::vector<FixItHint> Fixes;
    bool CanFix = !C.Site->getBeginLoc().isMacroID() && !C.Site->getEndLoc().isMacroID();
    if (C.K == LastUseCopy::Capture) {
      if (C.ExplicitCapture && Ctx.getLangOpts().CPlusPlus14)
        Fixes.push_back(FixItHint::CreateReplacement(CharSourceRange::getTokenRange(Loc, Loc),
                                                     Name + " = std::move(" + Name + ")"));
    } else if (CanFix) {
      SourceLocation End = Lexer::getLocForEndOfToken(C.Ref->getEndLoc(), 0, SM, Ctx.getLangOpts());
      Fixes.push_back(FixItHint::CreateInsertion(Loc, "std::move("));
      Fixes.push_back(FixItHint::CreateInsertion(End, ")"));
    }
    if (!Fixes.empty())
      if (std::optional<FixItHint> Include = Includes.insertion(Loc, "utility"))
        Fixes.push_back(*Include);

    const char *How = "copied here";
    switch (C.K) {
    case LastUseCopy::Construct:
    case LastUseCopy::Assign:
      break;
    case LastUseCopy::ConstRefArg:
      How = "copied here by a const-reference overload";
      break;
    case LastUseCopy::ForwardingArg:
      How = "forwarded here as an lvalue and copied";
      break;
    case LastUseCopy::Capture:
      How = "captured here by copy";
      break;
    }
    {
      auto D = diag(Loc, "%0 (%1) is %2 but never used again; %3")
               << C.Var << Type << How << CopyCostModel::consequence(Kind);
      for (const FixItHint &F : Fixes)
        D << F;
    }
    diag(C.Var->getLocation(), "%0 declared here", DiagnosticIDs::Note) << C.Var;
    switch (C.K) {
    case LastUseCopy::ConstRefArg:
      diag(Loc,
           "%0 has an overload taking %1&&; std::move(%2) selects it and hands "
           "the buffer over",
           DiagnosticIDs::Note)
          << C.Callee << Type.getUnqualifiedType() << Name;
      break;
    case LastUseCopy::ForwardingArg:
      diag(Loc, "%0 forwards its argument: std::move(%1) forwards an rvalue and moves",
           DiagnosticIDs::Note)
          << C.Callee << Name;
      break;
    case LastUseCopy::Capture:
      diag(Loc, "capture it by move instead: [%0 = std::move(%0)]", DiagnosticIDs::Note) << Name;
      break;
    default:
      diag(Loc, "this is the last use of %0: move it instead, with std::move(%1)",
           DiagnosticIDs::Note)
          << C.Var << Name;
      break;
    }
  }
}

} // namespace ownlint
