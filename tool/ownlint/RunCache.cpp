#include "RunCache.h"
#include "LinkingIO.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <chrono>

namespace ownlint {

RunCache::RunCache(std::string Directory, std::string ToolIdentity)
    : Entries(std::move(Directory)), Tool(std::move(ToolIdentity)),
      Start(std::chrono::system_clock::now()) {}

std::string RunCache::toolIdentity(llvm::StringRef Version, llvm::StringRef LLVMVersion) {
  std::string Id = ("ownlint " + Version + " LLVM " + LLVMVersion).str();
  std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  llvm::sys::fs::file_status Status;
  if (!Exe.empty() && !llvm::sys::fs::status(Exe, Status))
    Id += " " + std::to_string(Status.getSize()) + " " +
          std::to_string(Status.getLastModificationTime().time_since_epoch().count());
  return Id;
}

std::string RunCache::unitKey(const std::string &File,
                              const clang::tooling::CompilationDatabase &Database,
                              const RunOptions &Options) const {
  std::vector<clang::tooling::CompileCommand> Commands = Database.getCompileCommands(File);
  if (Commands.empty())
    return "";
  llvm::SmallString<256> Abs(File);
  llvm::sys::fs::make_absolute(Abs);
  KeyBuilder Key;
  Key.add("tool", Tool).add("file", File).add("absolute", Abs);
  for (const clang::tooling::CompileCommand &C : Commands) {
    Key.add("directory", C.Directory).add("filename", C.Filename);
    for (const std::string &Arg : C.CommandLine)
      Key.add("arg", Arg);
  }
  for (const std::string &Check : Options.EnabledChecks)
    Key.add("check", Check);
  for (const auto &[Name, Value] : Options.CheckOptions)
    Key.add("option", Name).add("value", Value);
  Key.add("header-filter", Options.HeaderFilter ? "=" + *Options.HeaderFilter : "none");
  Key.add("system-headers", Options.SystemHeaders ? "1" : "0");
  // Which headers are reported without a header filter.
  Key.add("project-root", Options.ProjectRoot);
  Key.add("warnings-as-errors", Options.WarningsAsErrors);
  Key.add("config", Options.Config);
  return Key.hex();
}

std::string RunCache::linkedKey(llvm::StringRef UnitKey) {
  return KeyBuilder().add("linked", UnitKey).hex();
}

std::string RunCache::linkedDigest(const std::vector<std::string> &Keys,
                                   const LinkedSummaries &Table) {
  KeyBuilder Digest;
  for (const std::string &K : Keys) {
    auto It = Table.find(K);
    Digest.add(K, summaryText(It == Table.end() ? nullptr : &It->second));
  }
  return Digest.hex();
}

namespace {
class RecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  RecordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                      std::vector<std::string> &Into)
      : ProxyFileSystem(std::move(FS)), Into(Into) {}

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    auto File = ProxyFileSystem::openFileForRead(Path);
    if (File) {
      llvm::SmallString<256> Abs;
      Path.toVector(Abs);
      // Relative to the compile command's directory, the tool's working
      // directory here; '..' stays (it may cross a symbolic link).
      if (!makeAbsolute(Abs)) {
        llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/false);
        if (Seen.insert(Abs).second)
          Into.push_back(std::string(Abs));
      }
    }
    return File;
  }

private:
  std::vector<std::string> &Into;
  llvm::StringSet<> Seen;
};
} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
recordReads(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS, std::vector<std::string> &Into) {
  return llvm::makeIntrusiveRefCnt<RecordingFileSystem>(std::move(FS), Into);
}

} // namespace ownlint
