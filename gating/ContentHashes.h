#pragma once
// Content hashes of the files a translation unit read, computed once per run
// per file however many units include it, from several threads.

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace ownlint {

class ContentHashes {
public:
  /// xxh3-64 of the file's bytes; nullopt when it cannot be read (a file
  /// that went away is a changed input).
  std::optional<uint64_t> of(llvm::StringRef Path);

private:
  std::mutex Lock;
  llvm::StringMap<std::optional<uint64_t>> Known;
};

/// A SHA-256 over named fields, each length-prefixed so that no two lists
/// of fields give the same bytes.
class KeyBuilder {
public:
  KeyBuilder &add(llvm::StringRef Field, llvm::StringRef Value);
  std::string hex() const; // 64 hex digits
private:
  std::string Material;
};

} // namespace ownlint
