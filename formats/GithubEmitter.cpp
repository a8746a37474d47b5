#include "Emitters.h"
#include "Fingerprint.h"

#include <fmt/format.h>

namespace ownlint {

namespace {

// The escapes GitHub's workflow-command parser undoes (actions/toolkit,
// packages/core/src/command.ts).
std::string escapeData(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '%')
      Out += "%25";
    else if (C == '\r')
      Out += "%0D";
    else if (C == '\n')
      Out += "%0A";
    else
      Out += C;
  }
  return Out;
}

std::string escapeProperty(llvm::StringRef S) {
  std::string Out;
  for (char C : escapeData(S)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

std::string where(const SourcePoint &P, llvm::StringRef Root) {
  return fmt::format("{}:{}:{}", relativeTo(P.File, Root), P.Line, P.Column);
}

} // namespace

void emitGithub(const std::vector<FileResult> &Results, const RunInfo &Run,
                llvm::raw_ostream &OS) {
  for (const FileResult &R : Results) {
    if (!R.Error.empty())
      OS << "::error file=" << escapeProperty(relativeTo(R.File, Run.Root))
         << ",title=ownlint::" << escapeData(R.Error) << "\n";
    for (const Finding &F : R.Findings) {
      if (F.isCompilerDiagnostic())
        continue;
      std::string Message = F.Message;
      for (const FindingNote &N : F.Notes)
        Message += "\nnote: " + where(N.Where, Run.Root) + ": " + N.Message;
      OS << (F.Severity == Finding::Level::Error ? "::error " : "::warning ")
         << "file=" << escapeProperty(relativeTo(F.Where.File, Run.Root))
         << ",line=" << F.Where.Line << ",col=" << F.Where.Column
         << ",title=" << escapeProperty(F.Check) << "::" << escapeData(Message) << "\n";
    }
  }
}

} // namespace ownlint
