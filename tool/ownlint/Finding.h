#pragma once
// What a check found, as plain data: every output format reads only this.

#include <string>
#include <vector>

namespace ownlint {

struct SourcePoint {
  std::string File; // as the compile command names it
  unsigned Offset = 0;
  unsigned Line = 0;   // 1-based
  unsigned Column = 0; // 1-based, in bytes like clang
};

struct FindingNote {
  SourcePoint Where;
  std::string Message;
};

struct Edit {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Replacement;
};

struct Finding {
  enum class Level { Warning, Error };
  std::string Check; // e.g. "ownership-raw-new-delete", "clang-diagnostic-error"
  Level Severity = Level::Warning;
  SourcePoint Where;
  std::string Message;
  std::vector<FindingNote> Notes; // in story order
  std::vector<Edit> Fixes;        // safe edits, applied by --fix

  bool isCompilerDiagnostic() const { return Check.rfind("clang-diagnostic-", 0) == 0; }
};

/// What happened to one input file.
struct FileResult {
  std::string File;
  enum class Status { Analysed, InputError, ParseError, InternalError } State = Status::Analysed;
  std::string Error; // one line, for anything but Analysed
  std::vector<Finding> Findings;
};

} // namespace ownlint
