#include "Paths.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace ownlint {

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

bool isUnder(llvm::StringRef File, llvm::StringRef Dir) {
  if (Dir.empty() || !File.consume_front(Dir))
    return false;
  return File.empty() || llvm::sys::path::is_separator(File[0]) ||
         llvm::sys::path::is_separator(Dir.back());
}

std::string relativeTo(llvm::StringRef File, llvm::StringRef Root) {
  if (Root.empty())
    return File.str();
  // Relative names are the current directory's, as on the command line.
  std::string Path = absolutePath(File);
  llvm::SmallString<256> Base(Root);
  llvm::sys::path::remove_dots(Base, /*remove_dot_dot=*/true);
  if (!isUnder(Path, Base))
    return File.str();
  llvm::StringRef Rest = llvm::StringRef(Path).drop_front(Base.size()).ltrim("/\\");
  return llvm::sys::path::convert_to_slash(Rest);
}

} // namespace ownlint
