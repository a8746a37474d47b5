#include "ProjectConfig.h"
#include "CheckGlobs.h"

#include "CheckRegistry.h"
#include "OwnershipModule.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"

namespace ownlint {

namespace {

constexpr llvm::StringLiteral OwnlintFile = ".ownlint.yaml";
constexpr llvm::StringLiteral ClangTidyFile = ".clang-tidy";

// The options every flow check reads with getLocalOrGlobal() (FlowCheck.cpp):
// one shared analysis, so a project sets them once, without a check name.
constexpr llvm::StringLiteral GlobalOptions[] = {"Allocators", "Deallocators", "Borrowers",
                                                 "ReleaseMethods"};

std::string yamlQuote(llvm::StringRef S) {
  std::string Out = "'";
  for (char C : S) {
    Out += C;
    if (C == '\'')
      Out += '\'';
  }
  return Out + "'";
}

bool isCatchAll(llvm::StringRef Glob) { return Glob == "*"; }

// Checks a comma-separated glob list that selects among known checks without
// having to enable one (WarningsAsErrors); returns the error or "".
std::string checkGlobList(llvm::StringRef Globs, const std::vector<std::string> &Known) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    bool Negative = Part.consume_front("-");
    Part = Part.trim();
    if (Part.empty())
      continue;
    auto Pattern = llvm::GlobPattern::create(Part);
    if (!Pattern) {
      llvm::consumeError(Pattern.takeError());
      return "invalid glob '" + Part.str() + "'";
    }
    bool Matched = llvm::any_of(Known, [&](const std::string &K) { return Pattern->match(K); });
    if (!Matched && !Negative && !isCatchAll(Part))
      return "'" + Part.str() + "' matches no ownlint check (see --list-checks)";
  }
  return "";
}

// The ownership part of a clang-tidy Checks value: the globs that select
// ownlint checks, in order, from none enabled (as in clang-tidy, where no
// ownership check is on by default). nullopt when the value enables none of
// them: the file is about other checks and says nothing to ownlint.
std::optional<std::string>
ownershipGlobs(llvm::StringRef Globs, const std::vector<std::string> &Known, std::string &Error) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Globs.split(Parts, ',', -1, /*KeepEmpty=*/false);
  std::string Out = "-*";
  bool Enables = false;
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    llvm::StringRef Glob = Part;
    bool Negative = Glob.consume_front("-");
    Glob = Glob.trim();
    if (Glob.empty())
      continue;
    bool Ours = Glob.starts_with(CheckPrefix);
    auto Pattern = llvm::GlobPattern::create(Glob);
    if (!Pattern) {
      llvm::consumeError(Pattern.takeError());
      if (Ours)
        Error = "invalid glob '" + Glob.str() + "'";
      if (Ours)
        return std::nullopt;
      continue;
    }
    bool Matched = llvm::any_of(Known, [&](const std::string &K) { return Pattern->match(K); });
    if (!Matched && Ours) {
      Error = "'" + Glob.str() + "' matches no ownlint check (see --list-checks)";
      return std::nullopt;
    }
    // Nothing is on before the first positive glob: a negative one there
    // (clang-tidy's usual leading "-*") changes nothing.
    if (!Matched || (Negative && !Enables))
      continue;
    Out += "," + Part.str();
    Enables |= !Negative;
  }
  if (!Enables)
    return std::nullopt;
  return Out;
}

// Reads one YAML document into a ConfigLayer, with node locations for errors.
class Parser {
public:
  Parser(llvm::StringRef Path, llvm::StringRef Text, ConfigDialect Dialect,
         const ConfigSchema &Schema)
      : Path(Path), Dialect(Dialect), Schema(Schema) {
    SM.setDiagHandler(onSyntaxError, this);
    Buffer = llvm::MemoryBuffer::getMemBuffer(Text, Path, /*RequiresNullTerminator=*/false);
  }

  llvm::Expected<ConfigLayer> parse() {
    Layer.Source = Path.str();
    llvm::yaml::Stream Stream(Buffer->getMemBufferRef(), SM);
    auto Doc = Stream.begin();
    if (Doc != Stream.end())
      if (llvm::yaml::Node *Root = Doc->getRoot(); Root && !llvm::isa<llvm::yaml::NullNode>(Root))
        readTop(*Root);
    if (Error.empty() && Stream.failed() && SyntaxError.empty())
      SyntaxError = Path.str() + ": invalid YAML";
    std::string Message = !SyntaxError.empty() ? SyntaxError : Error;
    if (!Message.empty())
      return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
    return std::move(Layer);
  }

private:
  static void onSyntaxError(const llvm::SMDiagnostic &D, void *Context) {
    auto &P = *static_cast<Parser *>(Context);
    if (P.SyntaxError.empty())
      P.SyntaxError = llvm::formatv("{0}:{1}:{2}: {3}", P.Path, D.getLineNo(), D.getColumnNo() + 1,
                                    D.getMessage())
                          .str();
  }

