#pragma once
// Which types own what they point to. Decided here once for every check.

#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class CXXRecordDecl;
class NamedDecl;
} // namespace clang

namespace ownlint {

/// Default owner types: standard and common library smart pointers.
extern const char *const DefaultOwnerTypes;

/// Semicolon-separated list -> trimmed, non-empty entries.
std::vector<std::string> splitList(llvm::StringRef List);

/// Qualified name without leading "::" and without template arguments,
/// e.g. "std::unique_ptr".
std::string qualifiedName(const clang::NamedDecl &D);

/// True if \p Name (qualified, without "::" prefix) is in \p Names, which may
/// be written with or without a leading "::".
bool nameInList(llvm::StringRef Name, llvm::ArrayRef<std::string> Names);

/// A class that owns the object behind a pointer it is given: a listed owner
/// type, any class template shaped like a smart pointer (its first template
/// argument is the pointee, it has operator-> and a user-provided destructor),
/// or a class derived from one of those (a project's unique_ptr that inherits
/// std::unique_ptr and its constructors).
bool isSmartPointerLike(clang::QualType T, llvm::ArrayRef<std::string> OwnerTypes);

/// A standard library container (std::vector, std::map, ...): storing a raw
/// pointer in one does not give it an owner.
bool isStdContainer(clang::QualType T);

/// A class (or a base of it) with a member function that does `delete this`:
/// its objects manage their own lifetime (intrusive reference counting).
/// \p Cache lives as long as one translation unit.
bool isSelfDeleting(const clang::CXXRecordDecl *RD,
                    llvm::DenseMap<const clang::CXXRecordDecl *, bool> &Cache);

/// A class whose objects count their own references (intrusive reference
/// counting): isSelfDeleting(), or the class or a base has an integer (or
/// std::atomic) member with a reference count's name (refs_, refcount,
/// ref_count_, refcounter, ...), whose owner code decrements it and deletes.
bool isIntrusivelyCounted(const clang::CXXRecordDecl *RD,
                          llvm::DenseMap<const clang::CXXRecordDecl *, bool> &SelfDeletingCache);

/// A class whose destructor is private or protected: only its own members and
/// friends may delete it, so no std::unique_ptr can own it.
bool hasNonPublicDestructor(const clang::CXXRecordDecl *RD);

} // namespace ownlint
