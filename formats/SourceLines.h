#pragma once
// Line/column lookup and line text for files that findings point into.

#include "llvm/ADT/StringMap.h"
#include <memory>
#include <string>
#include <vector>

namespace llvm {
class MemoryBuffer;
}

namespace ownlint {

class SourceLines {
public:
  SourceLines();
  ~SourceLines();
  /// Sets 1-based \p Line and \p Column of \p Offset; 0 if the file is unreadable.
  void lineColumn(const std::string &File, unsigned Offset, unsigned &Line, unsigned &Column);
  /// The text of 1-based \p Line without its newline, or "" if unavailable.
  std::string lineText(const std::string &File, unsigned Line);
  /// The bytes [Offset, Offset + Length) of \p File, or "" if unavailable.
  std::string text(const std::string &File, unsigned Offset, unsigned Length);

private:
  struct Entry {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<unsigned> LineStarts;
  };
  const Entry *load(const std::string &File);
  llvm::StringMap<std::unique_ptr<Entry>> Files;
};

} // namespace ownlint
