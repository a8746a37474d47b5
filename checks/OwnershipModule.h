#pragma once
// The clang-tidy module that both front-ends register: the plugin inside
// clang-tidy, and the ownlint CLI around clang-tidy's engine.

#include "clang-tidy/ClangTidyModule.h"

namespace ownlint {

class OwnershipModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override;
  clang::tidy::ClangTidyOptions getModuleOptions() override;
};

inline constexpr const char *ModuleName = "ownership-module";
inline constexpr const char *ModuleDescription =
    "ownlint: heap ownership checks (raw new/delete, moves, frees, copies)";

} // namespace ownlint
