#pragma once
// The checks as the reports describe them: name, summary, docs link and page.

#include "Finding.h"

#include <vector>

namespace ownlint {

/// Every registered check, in registry order.
std::vector<RuleInfo> ruleCatalog();

/// ownlint's version, as --version prints it.
const char *toolVersion();

} // namespace ownlint
