#pragma once
// Boolean check options read as text: clang-tidy's OptionsView::get<bool> is
// an explicit specialisation whose mangled name differs between GCC and
// Clang, so calling it from a GCC build cannot link against LLVM's libraries.

#include "clang-tidy/ClangTidyCheck.h"

namespace ownlint {

inline bool parseBoolOption(llvm::StringRef Value, bool Default) {
  std::string Lower = Value.trim().lower();
  if (Lower == "true" || Lower == "1" || Lower == "on" || Lower == "yes")
    return true;
  if (Lower == "false" || Lower == "0" || Lower == "off" || Lower == "no")
    return false;
  return Default;
}

inline bool getBoolOption(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                          llvm::StringRef Name, bool Default) {
  return parseBoolOption(Options.get(Name, Default ? "true" : "false"), Default);
}

inline void storeBoolOption(const clang::tidy::ClangTidyCheck::OptionsView &Options,
                            clang::tidy::ClangTidyOptions::OptionMap &Opts, llvm::StringRef Name,
                            bool Value) {
  Options.store(Opts, Name, Value ? "true" : "false");
}

} // namespace ownlint
