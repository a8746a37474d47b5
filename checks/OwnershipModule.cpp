#include "OwnershipModule.h"
#include "CheckRegistry.h"

namespace ownlint {

void OwnershipModule::addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) {
  for (const CheckInfo &Info : allChecks())
    Factories.registerCheckFactory(Info.Name, Info.Factory);
}

clang::tidy::ClangTidyOptions OwnershipModule::getModuleOptions() {
  return clang::tidy::ClangTidyOptions();
}

} // namespace ownlint
