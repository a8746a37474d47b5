#include "OwnershipAnalysis.h"
#include "Lowering.h"
#include "Solver.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <utility>

using namespace clang;

namespace ownlint {

namespace {

// ---------------------------------------------------------------------------
// The abstract state.
//
// A state is a small set of disjuncts. Each disjunct is one set of paths on
// which everything it says holds together: where each pointer points, what
// became of each object, which objects are moved-from, which branch
// conditions and integer values are known. A finding in a disjunct happens
// on a path of that disjunct, so facts from different paths are never mixed
// (ESP's property simulation; Pulse's disjuncts). Over budget, disjuncts are
// merged into one whose disagreements become "unknown", which never yields a
// finding.

constexpr size_t MaxDisjuncts = 8;
// Integer values are followed only this far: enough for constant trip
// counts and flags, not for unrolling long loops.
constexpr int64_t IntCap = 16;
constexpr unsigned NoObject = ~0u;

// Literals known on a path: (condition key, value), sorted by key.
using Guard = llvm::SmallVector<std::pair<unsigned, bool>, 4>;

enum Status : uint8_t {
  // Heap objects.
  Live,     // allocated here, owned by raw pointers only
  External, // from elsewhere: we do not know who owns it
  Escaped,  // handed to code or storage we do not follow
  Freed,
  Owned,   // adopted by a smart pointer
  Unknown, // paths disagree, or code we cannot see may have released it
  // Movable objects.
  Moved,
};

struct Event {
  Status S = External;
  const Stmt *Witness = nullptr; // where it happened, for the notes
  Place WitnessVar = nullptr;
  const NamedDecl *Callee = nullptr; // inside this call
  bool operator==(const Event &O) const {
    return S == O.S && Witness == O.Witness && WitnessVar == O.WitnessVar && Callee == O.Callee;
  }
  bool operator!=(const Event &O) const { return !(*this == O); }
};

struct Pointee {
  unsigned Obj = NoObject;
  bool MayBeNull = false;
  bool operator==(const Pointee &O) const { return Obj == O.Obj && MayBeNull == O.MayBeNull; }
  bool operator!=(const Pointee &O) const { return !(*this == O); }
};

struct Disjunct {
  llvm::SmallDenseMap<Place, Pointee, 4> Pointers;
  llvm::SmallDenseMap<unsigned, Event, 4> Objects;
  llvm::SmallDenseMap<Place, Event, 2> Moved; // moved-from objects only
  llvm::SmallDenseMap<Place, int64_t, 2> Ints;
  Guard Known;
  // The literals of tests on global variables only whose outcome these paths
  // took, while their state may depend on it. A literal leaves where the
  // paths of both outcomes reach the same state. What only paths with two or
  // more such outcomes see is latent, not manifest: it needs the program's
  // configuration to combine in a way the analysis cannot know is possible
  // (globals are often set together, `gTrue`/`gFalse`); one outcome alone is
  // a configuration the program may run in, and is reported.
  Guard Assumed; // (literal, outcome), sorted; kept when the literal itself is forgotten

  bool sameOwnership(const Disjunct &O) const {
    return Pointers == O.Pointers && Objects == O.Objects && Moved == O.Moved && Ints == O.Ints;
  }
  bool operator==(const Disjunct &O) const {
    return Known == O.Known && sameOwnership(O) && Assumed == O.Assumed;
  }
  bool operator!=(const Disjunct &O) const { return !(*this == O); }
  size_t size() const { return Pointers.size() + Objects.size() + Moved.size() + Ints.size(); }
};

struct State {
  llvm::SmallVector<Disjunct, 1> Ds; // empty: unreachable
  bool operator==(const State &O) const { return Ds == O.Ds; }
};

void addLiteral(Guard &G, unsigned Key, bool Value) {
  for (auto &L : G)
    if (L.first == Key) {
      L.second = Value;
      return;
    }
  G.push_back({Key, Value});
  llvm::sort(G);
}

std::optional<bool> literal(const Guard &G, unsigned Key) {
  for (const auto &L : G)
    if (L.first == Key)
      return L.second;
  return std::nullopt;
}

bool referenced(const Disjunct &D, unsigned Object) {
  return llvm::any_of(D.Pointers, [&](const auto &E) { return E.second.Obj == Object; });
}

struct ObjectInfo {
  const Stmt *Site = nullptr; // allocation expression, or where it came from
  AllocKind Kind = AllocKind::External;
};

// A finding of one disjunct, before the disjuncts at that fact are counted.
struct Candidate {
  OwnershipEvent P;
  unsigned Object = NoObject;      // for losses: told once per object
  bool OnGlobalAssumption = false; // seen by a latent disjunct
};

class Analyser {
public:
  Analyser(const FunctionDecl &FD, ASTContext &Ctx, Summaries &Sums)
      : FD(FD), Ctx(Ctx), Context(Sums.contexts().get(FD)), L(*Context, Ctx, &Sums) {}

  FunctionAnalysis run(bool DumpFacts, bool FindCopies);

private:
  // Transfer of one fact on one disjunct.
  void transfer(const Fact &F, Disjunct &D);
  void assign(const Fact &F, Disjunct &D);
  void freeObject(const Fact &F, Disjunct &D);
  void takeOwnership(const Fact &F, Disjunct &D);
  void use(const Fact &F, Disjunct &D);
  void leave(const Fact &F, Disjunct &D);
  void invalidate(const Fact &F, Disjunct &D);
  void setInt(Disjunct &D, Place P, std::optional<int64_t> V);
  /// Refines \p D by a branch literal; false when the branch cannot be taken.
  bool refine(Disjunct &D, const ConditionLiteral &Lit);
  bool refineAlias(Disjunct &D, Place A, Place B, bool Equal);
  void forget(Disjunct &D, Place Changed);

  unsigned objectFor(const void *Key, const Stmt *Site, AllocKind Kind);
  unsigned fresh(Disjunct &D, const void *Key, const Stmt *Site, AllocKind Kind, Event Initial);
  Pointee &pointer(Disjunct &D, Place P);
  unsigned objectOf(Disjunct &D, const PtrValue &V);
  void lose(Disjunct &D, unsigned Object, const Stmt *At, Place Var, OwnershipEvent::LeakHow How);
  void collectUnreferenced(Disjunct &D);

