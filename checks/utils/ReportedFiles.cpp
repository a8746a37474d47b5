#include "ReportedFiles.h"

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Basic/SourceManager.h"

namespace ownlint {

bool ReportedFiles::contains(clang::SourceLocation Loc, const clang::SourceManager &SM) {
  Loc = SM.getExpansionLoc(Loc);
  if (SM.isInMainFile(Loc))
    return true;
  const std::optional<std::string> &Text = Context->getOptions().HeaderFilterRegex;
  if (!Text || Text->empty())
    return false;
  if (FilterText != *Text) {
    FilterText = *Text;
    Filter.emplace(*Text);
  }
  return Filter->match(SM.getFilename(Loc));
}

} // namespace ownlint
