#pragma once
// What ownlint is doing on this thread, kept up to date cheaply so that a
// crash handler can say which check and which function crashed, and so that
// the front-end can analyse the file again without them.
//
// The scopes are plain RAII: after a crash the stack is unwound by longjmp,
// not by destructors, so the innermost scope stays recorded for the handler.

#include "llvm/ADT/StringRef.h"
#include <set>
#include <string>

namespace ownlint {

struct CrashContext {
  std::string Check;    // the check whose code runs, if any
  std::string Function; // the function the shared analysis lowers, if any
  bool InAnalysis = false;

  /// What a re-run must leave out, by name: set by the front-end after a
  /// crash, read by the checks and the analysis.
  std::set<std::string> SkippedFunctions;

  void clearActivity() {
    Check.clear();
    Function.clear();
    InAnalysis = false;
  }
};

/// This thread's context.
CrashContext &crashContext();

/// Marks code of check \p Name as running.
class CheckScope {
public:
  explicit CheckScope(llvm::StringRef Name);
  ~CheckScope();
  CheckScope(const CheckScope &) = delete;
  CheckScope &operator=(const CheckScope &) = delete;

private:
  std::string Previous;
};

/// Marks the shared analysis of function \p Key (see functionKey) as running.
class AnalysisScope {
public:
  explicit AnalysisScope(const std::string &Key);
  ~AnalysisScope();
  AnalysisScope(const AnalysisScope &) = delete;
  AnalysisScope &operator=(const AnalysisScope &) = delete;

private:
  std::string Previous;
  bool PreviousIn;
};

} // namespace ownlint
