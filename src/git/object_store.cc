// Loose and packed objects, deltas resolved through a cache (see
// object_store.h).
#include "git/object_store.h"

#include <zlib.h>

#include <cstring>
#include <filesystem>
#include <list>
#include <unordered_map>
#include <utility>
#include <vector>

#include "git/mapped_file.h"
#include "git/raw_bytes.h"

namespace psirt::git {
namespace {

constexpr const char* kTypeNames[] = {"", "commit", "tree", "blob", "tag"};
constexpr int kOfsDelta = 6, kRefDelta = 7;
constexpr size_t kMaxChain = 10000;  // longer is a loop in corrupt data
// Sizes come from the data: an object beyond this (or beyond what its
// compressed bytes can inflate to) is corrupt, not allocated.
constexpr uint64_t kMaxObject = uint64_t{1} << 30;
constexpr uint64_t kMaxInflateRatio = 1100;  // zlib's worst case is about 1032:1

// git's delta varint (little-endian, 7 bits a byte).
bool ReadDeltaSize(const unsigned char*& p, const unsigned char* end, uint64_t& out) {
  out = 0;
  for (int shift = 0; p < end && shift < 64; shift += 7) {
    unsigned char c = *p++;
    out |= uint64_t{c & 0x7fu} << shift;
    if (!(c & 0x80)) return true;
  }
  return false;
}

// Applies a delta (gitformat-pack(5), "Deltified representation") to `base`.
std::optional<std::string> ApplyDelta(const std::string& base, const std::string& delta) {
  const auto* p = reinterpret_cast<const unsigned char*>(delta.data());
  const unsigned char* end = p + delta.size();
  uint64_t base_size = 0, result_size = 0;
  if (!ReadDeltaSize(p, end, base_size) || !ReadDeltaSize(p, end, result_size) || base_size != base.size() ||
      result_size > kMaxObject)
    return std::nullopt;
  std::string out;
  out.reserve(std::min<uint64_t>(result_size, base.size() + delta.size()));
  while (p < end) {
    unsigned char op = *p++;
    if (op & 0x80) {  // copy from the base: offset and size bytes as the op's bits say
      uint64_t off = 0, len = 0;
      for (int i = 0; i < 4; ++i)
        if (op & (1u << i)) {
          if (p >= end) return std::nullopt;
          off |= uint64_t{*p++} << (8 * i);
        }
      for (int i = 0; i < 3; ++i)
        if (op & (0x10u << i)) {
          if (p >= end) return std::nullopt;
          len |= uint64_t{*p++} << (8 * i);
        }
      if (len == 0) len = 0x10000;
      if (off + len > base.size() || off + len < off) return std::nullopt;
      out.append(base, static_cast<size_t>(off), static_cast<size_t>(len));
    } else if (op != 0) {  // insert the next `op` bytes
      if (static_cast<size_t>(end - p) < op) return std::nullopt;
      out.append(reinterpret_cast<const char*>(p), op);
      p += op;
    } else {
      return std::nullopt;  // reserved
    }
  }
  if (out.size() != result_size) return std::nullopt;
  return out;
}

}  // namespace

struct ObjectStore::Impl {
  struct Pack {
    MappedFile idx, pack;
    uint32_t count = 0;
  };
  using Key = std::pair<size_t, uint64_t>;  // pack, offset
  struct KeyHash {
    size_t operator()(const Key& k) const { return std::hash<uint64_t>()(k.second * 31 + k.first); }
  };
  struct Cached {
    Key key;
    std::shared_ptr<const Object> object;
  };

  std::string dir;
  size_t budget;
  bool packs_loaded = false;
  std::vector<std::unique_ptr<Pack>> packs;
  std::list<Cached> lru;  // most recent first
  std::unordered_map<Key, std::list<Cached>::iterator, KeyHash> cache;
  size_t cached_bytes = 0;
  z_stream z{};
  bool z_ready = false;

  ~Impl() {
    if (z_ready) inflateEnd(&z);
  }