  void fail(llvm::yaml::Node &Node, const llvm::Twine &Message) {
    if (!Error.empty())
      return;
    auto LC = SM.getLineAndColumn(Node.getSourceRange().Start);
    Error = llvm::formatv("{0}:{1}:{2}: {3}", Path, LC.first, LC.second, Message.str()).str();
  }

  std::optional<std::string> scalar(llvm::yaml::Node &Node, llvm::StringRef Key) {
    llvm::SmallString<64> Storage;
    if (auto *S = llvm::dyn_cast<llvm::yaml::ScalarNode>(&Node))
      return S->getValue(Storage).str();
    if (auto *B = llvm::dyn_cast<llvm::yaml::BlockScalarNode>(&Node))
      return B->getValue().str();
    fail(Node, "'" + Key + "' expects a string");
    return std::nullopt;
  }

  void readTop(llvm::yaml::Node &Root) {
    auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(&Root);
    if (!Map) {
      fail(Root, "expected a mapping of keys (Checks, CheckOptions, ...)");
      return;
    }
    llvm::StringSet<> Seen;
    for (llvm::yaml::KeyValueNode &KV : *Map) {
      auto *KeyNode = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(KV.getKey());
      llvm::yaml::Node *Value = KV.getValue();
      if (!KeyNode || !Value) {
        fail(KV.getKey() ? *KV.getKey() : Root, "expected a key: value pair");
        return;
      }
      llvm::SmallString<32> Storage;
      llvm::StringRef Key = KeyNode->getValue(Storage);
      if (!Seen.insert(Key).second && Dialect == ConfigDialect::Ownlint) {
        fail(*KeyNode, "duplicate key '" + Key + "'");
        return;
      }
      readKey(Key.str(), *KeyNode, *Value);
      if (!Error.empty())
        return;
    }
  }

  void readKey(const std::string &Key, llvm::yaml::Node &KeyNode, llvm::yaml::Node &Value) {
    bool Strict = Dialect == ConfigDialect::Ownlint;
    if (Key == "Checks") {
      std::optional<std::string> S = scalar(Value, Key);
      if (!S)
        return;
      if (Strict) {
        CheckSelection Sel = selectChecks(*S, Schema.Checks);
        if (!Sel.Error.empty())
          return fail(Value, llvm::StringRef(Sel.Error).drop_front(sizeof("--checks: ") - 1));
        Layer.Checks = *S;
      } else {
        std::string Why;
        Layer.Checks = ownershipGlobs(*S, Schema.Checks, Why);
        if (!Why.empty())
          fail(Value, Why);
      }
    } else if (Key == "CheckOptions") {
      readOptions(Value);
    } else if (Key == "HeaderFilterRegex") {
      std::optional<std::string> S = scalar(Value, Key);
      if (!S)
        return;
      std::string Why;
      if (!llvm::Regex(*S).isValid(Why))
        return fail(Value, "invalid regular expression '" + *S + "': " + Why);
      Layer.HeaderFilterRegex = *S;
    } else if (Key == "WarningsAsErrors") {
      std::optional<std::string> S = scalar(Value, Key);
      if (!S)
        return;
      // clang-tidy's own file may name any check here; ownlint checks only
      // the globs that are about it.
      std::string Why = Strict ? checkGlobList(*S, Schema.Checks) : "";
      if (!Why.empty())
        return fail(Value, "WarningsAsErrors: " + Why);
      Layer.WarningsAsErrors = *S;
    } else if (Key == "Baseline" && Strict) {
      std::optional<std::string> S = scalar(Value, Key);
      if (!S)
        return;
      if (S->empty())
        return fail(Value, "'Baseline' expects a path");
      llvm::SmallString<256> Abs(*S);
      if (!llvm::sys::path::is_absolute(Abs)) {
        Abs = llvm::sys::path::parent_path(Path);
        llvm::sys::path::append(Abs, *S);
      }
      llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
      Layer.Baseline = std::string(Abs);
    } else if (Strict) {
      std::string Hint;
      for (llvm::StringRef Known :
           {"Checks", "CheckOptions", "HeaderFilterRegex", "WarningsAsErrors", "Baseline"})
        if (llvm::StringRef(Key).edit_distance(Known, true, 3) <= 2)
          Hint = " (did you mean '" + Known.str() + "'?)";
      fail(KeyNode, "unknown key '" + Key + "' in " + OwnlintFile + Hint);
    }
  }

