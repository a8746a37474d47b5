#pragma once
// The incremental cache (docs/cache.md): one entry per key, a file in the
// cache directory holding a translation unit's result, the files it read
// with their content hashes ("direct mode", as in ccache), and opaque data
// the front-end stores beside it (the unit's link summaries). An entry whose
// inputs changed, or that cannot be read or parsed, is a miss.

#include "ContentHashes.h"
#include "Finding.h"

#include "llvm/Support/Chrono.h"
#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace ownlint {

struct CacheEntry {
  FileResult Result;
  /// Opaque to the cache: the unit's link summaries (analysis/LinkingIO.h).
  std::string Linkage;
  /// A second-pass result: the other files' summaries it read, and a digest
  /// of their values when it was analysed (the front-end compares it).
  std::vector<std::string> LinkedKeys;
  std::string LinkedDigest;
};

struct CacheStats {
  std::atomic<unsigned> Stored{0}; // hits and misses are the caller's to count, per pass
};

class ResultCache {
public:
  /// \p Directory is created on the first store.
  explicit ResultCache(std::string Directory);

  const std::string &directory() const { return Directory; }

  /// The entry under \p Key if every file it read still has the content it
  /// had; nullopt otherwise (never an error: the file is analysed again).
  std::optional<CacheEntry> lookup(llvm::StringRef Key);

  /// Stores \p Entry, made from reading \p Inputs, under \p Key. Skipped
  /// (false) when an input is unreadable or was modified after \p RunStart:
  /// the result may not be of the content hashed now. An unwritable
  /// directory is not an error either: the run just does not get faster.
  bool store(llvm::StringRef Key, const std::vector<std::string> &Inputs, const CacheEntry &Entry,
             llvm::sys::TimePoint<> RunStart);

  ContentHashes &hashes() { return Hashes; }
  CacheStats &stats() { return Stats; }

private:
  std::string pathOf(llvm::StringRef Key) const;

  std::string Directory;
  ContentHashes Hashes;
  CacheStats Stats;
};

} // namespace ownlint
