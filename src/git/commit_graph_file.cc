// Reader for git's commit-graph files (gitformat-commit-graph(5)).
#include "git/commit_graph_file.h"

#include "git/mapped_file.h"
#include "git/raw_bytes.h"


#include <cstring>
#include <filesystem>
#include <sstream>

namespace psirt::git {
namespace {

constexpr uint32_t kParentNone = 0x70000000;
constexpr uint32_t kOctopus = 0x80000000;

// Appends the parents stored for one commit (its CDAT row after the id,
// and the EDGE list for an octopus merge); every position must be below
// `limit` (the commits of this layer and the layers under it).
enum class ParentsRead { kOk, kOutOfRange, kEdgePastEnd };
ParentsRead ReadParents(const unsigned char* row, const unsigned char* edge, size_t edge_words, uint64_t limit,
                        std::vector<uint32_t>& out) {
  uint32_t p1 = ReadBe32(row), p2 = ReadBe32(row + 4);
  if (p1 != kParentNone) {
    if (p1 >= limit) return ParentsRead::kOutOfRange;
    out.push_back(p1);
  }
  if (p2 & kOctopus) {
    for (size_t k = p2 & ~kOctopus;; ++k) {
      if (k >= edge_words) return ParentsRead::kEdgePastEnd;
      uint32_t v = ReadBe32(edge + k * 4);
      if ((v & ~kOctopus) >= limit) return ParentsRead::kOutOfRange;
      out.push_back(v & ~kOctopus);
      if (v & kOctopus) break;
    }
  } else if (p2 != kParentNone) {
    if (p2 >= limit) return ParentsRead::kOutOfRange;
    out.push_back(p2);
  }
  return ParentsRead::kOk;
}

// The chunks of one layer, checked against the file's size and each other.
struct LayerChunks {
  size_t hash_len = 20;
  uint32_t count = 0;
  std::string_view fanout, oidl, cdat, edge;
};

Result<LayerChunks> LocateChunks(std::string_view bytes, const std::string& name, size_t base_layers) {
  auto bad = [&](const std::string& what) {
    return Status::Invalid(name + ": not a valid commit-graph file: " + what);
  };
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < 8 || bytes.substr(0, 4) != "CGPH") return bad("expected signature CGPH");
  if (b[4] != 1) return bad("expected version 1, found " + std::to_string(b[4]));
  LayerChunks c;
  c.hash_len = b[5] == 1 ? 20 : b[5] == 2 ? 32 : 0;
  if (c.hash_len == 0) return bad("unknown hash version " + std::to_string(b[5]));
  if (b[7] != base_layers)
    return bad("expected " + std::to_string(base_layers) + " base graphs, header says " +
               std::to_string(b[7]));
  size_t chunks = b[6];
  if (bytes.size() < 8 + (chunks + 1) * 12) return bad("chunk table runs past the end");
  for (size_t i = 0; i < chunks; ++i) {
    const unsigned char* e = b + 8 + i * 12;
    uint64_t start = ReadBe64(e + 4), end = ReadBe64(e + 16);
    if (start > end || end > bytes.size()) return bad("chunk " + std::to_string(i) + " out of range");
    std::string_view body = bytes.substr(start, end - start);
    std::string_view id(reinterpret_cast<const char*>(e), 4);
    if (id == "OIDF") c.fanout = body;
    else if (id == "OIDL") c.oidl = body;
    else if (id == "CDAT") c.cdat = body;
    else if (id == "EDGE") c.edge = body;
  }
  if (c.fanout.size() != 256 * 4) return bad("missing or short OIDF chunk");
  c.count = ReadBe32(reinterpret_cast<const unsigned char*>(c.fanout.data()) + 255 * 4);
  const uint32_t n = c.count;
  if (c.oidl.size() < size_t{n} * c.hash_len) return bad("OIDL chunk shorter than " + std::to_string(n) + " ids");
  if (c.cdat.size() < size_t{n} * (c.hash_len + 16))
    return bad("CDAT chunk shorter than " + std::to_string(n) + " commits");
  return c;
}

}  // namespace

