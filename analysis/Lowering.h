#pragma once
// Lowers a function's CFG elements to ownership facts.

#include "Facts.h"
#include "FunctionContext.h"
#include "Knowledge.h"

#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <optional>

namespace ownlint {

class Summaries;

/// A call from this file to a function defined in another (Linking.h).
struct ExternalCallRecord {
  std::string Callee;       // its linkage key (USR)
  uint64_t TrackedArgs = 0; // arguments that are tracked pointers (locals, parameters)
  uint64_t LocalArgs = 0;   // arguments that are locals or fresh allocations
  bool ResultUsed = false;  // it returns a pointer
};

/// What a function defined in this translation unit does with a parameter.
struct ParamSummary {
  bool Frees = false; // releases the pointer it is given
  AllocKind FreeKind = AllocKind::New;
  bool Stores = false;         // keeps it (member, global, container, unknown code)
  bool MovesFrom = false;      // moves from the object it is given by reference, on every path
  bool MaybeMovesFrom = false; // on some paths only: whether it did is not manifest
  // For the link step (Linking.h): the parameter is handed on to a function
  // of another file (ForwardKey, its parameter ForwardIndex), on every path
  // (MustForward); StoresOtherwise when anything else may keep it too. Until
  // linked, a hand-on counts as Stores.
  std::string ForwardKey;
  unsigned ForwardIndex = 0;
  bool MustForward = false;
  bool StoresOtherwise = false;
  // `T *&` parameter given a new object on every path, of this kind.
  bool OutFresh = false;
  AllocKind OutKind = AllocKind::New;
};

/// A branch condition the analysis can remember: "Key is true/false" holds
/// until a place it reads changes.
struct ConditionLiteral {
  unsigned Key = 0;
  bool Value = true;
  /// For `p` / `!p` / `p == nullptr`: the pointer whose null-ness is known.
  Place NullTested = nullptr;
  llvm::SmallVector<Place, 2> Reads;
  /// For `i < 3`, `n == 0`, `flag`: an integer local compared with a
  /// constant, which the analysis evaluates when it knows the local's value.
  Place IntTested = nullptr;
  /// For `a == b` / `a != b` on two tracked pointers: the literal means
  /// "EqLeft == EqRight".
  Place EqLeft = nullptr, EqRight = nullptr;
  clang::BinaryOperatorKind Op = clang::BO_NE;
  int64_t Const = 0;
  /// The condition's value when it is the same on every run: constants, and
  /// file-local statics never written (`static int staticTrue = 1;`).
  std::optional<bool> Constant;
  /// It reads global variables only (`if (gVerbose)`, `if (kMode == 5)` with
  /// the value elsewhere): the program's configuration, not this call's
  /// inputs. A finding that needs the outcomes of two such tests is latent.
  bool OnGlobals = false;
};

class Lowering {
public:
  /// \p Context (the function's shared parent map) must outlive the lowering.
  Lowering(FunctionContext &Context, clang::ASTContext &Ctx, Summaries *Summaries);

  /// Appends the facts of one CFG element, in evaluation order.
  void lower(const clang::CFGElement &Element, std::vector<Fact> &Out);

  /// The literal that holds on the true (\p TrueBranch) or false successor of
  /// \p Block's branch, if its condition is one the analysis can remember.
  std::optional<ConditionLiteral> branchLiteral(const clang::CFGBlock &Block, bool TrueBranch);

  bool isPointerPlace(Place P) const;
  /// False for places whose address escapes or that lambdas capture by reference.
  bool isTracked(Place P) const { return !Untracked.contains(P); }
  bool isMovablePlace(Place P) const;
  bool isSmartPointerPlace(Place P) const;
  /// A smart pointer or std::weak_ptr: empty once moved from, which any read
  /// may look at.
  bool isEmptyWhenMoved(Place P) const;
  const clang::FunctionDecl &function() const { return FD; }
  clang::ASTContext &context() const { return Ctx; }

  /// Which parameter summary applies to argument \p Arg of \p Callee, if the
  /// callee's body is in this translation unit.
  std::optional<ParamSummary> summaryFor(const clang::FunctionDecl *Callee, unsigned Arg);

  /// The literal key meaning "P is non-null".
  unsigned nullKey(Place P);
  /// Is \p RD (or a base) a class whose objects delete themselves
  /// (`delete this`, as in intrusive reference counting)?
  bool isSelfDeleting(const clang::CXXRecordDecl *RD);

  /// May \p Callee's own body stand for it (see summaryFor)?
  bool userSummaryAllowed(const clang::FunctionDecl *Callee) const;

  /// The pointer value \p E evaluates to.
  PtrValue resolvePointer(const clang::Expr *E);
  /// \p E's integer value if it is the same on every run (see
  /// ConditionLiteral::Constant): constants, unchanged file-local statics,
  /// calls of functions that only return a constant.
  std::optional<int64_t> constantCondition(const clang::Expr *E, unsigned Depth = 0);

