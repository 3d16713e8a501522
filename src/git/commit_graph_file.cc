// Reader for git's commit-graph files (gitformat-commit-graph(5)).
#include "git/commit_graph_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace psirt::git {
namespace {

constexpr uint32_t kParentNone = 0x70000000;
constexpr uint32_t kOctopus = 0x80000000;

uint32_t Be32(const unsigned char* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
}
uint64_t Be64(const unsigned char* p) { return uint64_t{Be32(p)} << 32 | Be32(p + 4); }

}  // namespace

Status ParseCommitGraphLayer(std::string_view bytes, const std::string& name,
                             CommitGraphFileData& out) {
  auto bad = [&](const std::string& what) {
    return Status::Invalid(name + ": not a valid commit-graph file: " + what);
  };
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < 8 || bytes.substr(0, 4) != "CGPH") return bad("expected signature CGPH");
  if (b[4] != 1) return bad("expected version 1, found " + std::to_string(b[4]));
  size_t hash_len = b[5] == 1 ? 20 : b[5] == 2 ? 32 : 0;
  if (hash_len == 0) return bad("unknown hash version " + std::to_string(b[5]));
  if (out.count() > 0 && hash_len != out.hash_len) return bad("hash version differs from its base");
  out.hash_len = hash_len;
  if (b[7] != out.layers)
    return bad("expected " + std::to_string(out.layers) + " base graphs, header says " +
               std::to_string(b[7]));
  size_t chunks = b[6];
  if (bytes.size() < 8 + (chunks + 1) * 12) return bad("chunk table runs past the end");
  std::string_view fanout, oidl, cdat, edge;
  for (size_t i = 0; i < chunks; ++i) {
    const unsigned char* e = b + 8 + i * 12;
    uint64_t start = Be64(e + 4), end = Be64(e + 16);
    if (start > end || end > bytes.size()) return bad("chunk " + std::to_string(i) + " out of range");
    std::string_view body = bytes.substr(start, end - start);
    std::string_view id(reinterpret_cast<const char*>(e), 4);
    if (id == "OIDF") fanout = body;
    else if (id == "OIDL") oidl = body;
    else if (id == "CDAT") cdat = body;
    else if (id == "EDGE") edge = body;
  }
  if (fanout.size() != 256 * 4) return bad("missing or short OIDF chunk");
  uint32_t n = Be32(reinterpret_cast<const unsigned char*>(fanout.data()) + 255 * 4);
  if (oidl.size() < size_t{n} * hash_len) return bad("OIDL chunk shorter than " + std::to_string(n) + " ids");
  const size_t width = hash_len + 16;
  if (cdat.size() < size_t{n} * width) return bad("CDAT chunk shorter than " + std::to_string(n) + " commits");
  const size_t base = out.count();
  const uint64_t limit = base + uint64_t{n};
  out.oids.append(oidl.data(), size_t{n} * hash_len);
  auto add_parent = [&](uint32_t pos) -> bool {
    if (pos >= limit) return false;
    out.parents.push_back(pos);
    return true;
  };
  const auto* d = reinterpret_cast<const unsigned char*>(cdat.data());
  const auto* ed = reinterpret_cast<const unsigned char*>(edge.data());
  for (uint32_t i = 0; i < n; ++i) {
    const unsigned char* c = d + size_t{i} * width + hash_len;
    uint32_t p1 = Be32(c), p2 = Be32(c + 4);
    std::string at = "commit " + std::to_string(i);
    if (p1 != kParentNone && !add_parent(p1)) return bad(at + ": parent position out of range");
    if (p2 & kOctopus) {
      for (size_t k = p2 & ~kOctopus;; ++k) {
        if ((k + 1) * 4 > edge.size()) return bad(at + ": EDGE list runs past the chunk");
        uint32_t v = Be32(ed + k * 4);
        if (!add_parent(v & ~kOctopus)) return bad(at + ": parent position out of range");
        if (v & kOctopus) break;
      }
    } else if (p2 != kParentNone && !add_parent(p2)) {
      return bad(at + ": parent position out of range");
    }
    out.parent_start.push_back(static_cast<uint32_t>(out.parents.size()));
  }
  ++out.layers;
  return Status::Ok();
}

namespace {
Result<std::string> Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::Io(p.string() + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
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

bool HasCommitGraphFiles(const std::string& objects_dir) {
  std::error_code ec;
  return std::filesystem::exists(SingleFile(objects_dir), ec) ||
         std::filesystem::exists(ChainDir(objects_dir) / "commit-graph-chain", ec);
}

Result<bool> ReadCommitGraphFiles(const std::string& objects_dir, CommitGraphFileData& out) {
  namespace fs = std::filesystem;
  fs::path chain = ChainDir(objects_dir) / "commit-graph-chain";
  std::error_code ec;
  if (fs::exists(chain, ec)) {
    PSIRT_ASSIGN_OR_RETURN(std::string list, Slurp(chain));
    std::istringstream lines(list);
    std::string hash;
    while (std::getline(lines, hash)) {
      if (hash.empty()) continue;
      fs::path layer = ChainDir(objects_dir) / ("graph-" + hash + ".graph");
      PSIRT_ASSIGN_OR_RETURN(std::string bytes, Slurp(layer));
      PSIRT_RETURN_IF_ERROR(ParseCommitGraphLayer(bytes, layer.string(), out));
    }
    return out.count() > 0;
  }
  fs::path single = SingleFile(objects_dir);
  if (!fs::exists(single, ec)) return false;
  PSIRT_ASSIGN_OR_RETURN(std::string bytes, Slurp(single));
  PSIRT_RETURN_IF_ERROR(ParseCommitGraphLayer(bytes, single.string(), out));
  return true;
}

Status AddCommitGraphFileData(const CommitGraphFileData& f, CommitGraph& graph) {
  const size_t n = f.count();
  std::vector<CommitGraph::Node> node(n, CommitGraph::kNone);
  std::vector<uint8_t> state(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::pair<uint32_t, uint32_t>> stack;  // position, next parent
  std::vector<CommitGraph::Node> parents;
  std::string hex(f.hash_len * 2, '0');
  static constexpr char kDigits[] = "0123456789abcdef";
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
      const auto* raw = reinterpret_cast<const unsigned char*>(f.oids.data()) + size_t{pos} * f.hash_len;
      for (size_t i = 0; i < f.hash_len; ++i) {
        hex[2 * i] = kDigits[raw[i] >> 4];
        hex[2 * i + 1] = kDigits[raw[i] & 15];
      }
      node[pos] = graph.AddWithParents(hex, parents);
      state[pos] = 2;
      stack.pop_back();
    }
  }
  return Status::Ok();
}

}  // namespace psirt::git
