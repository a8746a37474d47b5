#include "OwnerTypes.h"

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
  for (llvm::StringRef Inline : {"std::__cxx11::", "std::__1::"})
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

bool isSmartPointerLike(QualType T, llvm::ArrayRef<std::string> OwnerTypes) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD)
    return false;
  if (nameInList(qualifiedName(*templateOrRecord(RD)), OwnerTypes))
    return true;
  if (isStdContainer(T))
    return false;
  if (const auto *Spec = llvm::dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
      return false;
    const CXXRecordDecl *Pattern =
        Spec->getSpecializedTemplate()->getTemplatedDecl();
    return hasArrowAndDestructor(RD) || hasArrowAndDestructor(Pattern);
  }
  return false;
}

bool isStdContainer(QualType T) {
  static const llvm::StringSet<> Containers = {
      "std::vector",        "std::deque",         "std::list",
      "std::forward_list",  "std::set",           "std::multiset",
      "std::map",           "std::multimap",      "std::unordered_set",
      "std::unordered_multiset", "std::unordered_map",
      "std::unordered_multimap", "std::array",     "std::stack",
      "std::queue",         "std::priority_queue", "std::pair",
      "std::tuple"};
  const CXXRecordDecl *RD = recordOf(T);
  return RD && Containers.contains(qualifiedName(*templateOrRecord(RD)));
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

} // namespace ownlint
