#include "Merge.h"
#include "ExitCodes.h"
#include "RuleCatalog.h"

#include "Emitters.h"
#include "Gate.h"
#include "Reports.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

namespace ownlint {

namespace {
constexpr const char *Usage =
    "usage: ownlint merge [--format=json|sarif|text|github] [-o FILE] [--fail-on=SPEC] "
    "REPORT...\n"
    "  Combines ownlint JSON or SARIF reports (e.g. of --shard runs) into one; the format\n"
    "  is --format, else the one -o's extension names (.sarif, .json), else json.\n";

int usage(const std::string &Message) {
  llvm::errs() << "ownlint merge: error: " << Message << "\n" << Usage;
  return ExitUsage;
}
} // namespace

int runMerge(llvm::ArrayRef<const char *> Args) {
  std::optional<OutputFormat> Format;
  std::string Output, FailOn = "any";
  std::vector<std::string> Inputs;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    auto value = [&](llvm::StringRef Flag, std::string &Into) {
      if (A.consume_front(Flag)) {
        if (A.consume_front("=")) {
          Into = A.str();
          return true;
        }
        if (A.empty() && I + 1 < Args.size()) {
          Into = Args[++I];
          return true;
        }
      }
      A = Args[I];
      return false;
    };
    std::string FormatName;
    if (A == "--help" || A == "-h") {
      llvm::outs() << Usage;
      return ExitClean;
    }
    if (value("--format", FormatName)) {
      Format = parseOutputFormat(FormatName);
      if (!Format)
        return usage("unknown format '" + FormatName + "'");
    } else if (value("--fail-on", FailOn) || value("--output", Output) || value("-o", Output)) {
    } else if (A.starts_with("-") && A != "-") {
      return usage("unknown option '" + A.str() + "'");
    } else {
      Inputs.push_back(A.str());
    }
  }
  if (Inputs.empty())
    return usage("no reports to merge");
  llvm::Expected<FailPolicy> Policy = FailPolicy::parse(FailOn);
  if (!Policy)
    return usage(llvm::toString(Policy.takeError()));
  if (!Format)
    Format =
        Output.empty() ? OutputFormat::Json : formatOfPath(Output).value_or(OutputFormat::Json);

  std::vector<FileResult> All;
  RunInfo Run;
  for (const std::string &Input : Inputs) {
    auto Buffer = llvm::MemoryBuffer::getFileOrSTDIN(Input, /*IsText=*/true);
    if (!Buffer)
      return usage("cannot read '" + Input + "': " + Buffer.getError().message());
    llvm::Expected<ReadReport> Report = readReport((*Buffer)->getBuffer(), Input);
    if (!Report)
      return usage(llvm::toString(Report.takeError()));
    if (Run.Root.empty())
      Run.Root = Report->Run.Root;
    for (FileResult &R : Report->Results)
      All.push_back(std::move(R));
  }
  std::vector<FileResult> Merged = mergeResults(std::move(All));
  Run.ToolVersion = toolVersion();
  Run.Rules = ruleCatalog();

  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!Output.empty()) {
    std::error_code EC;
    File = std::make_unique<llvm::raw_fd_ostream>(Output, EC);
    if (EC)
      return usage("cannot write '" + Output + "': " + EC.message());
  }
  llvm::raw_ostream &OS = File ? static_cast<llvm::raw_ostream &>(*File) : llvm::outs();
  emit(*Format, Merged, Run, TextStyle(), OS);
  OS.flush();

  bool Failed = false, Gating = false, InputError = false;
  for (const FileResult &R : Merged) {
    InputError |= R.State == FileResult::Status::InputError;
    Failed |=
        R.State == FileResult::Status::ParseError || R.State == FileResult::Status::InternalError;
    for (const Finding &F : R.Findings)
      Gating |= Policy->fails(F);
  }
  if (Failed)
    return ExitFileFailed;
  if (InputError)
    return ExitUsage;
  return Gating ? ExitFindings : ExitClean;
}

} // namespace ownlint
