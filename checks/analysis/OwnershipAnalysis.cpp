#include "OwnershipAnalysis.h"
#include "Lowering.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <map>
#include <set>
#include <utility>

using namespace clang;

namespace ownlint {

namespace {

// Literals known on a path: (condition key, value), sorted by key.
using Guard = llvm::SmallVector<std::pair<unsigned, bool>, 2>;

Guard intersect(const Guard &A, const Guard &B) {
  Guard Out;
  for (const auto &L : A)
    if (llvm::is_contained(B, L))
      Out.push_back(L);
  return Out;
}

// Correlations worth remembering are local: keep the most recent literals
// (keys grow in order of appearance), so guards cost O(1), not O(function).
constexpr size_t MaxLiterals = 8;

void addLiteral(Guard &G, unsigned Key, bool Value) {
  for (auto &L : G)
    if (L.first == Key) {
      L.second = Value;
      return;
    }
  G.push_back({Key, Value});
  llvm::sort(G);
  if (G.size() > MaxLiterals)
    G.erase(G.begin());
}

bool contradicts(const Guard &G, unsigned Key, bool Value) {
  for (const auto &L : G)
    if (L.first == Key)
      return L.second != Value;
  return false;
}

enum Status : uint8_t {
  // Heap objects.
  Live,     // allocated here, owned by raw pointers only
  External, // from elsewhere: we do not know who owns it
  Escaped,  // handed to code or storage we do not follow
  Freed,
  Owned,    // adopted by a smart pointer
  // Movable objects.
  Valid,
  Moved,
};

struct Possibility {
  Status S;
  const Stmt *Witness = nullptr; // the event that led here
  Place WitnessVar = nullptr;
  const NamedDecl *Callee = nullptr;
  Guard G;

  bool operator==(const Possibility &O) const {
    return S == O.S && Witness == O.Witness && WitnessVar == O.WitnessVar &&
           Callee == O.Callee && G == O.G;
  }
  bool operator!=(const Possibility &O) const { return !(*this == O); }
};

using Possibilities = llvm::SmallVector<Possibility, 2>;

// A possibility with no story: where nothing is known of how it came about.
Possibility bare(Status S) { return Possibility{S, nullptr, nullptr, nullptr, {}}; }

void addPossibility(Possibilities &Ps, const Possibility &P) {
  for (Possibility &Q : Ps)
    if (Q.S == P.S) {
      Q.G = intersect(Q.G, P.G);
      return;
    }
  Ps.push_back(P);
  std::sort(Ps.begin(), Ps.end(),
            [](const Possibility &A, const Possibility &B) { return A.S < B.S; });
}

bool has(const Possibilities &Ps, Status S) {
  return llvm::any_of(Ps, [&](const Possibility &P) { return P.S == S; });
}

const Possibility *findStatus(const Possibilities &Ps, Status S) {
  for (const Possibility &P : Ps)
    if (P.S == S)
      return &P;
  return nullptr;
}

bool only(const Possibilities &Ps, Status A, Status B = Status(255)) {
  return !Ps.empty() && llvm::all_of(Ps, [&](const Possibility &P) { return P.S == A || P.S == B; });
}

struct PointsTo {
  llvm::SmallVector<unsigned, 2> Objects; // sorted
  bool MayBeNull = false;
  bool operator==(const PointsTo &O) const {
    return Objects == O.Objects && MayBeNull == O.MayBeNull;
  }
  bool operator!=(const PointsTo &O) const { return !(*this == O); }
};

// One per CFG block entry: small inline maps, since only live places stay.
struct State {
  bool Reachable = false;
  llvm::SmallDenseMap<Place, PointsTo, 4> Pointers;
  llvm::SmallDenseMap<unsigned, Possibilities, 4> Objects;
  llvm::SmallDenseMap<Place, Possibilities, 4> Movables;
  Guard Known;

  bool operator==(const State &O) const {
    return Reachable == O.Reachable && Pointers == O.Pointers && Objects == O.Objects &&
           Movables == O.Movables && Known == O.Known;
  }
};

template <class Map, class MergeFn> void mergeMaps(Map &Into, const Map &From, MergeFn Merge) {
  for (const auto &Entry : From) {
    auto It = Into.find(Entry.first);
    if (It == Into.end())
      Into.insert(Entry);
    else
      Merge(It->second, Entry.second);
  }
}

void join(State &Into, const State &From) {
  if (!From.Reachable)
    return;
  if (!Into.Reachable) {
    Into = From;
    return;
  }
  Into.Known = intersect(Into.Known, From.Known);
  mergeMaps(Into.Pointers, From.Pointers, [](PointsTo &A, const PointsTo &B) {
    for (unsigned O : B.Objects)
      if (!llvm::is_contained(A.Objects, O))
        A.Objects.push_back(O);
    llvm::sort(A.Objects);
    A.MayBeNull |= B.MayBeNull;
  });
  auto MergePs = [](Possibilities &A, const Possibilities &B) {
    for (const Possibility &P : B)
      addPossibility(A, P);
  };
  mergeMaps(Into.Objects, From.Objects, MergePs);
  mergeMaps(Into.Movables, From.Movables, MergePs);
}

struct ObjectInfo {
  const Stmt *Site = nullptr; // allocation expression, or where it came from
  AllocKind Kind = AllocKind::External;
};

class Analyser {
public:
  Analyser(const FunctionDecl &FD, ASTContext &Ctx, Summaries &Sums)
      : FD(FD), Ctx(Ctx), L(FD, *FD.getBody(), Ctx, &Sums) {}

