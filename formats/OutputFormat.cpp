#include "Emitters.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/Path.h"

namespace ownlint {

std::optional<OutputFormat> parseOutputFormat(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<OutputFormat>>(Name)
      .Case("text", OutputFormat::Text)
      .Case("json", OutputFormat::Json)
      .Case("sarif", OutputFormat::Sarif)
      .Case("github", OutputFormat::Github)
      .Default(std::nullopt);
}

std::optional<OutputFormat> formatOfPath(llvm::StringRef Path) {
  llvm::StringRef Ext = llvm::sys::path::extension(Path);
  if (Ext.equals_insensitive(".sarif"))
    return OutputFormat::Sarif;
  if (Ext.equals_insensitive(".json"))
    return OutputFormat::Json;
  return std::nullopt;
}

void emit(OutputFormat Format, const std::vector<FileResult> &Results, const RunInfo &Run,
          const TextStyle &Style, llvm::raw_ostream &OS) {
  switch (Format) {
  case OutputFormat::Text:
    return emitText(Results, Style, OS);
  case OutputFormat::Json:
    return emitJson(Results, Run, OS);
  case OutputFormat::Sarif:
    return emitSarif(Results, Run, OS);
  case OutputFormat::Github:
    return emitGithub(Results, Run, OS);
  }
}

} // namespace ownlint
