// Paths changed by a commit range ("A..B", "A.." for A..HEAD, or one commit
// "C" for its own change against its first parent), like
// `git diff --name-only`; and the tracked files at HEAD. Reads only.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace psirt::git {

Result<std::vector<std::string>> ChangedPaths(const std::string& repo_dir, const std::string& range);
Result<std::vector<std::string>> TrackedFiles(const std::string& repo_dir);

}  // namespace psirt::git
