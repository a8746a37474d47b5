#include "Emitters.h"
#include "SourceLines.h"

#include <fmt/format.h>

namespace ownlint {

namespace {

// The colours clang uses for its own diagnostics.
struct Palette {
  bool On;
  const char *bold() const { return On ? "\033[1m" : ""; }
  const char *reset() const { return On ? "\033[0m" : ""; }
  const char *level(llvm::StringRef L) const {
    if (!On)
      return "";
    if (L == "error")
      return "\033[1;31m";
    if (L == "warning")
      return "\033[1;35m";
    return "\033[1;30m";
  }
  const char *caret() const { return On ? "\033[1;32m" : ""; }
};

void emitOne(const SourcePoint &At, llvm::StringRef Level, const std::string &Message,
             const std::string &Suffix, const Palette &P, SourceLines &Lines,
             llvm::raw_ostream &OS) {
  OS << fmt::format("{}{}:{}:{}: {}{}:{} {}{}{}{}\n", P.bold(), At.File, At.Line, At.Column,
                    P.level(Level), Level.str(), P.reset(), P.bold(), Message, Suffix, P.reset());
  std::string Text = Lines.lineText(At.File, At.Line);
  if (Text.empty() || At.Column == 0)
    return;
  std::string Caret;
  for (unsigned I = 0; I + 1 < At.Column && I < Text.size(); ++I)
    Caret += Text[I] == '\t' ? '\t' : ' ';
  OS << Text << "\n" << P.caret() << Caret << "^" << P.reset() << "\n";
}

// The edits --fix would make, one line each.
void emitFixes(const Finding &F, SourceLines &Lines, llvm::raw_ostream &OS) {
  for (const Edit &E : F.Fixes) {
    unsigned Line, Col, EndLine, EndCol;
    Lines.lineColumn(E.File, E.Offset, Line, Col);
    Lines.lineColumn(E.File, E.Offset + E.Length, EndLine, EndCol);
    std::string Text = E.Replacement;
    if (!Text.empty() && Text.back() == '\n')
      Text.pop_back();
    if (E.Length == 0)
      OS << fmt::format("  fix-it: insert '{}' at {}:{}\n", Text, Line, Col);
    else if (Text.empty() && Lines.text(E.File, E.Offset, 1) == "\n" && EndLine == Line + 1 &&
             EndCol == Lines.lineText(E.File, EndLine).size() + 1)
      OS << fmt::format("  fix-it: remove line {}\n", EndLine);
    else if (Text.empty())
      OS << fmt::format("  fix-it: remove {}:{}-{}:{}\n", Line, Col, EndLine, EndCol);
    else
      OS << fmt::format("  fix-it: replace {}:{}-{}:{} with '{}'\n", Line, Col, EndLine, EndCol,
                        Text);
  }
}

} // namespace

void emitText(const std::vector<FileResult> &Results, const TextStyle &Style,
              llvm::raw_ostream &OS) {
  Palette P{Style.Color};
  SourceLines Lines;
  for (const FileResult &R : Results)
    for (const Finding &F : R.Findings) {
      emitOne(F.Where, F.Severity == Finding::Level::Error ? "error" : "warning", F.Message,
              " [" + F.Check + "]", P, Lines, OS);
      for (const FindingNote &N : F.Notes)
        emitOne(N.Where, "note", N.Message, "", P, Lines, OS);
      emitFixes(F, Lines, OS);
    }
}

} // namespace ownlint
