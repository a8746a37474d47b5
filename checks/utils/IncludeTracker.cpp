#include "IncludeTracker.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace ownlint {

class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(IncludeTracker &Tracker, const SourceManager &SM)
      : Tracker(Tracker), SM(SM) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &, StringRef FileName,
                          bool, CharSourceRange FilenameRange,
                          OptionalFileEntryRef, StringRef, StringRef,
                          const Module *, bool, SrcMgr::CharacteristicKind) override {
    if (HashLoc.isMacroID())
      return;
    FileID FID = SM.getFileID(HashLoc);
    auto &Entry = Tracker.Files[FID];
    Entry.Names.push_back(FileName.str());
    // The line after the directive: insertions go there.
    SourceLocation End = FilenameRange.getEnd();
    unsigned Offset = SM.getFileOffset(End);
    llvm::StringRef Buffer = SM.getBufferData(FID);
    size_t NewLine = Buffer.find('\n', Offset);
    if (NewLine != llvm::StringRef::npos)
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

std::optional<FixItHint> IncludeTracker::insertion(SourceLocation Loc,
                                                   llvm::StringRef Header) {
  if (!SM || Loc.isInvalid())
    return std::nullopt;
  FileID FID = SM->getFileID(SM->getExpansionLoc(Loc));
  FileIncludes &Entry = Files[FID];
  if (llvm::is_contained(Entry.Names, Header) || !Entry.Proposed.insert(Header).second)
    return std::nullopt;
  SourceLocation At = Entry.AfterLast.isValid() ? Entry.AfterLast
                                                : SM->getLocForStartOfFile(FID);
  return FixItHint::CreateInsertion(At, ("#include <" + Header + ">\n").str());
}

} // namespace ownlint
