#pragma once
// A FileResult as JSON and back, losslessly: the cache's record of a result
// (not an output format; JsonEmitter writes that).

#include "Finding.h"

#include "llvm/Support/JSON.h"
#include <optional>

namespace ownlint {

llvm::json::Value resultToJson(const FileResult &R);

/// nullopt for anything that is not what resultToJson writes.
std::optional<FileResult> resultFromJson(const llvm::json::Value &V);

} // namespace ownlint