  FunctionAnalysis run(bool DumpFacts, bool FindCopies);

private:
  void transfer(const Fact &F, State &S);
  void refine(State &S, const ConditionLiteral &Lit);
  void forget(State &S, Place Changed);
  unsigned objectFor(const void *Key, const Stmt *Site, AllocKind Kind);
  unsigned freshObject(State &S, const void *Key, const Stmt *Site, AllocKind Kind,
                       Possibility Initial);
  PointsTo &pointer(State &S, Place P);
  llvm::SmallVector<unsigned, 2> objectsOf(State &S, const PtrValue &V, const Stmt *Site);
  bool referenced(const State &S, unsigned Object) const;
  void collectUnreferenced(State &S);
  void lose(State &S, unsigned Object, const Stmt *At, Place Var, Problem::LeakHow How);
  void report(Problem P);
  /// A problem about heap object \p O at fact \p F, with \p Prior (the
  /// earlier free or adoption) as its story, if any.
  Problem objectProblem(Problem::Kind K, const Fact &F, unsigned O,
                        const Possibility *Prior) const;
  Possibility here(const State &S, Status St, const Stmt *Witness, Place Var = nullptr,
                   const NamedDecl *Callee = nullptr) const {
    return Possibility{St, Witness, Var, Callee, S.Known};
  }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  Lowering L;
  std::vector<ObjectInfo> Infos;
  llvm::DenseMap<const void *, unsigned> ObjectIds;
  bool Reporting = false;
  std::vector<Problem> Problems;
  llvm::DenseMap<unsigned, llvm::SmallVector<Place, 2>> KeyReads;
  llvm::DenseSet<unsigned> LeakReported;
  const Stmt *FunctionEnd = nullptr;
};

unsigned Analyser::objectFor(const void *Key, const Stmt *Site, AllocKind Kind) {
  auto It = ObjectIds.find(Key);
  if (It != ObjectIds.end())
    return It->second;
  unsigned Id = Infos.size();
  Infos.push_back({Site, Kind});
  ObjectIds[Key] = Id;
  return Id;
}

// A site that makes an object again (a loop) while places still refer to
// the previous one: the previous one moves to the site's second identity,
// merged with what is there, so each site has at most two objects.
unsigned Analyser::freshObject(State &S, const void *Key, const Stmt *Site, AllocKind Kind,
                               Possibility Initial) {
  unsigned Id = objectFor(Key, Site, Kind);
  if (S.Objects.count(Id) && referenced(S, Id)) {
    // Key + 1 is inside the AST node Key points to: never another node's key.
    unsigned Older = objectFor(static_cast<const char *>(Key) + 1, Site, Kind);
    Possibilities Moved = S.Objects[Id];
    if (S.Objects.count(Older))
      for (const Possibility &P : S.Objects[Older])
        addPossibility(Moved, P);
    S.Objects[Older] = std::move(Moved);
    for (auto &Entry : S.Pointers) {
      auto &Objs = Entry.second.Objects;
      if (llvm::is_contained(Objs, Id)) {
        Objs.erase(llvm::find(Objs, Id));
        if (!llvm::is_contained(Objs, Older))
          Objs.push_back(Older);
        llvm::sort(Objs);
      }
    }
  }
  S.Objects[Id] = {std::move(Initial)};
  return Id;
}

PointsTo &Analyser::pointer(State &S, Place P) {
  auto It = S.Pointers.find(P);
  if (It != S.Pointers.end())
    return It->second;
  // A parameter or field seen for the first time: it points to something
  // from elsewhere.
  unsigned Id = objectFor(P, nullptr, AllocKind::External);
  S.Objects[Id] = {bare(External)};
  PointsTo &PT = S.Pointers[P];
  PT.Objects = {Id};
  PT.MayBeNull = true;
  return PT;
}

llvm::SmallVector<unsigned, 2> Analyser::objectsOf(State &S, const PtrValue &V,
                                                   const Stmt *Site) {
  switch (V.K) {
  case PtrValue::FromPlace:
    return pointer(S, V.P).Objects;
  case PtrValue::Alloc:
    return {freshObject(S, V.Site, V.Site, V.Kind, here(S, V.SelfOwned ? External : Live, V.Site))};
  default:
    return {};
  }
}

bool Analyser::referenced(const State &S, unsigned Object) const {
  for (const auto &Entry : S.Pointers)
    if (llvm::is_contained(Entry.second.Objects, Object))
      return true;
  return false;
}

// An object no place refers to can never be touched again; dropping it keeps
// a freed object of one path from haunting the join with another path. Live
// ones were reported as leaks when their last reference went.
void Analyser::collectUnreferenced(State &S) {
  llvm::DenseSet<unsigned> Referenced;
  for (const auto &Entry : S.Pointers)
    for (unsigned O : Entry.second.Objects)
      Referenced.insert(O);
  llvm::SmallVector<unsigned, 4> Dead;
  for (const auto &Entry : S.Objects)
    if (!Referenced.contains(Entry.first) && !has(Entry.second, Live))
      Dead.push_back(Entry.first);
  for (unsigned O : Dead)
    S.Objects.erase(O);
}

Problem Analyser::objectProblem(Problem::Kind K, const Fact &F, unsigned O,
                                const Possibility *Prior) const {
  Problem P{K};
  P.At = F.Site;
  P.Var = F.Value.P;
  P.AllocSite = Infos[O].Site;
  P.Alloc = Infos[O].Kind;
  P.Dealloc = F.Dealloc;
  if (Prior) {
    P.Earlier = Prior->Witness;
    P.EarlierVar = Prior->WitnessVar;
    P.EarlierCallee = Prior->Callee;
    P.EarlierIsAdoption = Prior->S == Owned;
  }
  return P;
}

void Analyser::report(Problem P) {
  if (Reporting)
    Problems.push_back(P);
}

void Analyser::lose(State &S, unsigned Object, const Stmt *At, Place Var, Problem::LeakHow How) {
  auto It = S.Objects.find(Object);
  if (It == S.Objects.end() || referenced(S, Object))
    return;
  const Possibility *LivePs = findStatus(It->second, Live);
  if (LivePs && Reporting && !LeakReported.contains(Object)) {
    LeakReported.insert(Object);
    Problem P{Problem::Leak};
    P.Definite = only(It->second, Live);
    P.At = At;
    P.Var = Var;
    P.AllocSite = Infos[Object].Site;
    P.Alloc = Infos[Object].Kind;
    P.How = How;
    // Where the object is released on the other paths, if it is.
    if (const Possibility *F = findStatus(It->second, Freed))
      P.Earlier = F->Witness;
    report(P);
  }
  S.Objects.erase(It);
}

// Forget literals and guards that read a place that just changed.
void Analyser::forget(State &S, Place Changed) {
  auto Reads = [&](unsigned Key) {
    auto It = KeyReads.find(Key);
    return It != KeyReads.end() && llvm::is_contained(It->second, Changed);
  };
  auto Prune = [&](Guard &G) {
    G.erase(std::remove_if(G.begin(), G.end(), [&](const auto &L) { return Reads(L.first); }),
            G.end());
  };
  Prune(S.Known);
  for (auto &Entry : S.Objects)
    for (Possibility &P : Entry.second)
      Prune(P.G);
  for (auto &Entry : S.Movables)
    for (Possibility &P : Entry.second)
      Prune(P.G);
}

void Analyser::refine(State &S, const ConditionLiteral &Lit) {
  if (Lit.NullTested && !L.isPointerPlace(Lit.NullTested)) {
    // A moved-from smart pointer is null: non-null here means reinitialised.
    auto It = S.Movables.find(Lit.NullTested);
    if (It != S.Movables.end() && Lit.Value) {
      Possibilities &Ps = It->second;
      Ps.erase(std::remove_if(Ps.begin(), Ps.end(),
                              [](const Possibility &P) { return P.S == Moved; }),
               Ps.end());
      if (Ps.empty())
        Ps.push_back(bare(Valid));
    }
  } else if (Lit.NullTested) {
    PointsTo &PT = pointer(S, Lit.NullTested);
    if (Lit.Value) {
      // Non-null, yet it can only be null: this branch cannot be taken.
      if (PT.Objects.empty() && PT.MayBeNull) {
        S.Reachable = false;
        return;
      }
      PT.MayBeNull = false;
    } else {
      if (!PT.MayBeNull) {
        S.Reachable = false; // known non-null
        return;
      }
      llvm::SmallVector<unsigned, 2> Gone = PT.Objects;
      PT.Objects.clear();
      // Null here: the allocation it would hold failed or never happened.
      for (unsigned O : Gone)
        if (!referenced(S, O))
          S.Objects.erase(O);
    }
  }
  // Known to be the opposite: this branch cannot be taken.
  for (const auto &K : S.Known)
    if (K.first == Lit.Key && K.second != Lit.Value) {
      S.Reachable = false;
      return;
    }
  addLiteral(S.Known, Lit.Key, Lit.Value);
  // Possibilities that contradict the literal cannot be on this edge; the
  // others now know it, so a later join keeps it apart from other paths.
  auto Drop = [&](Possibilities &Ps) {
    Ps.erase(std::remove_if(Ps.begin(), Ps.end(),
                            [&](const Possibility &P) {
                              return contradicts(P.G, Lit.Key, Lit.Value);
                            }),
             Ps.end());
    for (Possibility &P : Ps)
      addLiteral(P.G, Lit.Key, Lit.Value);
  };
  for (auto &Entry : S.Objects)
    Drop(Entry.second);
  for (auto It = S.Movables.begin(); It != S.Movables.end(); ++It) {
    Drop(It->second);
    if (It->second.empty())
      It->second.push_back(bare(Valid));
  }
}

void Analyser::transfer(const Fact &F, State &S) {
  switch (F.K) {
  case Fact::Assign: {
    PointsTo Old = S.Pointers.count(F.Target) ? S.Pointers[F.Target] : PointsTo();
    PointsTo New;
    switch (F.Value.K) {
    case PtrValue::Null:
      New.MayBeNull = true;
      break;
    case PtrValue::FromPlace:
      New = pointer(S, F.Value.P);
      break;
    case PtrValue::Alloc: {
      unsigned Id = objectFor(F.Value.Site, F.Value.Site, F.Value.Kind);
      // Re-running an allocation (a loop) first loses the previous object.
      if (S.Objects.count(Id) && !llvm::is_contained(Old.Objects, Id))
        lose(S, Id, F.Site, F.Target, Problem::AtOverwrite);
      Id = freshObject(S, F.Value.Site, F.Value.Site, F.Value.Kind,
                       here(S, F.Value.SelfOwned ? External : Live, F.Value.Site));
      if (llvm::is_contained(Old.Objects, Id)) // the target's old object was renamed
        Old.Objects = S.Pointers[F.Target].Objects;
      New.Objects = {Id};
      New.MayBeNull = F.Value.Kind == AllocKind::Malloc;
      break;
    }
    default: {
      unsigned Id = freshObject(S, F.Site, F.Site, AllocKind::External, bare(External));
      if (S.Pointers.count(F.Target))
        Old = S.Pointers[F.Target];
      New.Objects = {Id};
      New.MayBeNull = true;
      break;
    }
    }
    if (isa<FieldDecl>(F.Target))
      for (unsigned O : New.Objects)
        for (Possibility &P : S.Objects[O])
          if (P.S == Live)
            P.S = Escaped;
    S.Pointers[F.Target] = New;
    forget(S, F.Target);
    // Remember what is known of the pointer's null-ness, for later tests.
    {
      unsigned Key = L.nullKey(F.Target);
      KeyReads[Key] = {F.Target};
      bool NonNull = !New.Objects.empty() && !New.MayBeNull;
      bool Null = New.Objects.empty() && New.MayBeNull;
      if (NonNull || Null)
        addLiteral(S.Known, Key, NonNull);
    }
    for (unsigned O : Old.Objects)
      if (!llvm::is_contained(New.Objects, O))
        lose(S, O, F.Site, F.Target, Problem::AtOverwrite);
    return;
  }
  case Fact::Free: {
    if (F.Value.K == PtrValue::SmartGet) {
      Problem P{Problem::DoubleFree};
      P.At = F.Site;
      P.Var = F.Value.P;
      P.Dealloc = F.Dealloc;
      P.ViaSmartGet = true;
      report(P);
      return;
    }
    for (unsigned O : objectsOf(S, F.Value, F.Site)) {
      Possibilities &Ps = S.Objects[O];
      const Possibility *Prior = findStatus(Ps, Freed);
      if (!Prior)
        Prior = findStatus(Ps, Owned);
      if (Prior) {
        Problem P = objectProblem(Problem::DoubleFree, F, O, Prior);
        P.Definite = only(Ps, Freed, Owned) && F.Value.K == PtrValue::FromPlace &&
                     pointer(S, F.Value.P).Objects.size() == 1;
        report(P);
      }
      AllocKind Kind = Infos[O].Kind;
      if (Kind != AllocKind::External && F.Dealloc != AllocKind::External && Kind != F.Dealloc &&
          (has(Ps, Live) || has(Ps, Escaped))) {
        Problem P = objectProblem(Problem::MismatchedDealloc, F, O, nullptr);
        P.EarlierCallee = F.Callee;
        report(P);
      }
      Ps = {here(S, Freed, F.Site, F.Value.P, F.InsideCallee ? F.Callee : nullptr)};
    }
    return;
  }
  case Fact::TakeOwnership: {
    for (unsigned O : objectsOf(S, F.Value, F.Site)) {
      Possibilities &Ps = S.Objects[O];
      if (const Possibility *Prior = findStatus(Ps, Owned)) {
        Problem P = objectProblem(Problem::DoubleFree, F, O, Prior);
        P.Definite = only(Ps, Owned);
        report(P);
      } else if (const Possibility *FreedPs = findStatus(Ps, Freed)) {
        Problem P = objectProblem(Problem::UseAfterFree, F, O, FreedPs);
        P.Definite = only(Ps, Freed);
        P.Dealloc = AllocKind::External;
        report(P);
      }
      AllocKind Kind = Infos[O].Kind;
      if (Kind != AllocKind::External && F.Dealloc != AllocKind::External && Kind != F.Dealloc) {
        Problem P = objectProblem(Problem::MismatchedDealloc, F, O, nullptr);
        P.EarlierIsAdoption = true; // the smart pointer's deleter is the mismatch
        report(P);
      }
      Ps = {here(S, Owned, F.Site, F.Target)};
    }
    return;
  }
  case Fact::ReleaseOwnership:
    for (auto &Entry : S.Objects)
      for (Possibility &P : Entry.second)
        if (P.S == Owned && P.WitnessVar == F.Target)
          P = bare(External);
    return;
  case Fact::Deref:
  case Fact::PassToCall: {
    if (F.Value.K != PtrValue::FromPlace)
      return;
    const PointsTo &PT = pointer(S, F.Value.P);
    bool AllFreed = llvm::all_of(PT.Objects, [&](unsigned O) { return only(S.Objects[O], Freed); });
    for (unsigned O : PT.Objects) {
      const Possibilities &Ps = S.Objects[O];
      const Possibility *FreedPs = findStatus(Ps, Freed);
      if (!FreedPs)
        continue;
      Problem P = objectProblem(Problem::UseAfterFree, F, O, FreedPs);
      P.Definite = AllFreed;
      P.Use = F.K == Fact::Deref ? UseKind::Deref : UseKind::Read;
      report(P);
      break;
    }
    return;
  }
  case Fact::Escape:
  case Fact::Return: {
    for (unsigned O : objectsOf(S, F.Value, F.Site))
      for (Possibility &P : S.Objects[O])
        if (P.S == Live)
          P.S = Escaped;
    if (F.K == Fact::Return) {
      llvm::SmallVector<unsigned, 8> Live;
      for (const auto &Entry : S.Objects)
        if (has(Entry.second, Status::Live))
          Live.push_back(Entry.first);
      llvm::sort(Live);
      // Leaving the function: nothing local refers to anything any more.
      State Gone = S;
      llvm::DenseMap<unsigned, Place> Holder;
      for (const auto &Entry : S.Pointers)
        for (unsigned O : Entry.second.Objects)
          if (!Holder.count(O) || Entry.first->getLocation() < Holder[O]->getLocation())
            Holder[O] = Entry.first;
      Gone.Pointers.clear();
      for (unsigned O : Live)
        lose(Gone, O, F.Site, Holder.lookup(O),
             isa<CXXThrowExpr>(F.Site) ? Problem::AtThrow : Problem::AtReturn);
      S.Objects = Gone.Objects;
      S.Reachable = true;
    }
    return;
  }
  case Fact::LifetimeEnd: {
    auto It = S.Pointers.find(F.Target);
    if (It != S.Pointers.end()) {
      llvm::SmallVector<unsigned, 2> Objects = It->second.Objects;
      S.Pointers.erase(It);
      bool Jump = F.Site && (isa<ContinueStmt>(F.Site) || isa<BreakStmt>(F.Site) ||
                             isa<GotoStmt>(F.Site));
      for (unsigned O : Objects)
        lose(S, O, F.Site, F.Target, Jump ? Problem::AtJump : Problem::AtScopeEnd);
    }
    S.Movables.erase(F.Target);
    return;
  }
  case Fact::Move:
    S.Movables[F.Target] = {here(S, Moved, F.Site, F.Target, F.InsideCallee ? F.Callee : nullptr)};
    forget(S, F.Target);
    return;
  case Fact::Reinit:
    S.Movables[F.Target] = {bare(Valid)};
    forget(S, F.Target);
    return;
  case Fact::Use: {
    auto It = S.Movables.find(F.Target);
    if (It == S.Movables.end())
      return;
    const Possibility *M = findStatus(It->second, Moved);
    if (!M)
      return;
    if (L.isEmptyWhenMoved(F.Target) && F.HowUsed == UseKind::Read)
      return; // a moved-from smart pointer is null, and reading that is fine
    // In a template's own body, what `t.clear()` or `t == nullptr` does to a
    // dependent `T` is unknown: the instantiations judge those uses.
    if (F.Target->getType()->isDependentType() && F.HowUsed != UseKind::MoveAgain)
      return;
    Problem P{Problem::UseAfterMove};
    P.Definite = only(It->second, Moved);
    P.At = F.Site;
    P.Var = F.Target;
    P.Earlier = M->Witness;
    P.EarlierCallee = M->Callee;
    P.Use = F.HowUsed;
    const SourceManager &SM = Ctx.getSourceManager();
    P.EarlierInPreviousIteration =
        M->Witness && F.Site &&
        !SM.isBeforeInTranslationUnit(M->Witness->getEndLoc(), F.Site->getBeginLoc());
    report(P);
    // One finding per move and path: the first use after it. Later uses on
    // this path are the same mistake, told once.
    It->second = {bare(Valid)};
    return;
  }
  case Fact::Changed:
    forget(S, F.Target);
    return;
  case Fact::Invalidate: {
    if (!F.Target) {
      // Every field may have changed.
      llvm::SmallVector<Place, 4> Fields;
      for (const auto &Entry : S.Pointers)
        if (isa<FieldDecl>(Entry.first))
          Fields.push_back(Entry.first);
      for (Place P : Fields) {
        for (unsigned O : S.Pointers[P].Objects)
          for (Possibility &Ps : S.Objects[O])
            if (Ps.S == Live)
              Ps.S = Escaped;
        S.Pointers.erase(P);
      }
      for (auto It = S.Movables.begin(); It != S.Movables.end(); ++It)
        if (isa<FieldDecl>(It->first))
          It->second = {bare(Valid)};
      for (Place P : Fields)
        forget(S, P);
      for (const auto &Entry : KeyReads)
        for (Place P : Entry.second)
          if (isa<FieldDecl>(P))
            forget(S, P);
      return;
    }
    PointsTo &PT = pointer(S, F.Target);
    for (unsigned O : PT.Objects)
      for (Possibility &P : S.Objects[O])
        if (P.S == Live)
          P.S = Escaped;
    unsigned Id = freshObject(S, F.Site, F.Site, AllocKind::External, bare(External));
    PointsTo &Target = S.Pointers[F.Target];
    Target.Objects = {Id};
    Target.MayBeNull = true;
    forget(S, F.Target);
    return;
  }
  }
}

FunctionAnalysis Analyser::run(bool DumpFacts, bool FindCopies) {
  FunctionAnalysis Result;
  const Stmt *Body = FD.getBody();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(&FD, const_cast<Stmt *>(Body), &Ctx, ownershipCFGOptions());
  if (!Graph) {
    Result.SkipReason = "no CFG could be built";
    return Result;
  }
  FunctionEnd = Body;
  if (FindCopies) {
    Result.LastUseCopies = findCopiesAtLastUse(FD, *Graph, Ctx);
    Result.CopiesSearched = true;
  }

  // Lower once; facts are replayed on every visit of a block.
  unsigned NumBlocks = Graph->getNumBlockIDs();
  std::vector<std::vector<Fact>> Facts(NumBlocks);
  size_t NumFacts = 0;
  for (const CFGBlock *Block : *Graph) {
    for (const CFGElement &E : *Block)
      L.lower(E, Facts[Block->getBlockID()]);
    NumFacts += Facts[Block->getBlockID()].size();
  }
  if (DumpFacts) {
    // In block order, entry first, for readable unit tests.
    std::vector<const CFGBlock *> Order(Graph->begin(), Graph->end());
    std::sort(Order.begin(), Order.end(), [](const CFGBlock *A, const CFGBlock *B) {
      return A->getBlockID() > B->getBlockID();
    });
    for (const CFGBlock *Block : Order)
      Result.FactDump += dumpFacts(Facts[Block->getBlockID()], Ctx);
  }

  // Reverse post-order for a fast fixpoint. Successors are explored last to
  // first, so a loop body follows its header (the exit comes after it): loops
  // then span a short interval of ranks, which the liveness below relies on.
  std::vector<const CFGBlock *> RPO;
  {
    std::vector<char> Seen(NumBlocks, 0);
    std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_reverse_iterator>> Stack;
    const CFGBlock *Entry = &Graph->getEntry();
    Seen[Entry->getBlockID()] = 1;
    Stack.push_back({Entry, Entry->succ_rbegin()});
    while (!Stack.empty()) {
      auto &[Block, It] = Stack.back();
      if (It == Block->succ_rend()) {
        RPO.push_back(Block);
        Stack.pop_back();
        continue;
      }
      const CFGBlock *Next = It->getReachableBlock();
      ++It;
      if (Next && !Seen[Next->getBlockID()]) {
        Seen[Next->getBlockID()] = 1;
        Stack.push_back({Next, Next->succ_rbegin()});
      }
    }
    std::reverse(RPO.begin(), RPO.end());
  }
  std::vector<unsigned> Rank(NumBlocks, 0);
  for (unsigned I = 0; I < RPO.size(); ++I)
    Rank[RPO[I]->getBlockID()] = I;

  // Branch literals, computed once per block.
  std::vector<std::optional<ConditionLiteral>> TrueLit(NumBlocks), FalseLit(NumBlocks);
  for (const CFGBlock *Block : RPO) {
    TrueLit[Block->getBlockID()] = L.branchLiteral(*Block, true);
    FalseLit[Block->getBlockID()] = L.branchLiteral(*Block, false);
    if (const auto &Lit = TrueLit[Block->getBlockID()])
      KeyReads[Lit->Key] = Lit->Reads;
  }

  // Liveness, cheaply: the last RPO rank at which a place is read or written,
  // extended to the end of every loop that contains such a rank. Past it, no
  // fact touches the place again and it leaves the state, which keeps states
  // as small as the live part of the function.
  llvm::DenseMap<Place, unsigned> LastUse;
  {
    auto Touch = [&](Place P, unsigned R) {
      if (!P)
        return;
      unsigned &L = LastUse[P];
      L = std::max(L, R);
    };
    for (const CFGBlock *Block : RPO) {
      unsigned R = Rank[Block->getBlockID()];
      for (const Fact &F : Facts[Block->getBlockID()]) {
        if (F.K != Fact::LifetimeEnd) // an end, not a use
          Touch(F.Target, R);
        if (F.Value.K == PtrValue::FromPlace || F.Value.K == PtrValue::SmartGet)
          Touch(F.Value.P, R);
      }
      for (const auto *Lit : {&TrueLit[Block->getBlockID()], &FalseLit[Block->getBlockID()]})
        if (*Lit) {
          Touch((*Lit)->NullTested, R);
          for (Place P : (*Lit)->Reads)
            Touch(P, R);
        }
    }
    // LoopEnd[r]: the furthest rank of a loop whose interval contains r.
    std::vector<unsigned> LoopEnd(RPO.size(), 0);
    for (const CFGBlock *Block : RPO)
      for (auto It = Block->succ_begin(); It != Block->succ_end(); ++It)
        if (const CFGBlock *Succ = It->getReachableBlock())
          if (Rank[Succ->getBlockID()] <= Rank[Block->getBlockID()]) {
            unsigned &E = LoopEnd[Rank[Succ->getBlockID()]];
            E = std::max(E, Rank[Block->getBlockID()]);
          }
    unsigned Running = 0;
    for (unsigned R = 0; R < LoopEnd.size(); ++R) {
      Running = std::max(Running, LoopEnd[R]);
      LoopEnd[R] = Running >= R ? Running : R;
    }
    for (auto &Entry : LastUse)
      for (unsigned Guard = 0; Guard < 64; ++Guard) {
        unsigned Extended = LoopEnd[Entry.second];
        if (Extended == Entry.second)
          break;
        Entry.second = Extended;
      }
  }
  auto Prune = [&](State &S, unsigned R) {
    llvm::SmallVector<Place, 8> Dead;
    for (const auto &Entry : S.Pointers) {
      auto It = LastUse.find(Entry.first);
      if (It != LastUse.end() && It->second >= R)
        continue;
      // Kept while it holds a live object: the leak is reported where its
      // scope really ends.
      if (llvm::any_of(Entry.second.Objects,
                       [&](unsigned O) { return has(S.Objects[O], Live); }))
        continue;
      Dead.push_back(Entry.first);
    }
    for (Place P : Dead)
      S.Pointers.erase(P);
    llvm::SmallVector<Place, 8> DeadMovables;
    for (const auto &Entry : S.Movables) {
      auto It = LastUse.find(Entry.first);
      if (It == LastUse.end() || It->second < R)
        DeadMovables.push_back(Entry.first);
    }
    for (Place P : DeadMovables)
      S.Movables.erase(P);
  };

  std::vector<State> In(NumBlocks);
  State &EntryState = In[Graph->getEntry().getBlockID()];
  EntryState.Reachable = true;
  // Parameters and fields point to objects from elsewhere from the start;
  // created lazily, one path of a join would miss them.
  for (const ParmVarDecl *Param : FD.parameters())
    if (L.isPointerPlace(Param) && L.isTracked(Param))
      pointer(EntryState, Param);
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&FD))
    if (Method->isInstance() && !Method->getParent()->isLambda())
      for (const FieldDecl *Field : Method->getParent()->fields())
        if (L.isPointerPlace(Field) && L.isTracked(Field))
          pointer(EntryState, Field);