  /// The place \p E names, if tracked (locals, parameters, this->fields).
  Place placeOf(const clang::Expr *E) const;
  /// The variable a local reference is another name for (`T *&r = p;`), or
  /// null: a reference cannot be rebound, so every use of r is a use of p.
  const clang::VarDecl *aliasOf(const clang::VarDecl *Ref) const;

private:
  void lowerStmt(const clang::Stmt *S, std::vector<Fact> &Out);
  void lowerCall(const clang::Expr *Call, const clang::FunctionDecl *Callee,
                 llvm::ArrayRef<const clang::Expr *> Args, std::vector<Fact> &Out);
  /// For the link step: a call of a function defined in another file.
  void noteExternalCall(const clang::Expr *Call, const clang::FunctionDecl *Callee,
                        llvm::ArrayRef<const clang::Expr *> Args);
  void lowerArgument(const clang::Expr *Call, const clang::FunctionDecl *Callee, unsigned Index,
                     const clang::Expr *Arg, std::vector<Fact> &Out);
  void lowerPlaceUse(const clang::Expr *Ref, Place P, std::vector<Fact> &Out);
  void lowerConstruct(const clang::CXXConstructExpr *CE, std::vector<Fact> &Out);
  Place constructedPlace(const clang::Expr *E) const;
  const clang::Stmt *parent(const clang::Stmt *S) const;
  const clang::Expr *skipUpwards(const clang::Expr *E, const clang::Stmt *&Parent) const;
  /// Is \p E the target of a plain assignment (`E = v`, or operator=)?
  bool isAssignedTo(const clang::Expr *E) const;
  /// Is this function the move constructor or move assignment of \p P's
  /// class, \p P its parameter?
  bool isOwnMoveOperation(Place P) const;
  void collectUntracked();

  const clang::FunctionDecl &FD;
  const clang::Stmt &Body;
  clang::ASTContext &Ctx;
  Summaries *Sums;
  const Knowledge *Know; // the project's entries, if any
  const clang::ParentMap &Parents;
  llvm::DenseSet<Place> Untracked;
  llvm::DenseMap<const clang::Expr *, unsigned> ConditionKeys;
  std::vector<std::pair<llvm::FoldingSetNodeID, unsigned>> KeyIds;
  llvm::DenseMap<Place, unsigned> NullKeys;
  unsigned NextKey = 1;
  llvm::DenseMap<const clang::CXXRecordDecl *, bool> SelfDeleting;
  /// Does the body allocate (new, a known allocator)? Only then can a local
  /// own something a callee borrows. Computed on first use.
  bool allocatesHere();
  std::optional<bool> AllocatesHere;
  const clang::CXXRecordDecl *knownDynamicClass(const clang::Expr *Object);
  const llvm::DenseSet<const clang::VarDecl *> &assignedVars();
  std::optional<llvm::DenseSet<const clang::VarDecl *>> AssignedVars;
  /// The virtual call being lowered runs exactly this override.
  const clang::FunctionDecl *ExactCallee = nullptr;
};

/// What a function defined in this translation unit does: with each
/// parameter, and whether it returns a heap object the caller must free.
struct FunctionSummary {
  std::vector<ParamSummary> Params;
  bool ReturnsAllocation = false; // every return hands out a fresh allocation
  AllocKind ReturnedKind = AllocKind::New;
};

/// Per-translation-unit cache of summaries of defined functions.
class Summaries {
public:
  explicit Summaries(clang::ASTContext &Ctx, Knowledge Know = {})
      : Ctx(Ctx), Know(std::move(Know)), Contexts(Ctx) {}
  const Knowledge &knowledge() const { return Know; }
  /// The translation unit's shared CFGs and parent maps (callees' included).
  FunctionContexts &contexts() { return Contexts; }
  std::optional<ParamSummary> get(const clang::FunctionDecl *Callee, unsigned Param);
  /// Is \p VD a file-local integer static with a constant initializer that
  /// nothing in the translation unit writes, or takes the address of?
  bool isUnchangedStatic(const clang::VarDecl *VD);
  /// The summary of \p Callee, if its body is here and can be summarised, or
  /// if another file of the run defines it and the link step summarised it.
  const FunctionSummary *summary(const clang::FunctionDecl *Callee);
  /// Is \p Callee defined in another file (no body here, not a system
  /// function, callable from elsewhere)? Its linkage key, or "".
  const std::string &externalKey(const clang::FunctionDecl *Callee);
  /// Records a call of such a function for the link step.
  void noteExternalCall(ExternalCallRecord Call);
  std::vector<ExternalCallRecord> takeExternalCalls() { return std::move(ExternalCalls); }

private:
  clang::ASTContext &Ctx;
  Knowledge Know;
  FunctionContexts Contexts;
  std::optional<llvm::DenseSet<const clang::VarDecl *>> MaybeWrittenStatics;
  llvm::DenseMap<const clang::FunctionDecl *, FunctionSummary> Cache;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
  unsigned Depth = 0;
  llvm::DenseMap<const clang::FunctionDecl *, std::string> ExternalKeys;
  std::vector<ExternalCallRecord> ExternalCalls;
};

/// `A Op B` for a comparison operator (<, >, <=, >=, ==, !=); nullopt for any
/// other operator.
std::optional<bool> compareInts(clang::BinaryOperatorKind Op, int64_t A, int64_t B);

/// Is \p FD std::move / std::forward / std::move_if_noexcept with one argument?
bool isMoveCast(const clang::CallExpr &Call);

/// "Assign p <- new@12:3" lines for tests and --debug output.
std::string dumpFacts(const std::vector<Fact> &Facts, const clang::ASTContext &Ctx);

} // namespace ownlint
