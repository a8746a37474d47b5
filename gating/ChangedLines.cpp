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

namespace {
// "a[,b]": the first line and the count (1 when omitted).
bool parseRange(llvm::StringRef Text, unsigned &First, unsigned &Count) {
  auto [F, C] = Text.split(',');
  Count = 1;
  return !F.getAsInteger(10, First) && (C.empty() || !C.getAsInteger(10, Count));
}
} // namespace

llvm::Expected<ChangedLines> ChangedLines::parse(llvm::StringRef Diff, llvm::StringRef Root) {
  ChangedLines Out;
  std::vector<unsigned> *Current = nullptr;
  bool SawFile = false;
  // Inside a hunk, its line counts say where it ends: a removed line that
  // reads "-- x" must not be taken for the next file's "--- a/x".
  unsigned NewLine = 0, OldLeft = 0, NewLeft = 0;
  auto bad = [](const llvm::Twine &Why) {
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   "malformed diff: " + Why);
  };
  llvm::SmallVector<llvm::StringRef, 0> Rows;
  Diff.split(Rows, '\n');
  for (llvm::StringRef Row : Rows) {
    Row.consume_back("\r");
    if (OldLeft || NewLeft) {
      if (Row.starts_with("\\"))
        continue; // "\ No newline at end of file"
      char Kind = Row.empty() ? ' ' : Row[0];
      if (Kind == '+' && NewLeft) {
        if (Current)
          Current->push_back(NewLine);
        ++NewLine;
        --NewLeft;
      } else if (Kind == '-' && OldLeft) {
        --OldLeft;
      } else if (Kind == ' ' && OldLeft && NewLeft) {
        ++NewLine;
        --OldLeft;
        --NewLeft;
      } else {
        return bad("line '" + Row + "' does not fit its hunk");
      }
      continue;
    }
    if (Row.starts_with("\\"))
      continue;
    if (Row.starts_with("+++ ")) {
      llvm::StringRef Path = Row.drop_front(4).split('\t').first;
      SawFile = true;
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
      if (!SawFile)
        return bad("hunk header '" + Row + "' before a file");
      llvm::SmallVector<llvm::StringRef, 4> Parts;
      Row.split(Parts, ' ', 3, /*KeepEmpty=*/false);
      unsigned OldFirst;
      if (Parts.size() < 3 || !Parts[1].consume_front("-") || !Parts[2].consume_front("+") ||
          !parseRange(Parts[1], OldFirst, OldLeft) || !parseRange(Parts[2], NewLine, NewLeft))
        return bad("hunk header '" + Row + "'");
    }
    // Anything else is a header line (diff --git, index, ---, mode).
  }
  if (OldLeft || NewLeft)
    return bad("the last hunk ends early");
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
