#include "FunctionContext.h"

#include <atomic>

using namespace clang;

namespace ownlint {

namespace {
std::atomic<unsigned long long> CfgCount{0}, ContextCount{0};
} // namespace

CFG::BuildOptions ownershipCFGOptions() {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.AddLifetime = true;
  Options.AddInitializers = true;
  Options.AddImplicitDtors = false;
  Options.AddTemporaryDtors = false;
  Options.AddCXXDefaultInitExprInCtors = true;
  Options.PruneTriviallyFalseEdges = true;
  return Options;
}

const CFG *FunctionContext::cfg() {
  if (!CfgBuilt) {
    CfgBuilt = true;
    if (Stmt *Body = FD.getBody()) {
      ++CfgCount;
      Graph = CFG::buildCFG(&FD, Body, &Ctx, ownershipCFGOptions());
    }
  }
  return Graph.get();
}

const CfgOrder *FunctionContext::order() {
  if (!Order && cfg())
    Order = std::make_unique<CfgOrder>(*Graph);
  return Order.get();
}

const LocalParents &FunctionContext::parents() {
  if (!Parents)
    Parents = std::make_unique<LocalParents>(FD);
  return *Parents;
}

std::shared_ptr<FunctionContext> FunctionContexts::get(const FunctionDecl &FD) {
  std::shared_ptr<FunctionContext> &Slot = Live[&FD];
  if (Slot)
    return Slot;
  Slot = std::make_shared<FunctionContext>(FD, Ctx);
  ++ContextCount;
  std::shared_ptr<FunctionContext> Result = Slot; // Slot dies with an erase below
  Order.push_back(&FD);
  while (Order.size() > Capacity) {
    Live.erase(Order.front());
    Order.pop_front();
  }
  return Result;
}

unsigned long long FunctionContexts::cfgsBuilt() { return CfgCount; }
unsigned long long FunctionContexts::contextsMade() { return ContextCount; }

} // namespace ownlint