  // CheckOptions: {key: value, ...}, or clang-tidy's older [{key: k, value: v}, ...].
  void readOptions(llvm::yaml::Node &Value) {
    if (auto *Map = llvm::dyn_cast<llvm::yaml::MappingNode>(&Value)) {
      for (llvm::yaml::KeyValueNode &KV : *Map) {
        auto *K = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(KV.getKey());
        if (!K || !KV.getValue())
          return fail(Value, "expected 'option: value' pairs in CheckOptions");
        llvm::SmallString<64> Storage;
        std::string Name = K->getValue(Storage).str();
        std::optional<std::string> V = scalar(*KV.getValue(), Name);
        if (!V)
          return;
        addOption(Name, *V, *K);
        if (!Error.empty())
          return;
      }
      return;
    }
    if (auto *Seq = llvm::dyn_cast<llvm::yaml::SequenceNode>(&Value)) {
      for (llvm::yaml::Node &Item : *Seq) {
        auto *Entry = llvm::dyn_cast<llvm::yaml::MappingNode>(&Item);
        if (!Entry)
          return fail(Item, "expected {key: ..., value: ...} in CheckOptions");
        std::optional<std::string> Name, V;
        llvm::yaml::Node *NameNode = &Item;
        for (llvm::yaml::KeyValueNode &KV : *Entry) {
          auto *K = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(KV.getKey());
          llvm::SmallString<16> Storage;
          llvm::StringRef Field = K ? K->getValue(Storage) : "";
          if (Field == "key" && KV.getValue()) {
            NameNode = KV.getValue();
            Name = scalar(*KV.getValue(), "key");
          } else if (Field == "value" && KV.getValue()) {
            V = scalar(*KV.getValue(), "value");
          } else {
            return fail(K ? static_cast<llvm::yaml::Node &>(*K) : Item,
                        "expected only 'key' and 'value' in a CheckOptions entry");
          }
          if (!Error.empty())
            return;
        }
        if (!Name || !V)
          return fail(Item, "a CheckOptions entry needs both 'key' and 'value'");
        addOption(*Name, *V, *NameNode);
        if (!Error.empty())
          return;
      }
      return;
    }
    fail(Value, "'CheckOptions' expects a mapping of option: value");
  }

  void addOption(const std::string &Name, const std::string &Value, llvm::yaml::Node &Where) {
    bool Known = Schema.OptionKeys.contains(Name);
    bool Ours = llvm::StringRef(Name).starts_with(CheckPrefix) ||
                llvm::is_contained(GlobalOptions, llvm::StringRef(Name));
    if (Dialect == ConfigDialect::ClangTidy && !Ours)
      return; // another tool's option, in its own file
    if (!Known)
      return fail(Where, "unknown check option '" + Name + "'" + optionHint(Name));
    Layer.CheckOptions[Name] = Value;
  }

  // "(options of ownership-leak: ...)", or the check that does not exist.
  std::string optionHint(llvm::StringRef Name) const {
    auto [Check, Option] = Name.split('.');
    if (Option.empty())
      return "";
    std::vector<std::string> Options;
    for (const auto &Key : Schema.OptionKeys)
      if (Key.getKey().starts_with((Check + ".").str()))
        Options.push_back(Key.getKey().drop_front(Check.size() + 1).str());
    if (!llvm::is_contained(Schema.Checks, Check.str()))
      return " (no check is named '" + Check.str() + "')";
    if (Options.empty())
      return " (" + Check.str() + " has no options)";
    llvm::sort(Options);
    return " (" + Check.str() + " has " + llvm::join(Options, ", ") + ")";
  }

  llvm::StringRef Path;
  ConfigDialect Dialect;
  const ConfigSchema &Schema;
  llvm::SourceMgr SM;
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  ConfigLayer Layer;
  std::string Error, SyntaxError;
};

void apply(EffectiveConfig &C, const ConfigLayer &L) {
  if (L.Checks)
    C.Checks = *L.Checks;
  for (const auto &[Key, Value] : L.CheckOptions)
    C.CheckOptions[Key] = Value;
  if (L.HeaderFilterRegex)
    C.HeaderFilterRegex = *L.HeaderFilterRegex;
  if (L.WarningsAsErrors)
    C.WarningsAsErrors = *L.WarningsAsErrors;
  if (L.Baseline)
    C.Baseline = *L.Baseline;
}

} // namespace

