#pragma once

#include "utils/IncludeTracker.h"
#include "utils/ReportedFiles.h"
#include "OwnershipCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <string>
#include <vector>

namespace ownlint {

class LocalParents;
struct OwnershipSite;
struct LocalFacts;
struct MemberFacts;

/// Finds heap objects whose owner is a raw pointer: `new`/`new[]` results kept
/// in raw pointers (locals, members, returns, containers) and hand-written
/// `delete`. Suggests std::unique_ptr / std::make_unique, with a fix-it where
/// the rewrite cannot change behaviour.
///
/// Docs: docs/checks/ownership-raw-new-delete.md
class RawNewDeleteCheck : public OwnershipCheck {
public:
  RawNewDeleteCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  ~RawNewDeleteCheck() override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const clang::SourceManager &SM, clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkNew(const clang::CXXNewExpr &New, clang::ASTContext &Ctx);
  void checkDelete(const clang::CXXDeleteExpr &Delete, clang::ASTContext &Ctx);
  bool reportNew(const clang::CXXNewExpr &New, const OwnershipSite &Site,
                 clang::ASTContext &Ctx);
  void noteMacro(clang::SourceLocation Loc, clang::ASTContext &Ctx);
  void reportLocal(const clang::CXXNewExpr &New, const OwnershipSite &Site,
                   clang::ASTContext &Ctx);
  bool ignoredType(clang::QualType T) const;

  /// Per function body / per class facts, built on first use in a TU.
  const LocalFacts &localFacts(const clang::Stmt &Body, clang::ASTContext &Ctx);
  const MemberFacts &memberFacts(const clang::CXXRecordDecl &Record,
                                 clang::ASTContext &Ctx);

  const std::string RawOwnerTypes;
  const std::string RawIgnoredTypes;
  const bool WarnOnOwnershipTransfer;
  std::vector<std::string> OwnerTypes;
  std::vector<llvm::Regex> IgnoredTypes;

  /// A `new` or `delete` written in a macro body is reported at its first
  /// expansion only.
  bool firstInMacro(clang::SourceLocation Loc, const clang::SourceManager &SM);

  IncludeTracker Includes;
  ReportedFiles Reported;
  const LocalParents *Parents = nullptr; // of the body being checked
  llvm::DenseSet<unsigned> ReportedMacroSpellings;
  llvm::DenseMap<const clang::CXXRecordDecl *, bool> SelfDeletingCache;
  llvm::DenseMap<const clang::Stmt *, std::unique_ptr<LocalFacts>> LocalCache;
  llvm::DenseMap<const clang::CXXRecordDecl *, std::unique_ptr<MemberFacts>> MemberCache;
};

} // namespace ownlint