  void LoadPacks() {
    packs_loaded = true;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir + "/pack", ec)) {
      std::string p = e.path().string();
      if (p.size() < 4 || p.compare(p.size() - 4, 4, ".idx") != 0) continue;
      auto pack = std::make_unique<Pack>();
      if (!pack->idx.Map(p) || !pack->pack.Map(p.substr(0, p.size() - 4) + ".pack")) continue;
      const unsigned char* b = pack->idx.bytes();
      // Version 2: "\377tOc", 2, the fan-out table, ids, CRCs, offsets.
      if (pack->idx.size() < 8 + 256 * 4 || std::memcmp(b, "\377tOc", 4) != 0 || ReadBe32(b + 4) != 2) continue;
      pack->count = ReadBe32(b + 8 + 255 * 4);
      if (pack->idx.size() < 8 + 256 * 4 + size_t{pack->count} * 28) continue;
      packs.push_back(std::move(pack));
    }
  }

  // Where `oid` sits in a pack, if it does.
  std::optional<Key> Locate(const unsigned char* oid) {
    if (!packs_loaded) LoadPacks();
    for (size_t i = 0; i < packs.size(); ++i) {
      const Pack& pack = *packs[i];
      const unsigned char* b = pack.idx.bytes();
      const unsigned char* fan = b + 8;
      const unsigned char* ids = fan + 256 * 4;
      uint32_t lo = oid[0] == 0 ? 0 : ReadBe32(fan + (oid[0] - 1) * 4), hi = ReadBe32(fan + oid[0] * 4);
      if (hi > pack.count) hi = pack.count;
      while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = std::memcmp(ids + size_t{mid} * 20, oid, 20);
        if (c < 0) {
          lo = mid + 1;
        } else if (c > 0) {
          hi = mid;
        } else {
          const unsigned char* offsets = ids + size_t{pack.count} * 24;
          uint64_t off = ReadBe32(offsets + size_t{mid} * 4);
          if (off & 0x80000000u) {  // an index into the 64-bit offset table
            size_t at = 8 + 256 * 4 + size_t{pack.count} * 28 + (off & 0x7fffffffu) * 8;
            if (at + 8 > pack.idx.size()) return std::nullopt;
            off = ReadBe64(b + at);
          }
          if (off >= pack.pack.size()) return std::nullopt;
          return Key{i, off};
        }
      }
    }
    return std::nullopt;
  }

  // Inflates a zlib stream that must produce exactly `size` bytes.
  std::optional<std::string> Inflate(const unsigned char* data, size_t avail, uint64_t size) {
    if (size > kMaxObject || size > uint64_t{avail} * kMaxInflateRatio + 64) return std::nullopt;
    if (!z_ready) {
      if (inflateInit(&z) != Z_OK) return std::nullopt;
      z_ready = true;
    } else if (inflateReset(&z) != Z_OK) {
      return std::nullopt;
    }
    std::string out(size, '\0');
    z.next_in = const_cast<unsigned char*>(data);
    z.avail_in = static_cast<uInt>(std::min<size_t>(avail, UINT32_MAX));
    z.next_out = reinterpret_cast<unsigned char*>(out.data());
    z.avail_out = static_cast<uInt>(size);
    int rc = inflate(&z, Z_FINISH);
    if (rc != Z_STREAM_END || z.avail_out != 0) return std::nullopt;
    return out;
  }

  std::shared_ptr<const Object> FromCache(const Key& k) {
    auto it = cache.find(k);
    if (it == cache.end()) return nullptr;
    lru.splice(lru.begin(), lru, it->second);
    return it->second->object;
  }

  void Remember(const Key& k, std::shared_ptr<const Object> o) {
    size_t bytes = o->body.size();
    if (bytes > budget / 4 || cache.count(k)) return;
    lru.push_front({k, std::move(o)});
    cache.emplace(k, lru.begin());
    cached_bytes += bytes;
    while (cached_bytes > budget && !lru.empty()) {
      cached_bytes -= lru.back().object->body.size();
      cache.erase(lru.back().key);
      lru.pop_back();
    }
  }

  // The object at `at`, its delta chain resolved through the cache.
  std::shared_ptr<const Object> ReadPacked(Key at) {
    std::vector<std::pair<Key, std::string>> deltas;  // outermost first
    std::shared_ptr<const Object> base;
    while (!base) {
      if ((base = FromCache(at))) break;
      if (deltas.size() > kMaxChain) return nullptr;
      const Pack& pack = *packs[at.first];
      const unsigned char* p = pack.pack.bytes() + at.second;
      const unsigned char* end = pack.pack.bytes() + pack.pack.size();
      // Entry header: type in bits 4-6 of the first byte, the size as a
      // little-endian varint (4 bits, then 7 a byte).
      int type = (*p >> 4) & 7;
      uint64_t size = *p & 15;
      for (int shift = 4; *p & 0x80; shift += 7) {
        if (++p >= end || shift > 57) return nullptr;
        size |= uint64_t{*p & 0x7fu} << shift;
      }
      ++p;
      if (type >= 1 && type <= 4) {
        auto body = Inflate(p, static_cast<size_t>(end - p), size);
        if (!body) return nullptr;
        base = std::make_shared<Object>(Object{kTypeNames[type], std::move(*body)});
        Remember(at, base);
        break;
      }
      std::optional<Key> next;
      std::shared_ptr<const Object> loose_base;
      if (type == kOfsDelta) {
        // The base's distance back, big-endian, each continuation adding 1.
        if (p >= end) return nullptr;
        uint64_t back = *p & 0x7fu;
        while (*p & 0x80) {
          if (++p >= end || back > (UINT64_MAX >> 8)) return nullptr;
          back = ((back + 1) << 7) | (*p & 0x7fu);
        }
        ++p;
        if (back == 0 || back > at.second) return nullptr;
        next = Key{at.first, at.second - back};
      } else if (type == kRefDelta) {
        if (end - p < 20) return nullptr;
        next = Locate(p);
        if (!next) loose_base = ReadLoose(p);
        if (!next && !loose_base) return nullptr;
        p += 20;
      } else {
        return nullptr;
      }
      auto delta = Inflate(p, static_cast<size_t>(end - p), size);
      if (!delta) return nullptr;
      deltas.emplace_back(at, std::move(*delta));
      if (loose_base) {
        base = loose_base;
        break;
      }
      at = *next;
    }
    for (auto it = deltas.rbegin(); it != deltas.rend(); ++it) {
      auto body = ApplyDelta(base->body, it->second);
      if (!body) return nullptr;
      base = std::make_shared<Object>(Object{base->type, std::move(*body)});
      Remember(it->first, base);
    }
    return base;
  }

  // A loose object: "<type> <size>\0<body>", deflated.
  std::shared_ptr<const Object> ReadLoose(const unsigned char* oid) {
    std::string hex;
    RawToHex(oid, 20, hex);
    MappedFile file;
    if (!file.Map(dir + "/" + hex.substr(0, 2) + "/" + hex.substr(2))) return nullptr;
    // The header first (at most 32 bytes), then the whole object.
    if (!z_ready) {
      if (inflateInit(&z) != Z_OK) return nullptr;
      z_ready = true;
    } else if (inflateReset(&z) != Z_OK) {
      return nullptr;
    }
    char head[32];
    z.next_in = const_cast<unsigned char*>(file.bytes());
    z.avail_in = static_cast<uInt>(std::min<size_t>(file.size(), UINT32_MAX));
    z.next_out = reinterpret_cast<unsigned char*>(head);
    z.avail_out = sizeof head;
    int rc = inflate(&z, Z_SYNC_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) return nullptr;
    std::string_view h(head, sizeof head - z.avail_out);
    size_t sp = h.find(' '), nul = h.find('\0');
    if (sp == std::string_view::npos || nul == std::string_view::npos || sp > nul) return nullptr;
    std::string type(h.substr(0, sp));
    uint64_t size = 0;
    for (char c : h.substr(sp + 1, nul - sp - 1)) {
      if (c < '0' || c > '9' || size > (UINT64_MAX / 10)) return nullptr;
      size = size * 10 + static_cast<uint64_t>(c - '0');
    }
    if (size > kMaxObject) return nullptr;
    auto whole = Inflate(file.bytes(), file.size(), nul + 1 + size);
    if (!whole) return nullptr;
    return std::make_shared<Object>(Object{std::move(type), whole->substr(nul + 1)});
  }
};

ObjectStore::ObjectStore(std::string objects_dir, size_t cache_bytes) : impl_(std::make_unique<Impl>()) {
  impl_->dir = std::move(objects_dir);
  impl_->budget = cache_bytes;
}

ObjectStore::~ObjectStore() = default;

std::shared_ptr<const ObjectStore::Object> ObjectStore::Read(const unsigned char* oid) {
  if (auto at = impl_->Locate(oid)) return impl_->ReadPacked(*at);
  return impl_->ReadLoose(oid);
}

std::shared_ptr<const ObjectStore::Object> ObjectStore::Read(std::string_view sha) {
  unsigned char oid[20];
  if (!HexToRaw(sha, oid, 20)) return nullptr;
  return Read(oid);
}

}  // namespace psirt::git
