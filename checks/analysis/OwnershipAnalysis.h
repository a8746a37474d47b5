#pragma once
// The per-function ownership analysis every flow check reads: a forward
// dataflow over the CFG, lowered to facts (Lowering.h), that follows which
// heap object each pointer refers to, which objects are live, freed, owned by
// a smart pointer or escaped, and which movable objects are moved-from.
//
// A possibility ("freed", "moved") carries the branch literals known when it
// arose, so a later branch that contradicts them drops it: the common
// `if (owned) delete p; ... if (!owned) use(p);` is not a finding.

#include "Facts.h"
#include "LastUseCopies.h"

#include "clang/AST/ASTContext.h"
#include <vector>

namespace ownlint {

class Summaries;

struct Problem {
  enum Kind : uint8_t { UseAfterMove, DoubleFree, UseAfterFree, MismatchedDealloc, Leak } K;
  explicit Problem(Kind K) : K(K) {}
  /// True when it happens on every path that reaches the site; false when on
  /// some path only.
  bool Definite = true;
  const clang::Stmt *At = nullptr; // the bad use, free, or where the object is lost
  Place Var = nullptr;             // the variable at that site, if any

  // The object's story.
  const clang::Stmt *AllocSite = nullptr; // where it was allocated, if seen
  AllocKind Alloc = AllocKind::External;
  AllocKind Dealloc = AllocKind::External;     // how it is released at At
  const clang::Stmt *Earlier = nullptr;        // the move / first free / adoption
  Place EarlierVar = nullptr;                  // the variable named there
  const clang::NamedDecl *EarlierCallee = nullptr; // freed or moved inside this call
  bool EarlierIsAdoption = false;              // a smart pointer took it over
  bool EarlierInPreviousIteration = false;     // the move is later in a loop body
  UseKind Use = UseKind::Read;
  bool ViaSmartGet = false;                    // delete p.get() style

  enum LeakHow : uint8_t { AtReturn, AtThrow, AtScopeEnd, AtJump, AtOverwrite, AtFunctionEnd } How = AtReturn;
};

struct FunctionAnalysis {
  std::vector<Problem> Problems; // sorted by location
  std::vector<LastUseCopy> LastUseCopies; // copies a move could replace
  bool CopiesSearched = false;            // LastUseCopies was asked for
  bool Analysed = false;         // false: no CFG, or the budget ran out
  std::string SkipReason;
  std::string FactDump;          // filled when asked for (tests, debugging)
};

/// Analyses one function (or lambda call operator) body.
FunctionAnalysis analyseFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                                 Summaries &Summaries, bool DumpFacts = false,
                                 bool FindCopies = true);

} // namespace ownlint
