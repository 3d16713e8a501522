// Git's commit-graph files (objects/info/commit-graph, or a split chain in
// objects/info/commit-graphs/), read directly: every commit id and its
// parents without inflating a single object. libgit2 1.5 has no public API
// for reading them; the format is git's documented gitformat-commit-graph(5).
// When no file exists (or it is unreadable) the caller walks objects instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/commit_graph.h"

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

}  // namespace psirt::git
