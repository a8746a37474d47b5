// The analysis core on its own: what a function lowers to, and which
// problems the dataflow derives from it.

#include "Lowering.h"
#include "OwnershipAnalysis.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace clang;
using namespace clang::ast_matchers;
using namespace ownlint;

namespace {

const char *Prelude = R"(
namespace std {
template <class T> struct remove_reference { typedef T type; };
template <class T> struct remove_reference<T &> { typedef T type; };
template <class T> typename remove_reference<T>::type &&move(T &&t) noexcept {
  return static_cast<typename remove_reference<T>::type &&>(t);
}
template <class T> struct unique_ptr {
  explicit unique_ptr(T *p);
  unique_ptr(unique_ptr &&);
  ~unique_ptr();
  T *get() const;
  T *operator->() const;
};
}
extern "C" void *malloc(decltype(sizeof 0));
extern "C" void free(void *);
struct Str { Str(); Str(const Str &); Str(Str &&); Str &operator=(Str &&); ~Str(); int size() const; void clear(); };
struct Node { int v; };
void sink(Str);
void look(const Str &);
bool check();
)";

// Parses Prelude + Code and analyses function \p Name.
class Analysed {
public:
  Analysed(const std::string &Code, const std::string &Name) {
    AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code, {"-std=c++17"});
    auto Found = match(functionDecl(hasName(Name), isDefinition()).bind("f"), AST->getASTContext());
    EXPECT_FALSE(Found.empty()) << "no function " << Name;
    if (Found.empty())
      return;
    const auto *FD = Found[0].getNodeAs<FunctionDecl>("f");
    Sums = std::make_unique<Summaries>(AST->getASTContext());
    Result = analyseFunction(*FD, AST->getASTContext(), *Sums, /*DumpFacts=*/true);
  }

  // Fact lines without their line:column, e.g. "Free <- p by delete".
  std::vector<std::string> facts() const {
    std::vector<std::string> Out;
    llvm::SmallVector<llvm::StringRef, 16> Lines;
    llvm::StringRef(Result.FactDump).split(Lines, '\n', -1, false);
    for (llvm::StringRef L : Lines) {
      auto [Kind, Rest] = L.split(' ');
      Rest = Rest.split(' ').second; // drop line:column
      std::string Text = (Kind + " " + Rest).str();
      // Allocation sites carry positions too: keep only the kind.
      size_t At = Text.find('@');
      if (At != std::string::npos)
        Text = Text.substr(0, At);
      Out.push_back(llvm::StringRef(Text).rtrim().str());
    }
    return Out;
  }

  std::vector<const OwnershipEvent *> events(OwnershipEvent::Action What,
                                             OwnershipEvent::Prior Before) const {
    std::vector<const OwnershipEvent *> Out;
    for (const OwnershipEvent &E : Result.Events)
      if (E.What == What && E.Before == Before)
        Out.push_back(&E);
    return Out;
  }

  // "x@line" for each copy at a last use; lines count from the code given.
  std::vector<std::string> lastUseCopies() const {
    std::vector<std::string> Out;
    const SourceManager &SM = AST->getSourceManager();
    unsigned PreludeLines = llvm::StringRef(Prelude).count('\n');
    for (const LastUseCopy &C : Result.LastUseCopies)
      Out.push_back(C.Var->getNameAsString() + "@" +
                    std::to_string(SM.getSpellingLineNumber(C.Ref->getBeginLoc()) - PreludeLines));
    return Out;
  }

  FunctionAnalysis Result;

private:
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<Summaries> Sums;
};

bool contains(const std::vector<std::string> &Facts, const std::string &Line) {
  return std::find(Facts.begin(), Facts.end(), Line) != Facts.end();
}

} // namespace

// ---- lowering ----------------------------------------------------------------

