#include "ResultJson.h"

namespace ownlint {

namespace {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

Value point(const SourcePoint &P) {
  return Array{P.File, P.Offset, P.Line, P.Column};
}

bool readUnsigned(const Value *V, unsigned &Out) {
  std::optional<int64_t> I = V ? V->getAsInteger() : std::nullopt;
  if (!I || *I < 0 || *I > int64_t(~0u))
    return false;
  Out = unsigned(*I);
  return true;
}

bool readString(const Value *V, std::string &Out) {
  std::optional<llvm::StringRef> S = V ? V->getAsString() : std::nullopt;
  if (!S)
    return false;
  Out = S->str();
  return true;
}

bool readPoint(const Value *V, SourcePoint &P) {
  const Array *A = V ? V->getAsArray() : nullptr;
  return A && A->size() == 4 && readString(&(*A)[0], P.File) && readUnsigned(&(*A)[1], P.Offset) &&
         readUnsigned(&(*A)[2], P.Line) && readUnsigned(&(*A)[3], P.Column);
}

bool readFinding(const Value &V, Finding &F) {
  const Object *O = V.getAsObject();
  if (!O)
    return false;
  std::string Severity;
  if (!readString(O->get("check"), F.Check) || !readString(O->get("severity"), Severity) ||
      !readPoint(O->get("where"), F.Where) || !readString(O->get("message"), F.Message))
    return false;
  if (Severity != "warning" && Severity != "error")
    return false;
  F.Severity = Severity == "error" ? Finding::Level::Error : Finding::Level::Warning;
  const Array *Notes = O->getArray("notes");
  const Array *Fixes = O->getArray("fixes");
  if (!Notes || !Fixes)
    return false;
  for (const Value &N : *Notes) {
    const Array *A = N.getAsArray();
    FindingNote Note;
    if (!A || A->size() != 2 || !readPoint(&(*A)[0], Note.Where) ||
        !readString(&(*A)[1], Note.Message))
      return false;
    F.Notes.push_back(std::move(Note));
  }
  for (const Value &E : *Fixes) {
    const Array *A = E.getAsArray();
    Edit Fix;
    if (!A || A->size() != 4 || !readString(&(*A)[0], Fix.File) ||
        !readUnsigned(&(*A)[1], Fix.Offset) || !readUnsigned(&(*A)[2], Fix.Length) ||
        !readString(&(*A)[3], Fix.Replacement))
      return false;
    F.Fixes.push_back(std::move(Fix));
  }
  return true;
}

} // namespace

Value resultToJson(const FileResult &R) {
  Array Findings;
  for (const Finding &F : R.Findings) {
    Array Notes, Fixes;
    for (const FindingNote &N : F.Notes)
      Notes.push_back(Array{point(N.Where), N.Message});
    for (const Edit &E : F.Fixes)
      Fixes.push_back(Array{E.File, E.Offset, E.Length, E.Replacement});
    Findings.push_back(Object{{"check", F.Check},
                              {"severity", F.Severity == Finding::Level::Error ? "error" : "warning"},
                              {"where", point(F.Where)},
                              {"message", F.Message},
                              {"notes", std::move(Notes)},
                              {"fixes", std::move(Fixes)}});
  }
  return Object{{"file", R.File},
                {"status", statusName(R.State)},
                {"error", R.Error},
                {"findings", std::move(Findings)}};
}

std::optional<FileResult> resultFromJson(const Value &V) {
  const Object *O = V.getAsObject();
  FileResult R;
  std::string Status;
  if (!O || !readString(O->get("file"), R.File) || !readString(O->get("status"), Status) ||
      !readString(O->get("error"), R.Error))
    return std::nullopt;
  std::optional<FileResult::Status> Known = parseStatus(Status);
  const Array *Findings = O->getArray("findings");
  if (!Known || !Findings)
    return std::nullopt;
  R.State = *Known;
  for (const Value &F : *Findings) {
    Finding Out;
    if (!readFinding(F, Out))
      return std::nullopt;
    R.Findings.push_back(std::move(Out));
  }
  return R;
}

} // namespace ownlint
