#pragma once
// The standard library knowledge of Library.def as name sets, built once.

#include "llvm/ADT/StringSet.h"

namespace ownlint {

struct LibraryNames {
  llvm::StringSet<> Containers, Wrappers, AllocatingTypes;
  llvm::StringSet<> InsertMethods, BuildMethods, BuildFunctions, ConditionalMovers;
  llvm::StringSet<> ReinitMethods, EmptyStateQueries, ObserverMethods;
};

const LibraryNames &library();

} // namespace ownlint