TEST(Lowering, AllocationAliasAndFree) {
  Analysed A("void f() { Node *p = new Node; Node *q = p; delete q; }", "f");
  auto F = A.facts();
  EXPECT_TRUE(contains(F, "Assign p <- new")) << A.Result.FactDump;
  EXPECT_TRUE(contains(F, "Assign q <- p")) << A.Result.FactDump;
  EXPECT_TRUE(contains(F, "Free <- q by delete")) << A.Result.FactDump;
}

TEST(Lowering, MallocAndFreeAreAKind) {
  Analysed A("void f() { char *b = (char *)malloc(4); free(b); }", "f");
  auto F = A.facts();
  EXPECT_TRUE(contains(F, "Assign b <- malloc()")) << A.Result.FactDump;
  EXPECT_TRUE(contains(F, "Free <- b by free()")) << A.Result.FactDump;
}

TEST(Lowering, MoveHappensAtTheConsumerNotAtStdMove) {
  Analysed A("void f() { Str s; sink(std::move(s)); Str t; look(std::move(t)); }", "f");
  auto F = A.facts();
  EXPECT_TRUE(contains(F, "Move s")) << A.Result.FactDump;
  // Bound to a const reference: nothing is moved.
  EXPECT_FALSE(contains(F, "Move t")) << A.Result.FactDump;
}

TEST(Lowering, ReinitialisationMethodsAndAssignment) {
  Analysed A("void f() { Str s; sink(std::move(s)); s.clear(); s = Str(); }", "f");
  auto F = A.facts();
  EXPECT_EQ(std::count(F.begin(), F.end(), "Reinit s"), 3) << A.Result.FactDump; // decl too
}

TEST(Lowering, SmartPointerAdoptionAndGet) {
  Analysed A("void f() { Node *p = new Node; std::unique_ptr<Node> u(p); delete u.get(); }", "f");
  auto F = A.facts();
  EXPECT_TRUE(contains(F, "TakeOwnership u <- p by delete")) << A.Result.FactDump;
  EXPECT_TRUE(contains(F, "Free <- u.get() by delete")) << A.Result.FactDump;
}

TEST(Lowering, PointerHandedToUnknownCodeEscapes) {
  Analysed A("void keep(Node *); void f() { Node *p = new Node; keep(p); }", "f");
  auto F = A.facts();
  EXPECT_TRUE(contains(F, "PassToCall <- p")) << A.Result.FactDump;
  EXPECT_TRUE(contains(F, "Escape <- p")) << A.Result.FactDump;
}

TEST(Lowering, HelperSummariesReplaceEscapes) {
  Analysed A("void release(Node *n) { delete n; }\n"
             "int read(Node *n) { return n->v; }\n"
             "void f() { Node *p = new Node; read(p); release(p); }",
             "f");
  auto F = A.facts();
  EXPECT_FALSE(contains(F, "Escape <- p")) << A.Result.FactDump;
  EXPECT_TRUE(contains(F, "Free <- p by delete")) << A.Result.FactDump;
}

// ---- state transitions -----------------------------------------------------

TEST(Analysis, FreedThenDereferencedIsDefinite) {
  Analysed A("int f() { Node *p = new Node; delete p; return p->v; }", "f");
  auto UAF = A.events(OwnershipEvent::Access, OwnershipEvent::Freed);
  ASSERT_EQ(UAF.size(), 1u);
  EXPECT_TRUE(UAF[0]->Definite);
  EXPECT_EQ(UAF[0]->Use, UseKind::Deref);
  EXPECT_NE(UAF[0]->Earlier, nullptr);
  EXPECT_NE(UAF[0]->AllocSite, nullptr);
}

TEST(Analysis, FreedOnOneBranchIsSomePath) {
  Analysed A("void f(bool c) { Node *p = new Node; if (c) delete p; delete p; }", "f");
  auto DF = A.events(OwnershipEvent::Release, OwnershipEvent::Freed);
  ASSERT_EQ(DF.size(), 1u);
  EXPECT_FALSE(DF[0]->Definite);
}

