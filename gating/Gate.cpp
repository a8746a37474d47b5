#include "Gate.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/GlobPattern.h"

namespace ownlint {

llvm::Expected<FailPolicy> FailPolicy::parse(llvm::StringRef Spec) {
  FailPolicy P;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Spec.split(Parts, ',', -1, /*KeepEmpty=*/false);
  if (Parts.empty())
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   "--fail-on: expected any, error, none or check globs");
  bool None = false;
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part == "any")
      P.Any = true;
    else if (Part == "error")
      P.Errors = true;
    else if (Part == "none")
      None = true;
    else if (Part.starts_with("ownership-") || Part.contains('*')) {
      if (auto G = llvm::GlobPattern::create(Part); !G)
        return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                       "--fail-on: bad glob '" + Part +
                                           "': " + llvm::toString(G.takeError()));
      P.Globs.push_back(Part.str());
    } else
      return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                     "--fail-on: unknown value '" + Part +
                                         "' (any, error, none, or check globs such as "
                                         "ownership-double-free)");
  }
  if (None && (P.Any || P.Errors || !P.Globs.empty()))
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   "--fail-on: 'none' cannot be combined with other values");
  return P;
}

bool FailPolicy::fails(const Finding &F) const {
  if (F.isCompilerDiagnostic())
    return false;
  if (Any || (Errors && F.Severity == Finding::Level::Error))
    return true;
  for (const std::string &G : Globs)
    if (auto Pattern = llvm::GlobPattern::create(G); Pattern && Pattern->match(F.Check))
      return true;
  return false;
}

} // namespace ownlint
