#pragma once
// The dataflow solvers every ownlint analysis runs: a worklist over a CFG in
// reverse post-order (forward) or post-order (backward), with a visit budget
// so that a pathological function ends in "not analysed", never in a hang.
//
// The domain is the caller's: it supplies how a block transforms a state,
// how a branch edge refines it, and how two states join (returning whether
// the target changed). Bottom is "unreachable" and never reaches Transfer.

#include "clang/Analysis/CFG.h"
#include <functional>
#include <set>
#include <vector>

namespace ownlint {

/// Reverse post-order of a CFG's reachable blocks. Successors are explored
/// last to first, so a loop body follows its header and the exit comes after
/// it: a loop spans a short interval of ranks.
class CfgOrder {
public:
  explicit CfgOrder(const clang::CFG &G);

  const std::vector<const clang::CFGBlock *> &rpo() const { return RPO; }
  unsigned rank(const clang::CFGBlock &B) const { return Rank[B.getBlockID()]; }
  const clang::CFGBlock *block(unsigned Id) const { return ById[Id]; }
  /// Is \p B reachable from the entry (has it a rank)?
  bool reachable(const clang::CFGBlock &B) const { return ById[B.getBlockID()] != nullptr; }
  /// For each rank r, the furthest rank of a loop whose interval contains r
  /// (r itself when r is in no loop).
  const std::vector<unsigned> &loopEnds() const { return LoopEnd; }

private:
  std::vector<const clang::CFGBlock *> RPO;
  std::vector<unsigned> Rank;
  std::vector<const clang::CFGBlock *> ById;
  std::vector<unsigned> LoopEnd;
};

enum class SolveResult { Converged, OutOfBudget };

/// Runs to a fixpoint. \p In holds one state per block ID; the entry's must
/// be set (reachable) by the caller, the others bottom.
///   Transfer(const CFGBlock &, const State &In) -> State Out
///   Edge(const CFGBlock &, unsigned SuccIndex, State &Out) refines in place
///   Join(State &Into, const State &From) -> bool changed
///   Reachable(const State &) -> bool
///   Cost(const State &) -> size_t, charged per visit against CostBudget
template <class State, class TransferFn, class EdgeFn, class JoinFn, class ReachableFn,
          class CostFn>
SolveResult solveForward(const clang::CFG &G, const CfgOrder &Order, std::vector<State> &In,
                         TransferFn Transfer, EdgeFn Edge, JoinFn Join, ReachableFn Reachable,
                         CostFn Cost, size_t VisitBudget, size_t CostBudget) {
  std::set<std::pair<unsigned, unsigned>> Work; // (rank, block id)
  for (const clang::CFGBlock *B : Order.rpo())
    Work.insert({Order.rank(*B), B->getBlockID()});
  size_t Visits = 0, Spent = 0;
  while (!Work.empty()) {
    const clang::CFGBlock &B = *Order.block(Work.begin()->second);
    Work.erase(Work.begin());
    const State &Entry = In[B.getBlockID()];
    if (!Reachable(Entry))
      continue;
    Spent += 1 + Cost(Entry);
    if (++Visits > VisitBudget || Spent > CostBudget)
      return SolveResult::OutOfBudget;
    State Out = Transfer(B, Entry);
    // abort(), exit(), a failed assert(): nothing flows on.
    if (B.hasNoReturnElement() || !Reachable(Out))
      continue;
    unsigned Index = 0;
    for (auto It = B.succ_begin(); It != B.succ_end(); ++It, ++Index) {
      const clang::CFGBlock *Succ = It->getReachableBlock();
      if (!Succ)
        continue;
      State OnEdge = Out;
      if (B.succ_size() == 2)
        Edge(B, Index, OnEdge);
      if (!Reachable(OnEdge))
        continue;
      if (Join(In[Succ->getBlockID()], OnEdge))
        Work.insert({Order.rank(*Succ), Succ->getBlockID()});
    }
  }
  return SolveResult::Converged;
}

/// The backward twin, for may-analyses such as liveness. \p AtStart holds one
/// state per block ID, bottom (default-constructed) at first; a block's end
/// state is the join of its reachable successors' start states. Blocks not
/// reachable from the entry stay bottom.
///   Transfer(const CFGBlock &, const State &AtEnd) -> State AtStart
///   Join(State &Into, const State &From) -> bool changed
template <class State, class TransferFn, class JoinFn>
SolveResult solveBackward(const clang::CFG &G, const CfgOrder &Order, std::vector<State> &AtStart,
                          TransferFn Transfer, JoinFn Join, size_t VisitBudget) {
  // Latest rank first: a block is visited after its successors outside loops.
  std::set<std::pair<unsigned, unsigned>, std::greater<>> Work;
  for (const clang::CFGBlock *B : Order.rpo())
    Work.insert({Order.rank(*B), B->getBlockID()});
  size_t Visits = 0;
  while (!Work.empty()) {
    const clang::CFGBlock &B = *Order.block(Work.begin()->second);
    Work.erase(Work.begin());
    if (++Visits > VisitBudget)
      return SolveResult::OutOfBudget;
    State AtEnd{};
    for (auto It = B.succ_begin(); It != B.succ_end(); ++It)
      if (const clang::CFGBlock *Succ = It->getReachableBlock())
        if (Order.reachable(*Succ))
          Join(AtEnd, AtStart[Succ->getBlockID()]);
    if (Join(AtStart[B.getBlockID()], Transfer(B, AtEnd)))
      for (auto It = B.pred_begin(); It != B.pred_end(); ++It)
        if (const clang::CFGBlock *Pred = It->getReachableBlock())
          if (Order.reachable(*Pred))
            Work.insert({Order.rank(*Pred), Pred->getBlockID()});
  }
  return SolveResult::Converged;
}

} // namespace ownlint
