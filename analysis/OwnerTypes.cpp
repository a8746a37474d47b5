#include "OwnerTypes.h"

#include "Library.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace ownlint {

const char *const DefaultOwnerTypes =
    "std::unique_ptr;std::shared_ptr;std::auto_ptr;boost::scoped_ptr;"
    "boost::scoped_array;boost::shared_ptr;boost::shared_array;"
    "boost::intrusive_ptr;QScopedPointer;QSharedPointer";

std::vector<std::string> splitList(llvm::StringRef List) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Out;
  for (llvm::StringRef P : Parts) {
    P = P.trim();
    if (!P.empty())
      Out.push_back(P.str());
  }
  return Out;
}

std::string qualifiedName(const NamedDecl &D) {
  std::string Name = D.getQualifiedNameAsString();
  // libstdc++ and libc++ put std types in inline namespaces.
  for (llvm::StringRef Inline : {"std::__cxx11::", "std::__1::", "std::__debug::"})
    if (llvm::StringRef(Name).starts_with(Inline))
      Name = "std::" + Name.substr(Inline.size());
  return Name;
}

bool nameInList(llvm::StringRef Name, llvm::ArrayRef<std::string> Names) {
  for (const std::string &Entry : Names) {
    llvm::StringRef E(Entry);
    E.consume_front("::");
    if (E == Name)
      return true;
  }
  return false;
}

static const CXXRecordDecl *recordOf(QualType T) {
  // Types are null on some dependent and error-recovery nodes (ParenListExpr).
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType().getCanonicalType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return RD;
  // A dependent specialization such as std::unique_ptr<T> inside a template.
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
      if (const auto *CTD = llvm::dyn_cast<ClassTemplateDecl>(TD))
        return CTD->getTemplatedDecl();
  return nullptr;
}

static const NamedDecl *templateOrRecord(const CXXRecordDecl *RD) {
  if (const auto *Spec = llvm::dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate();
  return RD;
}

static bool hasArrowAndDestructor(const CXXRecordDecl *RD) {
  RD = RD->getDefinition();
  if (!RD)
    return false;
  bool HasArrow = false;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getOverloadedOperator() == OO_Arrow)
      HasArrow = true;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  return HasArrow && Dtor && Dtor->isUserProvided();
}

static bool isSmartPointerRecord(const CXXRecordDecl *RD, QualType T,
                                 llvm::ArrayRef<std::string> OwnerTypes, unsigned Depth) {
  if (nameInList(qualifiedName(*templateOrRecord(RD)), OwnerTypes))
    return true;
  if (isStdContainer(T))
    return false;
  const CXXRecordDecl *Pattern = RD;
  if (const auto *Spec = llvm::dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    Pattern = Spec->getSpecializedTemplate()->getTemplatedDecl();
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() != 0 && Args[0].getKind() == TemplateArgument::Type &&
        (hasArrowAndDestructor(RD) || hasArrowAndDestructor(Pattern)))
      return true;
  }
  // A class derived from a smart pointer is one: a project's unique_ptr that
  // inherits std::unique_ptr and its constructors. The bases of an
  // uninstantiated specialization are read from its template.
  if (Depth >= 8)
    return false;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    Def = Pattern->getDefinition();
  if (!Def)
    return false;
  for (const CXXBaseSpecifier &Base : Def->bases()) {
    QualType BaseType = Base.getType();
    const CXXRecordDecl *BaseRD = recordOf(BaseType);
    if (BaseRD && BaseRD != RD && isSmartPointerRecord(BaseRD, BaseType, OwnerTypes, Depth + 1))
      return true;
  }
  return false;
}

bool isSmartPointerLike(QualType T, llvm::ArrayRef<std::string> OwnerTypes) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  return isSmartPointerRecord(RD, T, OwnerTypes, 0);
}

bool isStdContainer(QualType T) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  std::string Name = qualifiedName(*templateOrRecord(RD));
  return library().Containers.contains(Name) || library().Wrappers.contains(Name);
}

bool isSelfDeleting(const CXXRecordDecl *RD, llvm::DenseMap<const CXXRecordDecl *, bool> &Cache) {
  if (!RD || !(RD = RD->getDefinition()))
    return false;
  auto It = Cache.find(RD);
  if (It != Cache.end())
    return It->second;
  Cache[RD] = false; // cycles through bases end here
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitCXXDeleteExpr(CXXDeleteExpr *D) {
      if (isa<CXXThisExpr>(D->getArgument()->IgnoreParenImpCasts()))
        Found = true;
      return !Found;
    }
  } F;
  for (const CXXMethodDecl *M : RD->methods()) {
    const FunctionDecl *Def = nullptr;
    if (M->hasBody(Def) && Def->getBody())
      F.TraverseStmt(Def->getBody());
    if (F.Found)
      break;
  }
  bool Result = F.Found;
  for (const CXXBaseSpecifier &Base : RD->bases())
    Result = Result || isSelfDeleting(Base.getType()->getAsCXXRecordDecl(), Cache);
  Cache[RD] = Result;
  return Result;
}

// A reference count by its conventional names: refs, refs_, ref_count_,
// refcount, refcounter, m_refCount, use_count_, ...
static bool isRefCountName(llvm::StringRef Name) {
  static const llvm::StringSet<> Names = {
      "ref",        "refs",      "refcnt",    "refcount",    "refcounter",
      "ref_count",  "ref_cnt",   "refcounts", "ref_counter", "reference_count",
      "references", "use_count", "usecount",  "strong_refs"};
  std::string Lower = Name.lower();
  llvm::StringRef N = llvm::StringRef(Lower).trim('_');
  N.consume_front("m_");
  if (Names.contains(N))
    return true;
  // nrefs, num_refs
  return (N.consume_front("num_") || N.consume_front("n")) && Names.contains(N);
}

static bool isCounterType(QualType T) {
  T = T.getCanonicalType().getUnqualifiedType();
  if (T->isIntegerType() && !T->isBooleanType())
    return true;
  // std::atomic<int> and the like.
  if (const CXXRecordDecl *RD = recordOf(T)) {
    std::string Name = qualifiedName(*templateOrRecord(RD));
    return Name == "std::atomic" || Name == "std::__atomic_base" || Name == "std::atomic_int" ||
           Name == "std::atomic_long";
  }
  return false;
}

static bool hasRefCountField(const CXXRecordDecl *RD, unsigned Depth) {
  if (!RD || !(RD = RD->getDefinition()) || Depth > 8)
    return false;
  for (const FieldDecl *F : RD->fields())
    if (isRefCountName(F->getName()) && isCounterType(F->getType()))
      return true;
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (hasRefCountField(recordOf(Base.getType()), Depth + 1))
      return true;
  return false;
}

bool isIntrusivelyCounted(const CXXRecordDecl *RD,
                          llvm::DenseMap<const CXXRecordDecl *, bool> &SelfDeletingCache) {
  if (!RD)
    return false;
  return isSelfDeleting(RD, SelfDeletingCache) || hasRefCountField(RD, 0);
}

bool hasNonPublicDestructor(const CXXRecordDecl *RD) {
  if (!RD || !(RD = RD->getDefinition()))
    return false;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  return Dtor && Dtor->getAccess() != AS_public && Dtor->getAccess() != AS_none;
}

} // namespace ownlint
