#include "FixApplier.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace ownlint;

namespace {

std::string tempFileWith(const std::string &Text) {
  llvm::SmallString<128> Path;
  int FD;
  EXPECT_FALSE(llvm::sys::fs::createTemporaryFile("fix", "cpp", FD, Path));
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Text;
  return std::string(Path);
}

std::string contents(const std::string &Path) {
  return (*llvm::MemoryBuffer::getFile(Path))->getBuffer().str();
}

Finding findingWith(std::vector<Edit> Edits) {
  Finding F;
  F.Check = "ownership-raw-new-delete";
  F.Fixes = std::move(Edits);
  return F;
}

} // namespace

TEST(FixApplier, AppliesEditsOfSeveralFindingsAndDeduplicatesIncludes) {
  std::string Path = tempFileWith("int *p = new int;\ndelete p;\n");
  FileResult R;
  Edit Include{Path, 0, 0, "#include <memory>\n"};
  R.Findings.push_back(findingWith({Include, {Path, 0, 16, "auto p = X"}}));
  R.Findings.push_back(findingWith({Include, {Path, 18, 10, ""}}));
  FixSummary S = applyFixes({R});
  EXPECT_EQ(S.Applied, 3u);
  EXPECT_EQ(S.Skipped, 0u);
  EXPECT_EQ(contents(Path), "#include <memory>\nauto p = X;\n");
  llvm::sys::fs::remove(Path);
}

TEST(FixApplier, SkipsOverlappingEdits) {
  std::string Path = tempFileWith("abcdef");
  FileResult R;
  R.Findings.push_back(findingWith({{Path, 1, 3, "X"}}));
  R.Findings.push_back(findingWith({{Path, 2, 3, "Y"}}));
  FixSummary S = applyFixes({R});
  EXPECT_EQ(S.Applied, 1u);
  EXPECT_EQ(S.Skipped, 1u);
  EXPECT_EQ(contents(Path), "aXef");
  llvm::sys::fs::remove(Path);
}

TEST(FixApplier, IgnoresCompilerDiagnosticFixes) {
  std::string Path = tempFileWith("abc");
  FileResult R;
  Finding F = findingWith({{Path, 0, 1, "Z"}});
  F.Check = "clang-diagnostic-error";
  R.Findings.push_back(F);
  EXPECT_EQ(applyFixes({R}).Applied, 0u);
  EXPECT_EQ(contents(Path), "abc");
  llvm::sys::fs::remove(Path);
}
