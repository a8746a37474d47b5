#include "Linking.h"

#include "clang/AST/Decl.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

#include <algorithm>
#include <mutex>

using namespace clang;

namespace ownlint {

std::string linkageKey(const FunctionDecl &FD) {
  if (!FD.isExternallyVisible() || FD.isDependentContext() || FD.isTemplateInstantiation())
    return "";
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(&FD, USR))
    return "";
  return std::string(USR);
}

namespace {

// What a parameter that is handed on resolves to, once its target is known;
// nullopt while the target itself waits on another hand-on.
std::optional<ParamSummary> resolveHandOn(const ParamSummary &P, const LinkedSummaries &Table) {
  auto It = Table.find(P.ForwardKey);
  if (It == Table.end() || P.ForwardIndex >= It->second.Params.size())
    return P; // not defined in the run: it keeps the pointer, as before
  const ParamSummary &Target = It->second.Params[P.ForwardIndex];
  if (!Target.ForwardKey.empty() && !Target.StoresOtherwise)
    return std::nullopt;
  ParamSummary R = P;
  R.ForwardKey.clear();
  if (Target.Frees && P.MustForward) {
    R.Frees = true;
    R.FreeKind = Target.FreeKind;
    R.Stores = false;
  } else if (Target.Frees || Target.Stores) {
    R.Stores = true; // kept, or freed on some paths only: not manifest
  } else {
    R.Stores = false; // the target only reads it
  }
  return R;
}

// Why a call's file is analysed again, or null when the linked summary
// changes nothing there.
const char *interesting(const ExternalCallRecord &Call, const FunctionSummary &S) {
  if (Call.ResultUsed && S.ReturnsAllocation)
    return "returns a new object";
  for (unsigned I = 0; I < S.Params.size() && I < 64; ++I) {
    const ParamSummary &P = S.Params[I];
    if ((Call.TrackedArgs >> I & 1) && P.Frees)
      return "frees an argument";
    if ((Call.TrackedArgs >> I & 1) && P.MovesFrom)
      return "moves from an argument";
    if ((Call.TrackedArgs >> I & 1) && P.OutFresh)
      return "puts a new object in an argument";
    if ((Call.LocalArgs >> I & 1) && !P.Frees && !P.Stores)
      return "only reads a local's object"; // the caller still owns it
  }
  return nullptr;
}

} // namespace

namespace {

bool sameSummary(const FunctionSummary &A, const FunctionSummary &B) {
  if (A.ReturnsAllocation != B.ReturnsAllocation || A.ReturnedKind != B.ReturnedKind ||
      A.Params.size() != B.Params.size())
    return false;
  for (size_t I = 0; I < A.Params.size(); ++I) {
    const ParamSummary &P = A.Params[I], &Q = B.Params[I];
    if (P.Frees != Q.Frees || P.FreeKind != Q.FreeKind || P.Stores != Q.Stores ||
        P.MovesFrom != Q.MovesFrom || P.MaybeMovesFrom != Q.MaybeMovesFrom ||
        P.ForwardKey != Q.ForwardKey || P.ForwardIndex != Q.ForwardIndex ||
        P.MustForward != Q.MustForward || P.StoresOtherwise != Q.StoresOtherwise ||
        P.OutFresh != Q.OutFresh || P.OutKind != Q.OutKind)
      return false;
  }
  return true;
}

} // namespace

LinkResult link(const std::vector<UnitLinkage> &Units) {
  auto Table = std::make_shared<LinkedSummaries>();
  // One definition per function in a program; a compile database may hold
  // several programs (tests, tools) that define the same name differently:
  // such a name has no summary.
  llvm::StringSet<> Ambiguous;
  for (const UnitLinkage &U : Units)
    for (const auto &Entry : U.Defined) {
      auto Inserted = Table->try_emplace(Entry.getKey(), Entry.getValue());
      if (!Inserted.second && !sameSummary(Inserted.first->second, Entry.getValue()))
        Ambiguous.insert(Entry.getKey());
    }
  for (const auto &Name : Ambiguous)
    Table->erase(Name.getKey());
  // Hand-on chains (a -> b -> c across files) resolve from their ends; a
  // cycle, or a chain longer than the bound, stays "kept".
  for (unsigned Round = 0; Round < 16; ++Round) {
    bool Changed = false;
    for (auto &Entry : *Table)
      for (ParamSummary &P : Entry.getValue().Params) {
        if (P.ForwardKey.empty() || P.StoresOtherwise)
          continue;
        if (std::optional<ParamSummary> R = resolveHandOn(P, *Table)) {
          P = *R;
          P.ForwardKey.clear();
          Changed = true;
        }
      }
    if (!Changed)
      break;
  }
  LinkResult Result;
  for (size_t I = 0; I < Units.size(); ++I)
    for (const ExternalCallRecord &Call : Units[I].Calls) {
      auto It = Table->find(Call.Callee);
      if (It == Table->end())
        continue;
      if (const char *Why = interesting(Call, It->second)) {
        if (std::getenv("OWNLINT_DEBUG"))
          llvm::errs() << "ownlint: link: file #" << I << " again: " << Call.Callee << " " << Why
                       << "\n";
        Result.Reanalyse.push_back(I);
        break;
      }
    }
  Result.Summaries = std::move(Table);
  return Result;
}

namespace {
struct Board {
  std::mutex Lock;
  std::vector<UnitLinkage> Units;
  std::shared_ptr<const LinkedSummaries> Linked;
};
Board &board() {
  static Board B;
  return B;
}
thread_local std::optional<size_t> CurrentUnit;
thread_local llvm::StringSet<> Lookups;
} // namespace

void LinkBoard::startCollecting(size_t Units) {
  std::lock_guard<std::mutex> Guard(board().Lock);
  board().Units.assign(Units, UnitLinkage());
}

void LinkBoard::setCurrentUnit(std::optional<size_t> Unit) { CurrentUnit = Unit; }

std::optional<size_t> LinkBoard::currentUnit() { return CurrentUnit; }

void LinkBoard::record(UnitLinkage Unit) {
  if (!CurrentUnit)
    return;
  std::lock_guard<std::mutex> Guard(board().Lock);
  if (*CurrentUnit < board().Units.size()) {
    Unit.Recorded = true;
    // A file analysed again after a crash records again: the last run counts.
    board().Units[*CurrentUnit] = std::move(Unit);
  }
}

std::vector<UnitLinkage> LinkBoard::takeUnits() {
  std::lock_guard<std::mutex> Guard(board().Lock);
  return std::move(board().Units);
}

void LinkBoard::install(std::shared_ptr<const LinkedSummaries> Linked) {
  std::lock_guard<std::mutex> Guard(board().Lock);
  board().Linked = std::move(Linked);
}

const FunctionSummary *LinkBoard::linked(llvm::StringRef Key) {
  // Installed between the passes, while no file is analysed: read unlocked.
  const LinkedSummaries *Table = board().Linked.get();
  if (!Table)
    return nullptr;
  Lookups.insert(Key); // a miss counts too: a summary that appears changes the result
  auto It = Table->find(Key);
  return It == Table->end() ? nullptr : &It->second;
}

std::vector<std::string> LinkBoard::takeLookups() {
  std::vector<std::string> Keys;
  for (const auto &K : Lookups)
    Keys.push_back(K.getKey().str());
  Lookups.clear();
  std::sort(Keys.begin(), Keys.end());
  return Keys;
}

} // namespace ownlint
