#include "CrashContext.h"

namespace ownlint {

CrashContext &crashContext() {
  thread_local CrashContext Context;
  return Context;
}

CheckScope::CheckScope(llvm::StringRef Name) : Previous(crashContext().Check) {
  crashContext().Check = Name.str();
}

CheckScope::~CheckScope() { crashContext().Check = std::move(Previous); }

AnalysisScope::AnalysisScope(const std::string &Key)
    : Previous(crashContext().Function), PreviousIn(crashContext().InAnalysis) {
  crashContext().Function = Key;
  crashContext().InAnalysis = true;
}

AnalysisScope::~AnalysisScope() {
  crashContext().Function = std::move(Previous);
  crashContext().InAnalysis = PreviousIn;
}

} // namespace ownlint
