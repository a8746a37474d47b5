#include "Baseline.h"
#include "Fingerprint.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <tuple>

namespace ownlint {

namespace {
constexpr int BaselineVersion = 1;

std::string field(const llvm::json::Object &O, llvm::StringRef Key) {
  std::optional<llvm::StringRef> S = O.getString(Key);
  return S ? S->str() : "";
}
} // namespace

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read baseline '" + Path +
                                                          "': " + Buffer.getError().message());
  auto Bad = [&](const llvm::Twine &Why) {
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   "'" + Path + "' is not an ownlint baseline: " + Why);
  };
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return Bad(llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Doc = Parsed->getAsObject();
  if (!Doc || Doc->getString("tool") != llvm::StringRef("ownlint"))
    return Bad("no \"tool\": \"ownlint\"");
  std::optional<int64_t> Version = Doc->getInteger("baselineVersion");
  if (!Version || *Version != BaselineVersion)
    return Bad("unknown \"baselineVersion\"");
  const llvm::json::Array *Findings = Doc->getArray("findings");
  if (!Findings)
    return Bad("no \"findings\"");
  Baseline B;
  for (const llvm::json::Value &V : *Findings) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O || !O->getString("fingerprint"))
      return Bad("an entry without a \"fingerprint\"");
    B.Entries.push_back(
        {field(*O, "fingerprint"), field(*O, "check"), field(*O, "file"), field(*O, "message")});
  }
  return B;
}

void writeBaseline(const std::vector<FileResult> &Results, llvm::StringRef Root,
                   llvm::raw_ostream &OS) {
  std::vector<BaselineEntry> Entries;
  for (const FileResult &R : Results)
    for (const Finding &F : R.Findings)
      if (!F.isCompilerDiagnostic())
        Entries.push_back({F.Fingerprint, F.Check, relativeTo(F.Where.File, Root), F.Message});
  std::sort(Entries.begin(), Entries.end(), [](const BaselineEntry &A, const BaselineEntry &B) {
    return std::tie(A.File, A.Check, A.Fingerprint) < std::tie(B.File, B.Check, B.Fingerprint);
  });
  llvm::json::Array Out;
  for (const BaselineEntry &E : Entries)
    Out.push_back(llvm::json::Object{{"fingerprint", E.Fingerprint},
                                     {"check", E.Check},
                                     {"file", E.File},
                                     {"message", E.Message}});
  OS << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{
                                   {"tool", "ownlint"},
                                   {"baselineVersion", BaselineVersion},
                                   {"findings", std::move(Out)}}))
     << "\n";
}

BaselineOutcome applyBaseline(std::vector<FileResult> &Results, const Baseline &B,
                              llvm::StringRef Root, bool WholeProject) {
  // A fingerprint may be accepted more than once (identical findings are
  // ranked apart, but a baseline edited by hand may repeat one).
  llvm::StringMap<unsigned> Accepted;
  for (const BaselineEntry &E : B.Entries)
    ++Accepted[E.Fingerprint];
  BaselineOutcome Out;
  llvm::StringSet<> Analysed;
  for (FileResult &R : Results) {
    if (R.State == FileResult::Status::Analysed)
      Analysed.insert(relativeTo(R.File, Root));
    llvm::erase_if(R.Findings, [&](const Finding &F) {
      auto It = Accepted.find(F.Fingerprint);
      if (F.isCompilerDiagnostic() || It == Accepted.end() || It->second == 0)
        return false;
      --It->second;
      ++Out.Suppressed;
      return true;
    });
  }
  for (const BaselineEntry &E : B.Entries) {
    auto It = Accepted.find(E.Fingerprint);
    if (It->second == 0 || !(WholeProject || Analysed.contains(E.File)))
      continue;
    --It->second;
    Out.Stale.push_back(E);
  }
  return Out;
}

} // namespace ownlint
