#include "SourceLines.h"

#include "llvm/Support/MemoryBuffer.h"
#include <algorithm>

namespace ownlint {

SourceLines::SourceLines() = default;
SourceLines::~SourceLines() = default;

const SourceLines::Entry *SourceLines::load(const std::string &File) {
  auto It = Files.find(File);
  if (It != Files.end())
    return It->second.get();
  std::unique_ptr<Entry> E;
  if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false)) {
    E = std::make_unique<Entry>();
    E->Buffer = std::move(*Buffer);
    llvm::StringRef Text = E->Buffer->getBuffer();
    E->LineStarts.push_back(0);
    for (size_t I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        E->LineStarts.push_back(I + 1);
  }
  const Entry *Result = E.get();
  Files[File] = std::move(E);
  return Result;
}

void SourceLines::lineColumn(const std::string &File, unsigned Offset, unsigned &Line,
                             unsigned &Column) {
  Line = Column = 0;
  const Entry *E = load(File);
  if (!E || Offset > E->Buffer->getBufferSize())
    return;
  auto It = std::upper_bound(E->LineStarts.begin(), E->LineStarts.end(), Offset);
  Line = It - E->LineStarts.begin();
  Column = Offset - E->LineStarts[Line - 1] + 1;
}

std::string SourceLines::lineText(const std::string &File, unsigned Line) {
  const Entry *E = load(File);
  if (!E || Line == 0 || Line > E->LineStarts.size())
    return "";
  llvm::StringRef Text = E->Buffer->getBuffer();
  size_t Begin = E->LineStarts[Line - 1];
  size_t End = Line < E->LineStarts.size() ? E->LineStarts[Line] - 1 : Text.size();
  llvm::StringRef L = Text.slice(Begin, End);
  L.consume_back("\r");
  return L.str();
}

std::string SourceLines::text(const std::string &File, unsigned Offset, unsigned Length) {
  const Entry *E = load(File);
  if (!E || Offset + Length > E->Buffer->getBufferSize())
    return "";
  return E->Buffer->getBuffer().substr(Offset, Length).str();
}

} // namespace ownlint
