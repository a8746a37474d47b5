#include "FileSelection.h"
#include "Paths.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

#include <algorithm>

namespace ownlint {

std::string parseShard(llvm::StringRef Spec, Shard &Out) {
  auto [K, N] = Spec.split('/');
  unsigned Index, Count;
  if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 || Index == 0 ||
      Index > Count)
    return "--shard: expected K/N with 1 <= K <= N, e.g. --shard=2/4 (got '" + Spec.str() + "')";
  Out = {Index, Count};
  return "";
}

namespace {

bool isGlob(llvm::StringRef S) { return S.find_first_of("*?[") != llvm::StringRef::npos; }

} // namespace

FileSelection selectFiles(const std::vector<std::string> &Patterns,
                          const clang::tooling::CompilationDatabase &Database,
                          llvm::StringRef FilesRegex, const Shard &Part) {
  FileSelection Out;
  std::vector<std::string> Known;
  auto knownFiles = [&]() -> const std::vector<std::string> & {
    if (Known.empty())
      for (const std::string &F : Database.getAllFiles())
        Known.push_back(absolutePath(F));
    return Known;
  };
  std::vector<std::string> Chosen;
  if (Patterns.empty()) {
    Out.WholeProject = true;
    Chosen = knownFiles();
    if (Chosen.empty()) {
      Out.Error = "the compilation database lists no files";
      return Out;
    }
  }
  for (const std::string &Pattern : Patterns) {
    if (isGlob(Pattern)) {
      std::string Abs =
          llvm::sys::path::is_absolute(Pattern) ? Pattern : absolutePath(".") + "/" + Pattern;
      auto Glob = llvm::GlobPattern::create(Abs);
      if (!Glob) {
        Out.Error = "bad glob '" + Pattern + "': " + llvm::toString(Glob.takeError());
        return Out;
      }
      size_t Before = Chosen.size();
      for (const std::string &F : knownFiles())
        if (Glob->match(F))
          Chosen.push_back(F);
      if (Chosen.size() == Before) {
        Out.Error = "no file of the compilation database matches '" + Pattern + "'";
        return Out;
      }
    } else if (llvm::sys::fs::is_directory(Pattern)) {
      if (knownFiles().empty()) {
        Out.Error = "'" + Pattern +
                    "' is a directory: name its source files, or pass -p <build-dir> to analyse "
                    "the files of the compilation database under it";
        return Out;
      }
      std::string Dir = absolutePath(Pattern);
      size_t Before = Chosen.size();
      for (const std::string &F : knownFiles())
        if (isUnder(F, Dir))
          Chosen.push_back(F);
      if (Chosen.size() == Before) {
        Out.Error = "no file of the compilation database is under '" + Pattern + "'";
        return Out;
      }
    } else {
      // Named outright: kept as given, so messages name it as the user did.
      Chosen.push_back(Pattern);
    }
  }
  if (!FilesRegex.empty()) {
    llvm::Regex Re(FilesRegex);
    std::string Why;
    if (!Re.isValid(Why)) {
      Out.Error = "--files-regex: " + Why;
      return Out;
    }
    llvm::erase_if(Chosen, [&](const std::string &F) { return !Re.match(F); });
    if (Chosen.empty()) {
      Out.Error = "--files-regex '" + FilesRegex.str() + "' matches none of the files";
      return Out;
    }
  }
  // Named files keep the command line's order (outputs follow it); selected
  // sets are sorted, so that every shard sees the same list.
  if (Out.WholeProject || std::any_of(Patterns.begin(), Patterns.end(), [](const std::string &P) {
        return isGlob(P) || llvm::sys::fs::is_directory(P);
      })) {
    std::sort(Chosen.begin(), Chosen.end());
  }
  llvm::StringSet<> Seen;
  for (std::string &F : Chosen)
    if (Seen.insert(F).second)
      Out.Files.push_back(std::move(F));
  if (Part.Count > 1) {
    std::vector<std::string> Mine;
    for (size_t I = 0; I < Out.Files.size(); ++I)
      if (I % Part.Count == Part.Index - 1)
        Mine.push_back(std::move(Out.Files[I]));
    Out.Files = std::move(Mine);
  }
  return Out;
}

} // namespace ownlint
