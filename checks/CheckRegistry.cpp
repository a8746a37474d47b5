#include "CheckRegistry.h"
#include "AllChecks.h"

#include <algorithm>
#include <vector>

namespace ownlint {

llvm::ArrayRef<CheckInfo> allChecks() {
  static const std::vector<CheckInfo> Checks = [] {
    std::vector<CheckInfo> List;
#define OWNLINT_CHECK(Name, Class, Summary)                                                        \
  List.push_back(CheckInfo{"ownership-" Name, Summary,                                             \
                           [](llvm::StringRef CheckName, clang::tidy::ClangTidyContext *Context)   \
                               -> std::unique_ptr<clang::tidy::ClangTidyCheck> {                   \
                             return std::make_unique<Class>(CheckName, Context);                   \
                           }});
#include "Checks.def"
    std::sort(List.begin(), List.end(),
              [](const CheckInfo &A, const CheckInfo &B) { return A.Name < B.Name; });
    return List;
  }();
  return Checks;
}

const CheckInfo *findCheck(llvm::StringRef Name) {
  for (const CheckInfo &Info : allChecks())
    if (Info.Name == Name)
      return &Info;
  return nullptr;
}

} // namespace ownlint
