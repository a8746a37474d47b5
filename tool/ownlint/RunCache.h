#pragma once
// The front-end's side of the result cache (gating/ResultCache.h): what a
// translation unit's key is made of, which files it read, and how a linked
// second-pass result is checked against the summaries it read.
// docs/cache.md describes the design.

#include "ResultCache.h"
#include "Runner.h"

#include "Linking.h"

#include "llvm/Support/VirtualFileSystem.h"
#include <atomic>
#include <string>
#include <vector>

namespace ownlint {

class RunCache {
public:
  /// \p ToolIdentity goes into every key (toolIdentity()).
  RunCache(std::string Directory, std::string ToolIdentity);

  /// ownlint's version, LLVM's, and the executable's size and time: a
  /// rebuilt ownlint (with the same version number) starts afresh.
  static std::string toolIdentity(llvm::StringRef Version, llvm::StringRef LLVMVersion);

  /// The key of \p File's result with \p Options (already configured for
  /// the file): the tool, the file, its compile commands and the effective
  /// configuration. The content of what it reads is checked on lookup.
  std::string unitKey(const std::string &File, const clang::tooling::CompilationDatabase &Database,
                      const RunOptions &Options) const;
  /// The key of the same unit's second-pass (linked) result.
  static std::string linkedKey(llvm::StringRef UnitKey);
  /// A digest of the linked summaries under \p Keys, absent ones included.
  static std::string linkedDigest(const std::vector<std::string> &Keys,
                                  const LinkedSummaries &Table);

  ResultCache &entries() { return Entries; }
  llvm::sys::TimePoint<> runStart() const { return Start; }

  /// Counted by the runner for the summary and OWNLINT_STATS.
  struct Counts {
    std::atomic<unsigned> FirstHits{0}, FirstMisses{0}, LinkedHits{0}, LinkedMisses{0};
    unsigned FromCache = 0; // files whose result was not analysed in this run
  } Count;

private:
  ResultCache Entries;
  std::string Tool;
  llvm::sys::TimePoint<> Start;
};

/// \p FS, noting into \p Into the absolute path of every file opened for
/// reading (once each): the translation unit's inputs.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
recordReads(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS, std::vector<std::string> &Into);

} // namespace ownlint
