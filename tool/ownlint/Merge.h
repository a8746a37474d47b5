#pragma once
// `ownlint merge`: combines the reports of sharded runs into one.

#include "llvm/ADT/ArrayRef.h"

namespace ownlint {

/// \p Args are the arguments after `merge`. Returns the exit status.
int runMerge(llvm::ArrayRef<const char *> Args);

} // namespace ownlint