Status ParseCommitGraphLayer(std::string_view bytes, const std::string& name,
                             CommitGraphFileData& out) {
  auto bad = [&](const std::string& what) {
    return Status::Invalid(name + ": not a valid commit-graph file: " + what);
  };
  PSIRT_ASSIGN_OR_RETURN(LayerChunks chunks, LocateChunks(bytes, name, out.layers));
  if (out.count() > 0 && chunks.hash_len != out.hash_len) return bad("hash version differs from its base");
  const size_t hash_len = chunks.hash_len;
  out.hash_len = hash_len;
  const uint32_t n = chunks.count;
  std::string_view oidl = chunks.oidl, cdat = chunks.cdat, edge = chunks.edge;
  const size_t width = hash_len + 16;
  const size_t base = out.count();
  const uint64_t limit = base + uint64_t{n};
  out.oids.append(oidl.data(), size_t{n} * hash_len);
  const auto* d = reinterpret_cast<const unsigned char*>(cdat.data());
  const auto* ed = reinterpret_cast<const unsigned char*>(edge.data());
  for (uint32_t i = 0; i < n; ++i) {
    switch (ReadParents(d + size_t{i} * width + hash_len, ed, edge.size() / 4, limit, out.parents)) {
      case ParentsRead::kOk:
        break;
      case ParentsRead::kOutOfRange:
        return bad("commit " + std::to_string(i) + ": parent position out of range");
      case ParentsRead::kEdgePastEnd:
        return bad("commit " + std::to_string(i) + ": EDGE list runs past the chunk");
    }
    out.parent_start.push_back(static_cast<uint32_t>(out.parents.size()));
  }
  ++out.layers;
  return Status::Ok();
}

namespace {
Result<std::string> Slurp(const std::filesystem::path& p) {
  auto bytes = ReadWholeFile(p.string());
  if (!bytes) return Status::Io(p.string() + ": cannot read");
  return std::move(*bytes);
}
}  // namespace

namespace {
// Where git keeps them: objects/info/commit-graph, or a chain file listing
// the layers in objects/info/commit-graphs/.
std::filesystem::path SingleFile(const std::string& objects_dir) {
  return std::filesystem::path(objects_dir) / "info" / "commit-graph";
}
std::filesystem::path ChainDir(const std::string& objects_dir) {
  return std::filesystem::path(objects_dir) / "info" / "commit-graphs";
}
}  // namespace

namespace {
// The layers' files, base first: the chain's, else the single file; none
// when the repository has no commit-graph. A chain line that is not a hash
// is an error (it never names a path elsewhere).
Result<std::vector<std::filesystem::path>> CommitGraphFilePaths(const std::string& objects_dir) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  fs::path chain = ChainDir(objects_dir) / "commit-graph-chain";
  std::error_code ec;
  if (fs::exists(chain, ec)) {
    PSIRT_ASSIGN_OR_RETURN(std::string list, Slurp(chain));
    std::istringstream lines(list);
    for (std::string hash; std::getline(lines, hash);) {
      if (hash.empty()) continue;
      if (hash.find_first_not_of("0123456789abcdef") != std::string::npos)
        return Status::Invalid(chain.string() + ": not a valid commit-graph chain: '" + hash + "' is not a hash");
      files.push_back(ChainDir(objects_dir) / ("graph-" + hash + ".graph"));
    }
  } else if (fs::exists(SingleFile(objects_dir), ec)) {
    files.push_back(SingleFile(objects_dir));
  }
  return files;
}
}  // namespace

bool HasCommitGraphFiles(const std::string& objects_dir) {
  std::error_code ec;
  return std::filesystem::exists(SingleFile(objects_dir), ec) ||
         std::filesystem::exists(ChainDir(objects_dir) / "commit-graph-chain", ec);
}

Result<bool> ReadCommitGraphFiles(const std::string& objects_dir, CommitGraphFileData& out) {
  PSIRT_ASSIGN_OR_RETURN(auto files, CommitGraphFilePaths(objects_dir));
  for (const auto& f : files) {
    MappedFile file;  // megabytes: parsed in place
    if (!file.Map(f.string(), /*populate=*/true)) return Status::Io(f.string() + ": cannot read (missing or empty)");
    PSIRT_RETURN_IF_ERROR(ParseCommitGraphLayer(file.view(), f.string(), out));
  }
  return !files.empty() && out.count() > 0;
}

