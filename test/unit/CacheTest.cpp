#include "LinkingIO.h"
#include "ResultCache.h"
#include "ResultJson.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

using namespace ownlint;

namespace {

FileResult sampleResult() {
  FileResult R;
  R.File = "src/a.cpp";
  Finding F;
  F.Check = "ownership-leak";
  F.Severity = Finding::Level::Error;
  F.Where.File = "/p/src/a.cpp";
  F.Where.Offset = 40;
  F.Where.Line = 3;
  F.Where.Column = 12;
  F.Message = "it's \"lost\"\nhere";
  FindingNote Note;
  Note.Where.File = "/p/src/a.h";
  Note.Where.Offset = 7;
  Note.Where.Line = 1;
  Note.Where.Column = 8;
  Note.Message = "allocated here";
  F.Notes.push_back(Note);
  F.Fixes.push_back({"/p/src/a.cpp", 40, 5, "std::unique_ptr<int>"});
  R.Findings.push_back(F);
  return R;
}

std::string text(const llvm::json::Value &V) {
  std::string S;
  llvm::raw_string_ostream(S) << V;
  return S;
}

// A fresh directory under the test's temporary directory.
std::string tempDir() {
  llvm::SmallString<128> Dir;
  EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("ownlint-cache-test", Dir));
  return std::string(Dir);
}

void write(const std::string &Path, const std::string &Text) { std::ofstream(Path) << Text; }

} // namespace

TEST(ResultJson, RoundTripsEveryField) {
  FileResult R = sampleResult();
  std::optional<FileResult> Back = resultFromJson(resultToJson(R));
  ASSERT_TRUE(Back);
  EXPECT_EQ(text(resultToJson(*Back)), text(resultToJson(R)));
  EXPECT_EQ(Back->Findings[0].Severity, Finding::Level::Error);
  EXPECT_EQ(Back->Findings[0].Notes[0].Where.Line, 1u);
  EXPECT_EQ(Back->Findings[0].Fixes[0].Replacement, "std::unique_ptr<int>");
}

TEST(ResultJson, RejectsWrongShapes) {
  EXPECT_FALSE(resultFromJson(llvm::json::Value(nullptr)));
  EXPECT_FALSE(resultFromJson(llvm::json::Object{{"file", "a"}, {"status", "analysed"}}));
  llvm::json::Value V = resultToJson(sampleResult());
  V.getAsObject()->getArray("findings")->front().getAsObject()->find("severity")->second = "fatal";
  EXPECT_FALSE(resultFromJson(V));
}

TEST(LinkingIO, RoundTripsSummariesAndCalls) {
  UnitLinkage U;
  U.Recorded = true;
  FunctionSummary S;
  S.ReturnsAllocation = true;
  S.ReturnedKind = AllocKind::Malloc;
  ParamSummary P;
  P.Frees = true;
  P.FreeKind = AllocKind::NewArray;
  P.ForwardKey = "c:@F@g#*I#";
  P.ForwardIndex = 2;
  S.Params.push_back(P);
  U.Defined["c:@F@f#*I#"] = S;
  U.Calls.push_back({"c:@F@h#", ~uint64_t(0), 5, true});
  std::optional<UnitLinkage> Back = linkageFromText(linkageToText(U));
  ASSERT_TRUE(Back);
  EXPECT_TRUE(Back->Recorded);
  EXPECT_EQ(summaryText(&Back->Defined["c:@F@f#*I#"]), summaryText(&S));
  ASSERT_EQ(Back->Calls.size(), 1u);
  EXPECT_EQ(Back->Calls[0].TrackedArgs, ~uint64_t(0));
  EXPECT_EQ(Back->Calls[0].LocalArgs, 5u);
  EXPECT_FALSE(linkageFromText("{\"recorded\": true}"));
  EXPECT_FALSE(linkageFromText("not json"));
  EXPECT_EQ(summaryText(nullptr), "");
}

TEST(ResultCache, HitWhileInputsKeepTheirContent) {
  std::string Dir = tempDir();
  std::string Header = Dir + "/h.h";
  write(Header, "int x;\n");
  auto Start = std::chrono::system_clock::now() + std::chrono::seconds(1);
  ResultCache Cache(Dir + "/cache");
  CacheEntry E{sampleResult(), "links", {"k1"}, "digest"};
  ASSERT_TRUE(Cache.store("abcdef", {Header}, E, Start));
  std::optional<CacheEntry> Hit = ResultCache(Dir + "/cache").lookup("abcdef");
  ASSERT_TRUE(Hit);
  EXPECT_EQ(Hit->Linkage, "links");
  EXPECT_EQ(Hit->LinkedKeys, std::vector<std::string>{"k1"});
  EXPECT_EQ(text(resultToJson(Hit->Result)), text(resultToJson(E.Result)));
  EXPECT_FALSE(ResultCache(Dir + "/cache").lookup("abcdeg")); // another key
  write(Header, "int y;\n");
  EXPECT_FALSE(ResultCache(Dir + "/cache").lookup("abcdef")); // a changed input
  llvm::sys::fs::remove_directories(Dir);
}

TEST(ResultCache, DoesNotStoreWhatChangedDuringTheRun) {
  std::string Dir = tempDir();
  write(Dir + "/h.h", "int x;\n");
  ResultCache Cache(Dir + "/cache");
  auto Before = std::chrono::system_clock::now() - std::chrono::hours(1);
  EXPECT_FALSE(Cache.store("abcdef", {Dir + "/h.h"}, CacheEntry(), Before));
  EXPECT_FALSE(
      Cache.store("abcdef", {Dir + "/missing.h"}, CacheEntry(), std::chrono::system_clock::now()));
  EXPECT_FALSE(Cache.lookup("abcdef"));
  llvm::sys::fs::remove_directories(Dir);
}
