#include "CopyCost.h"
#include "CheckOptions.h"
#include "Library.h"
#include "OwnerTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecordLayout.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace ownlint {

namespace {

// Standard types whose copy allocates, whatever they hold (Library.def).
bool isAllocatingStdType(llvm::StringRef Name) {
  return library().Containers.contains(Name) || library().AllocatingTypes.contains(Name);
}

// Standard wrappers that cost what their elements cost.
bool isWrapperStdType(llvm::StringRef Name) { return library().Wrappers.contains(Name); }

std::string stdName(const CXXRecordDecl &RD) { return qualifiedName(RD); }

} // namespace

CopyCostModel::CopyCostModel(const tidy::ClangTidyCheck::OptionsView &Options)
    : RawCheap(Options.get("CheapTypes", "")), RawExpensive(Options.get("ExpensiveTypes", "")),
      SizeThreshold(Options.get("SizeThreshold", 64u)),
      IncludeSharedPtr(getBoolOption(Options, "IncludeSharedPtr", true)) {
  for (const std::string &Pattern : splitList(RawCheap))
    Cheap.emplace_back("^(::)?(" + Pattern + ")$");
  for (const std::string &Pattern : splitList(RawExpensive))
    Expensive.emplace_back("^(::)?(" + Pattern + ")$");
}

void CopyCostModel::store(const tidy::ClangTidyCheck::OptionsView &Options,
                          tidy::ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "CheapTypes", RawCheap);
  Options.store(Opts, "ExpensiveTypes", RawExpensive);
  Options.store(Opts, "SizeThreshold", SizeThreshold);
  storeBoolOption(Options, Opts, "IncludeSharedPtr", IncludeSharedPtr);
}

bool CopyCostModel::matches(const std::vector<llvm::Regex> &List, llvm::StringRef Name) const {
  for (const llvm::Regex &R : List)
    if (R.match(Name))
      return true;
  return false;
}

const char *CopyCostModel::consequence(CopyCost C) {
  switch (C) {
  case CopyCost::Allocates:
    return "the copy allocates a new heap buffer";
  case CopyCost::AtomicRefCount:
    return "the copy bumps an atomic reference count";
  case CopyCost::RefCount:
    return "the copy bumps a reference count";
  case CopyCost::Cheap:
    break;
  }
  return "the copy is cheap";
}

CopyCost CopyCostModel::cost(QualType T, const ASTContext &Ctx) {
  T = T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (T->isDependentType())
    return dependentCost(T);
  if (T->isIncompleteType())
    return CopyCost::Cheap;
  if (const auto *Array = Ctx.getAsConstantArrayType(T))
    return cost(Array->getElementType(), Ctx);
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return CopyCost::Cheap;
  // The name as written by users, with template arguments, for the lists.
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressScope = false;
  Policy.FullyQualifiedName = true;
  std::string Spelled = T.getAsString(Policy);
  std::string Name = stdName(*RD);
  if (matches(Cheap, Spelled) || matches(Cheap, Name))
    return CopyCost::Cheap;
  if (matches(Expensive, Spelled) || matches(Expensive, Name))
    return CopyCost::Allocates;
  return recordCost(RD, T, Ctx, 0);
}

CopyCost CopyCostModel::dependentCost(QualType T) {
  // In a template, std::vector<T> allocates whatever T is; anything else
  // depends on the arguments and is left to them.
  const auto *Spec = T->getAs<TemplateSpecializationType>();
  const TemplateDecl *TD = Spec ? Spec->getTemplateName().getAsTemplateDecl() : nullptr;
  const auto *Class = llvm::dyn_cast_or_null<ClassTemplateDecl>(TD);
  if (Class && isAllocatingStdType(stdName(*Class->getTemplatedDecl())))
    return CopyCost::Allocates;
  return CopyCost::Cheap;
}

CopyCost CopyCostModel::recordCost(const CXXRecordDecl *RD, QualType T, const ASTContext &Ctx,
                                   unsigned Depth) {
  RD = RD->getDefinition();
  if (!RD || RD->isInvalidDecl() || RD->isDependentType() || Depth > 8)
    return CopyCost::Cheap;
  auto Found = Cache.find(RD);
  if (Found != Cache.end())
    return Found->second;
  Cache[RD] = CopyCost::Cheap; // breaks cycles through incomplete members

  std::string Name = stdName(*RD);
  CopyCost Result = CopyCost::Cheap;
  auto Worst = [&](CopyCost C) {
    // Allocates > AtomicRefCount > RefCount > Cheap.
    auto Rank = [](CopyCost X) {
      return X == CopyCost::Allocates        ? 3
             : X == CopyCost::AtomicRefCount ? 2
             : X == CopyCost::RefCount       ? 1
                                             : 0;
    };
    if (Rank(C) > Rank(Result))
      Result = C;
  };
  auto Element = [&](QualType T) {
    T = T.getNonReferenceType().getCanonicalType();
    if (const auto *Array = Ctx.getAsConstantArrayType(T))
      T = Array->getElementType().getCanonicalType();
    if (const CXXRecordDecl *Inner = T->getAsCXXRecordDecl())
      Worst(recordCost(Inner, T, Ctx, Depth + 1));
  };

  if (llvm::StringRef(Name).starts_with("std::")) {
    if (isAllocatingStdType(Name))
      Result = CopyCost::Allocates;
    else if (Name == "std::shared_ptr" || Name == "std::weak_ptr")
      Result = IncludeSharedPtr ? CopyCost::AtomicRefCount : CopyCost::Cheap;
    else if (isWrapperStdType(Name)) {
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
        for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
          if (Arg.getKind() == TemplateArgument::Type)
            Element(Arg.getAsType());
          else if (Arg.getKind() == TemplateArgument::Pack)
            for (const TemplateArgument &Inner : Arg.pack_elements())
              if (Inner.getKind() == TemplateArgument::Type)
                Element(Inner.getAsType());
        }
    }
    // Other standard types (views, iterators, chrono, ...) copy cheaply.
    Cache[RD] = Result;
    return Result;
  }

  // A copyable smart pointer shares ownership: its copy counts references
  // (intrusive ones included).
  if (!RD->hasTrivialCopyConstructor() && isSmartPointerLike(T, {})) {
    Result = IncludeSharedPtr ? CopyCost::RefCount : CopyCost::Cheap;
    Cache[RD] = Result;
    return Result;
  }
  if (RD->hasTrivialCopyConstructor() || RD->isTriviallyCopyable()) {
    Cache[RD] = CopyCost::Cheap;
    return CopyCost::Cheap;
  }
  for (const CXXBaseSpecifier &Base : RD->bases())
    Element(Base.getType());
  for (const FieldDecl *Field : RD->fields())
    Element(Field->getType());
  // A user type whose copy constructor is its own code, and that is big.
  if (Result == CopyCost::Cheap && !RD->hasTrivialCopyConstructor() && !RD->isLambda() &&
      Ctx.getASTRecordLayout(RD).getSize().getQuantity() >= static_cast<int64_t>(SizeThreshold))
    Result = CopyCost::Allocates;
  Cache[RD] = Result;
  return Result;
}

} // namespace ownlint