std::string EffectiveConfig::toYaml() const {
  std::string Out = "Checks: " + yamlQuote(Checks) + "\n";
  Out += CheckOptions.empty() ? "CheckOptions: {}\n" : "CheckOptions:\n";
  for (const auto &[Key, Value] : CheckOptions)
    Out += "  " + Key + ": " + yamlQuote(Value) + "\n";
  if (HeaderFilterRegex)
    Out += "HeaderFilterRegex: " + yamlQuote(*HeaderFilterRegex) + "\n";
  else
    Out += "# HeaderFilterRegex unset: the headers under the project root are reported\n";
  Out += "WarningsAsErrors: " + yamlQuote(WarningsAsErrors) + "\n";
  if (!Baseline.empty())
    Out += "Baseline: " + yamlQuote(Baseline) + "\n";
  return Out;
}

const ConfigSchema &ConfigSchema::ownlint() {
  static const ConfigSchema Schema = [] {
    ConfigSchema S;
    for (const CheckInfo &Info : allChecks())
      S.Checks.push_back(Info.Name.str());
    // Each check stores the options it reads (as for clang-tidy's
    // --dump-config): build them once to learn the option names.
    clang::tidy::ClangTidyOptions Options = clang::tidy::ClangTidyOptions::getDefaults();
    Options.Checks = "-*," + CheckPrefix.str() + "*";
    clang::tidy::ClangTidyContext Context(std::make_unique<clang::tidy::DefaultOptionsProvider>(
        clang::tidy::ClangTidyGlobalOptions(), std::move(Options)));
    clang::tidy::ClangTidyCheckFactories Factories;
    OwnershipModule().addCheckFactories(Factories);
    clang::tidy::ClangTidyOptions::OptionMap Stored;
    for (auto &Check : Factories.createChecks(&Context))
      Check->storeOptions(Stored);
    for (const auto &Entry : Stored)
      S.OptionKeys.insert(Entry.getKey());
    for (llvm::StringRef Global : GlobalOptions)
      S.OptionKeys.insert(Global);
    return S;
  }();
  return Schema;
}

llvm::Expected<ConfigLayer> parseConfig(llvm::StringRef Path, llvm::StringRef Text,
                                        ConfigDialect Dialect, const ConfigSchema &Schema) {
  return Parser(Path, Text, Dialect, Schema).parse();
}

ProjectConfigs::ProjectConfigs(ConfigLayer CommandLine, const ConfigSchema &Schema)
    : CommandLine(std::move(CommandLine)), Schema(Schema) {}

ProjectConfigs::Found ProjectConfigs::lookUp(const std::string &Directory) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = ByDirectory.find(Directory);
    if (It != ByDirectory.end())
      return It->second;
  }
  Found Result;
  // In one directory .ownlint.yaml wins; .clang-tidy is clang-tidy's file,
  // of which only the ownership part is read.
  for (auto [Name, Dialect] : {std::pair(OwnlintFile, ConfigDialect::Ownlint),
                               std::pair(ClangTidyFile, ConfigDialect::ClangTidy)}) {
    llvm::SmallString<256> Candidate(Directory);
    llvm::sys::path::append(Candidate, Name);
    if (!llvm::sys::fs::is_regular_file(Candidate))
      continue;
    auto Text = llvm::MemoryBuffer::getFile(Candidate, /*IsText=*/true);
    if (!Text) {
      Result.Error = "cannot read '" + std::string(Candidate) + "': " + Text.getError().message();
    } else if (auto Layer = parseConfig(Candidate, (*Text)->getBuffer(), Dialect, Schema)) {
      Result.Layer = std::make_shared<const ConfigLayer>(std::move(*Layer));
    } else {
      Result.Error = llvm::toString(Layer.takeError());
    }
    break;
  }
  if (!Result.Layer && Result.Error.empty()) {
    llvm::StringRef Parent = llvm::sys::path::parent_path(Directory);
    if (!Parent.empty() && Parent != Directory)
      Result = lookUp(Parent.str());
  }
  std::lock_guard<std::mutex> Guard(Lock);
  ByDirectory[Directory] = Result;
  return Result;
}

llvm::Expected<EffectiveConfig> ProjectConfigs::forDirectory(llvm::StringRef Directory) {
  llvm::SmallString<256> Abs(Directory);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  Found F = lookUp(std::string(Abs));
  if (!F.Error.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(), F.Error);
  EffectiveConfig C;
  if (F.Layer) {
    apply(C, *F.Layer);
    C.Source = F.Layer->Source;
  }
  apply(C, CommandLine);
  CheckSelection Sel = selectChecks(C.Checks, Schema.Checks);
  if (!Sel.Error.empty()) // validated when read; kept for a command line that was not
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Sel.Error);
  C.EnabledChecks = std::move(Sel.Enabled);
  return C;
}

llvm::Expected<EffectiveConfig> ProjectConfigs::forFile(llvm::StringRef File) {
  llvm::SmallString<256> Abs(File);
  llvm::sys::fs::make_absolute(Abs);
  return forDirectory(llvm::sys::path::parent_path(Abs));
}

} // namespace ownlint
