#include "CheckRegistry.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

// Every registered check is documented and listed in the docs index, and has
// a lit test: a check is not done until all three exist.
TEST(Registry, EveryCheckHasDocsAndALitTest) {
  ASSERT_FALSE(ownlint::allChecks().empty());
  auto Index = llvm::MemoryBuffer::getFile(OWNLINT_SOURCE_DIR "/docs/checks/README.md");
  ASSERT_TRUE(bool(Index));
  for (const ownlint::CheckInfo &Info : ownlint::allChecks()) {
    EXPECT_TRUE(Info.Name.starts_with(ownlint::CheckPrefix)) << Info.Name.str();
    EXPECT_FALSE(Info.Summary.empty());
    EXPECT_FALSE(Info.Summary.ends_with(".")) << "summaries have no trailing period";
    std::string Doc = std::string(OWNLINT_SOURCE_DIR) + "/" + Info.docPath();
    EXPECT_TRUE(llvm::sys::fs::exists(Doc)) << Doc;
    std::string Test = std::string(OWNLINT_SOURCE_DIR) + "/test/checks/" + Info.Name.str() + ".cpp";
    EXPECT_TRUE(llvm::sys::fs::exists(Test)) << Test;
    EXPECT_NE((*Index)->getBuffer().find(Info.Name), llvm::StringRef::npos)
        << Info.Name.str() << " missing from docs/checks/README.md";
  }
}

TEST(Registry, NamesAreUniqueAndSorted) {
  auto Checks = ownlint::allChecks();
  for (size_t I = 1; I < Checks.size(); ++I)
    EXPECT_LT(Checks[I - 1].Name, Checks[I].Name);
  EXPECT_EQ(ownlint::findCheck("ownership-no-such-check"), nullptr);
}
