// The formats on Findings alone: no analysis runs here.
#include "Emitters.h"
#include "Fingerprint.h"
#include "Reports.h"
#include "SourceLines.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace ownlint;

namespace {

// A scratch directory with files, removed at the end of the test.
class Scratch {
public:
  Scratch() { llvm::sys::fs::createUniqueDirectory("ownlint-formats", Dir); }
  ~Scratch() { llvm::sys::fs::remove_directories(Dir); }
  std::string write(llvm::StringRef Name, llvm::StringRef Text) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Name);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Text;
    return std::string(Path);
  }
  std::string root() const { return std::string(Dir); }

private:
  llvm::SmallString<256> Dir;
};

SourcePoint at(const std::string &File, llvm::StringRef Text, llvm::StringRef Needle) {
  SourcePoint P;
  P.File = File;
  P.Offset = Text.find(Needle);
  SourceLines Lines;
  Lines.lineColumn(File, P.Offset, P.Line, P.Column);
  return P;
}

FileResult oneFinding(const std::string &File, llvm::StringRef Text) {
  FileResult R;
  R.File = File;
  Finding F;
  F.Check = "ownership-double-free";
  F.Where = at(File, Text, "delete p; // second");
  F.Message = "'p' is freed a second time here (allocated at line 2)";
  F.Notes.push_back({at(File, Text, "new int"), "allocated here"});
  F.Notes.push_back({at(File, Text, "delete p; // first"), "first freed here"});
  F.Fixes.push_back({File, F.Where.Offset, 9, ""});
  R.Findings.push_back(F);
  return R;
}

const char *Code = "void f() {\n"
                   "  int *p = new int;\n"
                   "  delete p; // first\n"
                   "  delete p; // second\n"
                   "}\n";

std::string fingerprintOf(const std::string &File, llvm::StringRef Text, llvm::StringRef Root) {
  std::vector<FileResult> Results{oneFinding(File, Text)};
  SourceLines Lines;
  assignFingerprints(Results, Root, Lines);
  return Results[0].Findings[0].Fingerprint;
}

RunInfo runInfo(const std::string &Root) {
  RunInfo Run;
  Run.ToolVersion = "1.2.3";
  Run.Root = Root;
  Run.Rules = {{"ownership-leak", "leaks", "https://x/leak.md", "# leak"},
               {"ownership-double-free", "frees twice", "https://x/df.md", "# df"}};
  return Run;
}

} // namespace

TEST(Fingerprint, SurvivesLinesAddedAboveAndReindentingButNotAnEditOfTheLine) {
  Scratch S, T;
  std::string Before = fingerprintOf(S.write("src/a.cc", Code), Code, S.root());
  ASSERT_EQ(Before.size(), 16u);
  std::string Shifted = std::string("// a comment\n#include <x>\n\n") + Code;
  EXPECT_EQ(Before, fingerprintOf(S.write("src/a.cc", Shifted), Shifted, S.root()));
  std::string Reindented = Code;
  Reindented.replace(Reindented.find("  delete p; // second"), 2, "\t\t");
  EXPECT_EQ(Before, fingerprintOf(S.write("src/a.cc", Reindented), Reindented, S.root()));
  // Another checkout directory: the path is taken relative to the root.
  EXPECT_EQ(Before, fingerprintOf(T.write("src/a.cc", Code), Code, T.root()));
  std::string Edited = Code;
  Edited.replace(Edited.find("// second"), 9, "// again");
  EXPECT_NE(Before, fingerprintOf(S.write("src/a.cc", Edited), Edited, S.root()));
  EXPECT_NE(Before, fingerprintOf(S.write("src/b.cc", Code), Code, S.root()));
}

TEST(Fingerprint, IdenticalFindingsAreRankedApart) {
  Scratch S;
  std::string File = S.write("a.cc", Code);
  std::vector<FileResult> Results{oneFinding(File, Code)};
  Results[0].Findings.push_back(Results[0].Findings[0]);
  Results[0].Findings[1].Where.Offset += 1; // later on the same line
  SourceLines Lines;
  assignFingerprints(Results, S.root(), Lines);
  EXPECT_NE(Results[0].Findings[0].Fingerprint, Results[0].Findings[1].Fingerprint);
}

TEST(Fingerprint, RelativeToRoot) {
  EXPECT_EQ(relativeTo("/p/root/src/x.cc", "/p/root"), "src/x.cc");
  EXPECT_EQ(relativeTo("/p/root/src/x.cc", "/p/root/"), "src/x.cc");
  EXPECT_EQ(relativeTo("/p/rootless/x.cc", "/p/root"), "/p/rootless/x.cc");
  EXPECT_EQ(relativeTo("/p/root/../other/x.cc", "/p/root"), "/p/root/../other/x.cc");
}

