// Fix status: the per-branch verdict of an advisory's fix - fixed (in a
// release tag), merged (on the branch, unreleased), missing (the backport
// policy requires it), not-affected (the bug was introduced after the
// branch), not-required (outside the policy). Pure: the git service
// supplies the facts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/backport_refs.h"

namespace psirt {

enum class BranchStatus { kFixed, kMerged, kMissing, kNotAffected, kNotRequired };
std::string_view BranchStatusName(BranchStatus s);  // fixed, merged, missing, not-affected, not-required

struct BranchFacts {
  std::string branch;
  bool required = false;   // the backport policy covers this branch
  bool affected = true;    // the branch tip contains the introducing commit (true when unknown)
  std::vector<std::string> commits;  // commits on the branch carrying the fix
  std::optional<BackportMethod> method;
  std::optional<std::string> release;  // lowest release tag of the branch containing the fix
};

BranchStatus DecideBranchStatus(const BranchFacts& f);

}  // namespace psirt
