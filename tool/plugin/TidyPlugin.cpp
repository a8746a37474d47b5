// libownlint-tidy.so: `clang-tidy --load=libownlint-tidy.so --checks='ownership-*'`.
// Registration is all there is; the checks live in checks/.
#include "OwnershipModule.h"
// LLVM 22 moved the registry into ClangTidyModule.h (the old header goes in 24).
#if OWNLINT_LLVM_MAJOR >= 22
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

static clang::tidy::ClangTidyModuleRegistry::Add<ownlint::OwnershipModule>
    RegisterOwnership(ownlint::ModuleName, ownlint::ModuleDescription);
