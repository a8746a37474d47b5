#pragma once
// What a check found, as plain data: every output format reads only this.

#include "llvm/ADT/StringRef.h"
#include <optional>
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
  /// Names the finding across edits elsewhere in the file (Fingerprint.h);
  /// empty until assignFingerprints() runs.
  std::string Fingerprint;

  bool isCompilerDiagnostic() const { return Check.rfind("clang-diagnostic-", 0) == 0; }
};

/// What happened to one input file.
struct FileResult {
  std::string File;
  enum class Status { Analysed, InputError, ParseError, InternalError } State = Status::Analysed;
  std::string Error; // one line, for anything but Analysed
  std::vector<Finding> Findings;
};

/// "analysed", "input-error", "parse-error", "internal-error": the names the
/// JSON and SARIF reports use.
const char *statusName(FileResult::Status S);
std::optional<FileResult::Status> parseStatus(llvm::StringRef Name);

/// The version of the JSON report's schema (docs/report.schema.json).
inline constexpr int ReportVersion = 2;

/// A check as the reports describe it (SARIF's reportingDescriptor).
struct RuleInfo {
  std::string Id;      // the check name
  std::string Summary; // one line
  std::string HelpUri; // its documentation page
  std::string Help;    // the page itself, markdown; may be empty
};

/// What the formats know of the run besides its findings.
struct RunInfo {
  std::string ToolVersion;
  /// Files under it are named relative to it in SARIF and in fingerprints,
  /// so that reports from different checkouts agree.
  std::string Root;
  std::vector<RuleInfo> Rules;
};

} // namespace ownlint
