#include "FixApplier.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <tuple>

namespace ownlint {

FixSummary applyFixes(const std::vector<FileResult> &Results) {
  FixSummary Summary;
  llvm::StringMap<std::vector<Edit>> ByFile;
  for (const FileResult &R : Results)
    for (const Finding &F : R.Findings) {
      if (F.isCompilerDiagnostic())
        continue;
      for (const Edit &E : F.Fixes)
        ByFile[E.File].push_back(E);
    }
  for (auto &Entry : ByFile) {
    std::vector<Edit> &Edits = Entry.second;
    auto Key = [](const Edit &E) { return std::tie(E.Offset, E.Length, E.Replacement); };
    std::stable_sort(Edits.begin(), Edits.end(),
                     [&](const Edit &A, const Edit &B) { return Key(A) < Key(B); });
    Edits.erase(std::unique(Edits.begin(), Edits.end(),
                            [&](const Edit &A, const Edit &B) { return Key(A) == Key(B); }),
                Edits.end());
    auto Buffer = llvm::MemoryBuffer::getFile(Entry.first(), /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      Summary.Errors.push_back("cannot read '" + Entry.first().str() + "' to fix it");
      continue;
    }
    std::string Text = (*Buffer)->getBuffer().str();
    std::string Out;
    unsigned Pos = 0;
    for (const Edit &E : Edits) {
      if (E.Offset < Pos || E.Offset + E.Length > Text.size()) {
        ++Summary.Skipped;
        continue;
      }
      Out.append(Text, Pos, E.Offset - Pos);
      Out += E.Replacement;
      Pos = E.Offset + E.Length;
      ++Summary.Applied;
    }
    Out.append(Text, Pos, std::string::npos);
    std::error_code EC;
    llvm::raw_fd_ostream OS(Entry.first(), EC);
    if (EC) {
      Summary.Errors.push_back("cannot write '" + Entry.first().str() + "': " + EC.message());
      continue;
    }
    OS << Out;
  }
  return Summary;
}

} // namespace ownlint
