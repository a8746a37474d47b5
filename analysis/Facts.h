#pragma once
// A function lowered to ownership facts: what each CFG element does to heap
// objects (allocate, free, hand to a smart pointer, dereference, let escape)
// and to movable objects (move, reinitialise, use). The dataflow in
// OwnershipAnalysis runs over these facts only, so the lowering can be tested
// on its own (see dumpFacts).

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace ownlint {

/// How memory was obtained, which decides how it must be released.
enum class AllocKind : uint8_t {
  New,      // new T
  NewArray, // new T[n]
  Malloc,   // malloc, calloc, realloc, strdup, ...
  External, // came from elsewhere (a parameter, a call): kind unknown
};

/// A storage location the analysis follows: a local variable or parameter,
/// or a data member of `*this`.
using Place = const clang::ValueDecl *;

/// A pointer value: where it comes from.
struct PtrValue {
  enum Kind : uint8_t {
    None,      // not a pointer the analysis follows
    Null,      // nullptr, 0, NULL
    FromPlace, // the current value of Place
    Alloc,     // a fresh heap object made at Site
    SmartGet,  // Place.get() on a smart pointer Place
  } K = None;
  Place P = nullptr;
  const clang::Expr *Site = nullptr; // the allocation, for Alloc
  AllocKind Kind = AllocKind::External;
  bool SelfOwned = false; // Alloc of a class that deletes itself

  bool valid() const { return K != None; }
};

/// Why a movable object is read after a move.
enum class UseKind : uint8_t {
  Read,      // any other read
  MoveAgain, // moved a second time
  Deref,     // *p, p->m, p[i] on a smart pointer: dereferences null
};

struct Fact {
  enum Kind : uint8_t;
  explicit Fact(Kind K) : K(K) {}

  enum Kind : uint8_t {
    // Pointers and heap objects.
    Assign,           // Target = Value
    Free,             // release Value with Dealloc
    TakeOwnership,    // a smart pointer (Target, may be null) adopts Value
    ReleaseOwnership, // Target.release(): its object is handed back
    Deref,            // *Value, Value->m, Value[i]
    PassToCall,       // Value is an argument of a call that keeps nothing
    Escape,           // Value is stored or handed to code we cannot see
    Return,           // the function returns (Value may be None)
    LifetimeEnd,      // Target's storage ends
    // Movable objects.
    Move,       // Target is moved from
    Reinit,     // Target gets a new value
    Use,        // Target is read (UseKind)
    MayRelease, // Value's own method may release it (unseen body, reference counting)
    // Conditions.
    Invalidate, // Target may change behind the analysis' back
    Changed,    // Target (any type) is written: forget what was known of it
    IntSet,     // integer Target = Int (unknown unless IntKnown)
    IntAdd,     // integer Target += Int
  } K;
  Place Target = nullptr;
  PtrValue Value;
  AllocKind Dealloc = AllocKind::New; // for Free / TakeOwnership
  UseKind HowUsed = UseKind::Read;
  const clang::Stmt *Site = nullptr;        // where it happens, for diagnostics
  const clang::NamedDecl *Callee = nullptr; // for PassToCall/Free/Move via a call
  bool InsideCallee = false;                // Move/Free happens inside Callee's body (summary)
  int ArgIndex = -1;                        // for Escape into a call: which argument
  bool IntKnown = false;                    // for IntSet: Int is the value
  int64_t Int = 0;                          // for IntSet / IntAdd
};

/// Lowers one function body. The CFG element order is the order of facts.
class FunctionFacts;

std::string allocKindName(AllocKind K);
/// How to release memory of kind \p K: "delete", "delete[]", "free()".
std::string deallocatorName(AllocKind K);

} // namespace ownlint
