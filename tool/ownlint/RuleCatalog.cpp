#include "RuleCatalog.h"

#include "CheckRegistry.h"

#include "llvm/ADT/StringMap.h"

namespace ownlint {

namespace {
struct DocPage {
  const char *Name;
  const char *Markdown;
};
const DocPage Pages[] = {
#include "CheckDocs.inc"
};
} // namespace

std::vector<RuleInfo> ruleCatalog() {
  llvm::StringMap<const char *> Docs;
  for (const DocPage &P : Pages)
    Docs[P.Name] = P.Markdown;
  std::vector<RuleInfo> Rules;
  for (const CheckInfo &Info : allChecks()) {
    RuleInfo R;
    R.Id = Info.Name.str();
    R.Summary = Info.Summary.str();
    R.HelpUri = std::string(OWNLINT_DOCS_URL) + R.Id + ".md";
    auto It = Docs.find(Info.Name);
    if (It != Docs.end())
      R.Help = It->second;
    Rules.push_back(std::move(R));
  }
  return Rules;
}

const char *toolVersion() { return OWNLINT_VERSION; }

} // namespace ownlint
