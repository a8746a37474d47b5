#pragma once
// Ownership across translation units, like a linker: while each file is
// analysed, the summaries of the functions it defines with external linkage
// (keyed by USR) and the calls it makes to functions defined elsewhere are
// recorded on a process-wide board. After every file of the run, link()
// resolves summaries that hand a parameter on to another file's function and
// names the files whose analysis would change with the linked summaries; the
// front-end analyses those again with them installed (docs/architecture.md,
// "Across files").

#include "Lowering.h"

#include "llvm/ADT/StringMap.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
}

namespace ownlint {

/// What one file contributes to the link.
struct UnitLinkage {
  bool Recorded = false;
  llvm::StringMap<FunctionSummary> Defined; // USR -> summary
  std::vector<ExternalCallRecord> Calls;
};

/// The stable cross-file key of a function (clang's USR), "" when it has none
/// or cannot be called from another file.
std::string linkageKey(const clang::FunctionDecl &FD);

using LinkedSummaries = llvm::StringMap<FunctionSummary>;

struct LinkResult {
  std::shared_ptr<const LinkedSummaries> Summaries;
  std::vector<size_t> Reanalyse; // unit indices whose analysis the link changes
};

/// Resolves hand-ons between the units' summaries (to a fixed point, bounded)
/// and decides which units to analyse again.
LinkResult link(const std::vector<UnitLinkage> &Units);

/// The board. The front-end sets the unit a thread is analysing before each
/// file (none: nothing is recorded) and installs the linked summaries before
/// the second pass; the analysis records into it and reads from it.
class LinkBoard {
public:
  static void startCollecting(size_t Units);
  static void setCurrentUnit(std::optional<size_t> Unit);
  static std::optional<size_t> currentUnit();
  static void record(UnitLinkage Unit);
  static std::vector<UnitLinkage> takeUnits();
  static void install(std::shared_ptr<const LinkedSummaries> Linked);
  /// The linked summary of another file's function, if any.
  static const FunctionSummary *linked(llvm::StringRef Key);
  /// The keys linked() was asked for on this thread since the last call,
  /// sorted: what a second-pass analysis read of the other files (the
  /// front-end's result cache keeps its result against their values).
  static std::vector<std::string> takeLookups();
};

} // namespace ownlint
