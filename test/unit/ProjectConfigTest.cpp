#include "ProjectConfig.h"

#include <gtest/gtest.h>

using namespace ownlint;

namespace {

ConfigSchema schema() {
  ConfigSchema S;
  S.Checks = {"ownership-double-free", "ownership-leak", "ownership-raw-new-delete"};
  for (const char *K :
       {"ownership-leak.Allocators", "ownership-raw-new-delete.IgnoredTypes", "Allocators"})
    S.OptionKeys.insert(K);
  return S;
}

ConfigLayer parseOk(llvm::StringRef Text, ConfigDialect D = ConfigDialect::Ownlint) {
  llvm::Expected<ConfigLayer> L = parseConfig("/p/.ownlint.yaml", Text, D, schema());
  if (!L) {
    ADD_FAILURE() << llvm::toString(L.takeError());
    return {};
  }
  return std::move(*L);
}

std::string parseError(llvm::StringRef Text, ConfigDialect D = ConfigDialect::Ownlint) {
  llvm::Expected<ConfigLayer> L = parseConfig("/p/.ownlint.yaml", Text, D, schema());
  if (L)
    return "";
  return llvm::toString(L.takeError());
}

} // namespace

TEST(ProjectConfig, EmptyFileSaysNothing) {
  ConfigLayer L = parseOk("");
  EXPECT_FALSE(L.Checks);
  EXPECT_TRUE(L.CheckOptions.empty());
  EXPECT_FALSE(L.HeaderFilterRegex);
}

TEST(ProjectConfig, OptionsAsMapOrClangTidyList) {
  ConfigLayer Map =
      parseOk("CheckOptions:\n  ownership-leak.Allocators: 'xmalloc'\n  Allocators: 3\n");
  ConfigLayer List = parseOk("CheckOptions:\n  - key: ownership-leak.Allocators\n"
                             "    value: 'xmalloc'\n  - {key: Allocators, value: 3}\n");
  std::map<std::string, std::string> Want = {{"ownership-leak.Allocators", "xmalloc"},
                                             {"Allocators", "3"}};
  EXPECT_EQ(Map.CheckOptions, Want);
  EXPECT_EQ(List.CheckOptions, Want);
}

TEST(ProjectConfig, BaselineIsRelativeToTheFile) {
  EXPECT_EQ(*parseOk("Baseline: ci/../base.json\n").Baseline, "/p/base.json");
  EXPECT_EQ(*parseOk("Baseline: /abs/b.json\n").Baseline, "/abs/b.json");
}

TEST(ProjectConfig, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(parseError("Checks: 'ownership-*'\nHeaderFilter: 'x'\n"),
            "/p/.ownlint.yaml:2:1: unknown key 'HeaderFilter' in .ownlint.yaml");
  EXPECT_EQ(parseError("Checks: 'ownership-lek'\n"),
            "/p/.ownlint.yaml:1:9: 'ownership-lek' matches no ownlint check (see --list-checks)");
  EXPECT_EQ(parseError("Checks: '-*'\n"), "/p/.ownlint.yaml:1:9: '-*' enables no check");
  EXPECT_EQ(parseError("CheckOptions:\n  ownership-leak.Alocators: x\n"),
            "/p/.ownlint.yaml:2:3: unknown check option 'ownership-leak.Alocators' "
            "(ownership-leak has Allocators)");
  EXPECT_EQ(parseError("CheckOptions: 'x'\n"),
            "/p/.ownlint.yaml:1:15: 'CheckOptions' expects a mapping of option: value");
  EXPECT_EQ(parseError("Checks: 'ownership-*'\nChecks: 'ownership-leak'\n"),
            "/p/.ownlint.yaml:2:1: duplicate key 'Checks'");
  EXPECT_EQ(parseError("- a\n- b\n"),
            "/p/.ownlint.yaml:1:1: expected a mapping of keys (Checks, CheckOptions, ...)");
}

TEST(ProjectConfig, ClangTidyDialectKeepsTheOwnershipPartOnly) {
  ConfigLayer L = parseOk("Checks: '-*,bugprone-*,ownership-*,-ownership-leak'\n"
                          "CheckOptions:\n  bugprone-x.Y: 1\n  Allocators: 'a'\n"
                          "FormatStyle: file\nWarningsAsErrors: '*'\n",
                          ConfigDialect::ClangTidy);
  EXPECT_EQ(*L.Checks, "-*,ownership-*,-ownership-leak");
  EXPECT_EQ(L.CheckOptions, (std::map<std::string, std::string>{{"Allocators", "a"}}));
  EXPECT_EQ(*L.WarningsAsErrors, "*");
  // A file about other checks leaves ownlint's default.
  EXPECT_FALSE(parseOk("Checks: '-*,bugprone-*'\n", ConfigDialect::ClangTidy).Checks);
  // "*" enables ownlint's checks too, as in clang-tidy.
  EXPECT_EQ(*parseOk("Checks: '*,-ownership-leak'\n", ConfigDialect::ClangTidy).Checks,
            "-*,*,-ownership-leak");
  EXPECT_EQ(parseError("Checks: 'ownership-lek'\n", ConfigDialect::ClangTidy),
            "/p/.ownlint.yaml:1:9: 'ownership-lek' matches no ownlint check (see --list-checks)");
}

TEST(ProjectConfig, DumpReadsBackTheSame) {
  EffectiveConfig C;
  C.Checks = "-*,ownership-leak";
  C.CheckOptions = {{"ownership-leak.Allocators", "it's"}, {"Allocators", ""}};
  C.HeaderFilterRegex = "inc/.*\\.h";
  C.WarningsAsErrors = "ownership-*";
  C.Baseline = "/p/base.json";
  ConfigLayer L = parseOk(C.toYaml());
  EXPECT_EQ(*L.Checks, C.Checks);
  EXPECT_EQ(L.CheckOptions, C.CheckOptions);
  EXPECT_EQ(*L.HeaderFilterRegex, *C.HeaderFilterRegex);
  EXPECT_EQ(*L.WarningsAsErrors, C.WarningsAsErrors);
  EXPECT_EQ(*L.Baseline, C.Baseline);
}

TEST(ProjectConfig, RealSchemaKnowsEveryCheckOption) {
  const ConfigSchema &S = ConfigSchema::ownlint();
  EXPECT_TRUE(S.OptionKeys.contains("ownership-raw-new-delete.IgnoredTypes"));
  EXPECT_TRUE(S.OptionKeys.contains("ownership-leak.Allocators"));
  EXPECT_TRUE(S.OptionKeys.contains("Allocators"));
  EXPECT_FALSE(S.OptionKeys.contains("IgnoredTypes"));
}
