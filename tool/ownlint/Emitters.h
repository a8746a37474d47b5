#pragma once
// Output formats. Each reads only FileResults and Findings.

#include "Finding.h"

#include "llvm/Support/raw_ostream.h"
#include <vector>

namespace ownlint {

struct TextStyle {
  bool Color = false;
};

/// clang-style: `file:line:col: warning: message [check]`, the source line,
/// a caret, then the notes the same way.
void emitText(const std::vector<FileResult> &Results, const TextStyle &Style,
              llvm::raw_ostream &OS);

/// One JSON document: findings with notes and fixes, and per-file errors.
void emitJson(const std::vector<FileResult> &Results, llvm::raw_ostream &OS);

} // namespace ownlint
