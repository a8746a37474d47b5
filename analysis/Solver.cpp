#include "Solver.h"

#include <algorithm>

using namespace clang;

namespace ownlint {

CfgOrder::CfgOrder(const CFG &G) {
  unsigned N = G.getNumBlockIDs();
  std::vector<char> Seen(N, 0);
  std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_reverse_iterator>> Stack;
  const CFGBlock *Entry = &G.getEntry();
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
  Rank.assign(N, 0);
  ById.assign(N, nullptr);
  for (unsigned I = 0; I < RPO.size(); ++I) {
    Rank[RPO[I]->getBlockID()] = I;
    ById[RPO[I]->getBlockID()] = RPO[I];
  }
  LoopEnd.assign(RPO.size(), 0);
  for (const CFGBlock *B : RPO)
    for (auto It = B->succ_begin(); It != B->succ_end(); ++It)
      if (const CFGBlock *Succ = It->getReachableBlock())
        if (Rank[Succ->getBlockID()] <= Rank[B->getBlockID()]) {
          unsigned &E = LoopEnd[Rank[Succ->getBlockID()]];
          E = std::max(E, Rank[B->getBlockID()]);
        }
  unsigned Running = 0;
  for (unsigned R = 0; R < LoopEnd.size(); ++R) {
    Running = std::max(Running, LoopEnd[R]);
    LoopEnd[R] = Running >= R ? Running : R;
  }
}

} // namespace ownlint
