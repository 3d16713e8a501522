// Loose and packed objects read for tag peeling (see tag_objects.h).
#include "git/tag_objects.h"

#include "git/raw_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace psirt::git {
namespace {

// Inflates up to `limit` bytes of a zlib stream; nullopt when it is corrupt
// (a stream that is merely longer than `limit` is fine).
std::optional<std::string> InflatePrefix(const unsigned char* data, size_t size, size_t limit) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return std::nullopt;
  std::string out(limit, '\0');
  z.next_in = const_cast<unsigned char*>(data);
  z.avail_in = static_cast<uInt>(std::min<size_t>(size, UINT32_MAX));
  z.next_out = reinterpret_cast<unsigned char*>(out.data());
  z.avail_out = static_cast<uInt>(limit);
  int rc = inflate(&z, Z_SYNC_FLUSH);
  size_t produced = limit - z.avail_out;
  inflateEnd(&z);
  if (rc != Z_OK && rc != Z_STREAM_END && !(rc == Z_BUF_ERROR && produced > 0)) return std::nullopt;
  out.resize(produced);
  return out;
}

}  // namespace

namespace tag_objects_internal {

struct Mapped {
  void* base = nullptr;
  size_t size = 0;
  ~Mapped() {
    if (base) ::munmap(base, size);
  }
  bool Map(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    bool ok = ::fstat(fd, &st) == 0 && st.st_size > 0;
    if (ok) {
      base = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (base == MAP_FAILED) base = nullptr;
      else size = static_cast<size_t>(st.st_size);
    }
    ::close(fd);
    return base != nullptr;
  }
  const unsigned char* bytes() const { return static_cast<const unsigned char*>(base); }
};

}  // namespace tag_objects_internal

using tag_objects_internal::Mapped;

struct TagObjects::Packs {
  struct Pack {
    Mapped idx, pack;
    uint32_t count = 0;
  };
  std::vector<std::unique_ptr<Pack>> list;
};

TagObjects::TagObjects(std::string objects_dir) : objects_dir_(std::move(objects_dir)) {}
TagObjects::~TagObjects() = default;

std::optional<TagObjects::Object> TagObjects::Read(const std::string& sha, size_t limit) {
  unsigned char oid[20];
  if (!HexToRaw(sha, oid, 20)) return std::nullopt;
  if (!packs_) {
    packs_ = std::make_unique<Packs>();
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(objects_dir_ + "/pack", ec)) {
      std::string p = e.path().string();
      if (p.size() < 4 || p.compare(p.size() - 4, 4, ".idx") != 0) continue;
      auto pack = std::make_unique<Packs::Pack>();
      if (!pack->idx.Map(p) || !pack->pack.Map(p.substr(0, p.size() - 4) + ".pack")) continue;
      const unsigned char* b = pack->idx.bytes();
      // Version 2: "\377tOc", 2, the fan-out table, ids, CRCs, offsets.
      if (pack->idx.size < 8 + 256 * 4 || std::memcmp(b, "\377tOc", 4) != 0 || ReadBe32(b + 4) != 2) continue;
      pack->count = ReadBe32(b + 8 + 255 * 4);
      if (pack->idx.size < 8 + 256 * 4 + size_t{pack->count} * 28) continue;
      packs_->list.push_back(std::move(pack));
    }
  }
  for (const auto& pack : packs_->list) {
    const unsigned char* b = pack->idx.bytes();
    const unsigned char* fan = b + 8;
    const unsigned char* ids = fan + 256 * 4;
    uint32_t lo = oid[0] == 0 ? 0 : ReadBe32(fan + (oid[0] - 1) * 4), hi = ReadBe32(fan + oid[0] * 4);
    if (hi > pack->count) hi = pack->count;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      int c = std::memcmp(ids + size_t{mid} * 20, oid, 20);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid;
      } else {
        const unsigned char* offsets = ids + size_t{pack->count} * 24;
        uint64_t off = ReadBe32(offsets + size_t{mid} * 4);
        if (off & 0x80000000u) {  // an index into the 64-bit offset table
          size_t at = 8 + 256 * 4 + size_t{pack->count} * 28 + (off & 0x7fffffffu) * 8;
          if (at + 8 > pack->idx.size) return std::nullopt;
          off = uint64_t{ReadBe32(b + at)} << 32 | ReadBe32(b + at + 4);
        }
        if (off >= pack->pack.size) return std::nullopt;
        // Entry header: type in bits 4-6 of the first byte, then the size
        // as a little-endian varint.
        const unsigned char* p = pack->pack.bytes() + off;
        const unsigned char* end = pack->pack.bytes() + pack->pack.size;
        int type = (*p >> 4) & 7;
        while (p < end && (*p & 0x80)) ++p;
        if (p >= end) return std::nullopt;
        ++p;
        static constexpr const char* kTypes[] = {"", "commit", "tree", "blob", "tag"};
        if (type < 1 || type > 4) return std::nullopt;  // deltified: left to libgit2
        auto body = InflatePrefix(p, static_cast<size_t>(end - p), limit);
        if (!body) return std::nullopt;
        return Object{kTypes[type], *body};
      }
    }
  }
  // Not in a pack: a loose object, "<type> <size>\0<body>", deflated.
  {
    Mapped loose;
    if (loose.Map(objects_dir_ + "/" + sha.substr(0, 2) + "/" + sha.substr(2))) {
      auto text = InflatePrefix(loose.bytes(), loose.size, limit + 64);
      if (!text) return std::nullopt;
      size_t sp = text->find(' '), nul = text->find('\0');
      if (sp == std::string::npos || nul == std::string::npos || sp > nul) return std::nullopt;
      return Object{text->substr(0, sp), text->substr(nul + 1, limit)};
    }
  }
  return std::nullopt;
}

std::optional<std::string> TagObjects::Target(const std::string& sha) {
  auto obj = Read(sha);
  if (!obj || obj->type != "tag" || obj->body.compare(0, 7, "object ") != 0 || obj->body.size() < 48 ||
      obj->body[47] != '\n')
    return std::nullopt;
  std::string target = obj->body.substr(7, 40);
  unsigned char check[20];
  if (!HexToRaw(target, check, 20)) return std::nullopt;
  return target;
}

}  // namespace psirt::git
