#include "Emitters.h"
#include "Fingerprint.h"
#include "SourceLines.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <fmt/format.h>

namespace ownlint {

namespace {

constexpr llvm::StringLiteral RootId = "%SRCROOT%";

// RFC 3986: keep unreserved characters and '/', escape the rest.
std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (std::isalnum(C) || llvm::StringRef("-._~/").contains(C))
      Out += C;
    else
      Out += fmt::format("%{:02X}", C);
  }
  return Out;
}

std::string fileUri(llvm::StringRef AbsolutePath) {
  std::string Slashed = llvm::sys::path::convert_to_slash(AbsolutePath);
  if (Slashed.empty() || Slashed[0] != '/')
    Slashed = "/" + Slashed;
  return "file://" + percentEncode(Slashed);
}

class SarifWriter {
public:
  SarifWriter(const RunInfo &Run) : Run(Run) {
    for (size_t I = 0; I < Run.Rules.size(); ++I)
      RuleIndex[Run.Rules[I].Id] = I;
  }

  llvm::json::Object artifactLocation(const std::string &File) {
    std::string Absolute = absolutePath(File);
    std::string Relative = relativeTo(Absolute, Run.Root);
    if (Relative != Absolute)
      return llvm::json::Object{{"uri", percentEncode(Relative)}, {"uriBaseId", RootId}};
    return llvm::json::Object{{"uri", fileUri(Absolute)}};
  }

  // SARIF counts columns in UTF-16 code units by default; clang in bytes.
  unsigned utf16Column(const SourcePoint &P) {
    std::string Line = Lines.lineText(P.File, P.Line);
    if (P.Column == 0 || P.Column - 1 > Line.size())
      return P.Column;
    llvm::StringRef Prefix(Line.data(), P.Column - 1);
    unsigned Units = 0;
    for (size_t I = 0; I < Prefix.size();) {
      unsigned Len = llvm::getNumBytesForUTF8(Prefix[I]);
      if (Len == 0 || I + Len > Prefix.size())
        Len = 1;
      Units += Len == 4 ? 2 : 1;
      I += Len;
    }
    return Units + 1;
  }

  llvm::json::Object physical(const SourcePoint &P) {
    llvm::json::Object Region{{"byteOffset", P.Offset}};
    if (P.Line) {
      Region["startLine"] = P.Line;
      Region["startColumn"] = utf16Column(P);
    }
    return llvm::json::Object{{"artifactLocation", artifactLocation(P.File)},
                              {"region", std::move(Region)}};
  }

  llvm::json::Object location(const SourcePoint &P, const std::string &Message = "") {
    llvm::json::Object L{{"physicalLocation", physical(P)}};
    if (!Message.empty())
      L["message"] = llvm::json::Object{{"text", Message}};
    return L;
  }

  llvm::json::Value result(const Finding &F, const std::string &From) {
    llvm::json::Object R{{"ruleId", F.Check},
                         {"level", F.Severity == Finding::Level::Error ? "error" : "warning"},
                         {"message", llvm::json::Object{{"text", F.Message}}},
                         {"locations", llvm::json::Array{location(F.Where)}}};
    auto It = RuleIndex.find(F.Check);
    if (It != RuleIndex.end())
      R["ruleIndex"] = It->second;
    if (!F.Notes.empty()) {
      llvm::json::Array Related, Steps;
      for (size_t I = 0; I < F.Notes.size(); ++I) {
        llvm::json::Object L = location(F.Notes[I].Where, F.Notes[I].Message);
        L["id"] = I + 1;
        Related.push_back(std::move(L));
      }
      // The notes are in story order; the primary location is where the
      // story ends (the use of freed memory), or where it starts when it
      // comes before the first note (a raw-new-delete allocation).
      const SourcePoint &First = F.Notes.front().Where;
      bool PrimaryFirst = F.Where.File == First.File && F.Where.Offset < First.Offset;
      auto step = [](llvm::json::Object Location) {
        return llvm::json::Object{{"location", std::move(Location)}, {"nestingLevel", 0}};
      };
      if (PrimaryFirst)
        Steps.push_back(step(location(F.Where, F.Message)));
      // A note at the primary location itself is advice, not a step.
      for (const FindingNote &N : F.Notes)
        if (N.Where.File != F.Where.File || N.Where.Offset != F.Where.Offset)
          Steps.push_back(step(location(N.Where, N.Message)));
      if (!PrimaryFirst)
        Steps.push_back(step(location(F.Where, F.Message)));
      R["relatedLocations"] = std::move(Related);
      R["codeFlows"] = llvm::json::Array{llvm::json::Object{
          {"threadFlows", llvm::json::Array{llvm::json::Object{{"locations", std::move(Steps)}}}}}};
    }
    if (!F.Fixes.empty()) {
      // One artifactChange per file, in first-seen order.
      llvm::json::Array Changes;
      std::vector<std::string> Files;
      for (const Edit &E : F.Fixes)
        if (std::find(Files.begin(), Files.end(), E.File) == Files.end())
          Files.push_back(E.File);
      for (const std::string &File : Files) {
        llvm::json::Array Replacements;
        for (const Edit &E : F.Fixes)
          if (E.File == File)
            Replacements.push_back(llvm::json::Object{
                {"deletedRegion",
                 llvm::json::Object{{"byteOffset", E.Offset}, {"byteLength", E.Length}}},
                {"insertedContent", llvm::json::Object{{"text", E.Replacement}}}});
        Changes.push_back(llvm::json::Object{{"artifactLocation", artifactLocation(File)},
                                             {"replacements", std::move(Replacements)}});
      }
      R["fixes"] = llvm::json::Array{llvm::json::Object{
          {"description", llvm::json::Object{{"text", "apply the fix-it of " + F.Check}}},
          {"artifactChanges", std::move(Changes)}}};
    }
    if (!F.Fingerprint.empty())
      R["partialFingerprints"] = llvm::json::Object{{"ownlint/v1", F.Fingerprint}};
    if (From != F.Where.File)
      R["properties"] = llvm::json::Object{{"translationUnit", From}};
    return R;
  }

