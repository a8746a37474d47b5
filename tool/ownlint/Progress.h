#pragma once
// The progress line a run prints to a terminal: `[ 37/412] src/x.cc`, the
// elapsed time and the findings so far, rewritten in place. Nothing when
// stderr is not a terminal (CI logs stay clean).

#include "Finding.h"

#include <chrono>
#include <string>

namespace ownlint {

class ProgressLine {
public:
  /// Paths are shown relative to \p Root.
  ProgressLine(bool Enabled, std::string Root);
  void update(const FileResult &Result, size_t Done, size_t Total, unsigned Pass);
  /// Clears the line before other output.
  void finish();

private:
  bool Enabled;
  std::string Root;
  bool Shown = false;
  unsigned Findings = 0;
  std::chrono::steady_clock::time_point Start;
};

} // namespace ownlint