Status AddCommitGraphFileData(const CommitGraphFileData& f, CommitGraph& graph) {
  const size_t n = f.count();
  std::vector<CommitGraph::Node> node(n, CommitGraph::kNone);
  std::vector<uint8_t> state(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::pair<uint32_t, uint32_t>> stack;  // position, next parent
  std::vector<CommitGraph::Node> parents;
  std::string hex;
  graph.Reserve(graph.size() + n);
  for (uint32_t root = 0; root < n; ++root) {
    if (state[root]) continue;
    stack.push_back({root, f.parent_start[root]});
    state[root] = 1;
    while (!stack.empty()) {
      auto& [pos, next] = stack.back();
      if (next < f.parent_start[pos + 1]) {
        uint32_t p = f.parents[next++];
        if (state[p] == 1) return Status::Invalid("commit-graph file: parent cycle");
        if (state[p] == 0) {
          state[p] = 1;
          stack.push_back({p, f.parent_start[p]});
        }
        continue;
      }
      parents.clear();
      for (uint32_t k = f.parent_start[pos]; k < f.parent_start[pos + 1]; ++k)
        parents.push_back(node[f.parents[k]]);
      RawToHex(reinterpret_cast<const unsigned char*>(f.oids.data()) + size_t{pos} * f.hash_len, f.hash_len, hex);
      node[pos] = graph.AddWithParents(hex, parents);
      state[pos] = 2;
      stack.pop_back();
    }
  }
  return Status::Ok();
}

Result<std::optional<CommitGraphIndex>> CommitGraphIndex::Open(const std::string& objects_dir) {
  namespace fs = std::filesystem;
  PSIRT_ASSIGN_OR_RETURN(std::vector<fs::path> files, CommitGraphFilePaths(objects_dir));
  if (files.empty()) return std::optional<CommitGraphIndex>();
  CommitGraphIndex index;
  for (const fs::path& f : files) {
    auto map = std::make_unique<MappedFile>();
    if (!map->Map(f.string())) return Status::Io(f.string() + ": cannot read (missing or empty)");
    PSIRT_RETURN_IF_ERROR(index.AddLayer(map->view(), f.string()));
    index.maps_.push_back(std::move(map));
  }
  return std::optional<CommitGraphIndex>(std::move(index));
}

Result<CommitGraphIndex> CommitGraphIndex::FromBytes(std::string_view bytes) {
  CommitGraphIndex index;
  PSIRT_RETURN_IF_ERROR(index.AddLayer(bytes, "commit-graph"));
  return index;
}

Status CommitGraphIndex::AddLayer(std::string_view bytes, const std::string& name) {
  PSIRT_ASSIGN_OR_RETURN(LayerChunks c, LocateChunks(bytes, name, layers_.size()));
  if (!layers_.empty() && c.hash_len != hash_len_)
    return Status::Invalid(name + ": not a valid commit-graph file: hash version differs from its base");
  if (uint64_t{count_} + c.count >= UINT32_MAX)
    return Status::Invalid(name + ": not a valid commit-graph file: too many commits");
  hash_len_ = c.hash_len;
  Layer l;
  l.fanout = reinterpret_cast<const unsigned char*>(c.fanout.data());
  l.oids = reinterpret_cast<const unsigned char*>(c.oidl.data());
  l.cdat = reinterpret_cast<const unsigned char*>(c.cdat.data());
  l.edge = reinterpret_cast<const unsigned char*>(c.edge.data());
  l.edge_words = c.edge.size() / 4;
  l.first = count_;
  l.count = c.count;
  layers_.push_back(l);
  count_ += c.count;
  return Status::Ok();
}


std::optional<uint32_t> CommitGraphIndex::Find(const unsigned char* oid) const {
  for (const Layer& l : layers_) {
    // The fan-out table: how many ids start with a byte <= b.
    uint32_t lo = oid[0] == 0 ? 0 : ReadBe32(l.fanout + (oid[0] - 1) * 4);
    uint32_t hi = ReadBe32(l.fanout + oid[0] * 4);
    if (hi > l.count) hi = l.count;  // a corrupt table must not read past the ids
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      int c = std::memcmp(l.oids + size_t{mid} * hash_len_, oid, hash_len_);
      if (c == 0) return l.first + mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
  }
  return std::nullopt;
}

std::optional<uint32_t> CommitGraphIndex::FindHex(std::string_view hex) const {
  unsigned char raw[32];
  if (!HexToRaw(hex, raw, hash_len_)) return std::nullopt;
  return Find(raw);
}

std::string CommitGraphIndex::Hex(uint32_t pos) const {
  const Layer* l = LayerOf(pos);
  std::string out;
  if (l) RawToHex(l->oids + size_t{pos - l->first} * hash_len_, hash_len_, out);
  return out;
}

const CommitGraphIndex::Layer* CommitGraphIndex::LayerOf(uint32_t pos) const {
  for (size_t i = layers_.size(); i-- > 0;)
    if (pos >= layers_[i].first) return pos < layers_[i].first + layers_[i].count ? &layers_[i] : nullptr;
  return nullptr;
}

bool CommitGraphIndex::Parents(uint32_t pos, std::vector<uint32_t>& out) const {
  const Layer* l = LayerOf(pos);
  if (!l) return false;
  const unsigned char* row = l->cdat + size_t{pos - l->first} * (hash_len_ + 16) + hash_len_;
  return ReadParents(row, l->edge, l->edge_words, uint64_t{l->first} + l->count, out) == ParentsRead::kOk;
}

uint32_t CommitGraphIndex::Level(uint32_t pos) const {
  constexpr uint32_t kCap = 0x3FFFFFFF;
  const Layer* l = LayerOf(pos);
  if (!l) return 0;
  const unsigned char* c = l->cdat + size_t{pos - l->first} * (hash_len_ + 16) + hash_len_ + 8;
  uint32_t level = ReadBe32(c) >> 2;
  return level == kCap ? 0 : level;
}

}  // namespace psirt::git