TEST(Analysis, ContradictingBranchDropsThePossibility) {
  Analysed A("void f(bool c) { Node *p = new Node; if (c) delete p; if (!c) delete p; }", "f");
  EXPECT_TRUE(A.events(OwnershipEvent::Release, OwnershipEvent::Freed).empty());
  EXPECT_TRUE(A.events(OwnershipEvent::Lose, OwnershipEvent::Live).empty());
}

TEST(Analysis, ChangingTheConditionForgetsTheCorrelation) {
  Analysed A("void f(bool c) { Node *p = new Node; if (c) delete p; c = check(); if (!c) "
             "delete p; }",
             "f");
  EXPECT_EQ(A.events(OwnershipEvent::Release, OwnershipEvent::Freed).size(), 1u);
}

TEST(Analysis, NullAfterFreeEndsTheFreedState) {
  Analysed A("void f() { Node *p = new Node; delete p; p = nullptr; delete p; }", "f");
  EXPECT_TRUE(A.events(OwnershipEvent::Release, OwnershipEvent::Freed).empty());
}

TEST(Analysis, MoveThenUseThenReinit) {
  Analysed A("int f() { Str s; sink(std::move(s)); int n = s.size(); s = Str(); return n + "
             "s.size(); }",
             "f");
  auto UAM = A.events(OwnershipEvent::ReadMoved, OwnershipEvent::MovedFrom);
  ASSERT_EQ(UAM.size(), 1u);
  EXPECT_TRUE(UAM[0]->Definite);
  EXPECT_FALSE(UAM[0]->EarlierInPreviousIteration);
}

TEST(Analysis, MoveInALoopIsSeenOnTheNextIteration) {
  Analysed A("void f() { Str s; for (int i = 0; i < 3; ++i) sink(std::move(s)); }", "f");
  auto UAM = A.events(OwnershipEvent::ReadMoved, OwnershipEvent::MovedFrom);
  ASSERT_EQ(UAM.size(), 1u);
  EXPECT_EQ(UAM[0]->Use, UseKind::MoveAgain);
  EXPECT_FALSE(UAM[0]->Definite);
  EXPECT_TRUE(UAM[0]->EarlierInPreviousIteration);
}

TEST(Analysis, FailedMallocIsNotALeak) {
  Analysed A("int f() { char *b = (char *)malloc(4); if (!b) return -1; if (check()) return "
             "-2; free(b); return 0; }",
             "f");
  auto Leaks = A.events(OwnershipEvent::Lose, OwnershipEvent::Live);
  ASSERT_EQ(Leaks.size(), 1u); // the second return only
  EXPECT_EQ(Leaks[0]->How, OwnershipEvent::AtReturn);
}

TEST(Analysis, MismatchThroughAlias) {
  Analysed A("void f() { int *a = new int[3]; int *b = a; delete b; }", "f");
  auto MM = A.events(OwnershipEvent::Release, OwnershipEvent::Live);
  ASSERT_EQ(MM.size(), 1u);
  EXPECT_EQ(MM[0]->Alloc, AllocKind::NewArray);
  EXPECT_EQ(MM[0]->Dealloc, AllocKind::New);
}

TEST(Analysis, DisjunctsKeepPathsApartAndStayBounded) {
  // Two paths that disagree on the object: kept apart.
  Analysed Two("void f(bool c) { Node *p = new Node; if (c) delete p; check(); if (!c) delete p; }",
               "f");
  EXPECT_EQ(Two.Result.MaxDisjuncts, 2u);
  // Sixteen independent decisions: 2^16 paths, at most 8 kept apart.
  std::string Code = "void f(bool c) { Node *p = new Node; int n = 0;";
  for (int I = 0; I < 16; ++I)
    Code += " if (check()) n += " + std::to_string(I) + "; else delete p;";
  Code += " }";
  Analysed Many(Code, "f");
  EXPECT_TRUE(Many.Result.Analysed);
  EXPECT_LE(Many.Result.MaxDisjuncts, 8u);
}

