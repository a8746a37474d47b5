#pragma once
// Fingerprints name a finding by what it is, not where: the check, the file
// relative to the project root, the code on its line with whitespace removed,
// and its message with numbers removed, plus its rank among findings that
// agree on all of these. Lines added or removed elsewhere in the file, a
// re-indent, or a different checkout directory keep the fingerprint;
// editing the line itself, or a second identical finding before it, change it.
// Baselines and SARIF's partialFingerprints both use them.

#include "Finding.h"
#include "Paths.h"
#include "SourceLines.h"

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace ownlint {

/// Sets Finding::Fingerprint on every finding of \p Results.
void assignFingerprints(std::vector<FileResult> &Results, llvm::StringRef Root,
                        SourceLines &Lines);

} // namespace ownlint
