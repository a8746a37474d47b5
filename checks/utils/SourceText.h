#pragma once
// Reading source text back for fix-its, refusing anything macros touch.

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>
#include <string>
#include <vector>

namespace ownlint {

/// The text of \p Range (a token range) if it is plain file text, with no
/// macro expansion inside it.
std::optional<std::string> sourceText(clang::SourceRange Range, const clang::ASTContext &Ctx);

/// A fix-it that deletes the statement \p S (with its trailing ';'), and its
/// whole line when the statement is alone on it.
std::optional<clang::FixItHint> removeStatement(const clang::Stmt &S, const clang::ASTContext &Ctx);

/// Fix-its that turn the variable or parameter \p V into a const reference
/// (`std::string s` -> `const std::string &s`, `auto x` -> `const auto &x`).
/// Empty when macros touch the declaration or it has no name.
std::vector<clang::FixItHint> constReferenceFix(const clang::VarDecl &V,
                                                const clang::ASTContext &Ctx);

/// A fix-it replacing the call `std::move(x)` by `x`.
std::optional<clang::FixItHint> removeMoveCall(const clang::CallExpr &Move,
                                               const clang::ASTContext &Ctx);

} // namespace ownlint
