// clang-tidy's --export-fixes format (clang/Tooling/DiagnosticsYaml.h),
// written from Findings so that clang-apply-replacements applies ownlint's
// fix-its exactly as it applies clang-tidy's.

#include "Emitters.h"

#include "llvm/Support/YAMLTraits.h"

namespace {

struct YamlReplacement {
  std::string FilePath;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string ReplacementText;
};

struct YamlMessage {
  std::string Message;
  std::string FilePath;
  unsigned FileOffset = 0;
  std::vector<YamlReplacement> Replacements;
};

struct YamlDiagnostic {
  std::string DiagnosticName;
  YamlMessage DiagnosticMessage;
  std::string Level;
};

struct YamlDocument {
  std::string MainSourceFile;
  std::vector<YamlDiagnostic> Diagnostics;
};

} // namespace

LLVM_YAML_IS_SEQUENCE_VECTOR(YamlReplacement)
LLVM_YAML_IS_SEQUENCE_VECTOR(YamlDiagnostic)

namespace llvm::yaml {

template <> struct MappingTraits<YamlReplacement> {
  static void mapping(IO &Io, YamlReplacement &R) {
    Io.mapRequired("FilePath", R.FilePath);
    Io.mapRequired("Offset", R.Offset);
    Io.mapRequired("Length", R.Length);
    Io.mapRequired("ReplacementText", R.ReplacementText);
  }
};

template <> struct MappingTraits<YamlMessage> {
  static void mapping(IO &Io, YamlMessage &M) {
    Io.mapRequired("Message", M.Message);
    Io.mapOptional("FilePath", M.FilePath);
    Io.mapOptional("FileOffset", M.FileOffset);
    Io.mapOptional("Replacements", M.Replacements);
  }
};

template <> struct MappingTraits<YamlDiagnostic> {
  static void mapping(IO &Io, YamlDiagnostic &D) {
    Io.mapRequired("DiagnosticName", D.DiagnosticName);
    Io.mapRequired("DiagnosticMessage", D.DiagnosticMessage);
    Io.mapRequired("Level", D.Level);
  }
};

template <> struct MappingTraits<YamlDocument> {
  static void mapping(IO &Io, YamlDocument &Doc) {
    Io.mapRequired("MainSourceFile", Doc.MainSourceFile);
    Io.mapRequired("Diagnostics", Doc.Diagnostics);
  }
};

} // namespace llvm::yaml

namespace ownlint {

void emitFixesYaml(const std::vector<FileResult> &Results, llvm::raw_ostream &OS) {
  YamlDocument Doc;
  for (const FileResult &R : Results)
    for (const Finding &F : R.Findings) {
      if (F.isCompilerDiagnostic() || F.Fixes.empty())
        continue;
      YamlDiagnostic D;
      D.DiagnosticName = F.Check;
      D.Level = F.Severity == Finding::Level::Error ? "Error" : "Warning";
      D.DiagnosticMessage.Message = F.Message;
      D.DiagnosticMessage.FilePath = F.Where.File;
      D.DiagnosticMessage.FileOffset = F.Where.Offset;
      for (const Edit &E : F.Fixes)
        D.DiagnosticMessage.Replacements.push_back({E.File, E.Offset, E.Length, E.Replacement});
      // No notes: they carry nothing clang-apply-replacements needs, and
      // with them clang-apply-replacements-19 applied none of the edits
      // (test/cli/export-fixes.test).
      Doc.Diagnostics.push_back(std::move(D));
    }
  llvm::yaml::Output Out(OS);
  Out << Doc;
}

} // namespace ownlint