  auto RunBlock = [&](const CFGBlock *Block) {
    State S = In[Block->getBlockID()];
    if (S.Reachable) {
      Prune(S, Rank[Block->getBlockID()]);
      for (const Fact &F : Facts[Block->getBlockID()])
        transfer(F, S);
      collectUnreferenced(S);
    }
    return S;
  };
  auto EdgeState = [&](const CFGBlock *Block, unsigned SuccIndex, const State &Out) {
    State S = Out;
    if (!S.Reachable || Block->succ_size() != 2)
      return S;
    const auto &Lit = SuccIndex == 0 ? TrueLit[Block->getBlockID()] : FalseLit[Block->getBlockID()];
    if (Lit)
      refine(S, *Lit);
    return S;
  };

  // Worklist in RPO rank order; a hard budget keeps pathological functions
  // from running away.
  const size_t Budget = 64 * static_cast<size_t>(NumBlocks) + 4096;
  size_t Visits = 0;
  std::set<std::pair<unsigned, unsigned>> Work; // (rank, id)
  for (const CFGBlock *Block : RPO)
    Work.insert({Rank[Block->getBlockID()], Block->getBlockID()});
  std::vector<const CFGBlock *> ById(NumBlocks, nullptr);
  for (const CFGBlock *Block : RPO)
    ById[Block->getBlockID()] = Block;
  if (NumFacts > 400000) {
    Result.SkipReason = "function too large (" + std::to_string(NumFacts) + " facts)";
    return Result;
  }
  // Work is block visits times state size: huge generated functions with
  // thousands of live locals stop here instead of running for minutes.
  const size_t CostBudget = 40'000'000;
  size_t Cost = 0;
  while (!Work.empty()) {
    Cost += 1 + In[Work.begin()->second].Pointers.size() + In[Work.begin()->second].Objects.size() +
            In[Work.begin()->second].Movables.size();
    if (Cost > CostBudget) {
      Result.SkipReason = "analysis budget exceeded (" + std::to_string(NumBlocks) +
                          " blocks, " + std::to_string(NumFacts) + " facts)";
      return Result;
    }
    if (++Visits > Budget) {
      Result.SkipReason = "analysis budget exceeded after " + std::to_string(Visits) +
                          " block visits";
      return Result;
    }
    const CFGBlock *Block = ById[Work.begin()->second];
    Work.erase(Work.begin());
    State Out = RunBlock(Block);
    // abort(), exit(), a failed assert(): the program ends, nothing leaks.
    if (Block->hasNoReturnElement())
      continue;
    unsigned Index = 0;
    for (auto It = Block->succ_begin(); It != Block->succ_end(); ++It, ++Index) {
      const CFGBlock *Succ = It->getReachableBlock();
      if (!Succ)
        continue;
      State Edge = EdgeState(Block, Index, Out);
      State &Target = In[Succ->getBlockID()];
      State Joined = Target;
      join(Joined, Edge);
      if (!(Joined == Target)) {
        Target = std::move(Joined);
        Work.insert({Rank[Succ->getBlockID()], Succ->getBlockID()});
      }
    }
  }