TEST(Sarif, CarriesRulesNotesCodeFlowFixesAndFingerprints) {
  Scratch S;
  std::string File = S.write("src/a.cc", Code);
  std::vector<FileResult> Results{oneFinding(File, Code)};
  Results[0].Findings[0].Fingerprint = "0123456789abcdef";
  FileResult Broken;
  Broken.File = "/elsewhere/b.cc";
  Broken.State = FileResult::Status::ParseError;
  Broken.Error = "'b.cc' does not compile";
  Results.push_back(Broken);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  emitSarif(Results, runInfo(S.root()), OS);
  OS.flush();
  llvm::Expected<llvm::json::Value> Doc = llvm::json::parse(Out);
  ASSERT_TRUE(bool(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object &Run = *(*Doc->getAsObject()->getArray("runs"))[0].getAsObject();
  const llvm::json::Array &Rules = *Run.getObject("tool")->getObject("driver")->getArray("rules");
  ASSERT_EQ(Rules.size(), 2u);
  EXPECT_EQ(*Rules[1].getAsObject()->getString("helpUri"), "https://x/df.md");
  EXPECT_EQ(*Rules[1].getAsObject()->getObject("help")->getString("markdown"), "# df");
  const llvm::json::Object &R = *(*Run.getArray("results"))[0].getAsObject();
  EXPECT_EQ(*R.getString("ruleId"), "ownership-double-free");
  EXPECT_EQ(*R.getInteger("ruleIndex"), 1);
  const llvm::json::Object &Loc =
      *(*R.getArray("locations"))[0].getAsObject()->getObject("physicalLocation");
  EXPECT_EQ(*Loc.getObject("artifactLocation")->getString("uri"), "src/a.cc");
  EXPECT_EQ(*Loc.getObject("artifactLocation")->getString("uriBaseId"), "%SRCROOT%");
  EXPECT_EQ(*Loc.getObject("region")->getInteger("startLine"), 4);
  EXPECT_EQ(R.getArray("relatedLocations")->size(), 2u);
  const llvm::json::Array &Steps =
      *(*(*R.getArray("codeFlows"))[0].getAsObject()->getArray("threadFlows"))[0]
           .getAsObject()
           ->getArray("locations");
  ASSERT_EQ(Steps.size(), 3u); // allocated, first freed, freed again
  EXPECT_EQ(*Steps[2].getAsObject()->getObject("location")->getObject("message")->getString("text"),
            "'p' is freed a second time here (allocated at line 2)");
  EXPECT_EQ(*R.getObject("partialFingerprints")->getString("ownlint/v1"), "0123456789abcdef");
  EXPECT_EQ(R.getArray("fixes")->size(), 1u);
  const llvm::json::Object &Invocation = *(*Run.getArray("invocations"))[0].getAsObject();
  const llvm::json::Object &Note =
      *(*Invocation.getArray("toolExecutionNotifications"))[0].getAsObject();
  EXPECT_EQ(*Note.getObject("message")->getString("text"), "'b.cc' does not compile");
  // A file outside the root is named by an absolute URI.
  EXPECT_NE(Out.find("\"file:///elsewhere/b.cc\""), std::string::npos);
}

TEST(Sarif, ColumnsCountUtf16Units) {
  Scratch S;
  std::string Text = "const char *s = \"\xC3\xA9\xF0\x9F\x98\x80\"; int *p = new int;\n";
  std::string File = S.write("u.cc", Text);
  FileResult R;
  R.File = File;
  Finding F;
  F.Check = "ownership-leak";
  F.Where = at(File, Text, "new int");
  F.Message = "leak";
  R.Findings.push_back(F);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  emitSarif({R}, runInfo(S.root()), OS);
  OS.flush();
  // 'é' is 2 bytes and 1 unit, the emoji 4 bytes and 2 units: 3 bytes fewer.
  EXPECT_NE(Out.find("\"startColumn\": " + std::to_string(F.Where.Column - 3)), std::string::npos)
      << Out;
}

TEST(Github, EscapesWorkflowCommands) {
  FileResult R;
  R.File = "/r/a,b:c.cc";
  Finding F;
  F.Check = "ownership-leak";
  F.Where.File = "/r/a,b:c.cc";
  F.Where.Line = 3;
  F.Where.Column = 7;
  F.Message = "100% lost";
  FindingNote Note;
  Note.Where.File = F.Where.File;
  Note.Where.Line = 1;
  Note.Where.Column = 2;
  Note.Message = "allocated here";
  F.Notes.push_back(Note);
  R.Findings.push_back(F);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  RunInfo Run;
  Run.Root = "/r";
  emitGithub({R}, Run, OS);
  OS.flush();
  EXPECT_EQ(Out, "::warning file=a%2Cb%3Ac.cc,line=3,col=7,title=ownership-leak::100%25 "
                 "lost%0Anote: a,b:c.cc:1:2: allocated here\n");
}

namespace {
void expectSameFindings(const std::vector<FileResult> &A, const std::vector<FileResult> &B) {
  ASSERT_EQ(A.size(), B.size());
  for (size_t I = 0; I < A.size(); ++I) {
    EXPECT_EQ(A[I].File, B[I].File);
    EXPECT_EQ(A[I].State, B[I].State);
    EXPECT_EQ(A[I].Error, B[I].Error);
    ASSERT_EQ(A[I].Findings.size(), B[I].Findings.size());
    for (size_t J = 0; J < A[I].Findings.size(); ++J) {
      const Finding &X = A[I].Findings[J], &Y = B[I].Findings[J];
      EXPECT_EQ(X.Check, Y.Check);
      EXPECT_EQ(X.Message, Y.Message);
      EXPECT_EQ(X.Where.File, Y.Where.File);
      EXPECT_EQ(X.Where.Offset, Y.Where.Offset);
      EXPECT_EQ(X.Where.Line, Y.Where.Line);
      EXPECT_EQ(X.Where.Column, Y.Where.Column);
      EXPECT_EQ(X.Fingerprint, Y.Fingerprint);
      ASSERT_EQ(X.Notes.size(), Y.Notes.size());
      for (size_t K = 0; K < X.Notes.size(); ++K) {
        EXPECT_EQ(X.Notes[K].Message, Y.Notes[K].Message);
        EXPECT_EQ(X.Notes[K].Where.Line, Y.Notes[K].Where.Line);
      }
      ASSERT_EQ(X.Fixes.size(), Y.Fixes.size());
      for (size_t K = 0; K < X.Fixes.size(); ++K) {
        EXPECT_EQ(X.Fixes[K].Offset, Y.Fixes[K].Offset);
        EXPECT_EQ(X.Fixes[K].Length, Y.Fixes[K].Length);
        EXPECT_EQ(X.Fixes[K].Replacement, Y.Fixes[K].Replacement);
      }
    }
  }
}
} // namespace

TEST(Reports, JsonAndSarifReadBackToTheSameResults) {
  Scratch S;
  std::string File = S.write("src/a.cc", Code);
  std::vector<FileResult> Results{oneFinding(File, Code)};
  SourceLines Lines;
  assignFingerprints(Results, S.root(), Lines);
  FileResult Broken;
  Broken.File = S.write("src/b.cc", "x");
  Broken.State = FileResult::Status::ParseError;
  Broken.Error = "does not compile";
  Results.push_back(Broken);
  for (OutputFormat Format : {OutputFormat::Json, OutputFormat::Sarif}) {
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    emit(Format, Results, runInfo(S.root()), TextStyle(), OS);
    OS.flush();
    llvm::Expected<ReadReport> Read = readReport(Out, "report");
    ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
    expectSameFindings(mergeResults(Results), mergeResults(Read->Results));
    EXPECT_EQ(Read->Run.Root, S.root());
  }
}

TEST(Reports, RejectsWhatIsNotAReport) {
  for (llvm::StringRef Text : {"not json", "[]", "{\"tool\": \"other\"}",
                               "{\"tool\": \"ownlint\", \"version\": 99, \"findings\": []}",
                               "{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}}]}"}) {
    llvm::Expected<ReadReport> Read = readReport(Text, "r.json");
    ASSERT_FALSE(bool(Read)) << Text.str();
    EXPECT_NE(llvm::toString(Read.takeError()).find("'r.json' is not an ownlint report"),
              std::string::npos);
  }
}

TEST(Reports, MergeSortsByFileAndDropsRepeatedHeaderFindings) {
  auto result = [](std::string File, std::string Header) {
    FileResult R;
    R.File = File;
    Finding Own, InHeader;
    Own.Check = InHeader.Check = "ownership-leak";
    Own.Where.File = File;
    Own.Where.Offset = 10;
    InHeader.Where.File = Header;
    InHeader.Where.Offset = 5;
    Own.Message = InHeader.Message = "leak";
    R.Findings = {Own, InHeader};
    return R;
  };
  std::vector<FileResult> Merged =
      mergeResults({result("/b.cc", "/h.h"), result("/a.cc", "/h.h"), result("/c.cc", "/g.h")});
  ASSERT_EQ(Merged.size(), 3u);
  EXPECT_EQ(Merged[0].File, "/a.cc");
  EXPECT_EQ(Merged[0].Findings.size(), 2u); // its own and the header's
  EXPECT_EQ(Merged[1].Findings.size(), 1u); // the header's is a repeat
  EXPECT_EQ(Merged[2].Findings.size(), 2u);
}

TEST(FixesYaml, WritesClangTidyReplacements) {
  Scratch S;
  std::string File = S.write("a.cc", Code);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  emitFixesYaml({oneFinding(File, Code)}, OS);
  OS.flush();
  EXPECT_NE(Out.find("DiagnosticName:  ownership-double-free"), std::string::npos) << Out;
  EXPECT_NE(Out.find("Replacements:"), std::string::npos);
  EXPECT_NE(Out.find("Length:          9"), std::string::npos);
}
