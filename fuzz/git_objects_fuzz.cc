// libFuzzer target: pack files read without libgit2 (git/object_store) and
// the trees and commits read from them (git/tree_diff, git/commit_objects).
// Each input becomes a pack of four objects - a base object (a tree or a
// blob, its bytes from the input), a delta of it (OFS_DELTA, the delta's
// bytes from the input) and two commits whose trees they are - so the
// fuzzer reaches the delta decoder and the tree parser without having to
// write zlib streams. The readers answer or step aside (nullptr/nullopt),
// never read out of bounds, and a resolved delta keeps its base's type.
#include <unistd.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "git/commit_objects.h"
#include "git/object_store.h"
#include "git/tree_diff.h"

namespace {

// Never destroyed: the exit handler that removes it runs after static
// destructors would have.
const std::string& Scratch() {
  static const std::string* dir = [] {
    char tmpl[] = "/tmp/psirt-fuzz-objects-XXXXXX";
    auto* d = new std::string(::mkdtemp(tmpl));
    std::filesystem::create_directories(*d + "/pack");
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(*dir, ec);
    });
    return d;
  }();
  return *dir;
}

std::string Deflate(const std::string& in) {
  uLongf n = compressBound(in.size());
  std::string out(n, '\0');
  compress2(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(in.data()), in.size(), 1);
  out.resize(n);
  return out;
}

// A pack entry's header: type and inflated size.
std::string EntryHeader(int type, size_t size) {
  std::string h;
  unsigned char c = static_cast<unsigned char>((type << 4) | (size & 15));
  size >>= 4;
  while (size) {
    h.push_back(static_cast<char>(c | 0x80));
    c = size & 0x7f;
    size >>= 7;
  }
  h.push_back(static_cast<char>(c));
  return h;
}

void Be32(std::string& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((v >> s) & 0xff));
}

std::string Oid(unsigned char first) { return std::string(1, static_cast<char>(first)) + std::string(19, '\x11'); }
std::string Hex(const std::string& raw) {
  static const char* d = "0123456789abcdef";
  std::string h;
  for (unsigned char c : raw) h += {d[c >> 4], d[c & 15]};
  return h;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  const bool tree = data[0] & 1;
  size_t base_len = std::min<size_t>(size - 3, (size_t{data[1]} << 8) | data[2]);
  std::string base(reinterpret_cast<const char*>(data) + 3, base_len);
  std::string delta(reinterpret_cast<const char*>(data) + 3 + base_len, size - 3 - base_len);
  const std::string a = Oid(0x01), b = Oid(0x02), c1 = Oid(0x03), c2 = Oid(0x04);
  const std::string commit1 = "tree " + Hex(a) + "\n\nfirst\n";
  const std::string commit2 = "tree " + Hex(b) + "\nparent " + Hex(c1) + "\n\nsecond\n";

  std::string pack = "PACK";
  Be32(pack, 2);
  Be32(pack, 4);
  std::vector<uint32_t> offsets;
  offsets.push_back(static_cast<uint32_t>(pack.size()));
  pack += EntryHeader(tree ? 2 : 3, base.size()) + Deflate(base);
  offsets.push_back(static_cast<uint32_t>(pack.size()));
  uint64_t back = offsets[1] - offsets[0];
  std::string ofs(1, static_cast<char>(back & 0x7f));
  while (back >>= 7) ofs.insert(ofs.begin(), static_cast<char>(0x80 | (--back & 0x7f)));
  pack += EntryHeader(6, delta.size()) + ofs + Deflate(delta);
  offsets.push_back(static_cast<uint32_t>(pack.size()));
  pack += EntryHeader(1, commit1.size()) + Deflate(commit1);
  offsets.push_back(static_cast<uint32_t>(pack.size()));
  pack += EntryHeader(1, commit2.size()) + Deflate(commit2);
  pack += std::string(20, '\0');  // trailer (not checked by the reader)

  std::string idx = "\377tOc";
  Be32(idx, 2);
  const std::string ids[] = {a, b, c1, c2};
  for (int i = 0; i < 256; ++i) {
    uint32_t n = 0;
    for (const std::string& id : ids) n += static_cast<unsigned char>(id[0]) <= i;
    Be32(idx, n);
  }
  for (const std::string& id : ids) idx += id;
  for (int i = 0; i < 4; ++i) Be32(idx, 0);  // CRCs
  for (uint32_t off : offsets) Be32(idx, off);

  const std::string& dir = Scratch();
  std::ofstream(dir + "/pack/pack-f.pack", std::ios::binary | std::ios::trunc) << pack;
  std::ofstream(dir + "/pack/pack-f.idx", std::ios::binary | std::ios::trunc) << idx;
  psirt::git::ObjectStore store(dir, size_t{1} << 20);
  auto resolved = store.Read(Hex(b));
  if (resolved && resolved->type != (tree ? "tree" : "blob")) __builtin_trap();
  if (auto files = psirt::git::FirstParentChangedFiles(store, Hex(c2)))
    for (const std::string& f : *files)
      if (f.empty()) __builtin_trap();
  (void)psirt::git::IsAncestorInStore(store, Hex(c1), Hex(c2), 10);
  (void)psirt::git::ParseCommitHeader(base);
  return 0;
}
