// Git's commit-graph files (objects/info/commit-graph, or a split chain in
// objects/info/commit-graphs/), read directly: every commit id and its
// parents without inflating a single object. libgit2 1.5 has no public API
// for reading them; the format is git's documented gitformat-commit-graph(5).
// When no file exists (or it is unreadable) the caller walks objects instead.
#pragma once

#include <cstdint>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "git/mapped_file.h"
#include "core/commit_graph.h"
#include "core/reach.h"

namespace psirt::git {

// Commits of one or more layers, positions global across layers (base
// layers first), as the format numbers them.
struct CommitGraphFileData {
  size_t hash_len = 20;
  size_t layers = 0;
  std::string oids;                     // count() x hash_len raw bytes
  std::vector<uint32_t> parent_start = {0};
  std::vector<uint32_t> parents;        // global positions
  size_t count() const { return parent_start.size() - 1; }
};

// Appends one layer's commits to `out`; positions below out.count() refer
// to the layers already in it. Errors name `name` and what is wrong.
Status ParseCommitGraphLayer(std::string_view bytes, const std::string& name,
                             CommitGraphFileData& out);

// Adds the commits to `graph`, parents before children (an iterative
// depth-first walk); a parent cycle means the file is corrupt.
Status AddCommitGraphFileData(const CommitGraphFileData& data, CommitGraph& graph);

// Whether `objects_dir` holds a commit-graph (single file or chain).
bool HasCommitGraphFiles(const std::string& objects_dir);

// Reads the repository's commit-graph (single file or chain) from
// `objects_dir`. Returns false when there is none.
Result<bool> ReadCommitGraphFiles(const std::string& objects_dir, CommitGraphFileData& out);

// The commit-graph files mapped into memory and read in place: nothing is
// copied or decoded until asked, so looking up a few commits and walking
// part of the history costs only the pages touched. Positions are global
// across layers (base layers first), as in CommitGraphFileData.
class CommitGraphIndex : public PositionGraph {
 public:
  // Maps the repository's commit-graph (single file or chain) from
  // `objects_dir`; nullopt when there is none. Errors: unreadable or
  // malformed files (the caller may walk objects instead).
  static Result<std::optional<CommitGraphIndex>> Open(const std::string& objects_dir);

  // One layer held by the caller (kept alive as long as the index): tests
  // and fuzzing. Errors: malformed bytes.
  static Result<CommitGraphIndex> FromBytes(std::string_view bytes);

  CommitGraphIndex(CommitGraphIndex&&) noexcept = default;
  CommitGraphIndex& operator=(CommitGraphIndex&&) noexcept = default;
  ~CommitGraphIndex() override = default;

  size_t hash_len() const { return hash_len_; }
  // The position of a commit given as raw hash bytes (hash_len() of them).
  std::optional<uint32_t> Find(const unsigned char* oid) const;
  // The same for a full hexadecimal id; nullopt for anything else.
  std::optional<uint32_t> FindHex(std::string_view hex) const;
  // The id of a position, in hexadecimal.
  std::string Hex(uint32_t pos) const;

  uint32_t size() const override { return count_; }
  bool Parents(uint32_t pos, std::vector<uint32_t>& out) const override;
  // Git's topological level (generation number v1); 0 when the file does
  // not hold one (written by an old git) or it is at the format's cap.
  uint32_t Level(uint32_t pos) const override;

 private:
  CommitGraphIndex() = default;
  struct Layer {
    const unsigned char* fanout = nullptr;
    const unsigned char* oids = nullptr;
    const unsigned char* cdat = nullptr;
    const unsigned char* edge = nullptr;
    size_t edge_words = 0;
    uint32_t first = 0;  // global position of its first commit
    uint32_t count = 0;
  };
  const Layer* LayerOf(uint32_t pos) const;
  // Appends one layer (bytes kept alive by the caller or maps_).
  Status AddLayer(std::string_view bytes, const std::string& name);
  std::vector<std::unique_ptr<MappedFile>> maps_;
  std::vector<Layer> layers_;
  size_t hash_len_ = 20;
  uint32_t count_ = 0;
};

}  // namespace psirt::git
