#include "Reports.h"
#include "SourceLines.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <tuple>

namespace ownlint {

namespace {

llvm::Error malformed(llvm::StringRef Name, const llvm::Twine &What) {
  return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                 "'" + Name + "' is not an ownlint report: " + What);
}

std::string str(const llvm::json::Object *O, llvm::StringRef Key) {
  if (!O)
    return "";
  if (std::optional<llvm::StringRef> S = O->getString(Key))
    return S->str();
  return "";
}

unsigned num(const llvm::json::Object *O, llvm::StringRef Key) {
  if (!O)
    return 0;
  if (std::optional<int64_t> N = O->getInteger(Key))
    return *N < 0 ? 0 : static_cast<unsigned>(*N);
  return 0;
}

// --- ownlint's JSON -------------------------------------------------------

SourcePoint jsonPoint(const llvm::json::Object *O) {
  SourcePoint P;
  P.File = str(O, "file");
  P.Line = num(O, "line");
  P.Column = num(O, "column");
  P.Offset = num(O, "offset");
  return P;
}

llvm::Expected<ReadReport> readJson(const llvm::json::Object &Doc, llvm::StringRef Name) {
  std::optional<int64_t> Version = Doc.getInteger("version");
  if (!Version)
    Version = Doc.getInteger("formatVersion"); // version 1 named it so
  if (!Version || *Version < 1 || *Version > ReportVersion)
    return malformed(Name, "unknown JSON report version");
  ReadReport Out;
  Out.Run.ToolVersion = str(&Doc, "toolVersion");
  Out.Run.Root = str(&Doc, "root");
  llvm::StringMap<size_t> Index;
  if (const llvm::json::Array *Files = Doc.getArray("files"))
    for (const llvm::json::Value &V : *Files) {
      const llvm::json::Object *F = V.getAsObject();
      FileResult R;
      R.File = str(F, "file");
      if (std::optional<FileResult::Status> S = parseStatus(str(F, "status")))
        R.State = *S;
      R.Error = str(F, "error");
      Index[R.File] = Out.Results.size();
      Out.Results.push_back(std::move(R));
    }
  const llvm::json::Array *Findings = Doc.getArray("findings");
  if (!Findings)
    return malformed(Name, "no \"findings\"");
  for (const llvm::json::Value &V : *Findings) {
    const llvm::json::Object *O = V.getAsObject();
    Finding F;
    F.Check = str(O, "check");
    F.Severity = str(O, "severity") == "error" ? Finding::Level::Error : Finding::Level::Warning;
    F.Where = jsonPoint(O ? O->getObject("location") : nullptr);
    F.Message = str(O, "message");
    F.Fingerprint = str(O, "fingerprint");
    if (const llvm::json::Array *Notes = O ? O->getArray("notes") : nullptr)
      for (const llvm::json::Value &N : *Notes)
        F.Notes.push_back({jsonPoint(N.getAsObject() ? N.getAsObject()->getObject("location")
                                                     : nullptr),
                           str(N.getAsObject(), "message")});
    if (const llvm::json::Array *Fixes = O ? O->getArray("fixes") : nullptr)
      for (const llvm::json::Value &E : *Fixes) {
        const llvm::json::Object *EO = E.getAsObject();
        F.Fixes.push_back({str(EO, "file"), num(EO, "offset"), num(EO, "length"),
                           str(EO, "replacement")});
      }
    if (F.Check.empty())
      return malformed(Name, "a finding without a check");
    // Findings belong to the file whose analysis found them.
    std::string From = str(O, "from");
    auto It = Index.find(From.empty() ? F.Where.File : From);
    if (It == Index.end()) {
      if (Out.Results.empty()) {
        Out.Results.push_back(FileResult());
        Out.Results.back().File = F.Where.File;
      }
      Out.Results.front().Findings.push_back(std::move(F));
    } else {
      Out.Results[It->second].Findings.push_back(std::move(F));
    }
  }
  return Out;
}

// --- SARIF ------------------------------------------------------------------

std::string percentDecode(llvm::StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned Byte;
    if (S[I] == '%' && I + 2 < S.size() + 0 && !S.substr(I + 1, 2).getAsInteger(16, Byte)) {
      Out += static_cast<char>(Byte);
      I += 2;
    } else {
      Out += S[I];
    }
  }
  return Out;
}

