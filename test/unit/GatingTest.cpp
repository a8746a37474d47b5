// Baselines, changed lines and the fail policy, on Findings alone.
#include "Baseline.h"
#include "ChangedLines.h"
#include "Gate.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace ownlint;

namespace {
Finding finding(std::string Check, std::string File, unsigned Line, std::string Fingerprint) {
  Finding F;
  F.Check = std::move(Check);
  F.Where.File = std::move(File);
  F.Where.Line = Line;
  F.Message = "m";
  F.Fingerprint = std::move(Fingerprint);
  return F;
}
} // namespace

TEST(ChangedLines, ReadsAddedLinesWithAndWithoutContext) {
  const char *Diff = "diff --git a/src/a.cc b/src/a.cc\n"
                     "--- a/src/a.cc\n"
                     "+++ b/src/a.cc\n"
                     "@@ -10,4 +10,5 @@ void f() {\n"
                     " context 10\n"
                     "-removed\n"
                     "+added 11\n"
                     "+added 12\n"
                     " context 13\n"
                     " context 14\n"
                     "@@ -40 +41,0 @@\n"
                     "-gone\n"
                     "diff --git a/new.cc b/new.cc\n"
                     "new file mode 100644\n"
                     "--- /dev/null\n"
                     "+++ b/new.cc\n"
                     "@@ -0,0 +1,2 @@\n"
                     "+one\n"
                     "+two\n"
                     "\\ No newline at end of file\n"
                     "diff --git a/old.cc b/old.cc\n"
                     "--- a/old.cc\n"
                     "+++ /dev/null\n"
                     "@@ -1 +0,0 @@\n"
                     "-x\n";
  llvm::Expected<ChangedLines> C = ChangedLines::parse(Diff, "/repo");
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_FALSE(C->contains("/repo/src/a.cc", 10));
  EXPECT_TRUE(C->contains("/repo/src/a.cc", 11));
  EXPECT_TRUE(C->contains("/repo/src/a.cc", 12));
  EXPECT_FALSE(C->contains("/repo/src/a.cc", 13));
  EXPECT_FALSE(C->contains("/repo/src/a.cc", 41));
  EXPECT_TRUE(C->contains("/repo/new.cc", 1));
  EXPECT_TRUE(C->contains("/repo/new.cc", 2));
  EXPECT_FALSE(C->contains("/repo/new.cc", 3));
  EXPECT_FALSE(C->contains("/repo/old.cc", 1));
  EXPECT_TRUE(C->contains("/repo/sub/../src/a.cc", 11));
}

TEST(ChangedLines, AFindingCountsWhenItsNoteIsOnAChangedLine) {
  llvm::Expected<ChangedLines> C =
      ChangedLines::parse("+++ b/a.cc\n@@ -5,0 +6 @@\n+  delete p;\n", "/r");
  ASSERT_TRUE(bool(C));
  Finding F = finding("ownership-double-free", "/r/a.cc", 3, "");
  EXPECT_FALSE(C->touches(F));
  FindingNote Again;
  Again.Where.File = "/r/a.cc";
  Again.Where.Line = 6;
  Again.Message = "freed again here";
  F.Notes.push_back(Again);
  EXPECT_TRUE(C->touches(F));
  std::vector<FileResult> Results(1);
  Results[0].Findings = {F, finding("ownership-leak", "/r/a.cc", 9, "")};
  EXPECT_EQ(keepChanged(Results, *C), 1u);
  EXPECT_EQ(Results[0].Findings.size(), 1u);
}

TEST(ChangedLines, RejectsAHunkBeforeAFile) {
  llvm::Expected<ChangedLines> C = ChangedLines::parse("@@ -1 +1 @@\n+x\n", "/r");
  ASSERT_FALSE(bool(C));
  EXPECT_NE(llvm::toString(C.takeError()).find("before a file"), std::string::npos);
}