  llvm::json::Value rule(const RuleInfo &Info) {
    llvm::json::Object Rule{{"id", Info.Id},
                            {"shortDescription", llvm::json::Object{{"text", Info.Summary}}},
                            {"fullDescription", llvm::json::Object{{"text", Info.Summary}}},
                            {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}},
                            {"properties", llvm::json::Object{{"tags", llvm::json::Array{
                                                                           "ownership"}}}}};
    std::string HelpText = Info.Summary;
    if (!Info.HelpUri.empty()) {
      Rule["helpUri"] = Info.HelpUri;
      HelpText += " (" + Info.HelpUri + ")";
    }
    llvm::json::Object Help{{"text", std::move(HelpText)}};
    if (!Info.Help.empty())
      Help["markdown"] = Info.Help;
    Rule["help"] = std::move(Help);
    return Rule;
  }

  llvm::json::Value run(const std::vector<FileResult> &Results) {
    llvm::json::Array Rules, SarifResults, Notifications, Artifacts;
    for (const RuleInfo &Info : Run.Rules)
      Rules.push_back(rule(Info));
    bool Successful = true;
    for (const FileResult &R : Results) {
      Artifacts.push_back(
          llvm::json::Object{{"location", artifactLocation(R.File)},
                             {"properties", llvm::json::Object{{"status", statusName(R.State)}}}});
      if (!R.Error.empty())
        Notifications.push_back(llvm::json::Object{
            {"level", "error"},
            {"message", llvm::json::Object{{"text", R.Error}}},
            {"locations", llvm::json::Array{llvm::json::Object{
                              {"physicalLocation",
                               llvm::json::Object{{"artifactLocation", artifactLocation(R.File)}}}}}}});
      Successful &= R.State != FileResult::Status::InternalError;
      for (const Finding &F : R.Findings)
        if (!F.isCompilerDiagnostic())
          SarifResults.push_back(result(F, R.File));
    }
    llvm::json::Object Driver{{"name", "ownlint"}, {"rules", std::move(Rules)}};
    if (!Run.ToolVersion.empty()) {
      Driver["version"] = Run.ToolVersion;
      Driver["semanticVersion"] = Run.ToolVersion;
    }
    llvm::json::Object SarifRun{
        {"tool", llvm::json::Object{{"driver", std::move(Driver)}}},
        {"columnKind", "utf16CodeUnits"},
        {"artifacts", std::move(Artifacts)},
        {"invocations",
         llvm::json::Array{llvm::json::Object{
             {"executionSuccessful", Successful},
             {"toolExecutionNotifications", std::move(Notifications)}}}},
        {"results", std::move(SarifResults)}};
    if (!Run.Root.empty()) {
      std::string RootUri = fileUri(Run.Root);
      if (RootUri.back() != '/')
        RootUri += '/';
      SarifRun["originalUriBaseIds"] =
          llvm::json::Object{{RootId, llvm::json::Object{{"uri", std::move(RootUri)}}}};
    }
    return llvm::json::Object{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                              {"version", "2.1.0"},
                              {"runs", llvm::json::Array{std::move(SarifRun)}}};
  }

private:
  const RunInfo &Run;
  llvm::StringMap<size_t> RuleIndex;
  SourceLines Lines;
};

} // namespace

void emitSarif(const std::vector<FileResult> &Results, const RunInfo &Run,
               llvm::raw_ostream &OS) {
  SarifWriter Writer(Run);
  OS << llvm::formatv("{0:2}", Writer.run(Results)) << "\n";
}

} // namespace ownlint
