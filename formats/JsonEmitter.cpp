#include "Emitters.h"

#include "llvm/Support/JSON.h"

namespace ownlint {

namespace {

llvm::json::Object point(const SourcePoint &P) {
  return llvm::json::Object{
      {"file", P.File}, {"line", P.Line}, {"column", P.Column}, {"offset", P.Offset}};
}

llvm::json::Value finding(const Finding &F, const std::string &From) {
  llvm::json::Array Notes, Fixes;
  for (const FindingNote &N : F.Notes)
    Notes.push_back(llvm::json::Object{{"location", point(N.Where)}, {"message", N.Message}});
  for (const Edit &E : F.Fixes)
    Fixes.push_back(llvm::json::Object{{"file", E.File},
                                       {"offset", E.Offset},
                                       {"length", E.Length},
                                       {"replacement", E.Replacement}});
  llvm::json::Object Out{{"check", F.Check},
                            {"severity", F.Severity == Finding::Level::Error ? "error" : "warning"},
                            {"location", point(F.Where)},
                            {"message", F.Message},
                            {"notes", std::move(Notes)},
                            {"fixes", std::move(Fixes)}};
  if (!F.Fingerprint.empty())
    Out["fingerprint"] = F.Fingerprint;
  if (From != F.Where.File)
    Out["from"] = From;
  return Out;
}

} // namespace

void emitJson(const std::vector<FileResult> &Results, const RunInfo &Run, llvm::raw_ostream &OS) {
  llvm::json::Array Findings, Files;
  for (const FileResult &R : Results) {
    llvm::json::Object File{{"file", R.File}, {"status", statusName(R.State)}};
    if (!R.Error.empty())
      File["error"] = R.Error;
    Files.push_back(std::move(File));
    for (const Finding &F : R.Findings)
      if (!F.isCompilerDiagnostic())
        Findings.push_back(finding(F, R.File));
  }
  llvm::json::Object Doc{{"tool", "ownlint"},
                         {"version", ReportVersion},
                         {"toolVersion", Run.ToolVersion},
                         {"root", Run.Root},
                         {"files", std::move(Files)},
                         {"findings", std::move(Findings)}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Doc))) << "\n";
}

} // namespace ownlint
