#include "Knowledge.h"

#include "llvm/ADT/SmallVector.h"

namespace ownlint {

namespace {

std::optional<AllocKind> kindNamed(llvm::StringRef Name) {
  if (Name == "new")
    return AllocKind::New;
  if (Name == "new[]")
    return AllocKind::NewArray;
  if (Name == "malloc")
    return AllocKind::Malloc;
  return std::nullopt;
}

void entries(llvm::StringRef List, llvm::SmallVectorImpl<llvm::StringRef> &Out) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ';', -1, false);
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim());
}

} // namespace

Knowledge Knowledge::parse(llvm::StringRef Allocators, llvm::StringRef Deallocators,
                           llvm::StringRef Borrowers, llvm::StringRef ReleaseMethods,
                           std::string &Error) {
  Knowledge K;
  auto Bad = [&](llvm::StringRef Option, llvm::StringRef Entry, llvm::StringRef Why) {
    if (Error.empty())
      Error = (Option + ": '" + Entry + "': " + Why).str();
  };
  llvm::SmallVector<llvm::StringRef, 8> List;
  entries(Allocators, List);
  for (llvm::StringRef E : List) {
    auto [Name, Kind] = E.split('=');
    std::optional<AllocKind> AK = Kind.empty() ? AllocKind::Malloc : kindNamed(Kind.trim());
    if (!AK)
      Bad("Allocators", E, "the kind must be new, new[] or malloc");
    else
      K.Allocators[Name.trim()] = *AK;
  }
  List.clear();
  entries(Deallocators, List);
  for (llvm::StringRef E : List) {
    // `name=kind:N`; qualified names have `::` of their own.
    llvm::StringRef NameKind = E, ArgText;
    size_t Colon = E.rfind(':');
    if (Colon != llvm::StringRef::npos && (Colon == 0 || E[Colon - 1] != ':')) {
      NameKind = E.take_front(Colon);
      ArgText = E.drop_front(Colon + 1);
      if (ArgText.trim().empty())
        ArgText = " ";
    }
    auto [Name, Kind] = NameKind.split('=');
    std::optional<AllocKind> AK = Kind.empty() ? AllocKind::Malloc : kindNamed(Kind.trim());
    unsigned Arg = 0;
    if (!AK)
      Bad("Deallocators", E, "the kind must be new, new[] or malloc");
    else if (!ArgText.empty() && ArgText.trim().getAsInteger(10, Arg))
      Bad("Deallocators", E, "the argument after ':' must be a number");
    else
      K.Deallocators[Name.trim()] = {*AK, Arg};
  }
  List.clear();
  entries(Borrowers, List);
  for (llvm::StringRef E : List)
    K.Borrowers.insert(E);
  List.clear();
  entries(ReleaseMethods, List);
  for (llvm::StringRef E : List)
    K.ReleaseMethods.insert(E);
  return K;
}

} // namespace ownlint
