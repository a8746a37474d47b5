#pragma once
// A translation unit's link summaries (Linking.h) as text and back, so the
// front-end's result cache can keep them with the unit's result: a unit
// taken from the cache still takes part in the link.

#include "Linking.h"

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace ownlint {

std::string linkageToText(const UnitLinkage &Unit);

/// nullopt for anything linkageToText does not write.
std::optional<UnitLinkage> linkageFromText(llvm::StringRef Text);

/// One summary as text (the same for equal summaries), "" for none: what a
/// second pass read of another file, for the cache to compare.
std::string summaryText(const FunctionSummary *Summary);

} // namespace ownlint