TEST(Analysis, RecencyKeepsIterationsApart) {
  Analysed A("struct Cell { Cell *next; }; void f(Cell *head) { while (head) { Cell *c = head; "
             "head = c->next; delete c; } }",
             "f");
  EXPECT_TRUE(A.events(OwnershipEvent::Release, OwnershipEvent::Freed).empty());
  EXPECT_TRUE(A.events(OwnershipEvent::Access, OwnershipEvent::Freed).empty());
}

TEST(Analysis, ConstantTripCountIsRespected) {
  Analysed Once("void f() { Node *p = new Node; for (int i = 0; i < 1; i++) delete p; }", "f");
  EXPECT_TRUE(Once.events(OwnershipEvent::Release, OwnershipEvent::Freed).empty());
  EXPECT_TRUE(Once.events(OwnershipEvent::Lose, OwnershipEvent::Live).empty());
  Analysed Twice("void f() { Node *p = new Node; for (int i = 0; i < 2; i++) delete p; }", "f");
  EXPECT_EQ(Twice.events(OwnershipEvent::Release, OwnershipEvent::Freed).size(), 1u);
}

TEST(Analysis, UnseenMethodMayReleaseItsObject) {
  Analysed A("struct Conn { void close(); }; void f() { Conn *p = new Conn; p->close(); }", "f");
  EXPECT_TRUE(A.events(OwnershipEvent::Lose, OwnershipEvent::Live).empty());
}

TEST(Analysis, FunctionsWithoutBodyAreSkippedWithAReason) {
  auto AST = tooling::buildASTFromCodeWithArgs("void g();", {"-std=c++17"});
  auto Found = match(functionDecl(hasName("g")).bind("g"), AST->getASTContext());
  ASSERT_FALSE(Found.empty());
  Summaries Sums(AST->getASTContext());
  FunctionAnalysis R =
      analyseFunction(*Found[0].getNodeAs<FunctionDecl>("g"), AST->getASTContext(), Sums);
  EXPECT_FALSE(R.Analysed);
  EXPECT_FALSE(R.SkipReason.empty());
}

// ---- one context per function ---------------------------------------------------

TEST(FunctionContext, CalleeSummaryAndOwnAnalysisShareOneCFG) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      "void callee(int *p) { delete p; } void caller() { callee(new int); }", {"-std=c++17"});
  ASTContext &Ctx = AST->getASTContext();
  auto Callee = match(functionDecl(hasName("callee"), isDefinition()).bind("f"), Ctx);
  auto Caller = match(functionDecl(hasName("caller"), isDefinition()).bind("f"), Ctx);
  ASSERT_FALSE(Callee.empty());
  ASSERT_FALSE(Caller.empty());
  Summaries Sums(Ctx);
  unsigned long long Before = FunctionContexts::cfgsBuilt();
  // The caller's analysis summarises the callee: two CFGs.
  EXPECT_TRUE(analyseFunction(*Caller[0].getNodeAs<FunctionDecl>("f"), Ctx, Sums).Analysed);
  EXPECT_EQ(FunctionContexts::cfgsBuilt() - Before, 2u);
  // The callee's own analysis, and its copy search, reuse its CFG.
  EXPECT_TRUE(analyseFunction(*Callee[0].getNodeAs<FunctionDecl>("f"), Ctx, Sums,
                              /*DumpFacts=*/false, /*FindCopies=*/true)
                  .Analysed);
  EXPECT_EQ(FunctionContexts::cfgsBuilt() - Before, 2u);
}

TEST(FunctionContext, EvictedContextInUseStaysAlive) {
  auto AST =
      tooling::buildASTFromCodeWithArgs("void a() {} void b() {} void c() {}", {"-std=c++17"});
  ASTContext &Ctx = AST->getASTContext();
  auto Fns = match(functionDecl(isDefinition()).bind("f"), Ctx);
  ASSERT_EQ(Fns.size(), 3u);
  FunctionContexts Contexts(Ctx, /*Capacity=*/1);
  std::shared_ptr<FunctionContext> First = Contexts.get(*Fns[0].getNodeAs<FunctionDecl>("f"));
  const CFG *Graph = First->cfg();
  Contexts.get(*Fns[1].getNodeAs<FunctionDecl>("f")); // evicts the first
  Contexts.get(*Fns[2].getNodeAs<FunctionDecl>("f"));
  ASSERT_NE(Graph, nullptr);
  EXPECT_EQ(First->cfg(), Graph); // still the same, still valid
  EXPECT_EQ(&First->function(), Fns[0].getNodeAs<FunctionDecl>("f"));
  // Asked again after eviction: a new context, not the old one.
  EXPECT_NE(Contexts.get(*Fns[0].getNodeAs<FunctionDecl>("f")), First);
}

