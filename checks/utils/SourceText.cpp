#include "SourceText.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <algorithm>

using namespace clang;

namespace ownlint {

std::optional<std::string> sourceText(SourceRange Range, const ASTContext &Ctx) {
  if (Range.isInvalid() || Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return std::nullopt;
  const SourceManager &SM = Ctx.getSourceManager();
  bool Invalid = false;
  llvm::StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Range), SM, Ctx.getLangOpts(), &Invalid);
  if (Invalid)
    return std::nullopt;
  return Text.str();
}

std::optional<FixItHint> removeStatement(const Stmt &S, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = S.getBeginLoc(), End = S.getEndLoc();
  if (Begin.isMacroID() || End.isMacroID())
    return std::nullopt;
  // Expression statements end before their ';'.
  std::optional<Token> Next = Lexer::findNextToken(End, SM, Ctx.getLangOpts());
  if (!Next || !Next->is(tok::semi))
    return std::nullopt;
  End = Next->getLocation();

  FileID FID = SM.getFileID(Begin);
  llvm::StringRef Buffer = SM.getBufferData(FID);
  unsigned B = SM.getFileOffset(Begin), E = SM.getFileOffset(End) + 1;
  unsigned LineStart = B;
  while (LineStart > 0 && (Buffer[LineStart - 1] == ' ' || Buffer[LineStart - 1] == '\t'))
    --LineStart;
  unsigned LineEnd = E;
  while (LineEnd < Buffer.size() && (Buffer[LineEnd] == ' ' || Buffer[LineEnd] == '\t'))
    ++LineEnd;
  bool AloneOnLine = (LineStart == 0 || Buffer[LineStart - 1] == '\n') &&
                     (LineEnd == Buffer.size() || Buffer[LineEnd] == '\n');
  // Take the line with the newline before it: a removal ending at the start
  // of a line is shifted by one character when clang merges fix-its.
  if (AloneOnLine) {
    B = LineStart > 0 ? LineStart - 1 : LineStart;
    E = LineStart > 0 ? LineEnd : std::min<size_t>(LineEnd + 1, Buffer.size());
  }
  SourceLocation FileStart = SM.getLocForStartOfFile(FID);
  return FixItHint::CreateRemoval(
      CharSourceRange::getCharRange(FileStart.getLocWithOffset(B), FileStart.getLocWithOffset(E)));
}

std::vector<FixItHint> constReferenceFix(const VarDecl &V, const ASTContext &Ctx) {
  SourceLocation Begin = V.getBeginLoc(), Name = V.getLocation();
  if (V.getName().empty() || Begin.isInvalid() || Begin.isMacroID() || Name.isMacroID() ||
      !V.getTypeSourceInfo())
    return {};
  const SourceManager &SM = Ctx.getSourceManager();
  if (SM.getFileID(Begin) != SM.getFileID(Name))
    return {};
  std::vector<FixItHint> Fixes;
  if (!V.getType().isConstQualified())
    Fixes.push_back(FixItHint::CreateInsertion(Begin, "const "));
  Fixes.push_back(FixItHint::CreateInsertion(Name, "&"));
  return Fixes;
}

std::optional<FixItHint> removeMoveCall(const CallExpr &Move, const ASTContext &Ctx) {
  if (Move.getNumArgs() != 1)
    return std::nullopt;
  std::optional<std::string> Arg = sourceText(Move.getArg(0)->getSourceRange(), Ctx);
  if (!Arg || Move.getBeginLoc().isMacroID() || Move.getEndLoc().isMacroID())
    return std::nullopt;
  return FixItHint::CreateReplacement(CharSourceRange::getTokenRange(Move.getSourceRange()), *Arg);
}

} // namespace ownlint
