#pragma once
// Base of the checks that read the shared ownership analysis: it matches
// function bodies once, fetches the analysis from the per-TU cache, and hands
// each event the check's detection rule selects to report(). The analysis
// knows no check; the rule and the message live in the check.

#include "Knowledge.h"
#include "OwnershipAnalysis.h"
#include "OwnershipCheck.h"
#include "utils/ReportedFiles.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace ownlint {

class FlowCheck : public OwnershipCheck {
public:
  FlowCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void onStartOfTranslationUnit() override;
  void onEndOfTranslationUnit() override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

protected:
  /// Called once per function definition clang-tidy reports on; by default,
  /// fetches the shared analysis and calls analysed(). Checks that only read
  /// the AST override this and skip the analysis.
  virtual void checkFunction(const clang::FunctionDecl &FD, clang::ASTContext &Ctx);
  /// Called once per analysed function; by default, report() on each event
  /// selects() picks.
  virtual void analysed(const FunctionAnalysis &A, const clang::FunctionDecl &FD,
                        clang::ASTContext &Ctx);
  /// The check's detection rule over the analysis' events.
  virtual bool selects(const OwnershipEvent &) const { return false; }
  virtual void report(const OwnershipEvent &, clang::ASTContext &) {}
  /// Bug checks also judge a few instantiations of each template (every
  /// call is resolved there); the copy checks judge the template body only.
  virtual bool judgesInstantiations() const { return false; }

  /// "'p'" or "the pointer" for messages.
  static std::string nameOf(Place P);
  /// A short spelling of the allocation at \p Site: "new Node", "malloc()".
  static std::string allocationText(const clang::Stmt *Site, AllocKind Kind,
                                    const clang::ASTContext &Ctx);

  /// Does any enabled check read FunctionAnalysis::LastUseCopies?
  bool wantsCopies() const { return WantCopies; }

private:
  static constexpr unsigned MaxInstantiations = 3;
  bool WantCopies;
  ReportedFiles Reported;
  /// The project's allocators, deallocators, borrowers and release methods:
  /// options shared by every flow check (one analysis serves them all), so
  /// they are read local-or-global and set as global options.
  std::string Allocators, Deallocators, Borrowers, ReleaseMethods;
  Knowledge Know;
  /// Instantiations analysed per template pattern: a bounded sample.
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> InstantiationsSeen;
  /// Problems already reported, by where they happen and what led there: a
  /// template and its instantiations share their source locations.
  llvm::DenseSet<std::pair<std::pair<unsigned, unsigned>, std::pair<unsigned, unsigned>>>
      ReportedAt;
};

} // namespace ownlint
