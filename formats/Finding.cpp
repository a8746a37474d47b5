#include "Finding.h"

namespace ownlint {

const char *statusName(FileResult::Status S) {
  switch (S) {
  case FileResult::Status::Analysed:
    return "analysed";
  case FileResult::Status::InputError:
    return "input-error";
  case FileResult::Status::ParseError:
    return "parse-error";
  case FileResult::Status::InternalError:
    return "internal-error";
  }
  return "unknown";
}

std::optional<FileResult::Status> parseStatus(llvm::StringRef Name) {
  for (FileResult::Status S :
       {FileResult::Status::Analysed, FileResult::Status::InputError,
        FileResult::Status::ParseError, FileResult::Status::InternalError})
    if (Name == statusName(S))
      return S;
  return std::nullopt;
}

} // namespace ownlint
