#include "CheckGlobs.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/GlobPattern.h"

namespace ownlint {

CheckSelection selectChecks(llvm::StringRef Globs, const std::vector<std::string> &Known) {
  CheckSelection Result;
  std::vector<bool> On(Known.size(), false);
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  if (Parts.empty()) {
    Result.Error = "--checks is empty";
    return Result;
  }
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    bool Negative = Part.consume_front("-");
    Part = Part.trim();
    auto Pattern = llvm::GlobPattern::create(Part);
    if (!Pattern) {
      Result.Error = "--checks: invalid glob '" + Part.str() + "'";
      llvm::consumeError(Pattern.takeError());
      return Result;
    }
    bool Matched = false;
    for (size_t I = 0; I < Known.size(); ++I)
      if (Pattern->match(Known[I])) {
        On[I] = !Negative;
        Matched = true;
      }
    // "-*" and similar catch-alls of other tools' checks are fine to write.
    if (!Matched && !(Negative && Part.contains('*')) && Part != "*") {
      Result.Error = "--checks: '" + Part.str() + "' matches no ownlint check (see --list-checks)";
      return Result;
    }
  }
  for (size_t I = 0; I < Known.size(); ++I)
    if (On[I])
      Result.Enabled.push_back(Known[I]);
  if (Result.Enabled.empty())
    Result.Error = "--checks: '" + Globs.str() + "' enables no check";
  return Result;
}

} // namespace ownlint
