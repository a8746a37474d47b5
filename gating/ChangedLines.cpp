#include "ChangedLines.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

#include <algorithm>

namespace ownlint {

namespace {
std::string normalised(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}
} // namespace

llvm::Expected<ChangedLines> ChangedLines::parse(llvm::StringRef Diff, llvm::StringRef Root) {
  ChangedLines Out;
  std::vector<unsigned> *Current = nullptr;
  unsigned NewLine = 0;
  bool InHunk = false;
  llvm::SmallVector<llvm::StringRef, 0> Rows;
  Diff.split(Rows, '\n');
  for (size_t I = 0; I < Rows.size(); ++I) {
    llvm::StringRef Row = Rows[I];
    Row.consume_back("\r");
    if (Row.starts_with("+++ ")) {
      llvm::StringRef Path = Row.drop_front(4).split('\t').first;
      InHunk = false;
      if (Path == "/dev/null") {
        Current = nullptr;
        continue;
      }
      Path.consume_front("b/");
      llvm::SmallString<256> Abs;
      if (llvm::sys::path::is_absolute(Path))
        Abs = Path;
      else {
        Abs = Root;
        llvm::sys::path::append(Abs, Path);
      }
      Current = &Out.Lines[normalised(Abs)];
      continue;
    }
    if (Row.starts_with("@@ ")) {
      // @@ -a[,b] +c[,d] @@
      size_t Plus = Row.find(" +");
      if (Plus == llvm::StringRef::npos || !Current)
        return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                       "malformed diff: hunk header '" + Row + "' " +
                                           (Current ? "without a new range" : "before a file"));
      llvm::StringRef Range = Row.drop_front(Plus + 2).split(' ').first.split(',').first;
      if (Range.getAsInteger(10, NewLine))
        return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                       "malformed diff: hunk header '" + Row + "'");
      InHunk = true;
      continue;
    }
    if (!InHunk || !Current)
      continue;
    if (Row.starts_with("+"))
      Current->push_back(NewLine++);
    else if (Row.starts_with(" ") || Row.empty())
      ++NewLine;
    else if (Row.starts_with("-") || Row.starts_with("\\"))
      ; // a removed line, or "\ No newline at end of file"
    else
      InHunk = false; // the next file's header lines
  }
  for (auto &Entry : Out.Lines) {
    std::sort(Entry.second.begin(), Entry.second.end());
    Entry.second.erase(std::unique(Entry.second.begin(), Entry.second.end()), Entry.second.end());
  }
  return Out;
}

bool ChangedLines::contains(llvm::StringRef File, unsigned Line) const {
  auto It = Lines.find(normalised(File));
  return It != Lines.end() && std::binary_search(It->second.begin(), It->second.end(), Line);
}

bool ChangedLines::touches(const Finding &F) const {
  if (contains(F.Where.File, F.Where.Line))
    return true;
  return std::any_of(F.Notes.begin(), F.Notes.end(),
                     [&](const FindingNote &N) { return contains(N.Where.File, N.Where.Line); });
}

namespace {
// Runs git with \p Args; its standard output, or an error with its stderr.
llvm::Expected<std::string> runGit(llvm::ArrayRef<llvm::StringRef> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(std::make_error_code(std::errc::no_such_file_or_directory),
                                   "--diff-base needs git, and git is not on PATH");
  llvm::SmallString<128> OutPath, ErrPath;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("ownlint-git", "out", OutPath))
    return llvm::createStringError(EC, "cannot create a temporary file: " + EC.message());
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("ownlint-git", "err", ErrPath))
    return llvm::createStringError(EC, "cannot create a temporary file: " + EC.message());
  std::vector<llvm::StringRef> Argv{*Git};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(OutPath),
                                                llvm::StringRef(ErrPath)};
  std::string ExecError;
  int Code = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0, &ExecError);
  auto Out = llvm::MemoryBuffer::getFile(OutPath);
  auto Err = llvm::MemoryBuffer::getFile(ErrPath);
  llvm::sys::fs::remove(OutPath);
  llvm::sys::fs::remove(ErrPath);
  if (Code != 0) {
    std::string Why = Err ? (*Err)->getBuffer().trim().str() : ExecError;
    std::string Cmd = "git";
    for (llvm::StringRef A : Args)
      Cmd += " " + A.str();
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   "'" + Cmd + "' failed: " + (Why.empty() ? ExecError : Why));
  }
  return Out ? (*Out)->getBuffer().str() : std::string();
}
} // namespace

llvm::Expected<std::string> gitDiffAgainst(llvm::StringRef Ref, llvm::StringRef Directory,
                                           std::string &Root) {
  llvm::Expected<std::string> Top = runGit({"-C", Directory, "rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  Root = llvm::StringRef(*Top).trim().str();
  // Against the merge base: what this branch changed, not what the other
  // side did since.
  llvm::Expected<std::string> Base = runGit({"-C", Root, "merge-base", Ref, "HEAD"});
  if (!Base)
    return Base.takeError();
  std::string BaseRev = llvm::StringRef(*Base).trim().str();
  return runGit({"-C", Root, "diff", "--no-color", "--no-ext-diff", "-U0", BaseRev,
                 "--"});
}

unsigned keepChanged(std::vector<FileResult> &Results, const ChangedLines &Changed) {
  unsigned Dropped = 0;
  for (FileResult &R : Results) {
    size_t Before = R.Findings.size();
    llvm::erase_if(R.Findings, [&](const Finding &F) {
      return !F.isCompilerDiagnostic() && !Changed.touches(F);
    });
    Dropped += Before - R.Findings.size();
  }
  return Dropped;
}

} // namespace ownlint