TEST(FailPolicy, ChoosesWhichFindingsFail) {
  Finding Leak = finding("ownership-leak", "a", 1, ""), Free = Leak;
  Free.Check = "ownership-double-free";
  Free.Severity = Finding::Level::Error;
  auto fails = [](llvm::StringRef Spec, const Finding &F) {
    llvm::Expected<FailPolicy> P = FailPolicy::parse(Spec);
    EXPECT_TRUE(bool(P)) << Spec.str();
    return P && P->fails(F);
  };
  EXPECT_TRUE(fails("any", Leak));
  EXPECT_FALSE(fails("none", Leak));
  EXPECT_FALSE(fails("error", Leak));
  EXPECT_TRUE(fails("error", Free));
  EXPECT_TRUE(fails("ownership-double-*", Free));
  EXPECT_FALSE(fails("ownership-double-*", Leak));
  EXPECT_TRUE(fails("ownership-use-after-*,ownership-leak", Leak));
  EXPECT_FALSE(bool(FailPolicy::parse("warnings")));
  EXPECT_FALSE(bool(FailPolicy::parse("")));
  EXPECT_FALSE(bool(FailPolicy::parse("none,error")));
}

TEST(Baseline, AcceptsListedFindingsAndReportsStaleEntries) {
  std::vector<FileResult> Old(2);
  Old[0].File = "/r/a.cc";
  Old[0].Findings = {finding("ownership-leak", "/r/a.cc", 3, "aaaa"),
                     finding("ownership-leak", "/r/a.cc", 9, "bbbb")};
  Old[1].File = "/r/b.cc";
  Old[1].Findings = {finding("ownership-leak", "/r/b.cc", 3, "cccc")};
  llvm::SmallString<128> Path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("baseline", "json", Path));
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    writeBaseline(Old, "/r", OS);
  }
  llvm::Expected<Baseline> B = readBaseline(Path);
  llvm::sys::fs::remove(Path);
  ASSERT_TRUE(bool(B)) << llvm::toString(B.takeError());
  ASSERT_EQ(B->Entries.size(), 3u);
  EXPECT_EQ(B->Entries[0].File, "a.cc");

  // a.cc: one old finding fixed ("bbbb"), one new; b.cc not analysed.
  std::vector<FileResult> Now(1);
  Now[0].File = "/r/a.cc";
  Now[0].Findings = {finding("ownership-leak", "/r/a.cc", 5, "aaaa"),
                     finding("ownership-leak", "/r/a.cc", 7, "dddd")};
  std::vector<FileResult> Partial = Now;
  BaselineOutcome Out = applyBaseline(Partial, *B, "/r", /*WholeProject=*/false);
  EXPECT_EQ(Out.Suppressed, 1u);
  ASSERT_EQ(Partial[0].Findings.size(), 1u);
  EXPECT_EQ(Partial[0].Findings[0].Fingerprint, "dddd");
  ASSERT_EQ(Out.Stale.size(), 1u); // b.cc's entry is not judged
  EXPECT_EQ(Out.Stale[0].Fingerprint, "bbbb");
  BaselineOutcome Whole = applyBaseline(Now, *B, "/r", /*WholeProject=*/true);
  EXPECT_EQ(Whole.Stale.size(), 2u);
}

TEST(ChangedLines, HunkCountsDecideWhereAHunkEnds) {
  // A removed line "-- x" and an added line "++ y" look like file headers.
  const char *Diff = "--- a/a.cc\n"
                     "+++ b/a.cc\n"
                     "@@ -1,2 +1,2 @@\n"
                     "--- x\n"
                     "+++ y\n"
                     " same\n";
  llvm::Expected<ChangedLines> C = ChangedLines::parse(Diff, "/r");
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_TRUE(C->contains("/r/a.cc", 1));
  EXPECT_FALSE(C->contains("/r/a.cc", 2));
  EXPECT_EQ(C->files(), 1u);
  llvm::Expected<ChangedLines> Short =
      ChangedLines::parse("+++ b/a.cc\n@@ -1,3 +1,3 @@\n x\n", "/r");
  ASSERT_FALSE(bool(Short));
  EXPECT_NE(llvm::toString(Short.takeError()).find("ends early"), std::string::npos);
}
