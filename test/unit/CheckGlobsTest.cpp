#include "CheckGlobs.h"

#include <gtest/gtest.h>

using ownlint::selectChecks;

namespace {
const std::vector<std::string> Known = {"ownership-double-free", "ownership-raw-new-delete",
                                        "ownership-use-after-move"};
}

TEST(CheckGlobs, DefaultGlobEnablesEverything) {
  auto S = selectChecks("ownership-*", Known);
  EXPECT_EQ(S.Error, "");
  EXPECT_EQ(S.Enabled, Known);
}

TEST(CheckGlobs, LaterNegativeGlobDisables) {
  auto S = selectChecks("ownership-*,-ownership-double-free", Known);
  EXPECT_EQ(S.Error, "");
  EXPECT_EQ(S.Enabled,
            (std::vector<std::string>{"ownership-raw-new-delete", "ownership-use-after-move"}));
}

TEST(CheckGlobs, ClangTidyStyleResetThenEnable) {
  auto S = selectChecks("-*, ownership-use-after-move", Known);
  EXPECT_EQ(S.Error, "");
  EXPECT_EQ(S.Enabled, (std::vector<std::string>{"ownership-use-after-move"}));
}

TEST(CheckGlobs, UnknownNameIsAnError) {
  auto S = selectChecks("ownership-raw-new-delet", Known);
  EXPECT_NE(S.Error.find("'ownership-raw-new-delet' matches no ownlint check"), std::string::npos);
}

TEST(CheckGlobs, OtherToolsGlobIsAnError) {
  EXPECT_NE(selectChecks("bugprone-*", Known).Error, "");
}

TEST(CheckGlobs, NothingEnabledIsAnError) {
  EXPECT_NE(selectChecks("-*", Known).Error.find("enables no check"), std::string::npos);
  EXPECT_NE(selectChecks("", Known).Error, "");
}
