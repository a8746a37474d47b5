#pragma once
// Output formats. Each reads only FileResults, Findings and the RunInfo, so
// each is tested on data alone (test/unit/FormatsTest.cpp).

#include "Finding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <vector>

namespace ownlint {

enum class OutputFormat { Text, Json, Sarif, Github };

/// "text", "json", "sarif" or "github".
std::optional<OutputFormat> parseOutputFormat(llvm::StringRef Name);
/// The format a report file's name asks for: *.sarif, *.json; none otherwise.
std::optional<OutputFormat> formatOfPath(llvm::StringRef Path);

struct TextStyle {
  bool Color = false;
};

/// clang-style: `file:line:col: warning: message [check]`, the source line,
/// a caret, then the notes the same way.
void emitText(const std::vector<FileResult> &Results, const TextStyle &Style,
              llvm::raw_ostream &OS);

/// One JSON document (docs/report.schema.json): per-file status and errors,
/// findings with notes, fixes and fingerprints.
void emitJson(const std::vector<FileResult> &Results, const RunInfo &Run, llvm::raw_ostream &OS);

/// SARIF 2.1.0: one run, a rule per check, notes as relatedLocations and as
/// the steps of a codeFlow, fix-its as fixes, fingerprints as
/// partialFingerprints, files that failed as toolExecutionNotifications.
void emitSarif(const std::vector<FileResult> &Results, const RunInfo &Run, llvm::raw_ostream &OS);

/// GitHub Actions workflow commands: one `::warning file=...::` (or
/// `::error`) annotation per finding, its notes in the message.
void emitGithub(const std::vector<FileResult> &Results, const RunInfo &Run,
                llvm::raw_ostream &OS);

/// clang-tidy's --export-fixes YAML (clang-apply-replacements reads it):
/// every finding that has fix-its, with its replacements.
void emitFixesYaml(const std::vector<FileResult> &Results, llvm::raw_ostream &OS);

void emit(OutputFormat Format, const std::vector<FileResult> &Results, const RunInfo &Run,
          const TextStyle &Style, llvm::raw_ostream &OS);

} // namespace ownlint
