#pragma once
// The per-function ownership analysis every flow check reads: a forward
// dataflow over the CFG, lowered to facts (Lowering.h), that follows which
// heap object each pointer refers to, which objects are live, freed, owned by
// a smart pointer or escaped, and which movable objects are moved-from.
//
// The state is a bounded set of disjuncts, each a set of paths on which
// pointers, object states, moved-from objects and known branch conditions
// hold together, so the common `if (owned) delete p; ... if (!owned) use(p);`
// is not a finding. See docs/architecture.md.

#include "Facts.h"
#include "LastUseCopies.h"

#include "clang/AST/ASTContext.h"
#include <vector>

namespace ownlint {

class Summaries;

/// Something that happened to a heap object or a moved-from object on a
/// feasible path, recorded when the object's state at that moment makes it
/// worth a look. The analysis knows no check: each check's detection rule
/// (its `selects`) picks the events it reports, in the check's own file.
struct OwnershipEvent {
  enum Action : uint8_t {
    Release,   // delete, free(), or a callee that frees it
    Adopt,     // a smart pointer takes it over
    Access,    // dereferenced, or handed to a call
    Lose,      // its last reference goes while it is live: nothing can free it
    ReadMoved, // a moved-from object is read or moved again
  } What;
  /// The object's state just before, on the paths this event happened on.
  enum Prior : uint8_t { Live, Escaped, External, Freed, Adopted, MovedFrom } Before = Live;
  explicit OwnershipEvent(Action What, Prior Before) : What(What), Before(Before) {}

  /// True when it happens on every path that reaches the site; false when on
  /// some paths only.
  bool Definite = true;
  const clang::Stmt *At = nullptr; // the use, free, or where the object is lost
  Place Var = nullptr;             // the variable at that site, if any

  // The object's story.
  const clang::Stmt *AllocSite = nullptr; // where it was allocated, if seen
  AllocKind Alloc = AllocKind::External;
  AllocKind Dealloc = AllocKind::External;         // how it is released at At
  const clang::Stmt *Earlier = nullptr;            // the move / first free / adoption
  Place EarlierVar = nullptr;                      // the variable named there
  const clang::NamedDecl *EarlierCallee = nullptr; // freed or moved inside this call
  const clang::NamedDecl *Callee = nullptr;        // At is a call of this deallocator
  bool InsideCallee = false; // ... which releases it in its body (its summary says so)
  bool EarlierInPreviousIteration = false; // the move is later in a loop body
  UseKind Use = UseKind::Read;
  bool ViaSmartGet = false; // delete p.get() style

  /// Released with a deallocator that does not match the allocation.
  bool kindMismatch() const {
    return Alloc != AllocKind::External && Dealloc != AllocKind::External && Alloc != Dealloc;
  }

  enum LeakHow : uint8_t {
    AtReturn,
    AtThrow,
    AtScopeEnd,
    AtJump,
    AtOverwrite,
    AtFunctionEnd
  } How = AtReturn;
};

struct FunctionAnalysis {
  std::vector<OwnershipEvent> Events;     // sorted by location
  std::vector<LastUseCopy> LastUseCopies; // copies a move could replace
  bool CopiesSearched = false;            // LastUseCopies was asked for
  bool Analysed = false;                  // false: no CFG, or the budget ran out
  std::string SkipReason;
  std::string FactDump;    // filled when asked for (tests, debugging)
  size_t MaxDisjuncts = 0; // the most paths kept apart at one block entry
};

/// Analyses one function (or lambda call operator) body.
FunctionAnalysis analyseFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                                 Summaries &Summaries, bool DumpFacts = false,
                                 bool FindCopies = true);

} // namespace ownlint
