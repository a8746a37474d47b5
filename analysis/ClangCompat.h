#pragma once
// Clang API calls whose spelling differs between the supported LLVM releases
// (19 and 22). Everything version-dependent goes through here, so the rest of
// the code base has no #if on OWNLINT_LLVM_MAJOR.

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

namespace ownlint {

// The type a record declares (LLVM 22 made TagDecl::getTypeForDecl private
// and renamed ASTContext::getRecordType).
inline clang::QualType recordType(const clang::RecordDecl *RD, const clang::ASTContext &Ctx) {
#if OWNLINT_LLVM_MAJOR >= 22
  return Ctx.getCanonicalTagType(RD);
#else
  return Ctx.getRecordType(RD);
#endif
}

// The declared width of a bit-field (LLVM 20 dropped the context argument).
inline unsigned bitFieldWidth(const clang::FieldDecl *FD, const clang::ASTContext &Ctx) {
#if OWNLINT_LLVM_MAJOR >= 20
  (void)Ctx;
  return FD->getBitWidthValue();
#else
  return FD->getBitWidthValue(Ctx);
#endif
}

} // namespace ownlint
