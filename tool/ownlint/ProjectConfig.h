#pragma once
// Project configuration: `.ownlint.yaml` files (and the ownership part of
// `.clang-tidy` files) found by walking up from each source, merged with the
// command line. docs/configuration.md describes the keys and the precedence.

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ownlint {

/// What one source of configuration says; an unset field says nothing.
struct ConfigLayer {
  std::optional<std::string> Checks; // clang-tidy globs, as written
  std::map<std::string, std::string> CheckOptions;
  std::optional<std::string> HeaderFilterRegex;
  std::optional<std::string> WarningsAsErrors; // globs
  std::optional<std::string> Baseline;         // absolute path
  std::string Source;                          // the file it was read from
};

/// The configuration that applies to one source file.
struct EffectiveConfig {
  std::string Checks = "ownership-*";
  std::vector<std::string> EnabledChecks; // full names, sorted
  std::map<std::string, std::string> CheckOptions;
  /// Unset: the headers under the project root are reported (Runner.h).
  std::optional<std::string> HeaderFilterRegex;
  std::string WarningsAsErrors; // "": none
  std::string Baseline;         // "": none
  std::string Source;           // the config file used, "" when none

  /// As an .ownlint.yaml that gives the same configuration (--dump-config);
  /// also the configuration's part of the result cache's key.
  std::string toYaml() const;
};

/// What a configuration may name: the checks and their options.
struct ConfigSchema {
  std::vector<std::string> Checks;
  llvm::StringSet<> OptionKeys; // "ownership-leak.Allocators", and the global "Allocators"

  /// ownlint's own checks, with the options each one stores.
  static const ConfigSchema &ownlint();
};

enum class ConfigDialect {
  Ownlint,  // .ownlint.yaml: every key must be known
  ClangTidy // .clang-tidy or --config: only ownlint's part is read and checked
};

/// Parses one configuration file. Errors read "FILE:LINE:COL: message".
/// Relative paths (Baseline) are taken from \p Path's directory.
llvm::Expected<ConfigLayer> parseConfig(llvm::StringRef Path, llvm::StringRef Text,
                                        ConfigDialect Dialect, const ConfigSchema &Schema);

/// The configuration of each source: the closest directory at or above it
/// with an .ownlint.yaml (or else a .clang-tidy) gives the file layer, and
/// \p CommandLine's fields override it. Lookups are cached per directory and
/// safe to make from several threads.
class ProjectConfigs {
public:
  ProjectConfigs(ConfigLayer CommandLine, const ConfigSchema &Schema = ConfigSchema::ownlint());

  llvm::Expected<EffectiveConfig> forFile(llvm::StringRef File);
  llvm::Expected<EffectiveConfig> forDirectory(llvm::StringRef Directory);

private:
  struct Found {
    std::shared_ptr<const ConfigLayer> Layer; // null: no config file
    std::string Error;
  };
  Found lookUp(const std::string &Directory);

  ConfigLayer CommandLine;
  const ConfigSchema &Schema;
  std::mutex Lock;
  llvm::StringMap<Found> ByDirectory;
};

} // namespace ownlint
