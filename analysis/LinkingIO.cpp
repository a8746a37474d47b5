#include "LinkingIO.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

namespace ownlint {

namespace {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

// Bit masks as hex text: JSON numbers do not hold every uint64_t.
std::string mask(uint64_t M) { return llvm::utohexstr(M, /*LowerCase=*/true); }

std::optional<uint64_t> readMask(const Object &O, llvm::StringRef Key) {
  std::optional<llvm::StringRef> S = O.getString(Key);
  uint64_t M = 0;
  if (!S || S->getAsInteger(16, M))
    return std::nullopt;
  return M;
}

std::optional<AllocKind> readKind(const Object &O, llvm::StringRef Key) {
  std::optional<int64_t> K = O.getInteger(Key);
  if (!K || *K < 0 || *K > int64_t(AllocKind::External))
    return std::nullopt;
  return AllocKind(*K);
}

Value paramJson(const ParamSummary &P) {
  return Object{{"frees", P.Frees},
                {"freeKind", int64_t(P.FreeKind)},
                {"stores", P.Stores},
                {"movesFrom", P.MovesFrom},
                {"maybeMovesFrom", P.MaybeMovesFrom},
                {"forwardKey", P.ForwardKey},
                {"forwardIndex", P.ForwardIndex},
                {"mustForward", P.MustForward},
                {"storesOtherwise", P.StoresOtherwise},
                {"outFresh", P.OutFresh},
                {"outKind", int64_t(P.OutKind)}};
}

Value summaryJson(const FunctionSummary &S) {
  Array Params;
  for (const ParamSummary &P : S.Params)
    Params.push_back(paramJson(P));
  return Object{{"params", std::move(Params)},
                {"returnsAllocation", S.ReturnsAllocation},
                {"returnedKind", int64_t(S.ReturnedKind)}};
}

std::optional<ParamSummary> readParam(const Value &V) {
  const Object *O = V.getAsObject();
  if (!O)
    return std::nullopt;
  ParamSummary P;
  std::optional<bool> Frees = O->getBoolean("frees"), Stores = O->getBoolean("stores"),
                      Moves = O->getBoolean("movesFrom"),
                      MaybeMoves = O->getBoolean("maybeMovesFrom"),
                      Must = O->getBoolean("mustForward"),
                      Otherwise = O->getBoolean("storesOtherwise"),
                      Fresh = O->getBoolean("outFresh");
  std::optional<llvm::StringRef> Key = O->getString("forwardKey");
  std::optional<int64_t> Index = O->getInteger("forwardIndex");
  std::optional<AllocKind> FreeKind = readKind(*O, "freeKind"), OutKind = readKind(*O, "outKind");
  if (!Frees || !Stores || !Moves || !MaybeMoves || !Must || !Otherwise || !Fresh || !Key ||
      !Index || *Index < 0 || *Index > int64_t(~0u) || !FreeKind || !OutKind)
    return std::nullopt;
  P.Frees = *Frees;
  P.FreeKind = *FreeKind;
  P.Stores = *Stores;
  P.MovesFrom = *Moves;
  P.MaybeMovesFrom = *MaybeMoves;
  P.ForwardKey = Key->str();
  P.ForwardIndex = unsigned(*Index);
  P.MustForward = *Must;
  P.StoresOtherwise = *Otherwise;
  P.OutFresh = *Fresh;
  P.OutKind = *OutKind;
  return P;
}

std::optional<FunctionSummary> readSummary(const Value &V) {
  const Object *O = V.getAsObject();
  const Array *Params = O ? O->getArray("params") : nullptr;
  std::optional<bool> Returns = O ? O->getBoolean("returnsAllocation") : std::nullopt;
  std::optional<AllocKind> Kind = O ? readKind(*O, "returnedKind") : std::nullopt;
  if (!Params || !Returns || !Kind)
    return std::nullopt;
  FunctionSummary S;
  S.ReturnsAllocation = *Returns;
  S.ReturnedKind = *Kind;
  for (const Value &P : *Params) {
    std::optional<ParamSummary> Param = readParam(P);
    if (!Param)
      return std::nullopt;
    S.Params.push_back(std::move(*Param));
  }
  return S;
}

} // namespace

std::string linkageToText(const UnitLinkage &Unit) {
  Object Defined;
  for (const auto &Entry : Unit.Defined)
    Defined[Entry.getKey()] = summaryJson(Entry.getValue());
  Array Calls;
  for (const ExternalCallRecord &C : Unit.Calls)
    Calls.push_back(Object{{"callee", C.Callee},
                           {"tracked", mask(C.TrackedArgs)},
                           {"local", mask(C.LocalArgs)},
                           {"resultUsed", C.ResultUsed}});
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << Value(Object{
      {"recorded", Unit.Recorded}, {"defined", std::move(Defined)}, {"calls", std::move(Calls)}});
  return Out;
}

std::optional<UnitLinkage> linkageFromText(llvm::StringRef Text) {
  llvm::Expected<Value> Doc = llvm::json::parse(Text);
  if (!Doc) {
    llvm::consumeError(Doc.takeError());
    return std::nullopt;
  }
  const Object *O = Doc->getAsObject();
  const Object *Defined = O ? O->getObject("defined") : nullptr;
  const Array *Calls = O ? O->getArray("calls") : nullptr;
  std::optional<bool> Recorded = O ? O->getBoolean("recorded") : std::nullopt;
  if (!Defined || !Calls || !Recorded)
    return std::nullopt;
  UnitLinkage Unit;
  Unit.Recorded = *Recorded;
  for (const auto &Entry : *Defined) {
    std::optional<FunctionSummary> S = readSummary(Entry.second);
    if (!S)
      return std::nullopt;
    Unit.Defined[Entry.first.str()] = std::move(*S);
  }
  for (const Value &C : *Calls) {
    const Object *Call = C.getAsObject();
    std::optional<llvm::StringRef> Callee = Call ? Call->getString("callee") : std::nullopt;
    std::optional<uint64_t> Tracked = Call ? readMask(*Call, "tracked") : std::nullopt;
    std::optional<uint64_t> Local = Call ? readMask(*Call, "local") : std::nullopt;
    std::optional<bool> Used = Call ? Call->getBoolean("resultUsed") : std::nullopt;
    if (!Callee || !Tracked || !Local || !Used)
      return std::nullopt;
    Unit.Calls.push_back({Callee->str(), *Tracked, *Local, *Used});
  }
  return Unit;
}

std::string summaryText(const FunctionSummary *Summary) {
  if (!Summary)
    return "";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  // llvm::json prints an object's keys sorted: equal summaries, equal text.
  OS << summaryJson(*Summary);
  return Out;
}

} // namespace ownlint
