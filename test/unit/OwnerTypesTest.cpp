#include "OwnerTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace clang;
using namespace clang::ast_matchers;

namespace {

// The type of variable `x` in \p Code.
struct TypeOfX {
  std::unique_ptr<ASTUnit> AST;
  QualType Type;
  explicit TypeOfX(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"});
    auto Found = match(varDecl(hasName("x")).bind("x"), AST->getASTContext());
    if (!Found.empty())
      Type = Found[0].getNodeAs<VarDecl>("x")->getType();
  }
};

const char *Prelude = R"(
namespace std {
inline namespace __1 {
template <class T> struct unique_ptr { ~unique_ptr(); T *operator->() const; };
template <class T> struct vector { ~vector(); };
}
}
template <class T> struct RefPtr { ~RefPtr(); T *operator->() const; };
template <class T> struct Box { T value; };
struct Node {};
)";

} // namespace

TEST(OwnerTypes, SplitListTrimsAndDropsEmpty) {
  EXPECT_EQ(ownlint::splitList(" a ;;b; "), (std::vector<std::string>{"a", "b"}));
}

TEST(OwnerTypes, ListedOwnerTypeIsSmartPointerEvenInInlineNamespace) {
  TypeOfX T(std::string(Prelude) + "std::unique_ptr<Node> x;");
  ASSERT_FALSE(T.Type.isNull());
  EXPECT_TRUE(ownlint::isSmartPointerLike(T.Type, ownlint::splitList(ownlint::DefaultOwnerTypes)));
}

TEST(OwnerTypes, UnlistedTemplateShapedLikeASmartPointerCounts) {
  TypeOfX T(std::string(Prelude) + "RefPtr<Node> x;");
  EXPECT_TRUE(ownlint::isSmartPointerLike(T.Type, {}));
}

TEST(OwnerTypes, PlainTemplateAndContainersAreNotSmartPointers) {
  TypeOfX Box(std::string(Prelude) + "Box<Node*> x;");
  EXPECT_FALSE(ownlint::isSmartPointerLike(Box.Type, {}));
  TypeOfX Vec(std::string(Prelude) + "std::vector<Node*> x;");
  EXPECT_FALSE(ownlint::isSmartPointerLike(Vec.Type, {}));
  EXPECT_TRUE(ownlint::isStdContainer(Vec.Type));
}
