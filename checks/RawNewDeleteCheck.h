#pragma once

#include "OwnershipCheck.h"
#include "utils/IncludeTracker.h"
#include "utils/ReportedFiles.h"
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
  /// False where the raw pointer is not the owner a maintainer would change:
  /// the implementation of an owner, a maybe-owning pointer, a handle handed
  /// across an interface that takes raw pointers, a pointer that only carries
  /// the object to its owner.
  bool worthReportingNew(const clang::CXXNewExpr &New, const OwnershipSite &Site,
                         clang::ASTContext &Ctx);
  bool worthReportingDelete(const clang::CXXDeleteExpr &Delete, clang::ASTContext &Ctx);
  bool worthReportingLocal(const clang::CXXNewExpr &New, const OwnershipSite &Site,
                           clang::ASTContext &Ctx);
  void reportNew(const clang::CXXNewExpr &New, const OwnershipSite &Site, clang::ASTContext &Ctx);
  void noteMacro(clang::SourceLocation Loc, clang::ASTContext &Ctx);
  /// Notes at the owner's other allocations (AlsoAllocated).
  void noteAlsoAllocated(const clang::NamedDecl &Owner);
  std::vector<const clang::CXXNewExpr *> AlsoAllocated;
  void reportLocal(const clang::CXXNewExpr &New, const OwnershipSite &Site, clang::ASTContext &Ctx);
  bool ignoredType(clang::QualType T) const;
  /// Types no std::unique_ptr should own: intrusively reference counted ones
  /// and those whose destructor is not public.
  bool selfManagedType(clang::QualType T);
  /// The class whose member function (or member initialiser) is being
  /// checked, through lambdas.
  const clang::CXXRecordDecl *enclosingClass() const;

  /// Per function body / per class facts, built on first use in a TU.
  const LocalFacts &localFacts(const clang::Stmt &Body, clang::ASTContext &Ctx);
  const MemberFacts &memberFacts(const clang::CXXRecordDecl &Record, clang::ASTContext &Ctx);

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
  const clang::FieldDecl *CurrentField = nullptr; // whose initialiser is checked
  llvm::DenseMap<const clang::Stmt *, std::unique_ptr<LocalFacts>> LocalCache;
  // Does a callee keep the pointer passed as one of its parameters?
  std::unique_ptr<llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>, bool>> Keeps;
  // Per function: its calls in the translation unit, and those whose result
  // goes straight into a smart pointer (built on first use).
  std::unique_ptr<llvm::DenseMap<const clang::FunctionDecl *, std::pair<unsigned, unsigned>>>
      CallSites;
  bool CallSitesBuilt = false;
  bool everyCallerAdopts(const clang::FunctionDecl &FD, clang::ASTContext &Ctx);
  llvm::DenseMap<const clang::CXXRecordDecl *, std::unique_ptr<MemberFacts>> MemberCache;
};

} // namespace ownlint
