// libownlint-tidy.so: `clang-tidy --load=libownlint-tidy.so --checks='ownership-*'`.
// Registration is all there is; the checks live in checks/.
#include "OwnershipModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

static clang::tidy::ClangTidyModuleRegistry::Add<ownlint::OwnershipModule>
    RegisterOwnership(ownlint::ModuleName, ownlint::ModuleDescription);