  // One more pass over the fixpoint, reporting.
  Reporting = true;
  for (const CFGBlock *Block : RPO) {
    State S = RunBlock(Block);
    if (S.Reachable && Block == &Graph->getExit()) {
      // Falling off the end: what is still live and unreferenced is lost.
      llvm::SmallVector<unsigned, 8> Live;
      for (const auto &Entry : S.Objects)
        if (has(Entry.second, Status::Live))
          Live.push_back(Entry.first);
      llvm::sort(Live);
      S.Pointers.clear();
      for (unsigned O : Live)
        lose(S, O, Body, nullptr, Problem::AtFunctionEnd);
    }
  }

  // Deterministic order, one report per site and kind.
  const SourceManager &SM = Ctx.getSourceManager();
  std::stable_sort(Problems.begin(), Problems.end(), [&](const Problem &A, const Problem &B) {
    SourceLocation LA = A.At ? A.At->getBeginLoc() : SourceLocation();
    SourceLocation LB = B.At ? B.At->getBeginLoc() : SourceLocation();
    if (LA != LB)
      return SM.isBeforeInTranslationUnit(LA, LB);
    return A.K < B.K;
  });
  Problems.erase(std::unique(Problems.begin(), Problems.end(),
                             [](const Problem &A, const Problem &B) {
                               return A.K == B.K && A.At == B.At && A.Var == B.Var &&
                                      A.AllocSite == B.AllocSite;
                             }),
                 Problems.end());
  Result.Problems = std::move(Problems);
  Result.Analysed = true;
  return Result;
}

} // namespace

FunctionAnalysis analyseFunction(const FunctionDecl &FD, ASTContext &Ctx, Summaries &Sums,
                                 bool DumpFacts, bool FindCopies) {
  if (FD.isInvalidDecl()) {
    FunctionAnalysis R;
    R.SkipReason = "invalid declaration (the code does not compile)";
    return R;
  }
  if (!FD.getBody()) {
    FunctionAnalysis R;
    R.SkipReason = "no body";
    return R;
  }
  Analyser A(FD, Ctx, Sums);
  return A.run(DumpFacts, FindCopies);
}

} // namespace ownlint
