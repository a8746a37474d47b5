#include "ResultCache.h"
#include "ResultJson.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace ownlint {

namespace {
// Bumped when the entry layout changes: older entries are then misses.
constexpr int64_t EntryFormat = 1;

std::string hashText(uint64_t H) { return llvm::utohexstr(H, /*LowerCase=*/true, 16); }
} // namespace

ResultCache::ResultCache(std::string Directory) : Directory(std::move(Directory)) {}

std::string ResultCache::pathOf(llvm::StringRef Key) const {
  // Two levels, as in git's object store: no directory holds every entry.
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, Key.take_front(2), Key.drop_front(2) + ".json");
  return std::string(Path);
}

std::optional<CacheEntry> ResultCache::lookup(llvm::StringRef Key) {
  auto Miss = [] { return std::optional<CacheEntry>(); };
  auto Buffer = llvm::MemoryBuffer::getFile(pathOf(Key), /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return Miss();
  llvm::Expected<llvm::json::Value> Doc = llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc) {
    llvm::consumeError(Doc.takeError());
    return Miss();
  }
  const llvm::json::Object *O = Doc->getAsObject();
  if (!O || O->getInteger("format") != EntryFormat || O->getString("key") != Key)
    return Miss();
  const llvm::json::Array *Inputs = O->getArray("inputs");
  const llvm::json::Value *Result = O->get("result");
  std::optional<llvm::StringRef> Linkage = O->getString("linkage");
  std::optional<llvm::StringRef> Digest = O->getString("linkedDigest");
  const llvm::json::Array *LinkedKeys = O->getArray("linkedKeys");
  if (!Inputs || !Result || !Linkage || !Digest || !LinkedKeys)
    return Miss();
  for (const llvm::json::Value &Input : *Inputs) {
    const llvm::json::Array *Pair = Input.getAsArray();
    if (!Pair || Pair->size() != 2)
      return Miss();
    std::optional<llvm::StringRef> Path = (*Pair)[0].getAsString();
    std::optional<llvm::StringRef> Hash = (*Pair)[1].getAsString();
    if (!Path || !Hash)
      return Miss();
    std::optional<uint64_t> Now = Hashes.of(*Path);
    if (!Now || hashText(*Now) != *Hash)
      return Miss();
  }
  CacheEntry Entry;
  std::optional<FileResult> R = resultFromJson(*Result);
  if (!R)
    return Miss();
  Entry.Result = std::move(*R);
  Entry.Linkage = Linkage->str();
  Entry.LinkedDigest = Digest->str();
  for (const llvm::json::Value &K : *LinkedKeys) {
    std::optional<llvm::StringRef> S = K.getAsString();
    if (!S)
      return Miss();
    Entry.LinkedKeys.push_back(S->str());
  }
  return Entry;
}

bool ResultCache::store(llvm::StringRef Key, const std::vector<std::string> &Inputs,
                        const CacheEntry &Entry, llvm::sys::TimePoint<> RunStart) {
  llvm::json::Array InputHashes;
  for (const std::string &Path : Inputs) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(Path, Status) ||
        Status.getLastModificationTime() >= RunStart) // changed while we ran
      return false;
    std::optional<uint64_t> Hash = Hashes.of(Path);
    if (!Hash)
      return false;
    InputHashes.push_back(llvm::json::Array{Path, hashText(*Hash)});
  }
  llvm::json::Array LinkedKeys;
  for (const std::string &K : Entry.LinkedKeys)
    LinkedKeys.push_back(K);
  llvm::json::Object Doc{{"format", EntryFormat},
                         {"key", Key},
                         {"inputs", std::move(InputHashes)},
                         {"result", resultToJson(Entry.Result)},
                         {"linkage", Entry.Linkage},
                         {"linkedKeys", std::move(LinkedKeys)},
                         {"linkedDigest", Entry.LinkedDigest}};
  std::string Path = pathOf(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return false;
  // writeToOutput writes a temporary file and renames it: a reader (another
  // run, or this one after a crash) never sees half an entry.
  const llvm::json::Value Text(std::move(Doc));
  llvm::Error E = llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    OS << Text;
    return llvm::Error::success();
  });
  if (E) {
    llvm::consumeError(std::move(E));
    return false;
  }
  ++Stats.Stored;
  return true;
}

} // namespace ownlint
