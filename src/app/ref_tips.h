// RefTips: where a repository's refs point, as much as `psirt sync` needs
// to tell whether anything a fix status depends on moved since the last
// sync - the main branch's tip, and one BLAKE2b digest of every other
// tag, branch, remote branch and pull-request ref (name and target). It is
// read from the ref files (packed-refs and loose refs) when git's layout
// allows it, else through libgit2, and kept in the database as a few
// dozen bytes instead of the whole list (7,000 refs on a GitHub mirror).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "core/fix_status.h"

namespace psirt {

// The refs of a repository, reduced for change detection.
struct RefTips {
  std::string main;    // the main branch's commit ("" when it has none)
  std::string others;  // digest of every other ref, hex
  size_t count = 0;    // refs in the digest

  std::string Serialize() const;
  // What Serialize wrote; nullopt for anything else (an older format).
  static std::optional<RefTips> Parse(const std::string& text);
};

// Reads the tips of `repo_dir`'s refs: tags, branches, remote branches
// (not their HEAD) and the refs `pr_pattern` names ("refs/pull/{pr}/head").
Result<RefTips> ReadRefTips(const std::string& repo_dir, const std::string& main_branch, const std::string& pr_pattern);

// Whether `newer` descends from `older` (main fast-forwarded) in the
// repository at `repo_dir`: read from its object store, without starting
// libgit2 (git/commit_objects.h), libgit2 where that cannot; a walk of at
// most 20,000 commits.
bool IsFastForward(const std::string& repo_dir, const std::string& older, const std::string& newer);

// How the refs changed from `before` to `now`: nothing, only the main
// branch moved forward (`is_ancestor(old, new)` says whether it did), or
// anything else.
RefChange CompareRefTips(const RefTips& before, const RefTips& now,
                         const std::function<bool(const std::string& older, const std::string& newer)>& is_ancestor);

}  // namespace psirt
