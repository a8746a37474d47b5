#pragma once
// Which files clang-tidy will show diagnostics for: the main file, and
// headers matching the header filter. Checks skip the rest early.

#include "clang/Basic/SourceLocation.h"
#include "llvm/Support/Regex.h"
#include <optional>
#include <string>

namespace clang {
class SourceManager;
namespace tidy {
class ClangTidyContext;
}
} // namespace clang

namespace ownlint {

class ReportedFiles {
public:
  explicit ReportedFiles(clang::tidy::ClangTidyContext *Context) : Context(Context) {}
  bool contains(clang::SourceLocation Loc, const clang::SourceManager &SM);

private:
  clang::tidy::ClangTidyContext *Context;
  std::optional<std::string> FilterText;
  std::optional<llvm::Regex> Filter;
};

} // namespace ownlint
