#include "Fingerprint.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace ownlint {

namespace {

std::string withoutSpace(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text)
    if (!std::isspace(static_cast<unsigned char>(C)))
      Out += C;
  return Out;
}

// Messages may quote a line number ("allocated at line 12"): it moves when
// unrelated lines do.
std::string withoutNumbers(llvm::StringRef Text) {
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (std::isdigit(static_cast<unsigned char>(Text[I]))) {
      while (I + 1 < Text.size() && std::isdigit(static_cast<unsigned char>(Text[I + 1])))
        ++I;
      Out += '#';
    } else {
      Out += Text[I];
    }
  }
  return Out;
}

} // namespace

void assignFingerprints(std::vector<FileResult> &Results, llvm::StringRef Root,
                        SourceLines &Lines) {
  // Ranks count in file order, whatever order the results come in.
  std::vector<Finding *> All;
  for (FileResult &R : Results)
    for (Finding &F : R.Findings)
      All.push_back(&F);
  std::stable_sort(All.begin(), All.end(), [](const Finding *A, const Finding *B) {
    return std::tie(A->Where.File, A->Where.Offset) < std::tie(B->Where.File, B->Where.Offset);
  });
  llvm::StringMap<unsigned> Seen;
  for (Finding *F : All) {
    std::string Key = F->Check + '\0' + relativeTo(F->Where.File, Root) + '\0' +
                      withoutSpace(Lines.lineText(F->Where.File, F->Where.Line)) + '\0' +
                      withoutNumbers(F->Message);
    unsigned Rank = Seen[Key]++;
    Key += '\0' + std::to_string(Rank);
    F->Fingerprint = fmt::format("{:016x}", llvm::xxh3_64bits(llvm::StringRef(Key)));
  }
}

} // namespace ownlint
