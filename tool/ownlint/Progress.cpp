#include "Progress.h"
#include "Fingerprint.h"

#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

namespace ownlint {

ProgressLine::ProgressLine(bool Enabled, std::string Root)
    : Enabled(Enabled), Root(std::move(Root)), Start(std::chrono::steady_clock::now()) {}

void ProgressLine::update(const FileResult &Result, size_t Done, size_t Total, unsigned Pass) {
  for (const Finding &F : Result.Findings)
    Findings += Pass == 1 && !F.isCompilerDiagnostic();
  if (!Enabled)
    return;
  auto Seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - Start)
          .count();
  // Keep to one terminal line: a long path loses its start.
  constexpr size_t MaxPath = 60;
  std::string Path = relativeTo(Result.File, Root);
  if (Path.size() > MaxPath)
    Path = "..." + Path.substr(Path.size() - MaxPath + 3);
  llvm::errs() << fmt::format("\r\033[K[{:>{}}/{}]{} {} ({}:{:02}, {} finding(s))", Done,
                              std::to_string(Total).size(), Total, Pass == 2 ? " linked" : "", Path,
                              Seconds / 60, Seconds % 60, Findings);
  llvm::errs().flush();
  Shown = true;
}

void ProgressLine::finish() {
  if (Shown)
    llvm::errs() << "\r\033[K";
  Shown = false;
}

} // namespace ownlint
