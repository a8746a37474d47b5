#pragma once
// What a copy of a type costs, decided once for every copy check: does it
// allocate (strings, containers, std::function, classes holding them), only
// bump a reference count (std::shared_ptr), or is it cheap?

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <string>
#include <vector>

namespace ownlint {

enum class CopyCost : uint8_t {
  Cheap,          // no heap work, or unknown (dependent types)
  Allocates,      // a copy may allocate and copy heap data
  AtomicRefCount, // a copy bumps an atomic reference count (std::shared_ptr)
  RefCount,       // a copy bumps a reference count (intrusive smart pointers)
};

/// The options every copy check reads (the same names in each).
class CopyCostModel {
public:
  explicit CopyCostModel(const clang::tidy::ClangTidyCheck::OptionsView &Options);
  void store(const clang::tidy::ClangTidyCheck::OptionsView &Options,
             clang::tidy::ClangTidyOptions::OptionMap &Opts) const;

  /// The cost of copying an object of type \p T (references and cv ignored).
  CopyCost cost(clang::QualType T, const clang::ASTContext &Ctx);
  bool expensive(clang::QualType T, const clang::ASTContext &Ctx) {
    return cost(T, Ctx) != CopyCost::Cheap;
  }
  /// "allocates a new heap buffer" style words for a message.
  static const char *consequence(CopyCost C);

private:
  /// \p T is the type naming \p RD.
  CopyCost dependentCost(clang::QualType T);
  CopyCost recordCost(const clang::CXXRecordDecl *RD, clang::QualType T,
                      const clang::ASTContext &Ctx, unsigned Depth);
  bool matches(const std::vector<llvm::Regex> &List, llvm::StringRef Name) const;

  std::string RawCheap, RawExpensive;
  std::vector<llvm::Regex> Cheap, Expensive;
  unsigned SizeThreshold;
  bool IncludeSharedPtr;
  llvm::DenseMap<const clang::CXXRecordDecl *, CopyCost> Cache;
};

} // namespace ownlint
