#include "IncludeTracker.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace ownlint {

namespace {

// Is there anything but blank lines, comments and preprocessor lines in
// \p Text? (A continued #define line counts as code: the block then ends
// early, which only moves the insertion up.)
bool hasCode(llvm::StringRef Text) {
  bool InComment = false;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    Line = Line.trim();
    while (!Line.empty()) {
      if (InComment) {
        size_t End = Line.find("*/");
        if (End == llvm::StringRef::npos) {
          Line = "";
          break;
        }
        InComment = false;
        Line = Line.drop_front(End + 2).ltrim();
        continue;
      }
      if (Line.starts_with("/*")) {
        InComment = true;
        Line = Line.drop_front(2);
        continue;
      }
      if (Line.starts_with("//") || Line.starts_with("#"))
        break;
      return true;
    }
  }
  return false;
}

} // namespace

class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(IncludeTracker &Tracker, const SourceManager &SM) : Tracker(Tracker), SM(SM) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &, StringRef FileName, bool,
                          CharSourceRange FilenameRange, OptionalFileEntryRef, StringRef, StringRef,
                          const Module *, bool, SrcMgr::CharacteristicKind) override {
    if (HashLoc.isMacroID())
      return;
    FileID FID = SM.getFileID(HashLoc);
    auto &Entry = Tracker.Files[FID];
    Entry.Names.push_back(FileName.str());
    // Insertions go after the file's leading block of includes. An #include
    // after code (an X-macro list inside a function) does not extend it.
    llvm::StringRef Buffer = SM.getBufferData(FID);
    unsigned Hash = SM.getFileOffset(HashLoc);
    if (Entry.BlockEnded || hasCode(Buffer.slice(Entry.ScannedTo, Hash))) {
      Entry.BlockEnded = true;
      return;
    }
    size_t NewLine = Buffer.find('\n', SM.getFileOffset(FilenameRange.getEnd()));
    if (NewLine == llvm::StringRef::npos)
      return;
    Entry.ScannedTo = NewLine + 1;
    Entry.AfterLast = SM.getLocForStartOfFile(FID).getLocWithOffset(NewLine + 1);
  }

private:
  IncludeTracker &Tracker;
  const SourceManager &SM;
};

void IncludeTracker::attach(Preprocessor &PP) {
  SM = &PP.getSourceManager();
  Files.clear();
  PP.addPPCallbacks(std::make_unique<IncludeRecorder>(*this, *SM));
}

std::optional<FixItHint> IncludeTracker::insertion(SourceLocation Loc, llvm::StringRef Header) {
  if (!SM || Loc.isInvalid())
    return std::nullopt;
  FileID FID = SM->getFileID(SM->getExpansionLoc(Loc));
  FileIncludes &Entry = Files[FID];
  if (llvm::is_contained(Entry.Names, Header) || !Entry.Proposed.insert(Header).second)
    return std::nullopt;
  SourceLocation At = Entry.AfterLast.isValid() ? Entry.AfterLast : SM->getLocForStartOfFile(FID);
  return FixItHint::CreateInsertion(At, ("#include <" + Header + ">\n").str());
}

} // namespace ownlint