  // Joins and budgets.
  bool join(State &Into, const State &From);
  void merge(Disjunct &Into, const Disjunct &From);
  void compress(State &S);

  void report(OwnershipEvent P, unsigned Object = NoObject) {
    if (Reporting)
      Pending.push_back({P, Object, CurrentOnGlobalAssumption});
  }
  bool CurrentOnGlobalAssumption = false; // the disjunct being transferred is latent
  /// Counts the disjuncts that saw each pending event: one that all of them
  /// saw is definite, else it happens on some paths.
  void flush(size_t Disjuncts);
  /// An event of heap object \p O at fact \p F, whose state was \p Prior.
  OwnershipEvent objectEvent(OwnershipEvent::Action What, const Fact &F, unsigned O,
                             const Event &Prior) const;
  Event here(Status S, const Stmt *Witness, Place Var = nullptr,
             const NamedDecl *Callee = nullptr) const {
    return Event{S, Witness, Var, Callee};
  }

  const FunctionDecl &FD;
  ASTContext &Ctx;
  std::shared_ptr<FunctionContext> Context; // before L, which reads its parent map
  Lowering L;
  std::vector<ObjectInfo> Infos;
  llvm::DenseMap<const void *, unsigned> ObjectIds;
  bool Reporting = false;
  std::vector<Candidate> Pending;
  std::vector<OwnershipEvent> Events;
  llvm::DenseMap<unsigned, llvm::SmallVector<Place, 2>> KeyReads;
  llvm::DenseSet<Place> IntPlaces; // integers some branch compares with a constant
  llvm::DenseSet<unsigned> LeakReported;
  // Where each object is first freed in the reporting pass: a leak on some
  // paths names where the other paths free it.
  llvm::DenseMap<unsigned, const Stmt *> FreedAt;
};

// ---------------------------------------------------------------------------
// Objects.

unsigned Analyser::objectFor(const void *Key, const Stmt *Site, AllocKind Kind) {
  auto It = ObjectIds.find(Key);
  if (It != ObjectIds.end())
    return It->second;
  unsigned Id = Infos.size();
  Infos.push_back({Site, Kind});
  ObjectIds[Key] = Id;
  return Id;
}

// Recency abstraction (Balakrishnan and Reps, SAS 2006): each allocation or
// load site has its most recent object and one summary of the older ones.
// When the site runs again while its last object is still referenced, that
// object becomes (or joins) the summary, so the object freed in iteration k
// is never the one made in iteration k+1.
unsigned Analyser::fresh(Disjunct &D, const void *Key, const Stmt *Site, AllocKind Kind,
                         Event Initial) {
  unsigned Recent = objectFor(Key, Site, Kind);
  auto It = D.Objects.find(Recent);
  if (It != D.Objects.end() && referenced(D, Recent)) {
    // Key + 1 is inside the AST node Key points to: never another node's key.
    unsigned Older = objectFor(static_cast<const char *>(Key) + 1, Site, Kind);
    Event Summary = It->second;
    auto Old = D.Objects.find(Older);
    if (Old != D.Objects.end() && referenced(D, Older) && Old->second.S != Summary.S)
      Summary = Event{Unknown};
    D.Objects[Older] = Summary;
    for (auto &Entry : D.Pointers)
      if (Entry.second.Obj == Recent)
        Entry.second.Obj = Older;
  }
  D.Objects[Recent] = Initial;
  return Recent;
}

Pointee &Analyser::pointer(Disjunct &D, Place P) {
  auto It = D.Pointers.find(P);
  if (It != D.Pointers.end())
    return It->second;
  // A parameter or field seen for the first time: it points to something
  // from elsewhere, or is null.
  unsigned Id = objectFor(P, nullptr, AllocKind::External);
  D.Objects[Id] = Event{External};
  Pointee &PT = D.Pointers[P];
  PT.Obj = Id;
  PT.MayBeNull = true;
  return PT;
}

unsigned Analyser::objectOf(Disjunct &D, const PtrValue &V) {
  switch (V.K) {
  case PtrValue::FromPlace:
    return pointer(D, V.P).Obj;
  case PtrValue::Alloc:
    return fresh(D, V.Site, V.Site, V.Kind, here(V.SelfOwned ? External : Live, V.Site));
  default:
    return NoObject;
  }
}

// An object no place refers to can never be touched again. Live ones were
// reported as leaks when their last reference went.
void Analyser::collectUnreferenced(Disjunct &D) {
  llvm::DenseSet<unsigned> Referenced;
  for (const auto &Entry : D.Pointers)
    if (Entry.second.Obj != NoObject)
      Referenced.insert(Entry.second.Obj);
  llvm::SmallVector<unsigned, 4> Dead;
  for (const auto &Entry : D.Objects)
    if (!Referenced.contains(Entry.first) && Entry.second.S != Live)
      Dead.push_back(Entry.first);
  for (unsigned O : Dead)
    D.Objects.erase(O);
}

OwnershipEvent::Prior priorOf(Status S) {
  switch (S) {
  case Live:
    return OwnershipEvent::Live;
  case Escaped:
    return OwnershipEvent::Escaped;
  case Freed:
    return OwnershipEvent::Freed;
  case Owned:
    return OwnershipEvent::Adopted;
  case Moved:
    return OwnershipEvent::MovedFrom;
  default:
    return OwnershipEvent::External;
  }
}

OwnershipEvent Analyser::objectEvent(OwnershipEvent::Action What, const Fact &F, unsigned O,
                                     const Event &Prior) const {
  OwnershipEvent P{What, priorOf(Prior.S)};
  P.At = F.Site;
  P.Var = F.Value.P;
  P.AllocSite = Infos[O].Site;
  P.Alloc = Infos[O].Kind;
  P.Dealloc = F.Dealloc;
  P.Callee = F.Callee;
  P.InsideCallee = F.InsideCallee;
  if (Prior.S == Freed || Prior.S == Owned) {
    P.Earlier = Prior.Witness;
    P.EarlierVar = Prior.WitnessVar;
    P.EarlierCallee = Prior.Callee;
  }
  return P;
}

void Analyser::lose(Disjunct &D, unsigned Object, const Stmt *At, Place Var,
                    OwnershipEvent::LeakHow How) {
  auto It = D.Objects.find(Object);
  if (It == D.Objects.end() || referenced(D, Object))
    return;
  if (It->second.S == Live && !LeakReported.contains(Object)) {
    OwnershipEvent P{OwnershipEvent::Lose, OwnershipEvent::Live};
    P.At = At;
    P.Var = Var;
    P.AllocSite = Infos[Object].Site;
    P.Alloc = Infos[Object].Kind;
    P.How = How;
    report(P, Object);
  }
  D.Objects.erase(It);
}

// Forget literals that read a place that just changed.
void Analyser::forget(Disjunct &D, Place Changed) {
  auto Reads = [&](unsigned Key) {
    auto It = KeyReads.find(Key);
    return It != KeyReads.end() && llvm::is_contained(It->second, Changed);
  };
  D.Known.erase(std::remove_if(D.Known.begin(), D.Known.end(),
                               [&](const auto &Lit) { return Reads(Lit.first); }),
                D.Known.end());
}

void Analyser::setInt(Disjunct &D, Place P, std::optional<int64_t> V) {
  if (V && IntPlaces.contains(P) && *V >= -IntCap && *V <= IntCap)
    D.Ints[P] = *V;
  else
    D.Ints.erase(P);
}

// ---------------------------------------------------------------------------
// Branches.

// `a == b` (Equal) or `a != b` on this edge. Two different allocations are
// never the same object; an allocation and an object from elsewhere may be:
// on the equal edge they become one, with the allocation's story.
bool Analyser::refineAlias(Disjunct &D, Place A, Place B, bool Equal) {
  Pointee PA = pointer(D, A), PB = pointer(D, B);
  auto SetNull = [&](Place P) {
    Pointee &PT = D.Pointers[P];
    unsigned Gone = PT.Obj;
    PT = Pointee{NoObject, true};
    if (Gone != NoObject && !referenced(D, Gone))
      D.Objects.erase(Gone);
  };
  if (!Equal) {
    if (PA.Obj == PB.Obj && (PA.Obj == NoObject || (!PA.MayBeNull && !PB.MayBeNull)))
      return false; // the same object, or both null
    return true;
  }
  if (PA.Obj == PB.Obj) {
    bool MayBeNull = PA.MayBeNull && PB.MayBeNull;
    D.Pointers[A].MayBeNull = D.Pointers[B].MayBeNull = MayBeNull;
    return true;
  }
  if (PA.Obj == NoObject || PB.Obj == NoObject) {
    // One is null: so is the other, if it can be.
    Pointee Other = PA.Obj == NoObject ? PB : PA;
    if (!Other.MayBeNull)
      return false;
    SetNull(PA.Obj == NoObject ? B : A);
    return true;
  }
  bool AllocA = Infos[PA.Obj].Kind != AllocKind::External;
  bool AllocB = Infos[PB.Obj].Kind != AllocKind::External;
  if (AllocA && AllocB) {
    if (!PA.MayBeNull || !PB.MayBeNull)
      return false;
    SetNull(A);
    SetNull(B);
    return true;
  }
  unsigned Keep = AllocB ? PB.Obj : PA.Obj, Drop = AllocB ? PA.Obj : PB.Obj;
  for (auto &Entry : D.Pointers)
    if (Entry.second.Obj == Drop)
      Entry.second.Obj = Keep;
  D.Objects.erase(Drop);
  bool MayBeNull = PA.MayBeNull && PB.MayBeNull;
  D.Pointers[A].MayBeNull = D.Pointers[B].MayBeNull = MayBeNull;
  return true;
}

bool Analyser::refine(Disjunct &D, const ConditionLiteral &Lit) {
  if (Lit.Constant)
    return *Lit.Constant == Lit.Value;
  if (Lit.IntTested) {
    auto It = D.Ints.find(Lit.IntTested);
    if (It != D.Ints.end()) {
      if (compareInts(Lit.Op, It->second, Lit.Const) != Lit.Value)
        return false;
    } else if ((Lit.Op == BO_EQ && Lit.Value) || (Lit.Op == BO_NE && !Lit.Value)) {
      setInt(D, Lit.IntTested, Lit.Const);
    }
  }
  if (Lit.EqLeft && !refineAlias(D, Lit.EqLeft, Lit.EqRight, Lit.Value))
    return false;
  if (Lit.NullTested && !L.isPointerPlace(Lit.NullTested)) {
    // A moved-from smart pointer is null: non-null here means reinitialised.
    if (Lit.Value)
      D.Moved.erase(Lit.NullTested);
  } else if (Lit.NullTested) {
    Pointee &PT = pointer(D, Lit.NullTested);
    if (Lit.Value) {
      if (PT.Obj == NoObject) // only null, yet non-null here
        return false;
      PT.MayBeNull = false;
    } else {
      if (!PT.MayBeNull)
        return false; // known non-null
      unsigned Gone = PT.Obj;
      PT.Obj = NoObject;
      // Null here: the allocation it would hold failed or never happened.
      if (Gone != NoObject && !referenced(D, Gone))
        D.Objects.erase(Gone);
    }
  }
  if (std::optional<bool> Known = literal(D.Known, Lit.Key))
    return *Known == Lit.Value;
  addLiteral(D.Known, Lit.Key, Lit.Value);
  return true;
}

// ---------------------------------------------------------------------------
// Transfer.

void Analyser::assign(const Fact &F, Disjunct &D) {
  Pointee New;
  switch (F.Value.K) {
  case PtrValue::Null:
    New.MayBeNull = true;
    break;
  case PtrValue::FromPlace:
    New = pointer(D, F.Value.P);
    break;
  case PtrValue::Alloc:
    New.Obj = fresh(D, F.Value.Site, F.Value.Site, F.Value.Kind,
                    here(F.Value.SelfOwned ? External : Live, F.Value.Site));
    New.MayBeNull = F.Value.Kind == AllocKind::Malloc;
    break;
  default:
    // A load or a call result: a fresh object from elsewhere per site.
    New.Obj = fresh(D, F.Site, F.Site, AllocKind::External, Event{External});
    New.MayBeNull = true;
    break;
  }
  // Read after fresh(): the old object may have been renamed to its summary.
  auto OldIt = D.Pointers.find(F.Target);
  unsigned Old = OldIt == D.Pointers.end() ? NoObject : OldIt->second.Obj;
  if (isa<FieldDecl>(F.Target) && New.Obj != NoObject) {
    Event &E = D.Objects[New.Obj];
    if (E.S == Live)
      E = here(Escaped, F.Site);
  }
  D.Pointers[F.Target] = New;
  forget(D, F.Target);
  // Remember what is known of the pointer's null-ness, for later tests.
  unsigned Key = L.nullKey(F.Target);
  KeyReads[Key] = {F.Target};
  if (New.Obj != NoObject && !New.MayBeNull)
    addLiteral(D.Known, Key, true);
  else if (New.Obj == NoObject)
    addLiteral(D.Known, Key, false);
  if (Old != NoObject && Old != New.Obj)
    lose(D, Old, F.Site, F.Target, OwnershipEvent::AtOverwrite);
}

// Records a release or adoption when the object's state or kind makes it
// worth a look: already released or adopted, or released the wrong way.
void Analyser::freeObject(const Fact &F, Disjunct &D) {
  if (F.Value.K == PtrValue::SmartGet) {
    OwnershipEvent P{OwnershipEvent::Release, OwnershipEvent::Adopted};
    P.At = F.Site;
    P.Var = F.Value.P;
    P.Dealloc = F.Dealloc;
    P.ViaSmartGet = true;
    report(P);
    return;
  }
  unsigned O = objectOf(D, F.Value);
  if (O == NoObject)
    return;
  Event &E = D.Objects[O];
  OwnershipEvent P = objectEvent(OwnershipEvent::Release, F, O, E);
  if (E.S == Freed || E.S == Owned || (P.kindMismatch() && (E.S == Live || E.S == Escaped)))
    report(P);
  E = here(Freed, F.Site, F.Value.P, F.InsideCallee ? F.Callee : nullptr);
  if (Reporting)
    FreedAt.try_emplace(O, F.Site);
}

void Analyser::takeOwnership(const Fact &F, Disjunct &D) {
  unsigned O = objectOf(D, F.Value);
  if (O == NoObject)
    return;
  Event &E = D.Objects[O];
  OwnershipEvent P = objectEvent(OwnershipEvent::Adopt, F, O, E);
  if (E.S == Owned || E.S == Freed || P.kindMismatch())
    report(P);
  E = here(Owned, F.Site, F.Target);
}

void Analyser::use(const Fact &F, Disjunct &D) {
  auto It = D.Moved.find(F.Target);
  if (It == D.Moved.end())
    return;
  if (L.isEmptyWhenMoved(F.Target) && F.HowUsed == UseKind::Read)
    return; // a moved-from smart pointer is null, and reading that is fine
  // In a template's own body, what `t.clear()` or `t == nullptr` does to a
  // dependent `T` is unknown: the instantiations judge those uses.
  if (F.Target->getType()->isDependentType() && F.HowUsed != UseKind::MoveAgain)
    return;
  const Event &M = It->second;
  OwnershipEvent P{OwnershipEvent::ReadMoved, OwnershipEvent::MovedFrom};
  P.At = F.Site;
  P.Var = F.Target;
  P.Earlier = M.Witness;
  P.EarlierCallee = M.Callee;
  P.Use = F.HowUsed;
  const SourceManager &SM = Ctx.getSourceManager();
  P.EarlierInPreviousIteration =
      M.Witness && F.Site &&
      !SM.isBeforeInTranslationUnit(M.Witness->getEndLoc(), F.Site->getBeginLoc());
  report(P);
  // One finding per move and path: the first use after it. Later uses on
  // this path are the same mistake, told once.
  D.Moved.erase(It);
}

// A return or throw: nothing local refers to anything any more.
void Analyser::leave(const Fact &F, Disjunct &D) {
  unsigned Returned = objectOf(D, F.Value);
  if (Returned != NoObject) {
    Event &E = D.Objects[Returned];
    if (E.S == Live)
      E = here(Escaped, F.Site);
  }
  llvm::SmallVector<unsigned, 8> Live;
  for (const auto &Entry : D.Objects)
    if (Entry.second.S == Status::Live)
      Live.push_back(Entry.first);
  if (Live.empty())
    return;
  llvm::sort(Live);
  llvm::DenseMap<unsigned, Place> Holder;
  for (const auto &Entry : D.Pointers) {
    unsigned O = Entry.second.Obj;
    if (O != NoObject &&
        (!Holder.count(O) || Entry.first->getLocation() < Holder[O]->getLocation()))
      Holder[O] = Entry.first;
  }
  Disjunct Gone = D;
  Gone.Pointers.clear();
  for (unsigned O : Live)
    lose(Gone, O, F.Site, Holder.lookup(O),
         isa<CXXThrowExpr>(F.Site) ? OwnershipEvent::AtThrow : OwnershipEvent::AtReturn);
  D.Objects = std::move(Gone.Objects);
}

void Analyser::invalidate(const Fact &F, Disjunct &D) {
  auto Escape = [&](unsigned O) {
    if (O == NoObject)
      return;
    Event &E = D.Objects[O];
    if (E.S == Live)
      E = here(Escaped, F.Site);
  };
  if (!F.Target) {
    // A method of this class ran: every field may have changed.
    llvm::SmallVector<Place, 4> Fields;
    for (const auto &Entry : D.Pointers)
      if (isa<FieldDecl>(Entry.first))
        Fields.push_back(Entry.first);
    for (Place P : Fields) {
      Escape(D.Pointers[P].Obj);
      D.Pointers.erase(P);
    }
    llvm::SmallVector<Place, 4> MovedFields;
    for (const auto &Entry : D.Moved)
      if (isa<FieldDecl>(Entry.first))
        MovedFields.push_back(Entry.first);
    for (Place P : MovedFields)
      D.Moved.erase(P);
    for (const auto &Entry : KeyReads)
      for (Place P : Entry.second)
        if (isa<FieldDecl>(P))
          forget(D, P);
    return;
  }
  Escape(pointer(D, F.Target).Obj);
  unsigned Id = fresh(D, F.Site, F.Site, AllocKind::External, Event{External});
  D.Pointers[F.Target] = Pointee{Id, true};
  forget(D, F.Target);
}

void Analyser::transfer(const Fact &F, Disjunct &D) {
  switch (F.K) {
  case Fact::Assign:
    return assign(F, D);
  case Fact::Free:
    return freeObject(F, D);
  case Fact::TakeOwnership:
    return takeOwnership(F, D);
  case Fact::ReleaseOwnership:
    for (auto &Entry : D.Objects)
      if (Entry.second.S == Owned && Entry.second.WitnessVar == F.Target)
        Entry.second = Event{External};
    return;
  case Fact::Deref:
  case Fact::PassToCall: {
    if (F.Value.K != PtrValue::FromPlace)
      return;
    unsigned O = pointer(D, F.Value.P).Obj;
    if (O == NoObject)
      return;
    const Event &E = D.Objects[O];
    if (E.S != Freed)
      return;
    OwnershipEvent P = objectEvent(OwnershipEvent::Access, F, O, E);
    P.Use = F.K == Fact::Deref ? UseKind::Deref : UseKind::Read;
    report(P);
    return;
  }
  case Fact::MayRelease: {
    // Latent at most: whether the object survives is up to code we do not
    // see, so nothing after this is a finding about it.
    unsigned O = objectOf(D, F.Value);
    if (O == NoObject)
      return;
    Event &E = D.Objects[O];
    if (E.S == Live || E.S == External || E.S == Escaped)
      E = here(Unknown, F.Site, F.Value.P, F.Callee);
    return;
  }
  case Fact::Escape: {
    unsigned O = objectOf(D, F.Value);
    if (O != NoObject && D.Objects[O].S == Live)
      D.Objects[O] = here(Escaped, F.Site);
    return;
  }
  case Fact::Return:
    return leave(F, D);
  case Fact::LifetimeEnd: {
    auto It = D.Pointers.find(F.Target);
    if (It != D.Pointers.end()) {
      unsigned O = It->second.Obj;
      D.Pointers.erase(It);
      bool Jump =
          F.Site && (isa<ContinueStmt>(F.Site) || isa<BreakStmt>(F.Site) || isa<GotoStmt>(F.Site));
      if (O != NoObject)
        lose(D, O, F.Site, F.Target, Jump ? OwnershipEvent::AtJump : OwnershipEvent::AtScopeEnd);
    }
    D.Moved.erase(F.Target);
    return;
  }
  case Fact::Move:
    D.Moved[F.Target] = here(Moved, F.Site, F.Target, F.InsideCallee ? F.Callee : nullptr);
    forget(D, F.Target);
    return;
  case Fact::Reinit:
    D.Moved.erase(F.Target);
    forget(D, F.Target);
    return;
  case Fact::Use:
    return use(F, D);
  case Fact::Changed:
    D.Ints.erase(F.Target);
    forget(D, F.Target);
    return;
  case Fact::IntSet:
    setInt(D, F.Target, F.IntKnown ? std::optional<int64_t>(F.Int) : std::nullopt);
    forget(D, F.Target);
    return;
  case Fact::IntAdd: {
    auto It = D.Ints.find(F.Target);
    setInt(D, F.Target,
           It == D.Ints.end() ? std::nullopt : std::optional<int64_t>(It->second + F.Int));
    forget(D, F.Target);
    return;
  }
  case Fact::Invalidate:
    return invalidate(F, D);
  }
}

// ---------------------------------------------------------------------------
// Joins.

// \p From's facts that \p Into does not share become unknown in \p Into.
void Analyser::merge(Disjunct &Into, const Disjunct &From) {
  for (const auto &A : From.Assumed)
    if (!llvm::is_contained(Into.Assumed, A))
      Into.Assumed.push_back(A);
  llvm::sort(Into.Assumed);
  Guard Known;
  for (const auto &Lit : Into.Known)
    if (llvm::is_contained(From.Known, Lit))
      Known.push_back(Lit);
  Into.Known = std::move(Known);
  llvm::SmallVector<Place, 2> Differ;
  for (const auto &Entry : Into.Ints) {
    auto It = From.Ints.find(Entry.first);
    if (It == From.Ints.end() || It->second != Entry.second)
      Differ.push_back(Entry.first);
  }
  for (Place P : Differ)
    Into.Ints.erase(P);
  Differ.clear();
  for (const auto &Entry : Into.Moved)
    if (!From.Moved.count(Entry.first))
      Differ.push_back(Entry.first);
  for (Place P : Differ)
    Into.Moved.erase(P);
  for (const auto &Entry : From.Objects) {
    auto [It, New] = Into.Objects.insert(Entry);
    if (!New && It->second.S != Entry.second.S)
      It->second = Event{Unknown};
  }
  for (const auto &Entry : From.Pointers) {
    auto [It, New] = Into.Pointers.insert(Entry);
    if (New || It->second == Entry.second)
      continue;
    if (It->second.Obj == Entry.second.Obj) {
      It->second.MayBeNull = true;
      continue;
    }
    // Points to different objects on different paths: to something unknown,
    // and what it pointed to is unknown too (it may still be referenced).
    for (unsigned O : {It->second.Obj, Entry.second.Obj})
      if (O != NoObject && Into.Objects.count(O))
        Into.Objects[O] = Event{Unknown};
    unsigned Id = objectFor(static_cast<const char *>(static_cast<const void *>(Entry.first)) + 2,
                            nullptr, AllocKind::External);
    Into.Objects[Id] = Event{Unknown};
    It->second = Pointee{Id, true};
  }
  collectUnreferenced(Into);
}

// Over budget: first merge disjuncts that agree on every object and pointer
// (they differ in what is known of branches only), then fold the rest into
// the last one.
void Analyser::compress(State &S) {
  auto SameShape = [](const Disjunct &A, const Disjunct &B) {
    if (A.Pointers != B.Pointers || A.Objects.size() != B.Objects.size() ||
        A.Moved.size() != B.Moved.size())
      return false;
    for (const auto &Entry : A.Objects) {
      auto It = B.Objects.find(Entry.first);
      if (It == B.Objects.end() || It->second.S != Entry.second.S)
        return false;
    }
    for (const auto &Entry : A.Moved)
      if (!B.Moved.count(Entry.first))
        return false;
    return true;
  };
  for (size_t I = 0; I < S.Ds.size() && S.Ds.size() > MaxDisjuncts; ++I)
    for (size_t J = I + 1; J < S.Ds.size() && S.Ds.size() > MaxDisjuncts;) {
      if (SameShape(S.Ds[I], S.Ds[J])) {
        merge(S.Ds[I], S.Ds[J]);
        S.Ds.erase(S.Ds.begin() + J);
      } else {
        ++J;
      }
    }
  while (S.Ds.size() > MaxDisjuncts) {
    merge(S.Ds[MaxDisjuncts - 1], S.Ds.back());
    S.Ds.pop_back();
  }
}

// Does \p E say less than \p D, and nothing else? Then every path of D is
// already followed by E (whose unknowns never yield findings), and D adds
// nothing: this is what makes joins after a merge converge.
bool subsumes(const Disjunct &E, const Disjunct &D) {
  for (const auto &A : E.Assumed)
    if (!llvm::is_contained(D.Assumed, A))
      return false; // E would make D's manifest findings latent
  if (E.Pointers.size() != D.Pointers.size() || E.Known.size() > D.Known.size() ||
      E.Ints.size() > D.Ints.size() || E.Moved.size() > D.Moved.size())
    return false;
  for (const auto &Lit : E.Known)
    if (!llvm::is_contained(D.Known, Lit))
      return false;
  for (const auto &Entry : E.Ints) {
    auto It = D.Ints.find(Entry.first);
    if (It == D.Ints.end() || It->second != Entry.second)
      return false;
  }
  for (const auto &Entry : E.Moved)
    if (!D.Moved.count(Entry.first))
      return false;
  auto StatusIn = [](const Disjunct &X, unsigned O) {
    auto It = X.Objects.find(O);
    return It == X.Objects.end() ? External : It->second.S;
  };
  for (const auto &Entry : D.Pointers) {
    auto It = E.Pointers.find(Entry.first);
    if (It == E.Pointers.end())
      return false;
    const Pointee &PE = It->second, &PD = Entry.second;
    if (PE.MayBeNull < PD.MayBeNull)
      return false;
    if (PE.Obj == PD.Obj)
      continue;
    if (PE.Obj == NoObject || StatusIn(E, PE.Obj) != Unknown || !PE.MayBeNull)
      return false;
  }
  for (const auto &Entry : D.Objects) {
    auto It = E.Objects.find(Entry.first);
    if (It == E.Objects.end()) {
      if (Entry.second.S == Live)
        return false; // D still has to tell where it is lost
      continue;
    }
    if (It->second.S != Entry.second.S && It->second.S != Unknown)
      return false;
  }
  for (const auto &Entry : E.Objects)
    if (!D.Objects.count(Entry.first) && Entry.second.S != Unknown)
      return false;
  return true;
}

bool Analyser::join(State &Into, const State &From) {
  std::optional<State> Before;
  for (const Disjunct &D : From.Ds) {
    if (llvm::any_of(Into.Ds, [&](const Disjunct &E) { return E == D || subsumes(E, D); }))
      continue;
    // The same state on both outcomes of an assumed test: the outcome does
    // not matter, and the two are one disjunct without that literal.
    bool Folded = false;
    for (Disjunct &E : Into.Ds) {
      if (!E.sameOwnership(D) || E.Assumed.size() != D.Assumed.size())
        continue;
      std::optional<unsigned> Differs;
      bool Other = false;
      for (size_t I = 0; I < E.Assumed.size() && !Other; ++I) {
        if (E.Assumed[I] == D.Assumed[I])
          continue;
        if (E.Assumed[I].first == D.Assumed[I].first && !Differs)
          Differs = E.Assumed[I].first;
        else
          Other = true;
      }
      if (Other || !Differs)
        continue;
      unsigned Key = *Differs;
      auto WithoutKey = [&](const Guard &G) {
        Guard Out;
        for (const auto &L : G)
          if (L.first != Key)
            Out.push_back(L);
        return Out;
      };
      if (WithoutKey(E.Known) != WithoutKey(D.Known))
        continue;
      if (!Before)
        Before = Into;
      E.Known = WithoutKey(E.Known);
      E.Assumed = WithoutKey(E.Assumed);
      Folded = true;
      break;
    }
    if (Folded)
      continue;
    if (!Before)
      Before = Into;
    // D says less than some already here: it takes their place.
    Into.Ds.erase(std::remove_if(Into.Ds.begin(), Into.Ds.end(),
                                 [&](const Disjunct &E) { return subsumes(D, E); }),
                  Into.Ds.end());
    Into.Ds.push_back(D);
  }
  if (!Before)
    return false;
  if (Into.Ds.size() <= MaxDisjuncts)
    return true;
  compress(Into);
  return !(Into == *Before);
}

void Analyser::flush(size_t Disjuncts) {
  if (Pending.empty())
    return;
  llvm::SmallVector<bool, 8> Done(Pending.size(), false);
  for (size_t I = 0; I < Pending.size(); ++I) {
    if (Done[I])
      continue;
    const OwnershipEvent &P = Pending[I].P;
    size_t Count = 0;
    bool SeenWithoutAssumption = false;
    for (size_t J = I; J < Pending.size(); ++J) {
      const OwnershipEvent &Q = Pending[J].P;
      // Paths may reach the site with objects from different allocations
      // (iterations of a loop): the same mistake at the same place.
      if (!Done[J] && Q.What == P.What && Q.Before == P.Before && Q.At == P.At && Q.Var == P.Var &&
          (Q.What != OwnershipEvent::Lose || Q.AllocSite == P.AllocSite)) {
        Done[J] = true;
        ++Count;
        SeenWithoutAssumption |= !Pending[J].OnGlobalAssumption;
      }
    }
    OwnershipEvent Out = P;
    Out.Definite = Count >= Disjuncts;
    // On some paths only, and only on paths that assume the outcomes of two
    // or more tests on globals: latent.
    if (!Out.Definite && !SeenWithoutAssumption)
      continue;
    if (Out.What == OwnershipEvent::Lose && !Out.Definite && !Out.Earlier)
      Out.Earlier = FreedAt.lookup(Pending[I].Object);
    Events.push_back(Out);
    if (Pending[I].Object != NoObject)
      LeakReported.insert(Pending[I].Object);
  }
  Pending.clear();
}

// ---------------------------------------------------------------------------
// The driver.

FunctionAnalysis Analyser::run(bool DumpFacts, bool FindCopies) {
  FunctionAnalysis Result;
  const Stmt *Body = FD.getBody();
  const CFG *Graph = Context->cfg();
  if (!Graph) {
    Result.SkipReason = "no CFG could be built";
    return Result;
  }
  if (FindCopies) {
    Result.LastUseCopies = findCopiesAtLastUse(*Context, Ctx);
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
  if (NumFacts > 400000) {
    Result.SkipReason = "function too large (" + std::to_string(NumFacts) + " facts)";
    return Result;
  }

  const CfgOrder &Order = *Context->order();
  const auto &RPO = Order.rpo();

  // Branch literals, computed once per block.
  std::vector<std::optional<ConditionLiteral>> TrueLit(NumBlocks), FalseLit(NumBlocks);
  for (const CFGBlock *Block : RPO) {
    TrueLit[Block->getBlockID()] = L.branchLiteral(*Block, true);
    FalseLit[Block->getBlockID()] = L.branchLiteral(*Block, false);
    if (const auto &Lit = TrueLit[Block->getBlockID()]) {
      KeyReads[Lit->Key] = Lit->Reads;
      if (Lit->IntTested)
        IntPlaces.insert(Lit->IntTested);
    }
  }

  // Liveness, cheaply: the last RPO rank at which a place is read or written,
  // extended to the end of every loop that contains such a rank. Past it, no
  // fact touches the place again and it leaves the state, which keeps
  // disjuncts as small as the live part of the function and lets paths that
  // differ only in dead places become one.
  llvm::DenseMap<Place, unsigned> LastUse;
  llvm::DenseMap<unsigned, unsigned> KeyLastUse;
  {
    auto Touch = [&](Place P, unsigned R) {
      if (!P)
        return;
      unsigned &Last = LastUse[P];
      Last = std::max(Last, R);
    };
    for (const CFGBlock *Block : RPO) {
      unsigned R = Order.rank(*Block);
      for (const Fact &F : Facts[Block->getBlockID()]) {
        if (F.K != Fact::LifetimeEnd) // an end, not a use
          Touch(F.Target, R);
        if (F.Value.K == PtrValue::FromPlace || F.Value.K == PtrValue::SmartGet)
          Touch(F.Value.P, R);
      }
      for (const auto *Lit : {&TrueLit[Block->getBlockID()], &FalseLit[Block->getBlockID()]})
        if (*Lit) {
          Touch((*Lit)->NullTested, R);
          Touch((*Lit)->IntTested, R);
          for (Place P : (*Lit)->Reads)
            Touch(P, R);
          unsigned &K = KeyLastUse[(*Lit)->Key];
          K = std::max(K, R);
        }
    }
    const std::vector<unsigned> &LoopEnd = Order.loopEnds();
    auto Extend = [&](unsigned &Rank) {
      for (unsigned Guard = 0; Guard < 64; ++Guard) {
        unsigned Extended = LoopEnd[Rank];
        if (Extended == Rank)
          break;
        Rank = Extended;
      }
    };
    for (auto &Entry : LastUse)
      Extend(Entry.second);
    for (auto &Entry : KeyLastUse)
      Extend(Entry.second);
  }
  auto Prune = [&](Disjunct &D, unsigned R) {
    auto Dead = [&](Place P) {
      auto It = LastUse.find(P);
      return It == LastUse.end() || It->second < R;
    };
    llvm::SmallVector<Place, 8> Gone;
    for (const auto &Entry : D.Pointers) {
      if (!Dead(Entry.first))
        continue;
      // Kept while it holds a live object: the leak is reported where its
      // scope really ends.
      unsigned O = Entry.second.Obj;
      if (O != NoObject && D.Objects.lookup(O).S == Live)
        continue;
      Gone.push_back(Entry.first);
    }
    for (Place P : Gone)
      D.Pointers.erase(P);
    auto EraseDead = [&](auto &Map) {
      llvm::SmallVector<Place, 8> DeadKeys;
      for (const auto &Entry : Map)
        if (Dead(Entry.first))
          DeadKeys.push_back(Entry.first);
      for (Place P : DeadKeys)
        Map.erase(P);
    };
    EraseDead(D.Moved);
    EraseDead(D.Ints);
    // A condition never tested again is not worth telling paths apart for.
    D.Known.erase(std::remove_if(D.Known.begin(), D.Known.end(),
                                 [&](const auto &Lit) {
                                   auto It = KeyLastUse.find(Lit.first);
                                   return It == KeyLastUse.end() || It->second < R;
                                 }),
                  D.Known.end());
    collectUnreferenced(D);
  };

  std::vector<State> In(NumBlocks);
  {
    Disjunct Entry;
    // Parameters and fields point to objects from elsewhere from the start;
    // created lazily, one path of a join would miss them.
    for (const ParmVarDecl *Param : FD.parameters())
      if (L.isPointerPlace(Param) && L.isTracked(Param))
        pointer(Entry, Param);
    if (const auto *Method = dyn_cast<CXXMethodDecl>(&FD))
      if (Method->isInstance() && !Method->getParent()->isLambda())
        for (const FieldDecl *Field : Method->getParent()->fields())
          if (L.isPointerPlace(Field) && L.isTracked(Field))
            pointer(Entry, Field);
    In[Graph->getEntry().getBlockID()].Ds.push_back(std::move(Entry));
  }

  auto RunBlock = [&](const CFGBlock &Block, const State &Entry) {
    State S = Entry;
    unsigned R = Order.rank(Block);
    for (Disjunct &D : S.Ds)
      Prune(D, R);
    // Paths that differ only in what just died are one path now.
    State Unique;
    for (Disjunct &D : S.Ds)
      if (!llvm::is_contained(Unique.Ds, D))
        Unique.Ds.push_back(std::move(D));
    for (const Fact &F : Facts[Block.getBlockID()]) {
      for (Disjunct &D : Unique.Ds) {
        CurrentOnGlobalAssumption = D.Assumed.size() >= 2;
        transfer(F, D);
      }
      flush(Unique.Ds.size());
    }
    for (Disjunct &D : Unique.Ds)
      collectUnreferenced(D);
    return Unique;
  };
  auto Edge = [&](const CFGBlock &Block, unsigned SuccIndex, State &Out) {
    const auto &Lit = SuccIndex == 0 ? TrueLit[Block.getBlockID()] : FalseLit[Block.getBlockID()];
    if (!Lit)
      return;
    Out.Ds.erase(
        std::remove_if(Out.Ds.begin(), Out.Ds.end(),
                       [&](Disjunct &D) {
                         bool Assumed = Lit->OnGlobals && !literal(D.Known, Lit->Key).has_value();
                         if (!refine(D, *Lit))
                           return true;
                         if (std::optional<bool> V = literal(D.Known, Lit->Key); Assumed && V)
                           addLiteral(D.Assumed, Lit->Key, *V);
                         return false;
                       }),
        Out.Ds.end());
  };
  auto Join = [&](State &Into, const State &From) { return join(Into, From); };
  auto Reachable = [](const State &S) { return !S.Ds.empty(); };
  auto Cost = [](const State &S) {
    size_t C = 0;
    for (const Disjunct &D : S.Ds)
      C += 1 + D.size();
    return C;
  };

  // Hard budgets keep pathological functions from running away: over them,
  // the function is not analysed, and nothing is reported.
  const size_t VisitBudget = 64 * static_cast<size_t>(NumBlocks) + 4096;
  const size_t CostBudget = 40'000'000;
  if (solveForward(*Graph, Order, In, RunBlock, Edge, Join, Reachable, Cost, VisitBudget,
                   CostBudget) != SolveResult::Converged) {
    Result.SkipReason = "analysis budget exceeded (" + std::to_string(NumBlocks) + " blocks, " +
                        std::to_string(NumFacts) + " facts)";
    return Result;
  }

  // One more pass over the fixpoint, reporting.
  Reporting = true;
  size_t MaxSeen = 0;
  for (const CFGBlock *Block : RPO) {
    const State &Entry = In[Block->getBlockID()];
    if (Entry.Ds.empty())
      continue;
    MaxSeen = std::max(MaxSeen, Entry.Ds.size());
    State S = RunBlock(*Block, Entry);
    if (Block == &Graph->getExit()) {
      // Falling off the end: what is still live and unreferenced is lost.
      for (Disjunct &D : S.Ds) {
        llvm::SmallVector<unsigned, 8> Live;
        for (const auto &E : D.Objects)
          if (E.second.S == Status::Live)
            Live.push_back(E.first);
        llvm::sort(Live);
        D.Pointers.clear();
        CurrentOnGlobalAssumption = D.Assumed.size() >= 2;
        for (unsigned O : Live)
          lose(D, O, Body, nullptr, OwnershipEvent::AtFunctionEnd);
      }
      flush(S.Ds.size());
    }
  }
  Result.MaxDisjuncts = MaxSeen;

  // Deterministic order, one event per site, action and prior state.
  const SourceManager &SM = Ctx.getSourceManager();
  std::stable_sort(Events.begin(), Events.end(),
                   [&](const OwnershipEvent &A, const OwnershipEvent &B) {
                     SourceLocation LA = A.At ? A.At->getBeginLoc() : SourceLocation();
                     SourceLocation LB = B.At ? B.At->getBeginLoc() : SourceLocation();
                     if (LA != LB)
                       return SM.isBeforeInTranslationUnit(LA, LB);
                     return std::make_pair(A.What, A.Before) < std::make_pair(B.What, B.Before);
                   });
  Events.erase(std::unique(Events.begin(), Events.end(),
                           [](const OwnershipEvent &A, const OwnershipEvent &B) {
                             return A.What == B.What && A.Before == B.Before && A.At == B.At &&
                                    A.Var == B.Var && A.AllocSite == B.AllocSite;
                           }),
               Events.end());
  Result.Events = std::move(Events);
  Result.Analysed = true;
  return Result;
}

// OWNLINT_STATS=1: how many paths the analysis kept apart, per function, as
// a histogram on stderr at exit (docs/benchmarks.md shows it for the corpora).
struct DisjunctStats {
  std::array<std::atomic<unsigned>, MaxDisjuncts + 1> ByMax{};
  std::atomic<unsigned> OverBudget{0};
  static bool enabled() {
    static const bool On = std::getenv("OWNLINT_STATS") != nullptr;
    return On;
  }
  ~DisjunctStats() {
    unsigned Total = OverBudget;
    for (const auto &N : ByMax)
      Total += N;
    if (!Total)
      return;
    llvm::errs() << "ownlint stats: " << Total << " function(s); most disjuncts at a block:";
    for (size_t I = 1; I < ByMax.size(); ++I)
      llvm::errs() << " " << I << ":" << ByMax[I].load();
    llvm::errs() << "; over budget: " << OverBudget.load()
                 << "; CFGs built: " << FunctionContexts::cfgsBuilt() << " for "
                 << FunctionContexts::contextsMade() << " function context(s)\n";
  }
};

void recordStats(const FunctionAnalysis &R) {
  if (!DisjunctStats::enabled())
    return;
  static DisjunctStats Stats;
  if (R.Analysed)
    ++Stats.ByMax[std::min<size_t>(std::max<size_t>(R.MaxDisjuncts, 1), MaxDisjuncts)];
  else if (R.SkipReason.find("budget") != std::string::npos)
    ++Stats.OverBudget;
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
  FunctionAnalysis R = A.run(DumpFacts, FindCopies);
  recordStats(R);
  return R;
}

} // namespace ownlint