class SarifReader {
public:
  SarifReader(const llvm::json::Object &Run) {
    if (const llvm::json::Object *Bases = Run.getObject("originalUriBaseIds"))
      for (const auto &Entry : *Bases)
        if (const llvm::json::Object *B = Entry.second.getAsObject())
          BaseIds[Entry.first.str()] = pathOfUri(str(B, "uri"));
  }

  static std::string pathOfUri(llvm::StringRef Uri) {
    if (Uri.consume_front("file://"))
      return percentDecode(Uri);
    return percentDecode(Uri);
  }

  std::string file(const llvm::json::Object *ArtifactLocation) {
    std::string Uri = str(ArtifactLocation, "uri");
    std::string Base = str(ArtifactLocation, "uriBaseId");
    if (Base.empty() || !BaseIds.count(Base))
      return pathOfUri(Uri);
    llvm::SmallString<256> Path(BaseIds[Base]);
    llvm::sys::path::append(Path, percentDecode(Uri));
    return std::string(Path);
  }

  SourcePoint point(const llvm::json::Object *Location) {
    const llvm::json::Object *Phys = Location ? Location->getObject("physicalLocation") : nullptr;
    const llvm::json::Object *Region = Phys ? Phys->getObject("region") : nullptr;
    SourcePoint P;
    P.File = file(Phys ? Phys->getObject("artifactLocation") : nullptr);
    P.Offset = num(Region, "byteOffset");
    // Columns in the log count UTF-16 units; from the file, bytes again.
    Lines.lineColumn(P.File, P.Offset, P.Line, P.Column);
    if (!P.Line) {
      P.Line = num(Region, "startLine");
      P.Column = num(Region, "startColumn");
    }
    return P;
  }

  llvm::StringMap<std::string> BaseIds;
  SourceLines Lines;
};

std::string messageText(const llvm::json::Object *O) {
  return str(O ? O->getObject("message") : nullptr, "text");
}

