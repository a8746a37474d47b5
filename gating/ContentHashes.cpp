#include "ContentHashes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/xxhash.h"

namespace ownlint {

std::optional<uint64_t> ContentHashes::of(llvm::StringRef Path) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Known.find(Path);
    if (It != Known.end())
      return It->second;
  }
  // Hashed outside the lock: two threads may hash one file at once, which
  // costs a little time and gives the same answer.
  std::optional<uint64_t> Hash;
  if (auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false))
    Hash = llvm::xxh3_64bits((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> Guard(Lock);
  Known[Path] = Hash;
  return Hash;
}

KeyBuilder &KeyBuilder::add(llvm::StringRef Field, llvm::StringRef Value) {
  for (llvm::StringRef Part : {Field, Value}) {
    Material += std::to_string(Part.size());
    Material += ':';
    Material += Part;
  }
  return *this;
}

std::string KeyBuilder::hex() const {
  std::array<uint8_t, 32> Digest = llvm::SHA256::hash(llvm::arrayRefFromStringRef(Material));
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

} // namespace ownlint