TEST(Solver, BackwardReachesEveryBlockOfALoopThatCanLeave) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      "int g(); void f() { int i = 0; while (g()) { if (i) break; i = g(); } }", {"-std=c++17"});
  ASTContext &Ctx = AST->getASTContext();
  auto Found = match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx);
  ASSERT_FALSE(Found.empty());
  FunctionContext Context(*Found[0].getNodeAs<FunctionDecl>("f"), Ctx);
  const CFG &G = *Context.cfg();
  // "Can reach the exit": true at the exit, and flows backwards.
  std::vector<char> Reaches(G.getNumBlockIDs(), 0);
  auto Transfer = [&](const CFGBlock &B, char AtEnd) -> char {
    return &B == &G.getExit() || AtEnd;
  };
  auto Join = [](char &Into, char From) {
    bool Changed = From && !Into;
    Into |= From;
    return Changed;
  };
  ASSERT_EQ(solveBackward(G, *Context.order(), Reaches, Transfer, Join, 1000),
            SolveResult::Converged);
  for (const CFGBlock *B : Context.order()->rpo())
    EXPECT_TRUE(Reaches[B->getBlockID()]) << "block " << B->getBlockID();
  // With no visits allowed, the solver says so instead of answering.
  std::vector<char> None(G.getNumBlockIDs(), 0);
  EXPECT_EQ(solveBackward(G, *Context.order(), None, Transfer, Join, 0), SolveResult::OutOfBudget);
}

// ---- copies at a last use -------------------------------------------------------

using Copies = std::vector<std::string>;

TEST(LastUse, CopyBeforeAReassignmentIsALastUse) {
  Analysed A(R"(
void f() {
  Str s;
  sink(s);
  s = Str();
  look(s);
}
)",
             "f");
  EXPECT_EQ(A.lastUseCopies(), Copies({"s@4"}));
}

TEST(LastUse, ReadOnSomePathAfterwardsIsNot) {
  Analysed A(R"(
void f(bool c) {
  Str s;
  sink(s);
  if (c)
    look(s);
}
)",
             "f");
  EXPECT_TRUE(A.lastUseCopies().empty());
}

TEST(LastUse, LoopBackEdgeReadsTheVariableAgain) {
  Analysed A(R"(
void outside() {
  Str s;
  while (check())
    sink(s);
}
void inside() {
  while (check()) {
    Str s;
    sink(s);
  }
}
)",
             "outside");
  EXPECT_TRUE(A.lastUseCopies().empty());
  Analysed B(R"(
void outside() {}
void inside() {
  while (check()) {
    Str s;
    sink(s);
  }
}
)",
             "inside");
  EXPECT_EQ(B.lastUseCopies(), Copies({"s@6"}));
}

TEST(LastUse, EveryBranchHasItsOwnLastUse) {
  Analysed A(R"(
void f(bool c) {
  Str a, b;
  if (c) {
    sink(a);
  } else {
    look(a);
    sink(b);
  }
  look(b);
}
)",
             "f");
  EXPECT_EQ(A.lastUseCopies(), Copies({"a@5"}));
}

TEST(LastUse, AliasesAndSameExpressionRuleItOut) {
  Analysed A(R"(
void twice(Str, Str);
void f() {
  Str a, b;
  const Str &r = a;
  sink(a);
  look(r);
  twice(b, b);
}
)",
             "f");
  EXPECT_TRUE(A.lastUseCopies().empty());
}
