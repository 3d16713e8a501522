// Commit objects read through an ObjectStore (git/object_store.h): their
// tree and parents, and an ancestry question answered from them - without
// starting libgit2, whose global initialisation alone (it parses the
// system's TLS certificates) costs more than an incremental sync's walk.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/object_store.h"

namespace psirt::git {

// A commit's header: its tree and parents, hex.
struct CommitHeader {
  std::string tree;
  std::vector<std::string> parents;
};

// Parses the "tree" and "parent" lines that open a commit object's body;
// nullopt when they are malformed.
std::optional<CommitHeader> ParseCommitHeader(std::string_view body);

// The commit `sha`'s header read from `store`; nullopt when it is not a
// commit this store can read.
std::optional<CommitHeader> ReadCommitHeader(ObjectStore& store, std::string_view sha);

// Whether `ancestor` is reachable from `descendant` (or equal), walking at
// most `limit` commits breadth-first from `descendant` (false beyond);
// nullopt when a commit on the way cannot be read here (ask libgit2).
std::optional<bool> IsAncestorInStore(ObjectStore& store, const std::string& ancestor,
                                      const std::string& descendant, size_t limit);

}  // namespace psirt::git
