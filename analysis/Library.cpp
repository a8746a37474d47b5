#include "Library.h"

namespace ownlint {

const LibraryNames &library() {
  static const LibraryNames Names = [] {
    LibraryNames N;
#define OWNLINT_CONTAINER(Name) N.Containers.insert(Name);
#define OWNLINT_WRAPPER(Name) N.Wrappers.insert(Name);
#define OWNLINT_ALLOCATING_TYPE(Name) N.AllocatingTypes.insert(Name);
#define OWNLINT_INSERT_METHOD(Name) N.InsertMethods.insert(Name);
#define OWNLINT_BUILD_METHOD(Name) N.BuildMethods.insert(Name);
#define OWNLINT_BUILD_FUNCTION(Name) N.BuildFunctions.insert(Name);
#define OWNLINT_CONDITIONAL_MOVER(Name) N.ConditionalMovers.insert(Name);
#define OWNLINT_REINIT_METHOD(Name) N.ReinitMethods.insert(Name);
#define OWNLINT_EMPTY_STATE_QUERY(Name) N.EmptyStateQueries.insert(Name);
#define OWNLINT_OBSERVER_METHOD(Name) N.ObserverMethods.insert(Name);
#include "Library.def"
    return N;
  }();
  return Names;
}

} // namespace ownlint
