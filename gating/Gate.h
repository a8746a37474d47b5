#pragma once
// Which findings fail the run (--fail-on), separate from which are shown.

#include "Finding.h"

#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace ownlint {

class FailPolicy {
public:
  /// A comma-separated list of: `any` (every finding, the default), `error`
  /// (findings whose level is error, e.g. through WarningsAsErrors), `none`
  /// (findings never fail the run), or check-name globs
  /// (`ownership-double-free,ownership-use-after-*`).
  static llvm::Expected<FailPolicy> parse(llvm::StringRef Spec);
  bool fails(const Finding &F) const;

private:
  bool Any = false, Errors = false;
  std::vector<std::string> Globs;
};

} // namespace ownlint