llvm::Expected<ReadReport> readSarif(const llvm::json::Object &Doc, llvm::StringRef Name) {
  const llvm::json::Array *Runs = Doc.getArray("runs");
  if (!Runs)
    return malformed(Name, "a SARIF log without runs");
  ReadReport Out;
  llvm::StringMap<size_t> Index;
  for (const llvm::json::Value &RunValue : *Runs) {
    const llvm::json::Object *Run = RunValue.getAsObject();
    if (!Run)
      return malformed(Name, "a run is not an object");
    SarifReader Reader(*Run);
    if (Out.Run.Root.empty() && Reader.BaseIds.count("%SRCROOT%"))
      Out.Run.Root = llvm::StringRef(Reader.BaseIds["%SRCROOT%"]).rtrim('/').str();
    const llvm::json::Object *Tool = Run->getObject("tool");
    const llvm::json::Object *Driver = Tool ? Tool->getObject("driver") : nullptr;
    if (str(Driver, "name") != "ownlint")
      return malformed(Name, "a SARIF run of another tool ('" + str(Driver, "name") + "')");
    Out.Run.ToolVersion = str(Driver, "version");
    auto resultFor = [&](const std::string &File) -> FileResult & {
      auto It = Index.find(File);
      if (It != Index.end())
        return Out.Results[It->second];
      Index[File] = Out.Results.size();
      Out.Results.push_back(FileResult());
      Out.Results.back().File = File;
      return Out.Results.back();
    };
    if (const llvm::json::Array *Artifacts = Run->getArray("artifacts"))
      for (const llvm::json::Value &A : *Artifacts) {
        const llvm::json::Object *AO = A.getAsObject();
        FileResult &R = resultFor(Reader.file(AO ? AO->getObject("location") : nullptr));
        const llvm::json::Object *Props = AO ? AO->getObject("properties") : nullptr;
        if (std::optional<FileResult::Status> S = parseStatus(str(Props, "status")))
          R.State = *S;
      }
    if (const llvm::json::Array *Invocations = Run->getArray("invocations"))
      for (const llvm::json::Value &I : *Invocations)
        if (const llvm::json::Array *Notes =
                I.getAsObject() ? I.getAsObject()->getArray("toolExecutionNotifications")
                                : nullptr)
          for (const llvm::json::Value &N : *Notes) {
            const llvm::json::Object *NO = N.getAsObject();
            const llvm::json::Array *Locs = NO ? NO->getArray("locations") : nullptr;
            if (!Locs || Locs->empty())
              continue;
            const llvm::json::Object *Phys =
                (*Locs)[0].getAsObject() ? (*Locs)[0].getAsObject()->getObject("physicalLocation")
                                         : nullptr;
            resultFor(Reader.file(Phys ? Phys->getObject("artifactLocation") : nullptr)).Error =
                messageText(NO);
          }
    const llvm::json::Array *Results = Run->getArray("results");
    if (!Results)
      return malformed(Name, "a SARIF run without results");
    for (const llvm::json::Value &V : *Results) {
      const llvm::json::Object *O = V.getAsObject();
      if (!O)
        return malformed(Name, "a result is not an object");
      Finding F;
      F.Check = str(O, "ruleId");
      F.Severity = str(O, "level") == "error" ? Finding::Level::Error : Finding::Level::Warning;
      F.Message = messageText(O);
      const llvm::json::Array *Locs = O->getArray("locations");
      if (!Locs || Locs->empty())
        return malformed(Name, "a result without a location");
      F.Where = Reader.point((*Locs)[0].getAsObject());
      if (const llvm::json::Array *Related = O->getArray("relatedLocations"))
        for (const llvm::json::Value &L : *Related)
          F.Notes.push_back({Reader.point(L.getAsObject()), messageText(L.getAsObject())});
      if (const llvm::json::Array *Fixes = O->getArray("fixes"))
        for (const llvm::json::Value &Fix : *Fixes) {
          const llvm::json::Array *Changes =
              Fix.getAsObject() ? Fix.getAsObject()->getArray("artifactChanges") : nullptr;
          for (const llvm::json::Value &C : Changes ? *Changes : llvm::json::Array()) {
            const llvm::json::Object *CO = C.getAsObject();
            std::string File = Reader.file(CO ? CO->getObject("artifactLocation") : nullptr);
            const llvm::json::Array *Reps = CO ? CO->getArray("replacements") : nullptr;
            for (const llvm::json::Value &Rep : Reps ? *Reps : llvm::json::Array()) {
              const llvm::json::Object *RO = Rep.getAsObject();
              const llvm::json::Object *Del = RO ? RO->getObject("deletedRegion") : nullptr;
              const llvm::json::Object *Ins = RO ? RO->getObject("insertedContent") : nullptr;
              F.Fixes.push_back({File, num(Del, "byteOffset"), num(Del, "byteLength"),
                                 str(Ins, "text")});
            }
          }
        }
      F.Fingerprint = str(O->getObject("partialFingerprints"), "ownlint/v1");
      // A result belongs to the file whose analysis found it.
      std::string From = str(O->getObject("properties"), "translationUnit");
      resultFor(From.empty() ? F.Where.File : From).Findings.push_back(std::move(F));
    }
  }
  return Out;
}

} // namespace

llvm::Expected<ReadReport> readReport(llvm::StringRef Text, llvm::StringRef Name) {
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  if (!Parsed)
    return malformed(Name, llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Doc = Parsed->getAsObject();
  if (!Doc)
    return malformed(Name, "not a JSON object");
  if (Doc->getArray("runs"))
    return readSarif(*Doc, Name);
  if (str(Doc, "tool") == "ownlint")
    return readJson(*Doc, Name);
  return malformed(Name, "neither ownlint's JSON nor SARIF");
}

void dropRepeatedFindings(std::vector<FileResult> &Results) {
  llvm::StringSet<> Seen;
  for (FileResult &R : Results)
    llvm::erase_if(R.Findings, [&](const Finding &F) {
      std::string Key = F.Check + '\0' + F.Where.File + '\0' + std::to_string(F.Where.Offset) +
                        '\0' + F.Message;
      return !Seen.insert(Key).second;
    });
}

std::vector<FileResult> mergeResults(std::vector<FileResult> All) {
  std::stable_sort(All.begin(), All.end(),
                   [](const FileResult &A, const FileResult &B) { return A.File < B.File; });
  std::vector<FileResult> Out;
  for (FileResult &R : All) {
    if (!Out.empty() && Out.back().File == R.File) {
      // The same file in two reports: a header's findings, or a file
      // analysed by two shards; keep what both found, once.
      for (Finding &F : R.Findings)
        Out.back().Findings.push_back(std::move(F));
      if (Out.back().State == FileResult::Status::Analysed && R.State != Out.back().State) {
        Out.back().State = R.State;
        Out.back().Error = R.Error;
      }
      continue;
    }
    Out.push_back(std::move(R));
  }
  dropRepeatedFindings(Out);
  return Out;
}

} // namespace ownlint
