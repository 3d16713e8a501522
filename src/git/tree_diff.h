// The files a commit changes against its first parent, read through an
// ObjectStore (deltas resolved once, see object_store.h): the paths
// RepoReader::ChangedFiles gets from libgit2's tree-to-tree diff (what
// `git diff-tree -r --name-only C^ C` prints; no rename detection; a path
// whose kind changes - file to symlink or submodule - listed twice, as
// libgit2 splits it into a deletion and an addition), sorted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "git/object_store.h"

namespace psirt::git {

// Merges and root commits change nothing here (as RepoReader::ChangedFiles).
// nullopt when an object cannot be read this way: the caller asks libgit2.
std::optional<std::vector<std::string>> FirstParentChangedFiles(ObjectStore& store, std::string_view sha);

}  // namespace psirt::git
