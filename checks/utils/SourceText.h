#pragma once
// Reading source text back for fix-its, refusing anything macros touch.

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include <optional>
#include <string>

namespace ownlint {

/// The text of \p Range (a token range) if it is plain file text, with no
/// macro expansion inside it.
std::optional<std::string> sourceText(clang::SourceRange Range,
                                      const clang::ASTContext &Ctx);

/// A fix-it that deletes the statement \p S (with its trailing ';'), and its
/// whole line when the statement is alone on it.
std::optional<clang::FixItHint> removeStatement(const clang::Stmt &S,
                                                const clang::ASTContext &Ctx);

} // namespace ownlint
