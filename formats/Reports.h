#pragma once
// Reports as data: reading back what the JSON and SARIF emitters wrote
// (`ownlint merge` of sharded runs) and combining results.

#include "Finding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace ownlint {

struct ReadReport {
  std::vector<FileResult> Results;
  RunInfo Run; // the tool version, root and rules the report names
};

/// Reads an ownlint JSON report (any version up to ReportVersion) or SARIF
/// log. \p Name is used in error messages only.
llvm::Expected<ReadReport> readReport(llvm::StringRef Text, llvm::StringRef Name);

/// Drops the findings that repeat an earlier one (same check, place and
/// message): a header's finding is seen from every file that includes it.
void dropRepeatedFindings(std::vector<FileResult> &Results);

/// One result per file (the first of several wins), sorted by file name,
/// repeated findings dropped.
std::vector<FileResult> mergeResults(std::vector<FileResult> All);

} // namespace ownlint
