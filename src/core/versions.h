// Release model: versions parsed from tag and branch names by the project's
// patterns ("v{major}.{minor}.{patch}", "v{major}.{minor}-branch"), their
// ordering (pre-releases like -rc1 before the release), and the backport
// policy (the current LTS plus the latest N release branches). Pure.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/config.h"

namespace psirt {

// A release version: major, minor, patch and an optional pre-release tag.
struct Version {
  int major = 0, minor = 0, patch = 0;
  // Pre-release tag ("rc1", "alpha2"); empty for a release.
  std::string pre;
  bool IsPreRelease() const { return !pre.empty(); }
  // Releases order after their pre-releases; pre-releases compare by their
  // alphabetic part, then numerically ("rc2" < "rc10").
  int Compare(const Version& o) const;
  bool operator<(const Version& o) const { return Compare(o) < 0; }
  bool operator==(const Version& o) const { return Compare(o) == 0; }
  bool SameSeries(const Version& o) const { return major == o.major && minor == o.minor; }
};

// Parses `name` against a pattern with {major}, {minor}, optional {patch};
// a release tag may carry a pre-release suffix "-xxxN" after the pattern's
// last placeholder when `allow_pre`. Nullopt when the name does not fit.
std::optional<Version> MatchVersionPattern(std::string_view pattern, std::string_view name,
                                           bool allow_pre);

// The name a pattern gives a version: {major}, {minor}, {patch} replaced.
std::string FormatVersionPattern(std::string_view pattern, const Version& v);

// The version of a release tag / release branch by any of the model's
// patterns (the first, then the others); nullopt when none fits.
std::optional<Version> ReleaseTagVersion(const ReleaseModel& m, std::string_view tag, bool allow_pre);
std::optional<Version> ReleaseBranchVersion(const ReleaseModel& m, std::string_view branch);
// A fingerprint of everything in the model that decides a fix status
// (patterns, branches, policy): a sync whose model changed recomputes.
std::string ReleaseModelKey(const ReleaseModel& m);

// Ok when `tag` is a release tag by the model's tag pattern ("v3.7.0",
// "v3.7.0-rc1"); otherwise Invalid saying what the pattern expects.
Status CheckReleaseTag(const ReleaseModel& m, std::string_view tag);
// Ok when `branch` is a release branch by the model's branch pattern.
Status CheckReleaseBranch(const ReleaseModel& m, std::string_view branch);

// The release branch a published label names: "3.6", "v3.6", "v3.6.0",
// "3.6.x" -> the branch of series 3.6 by the branch pattern; "main" (or the
// main branch's name) -> the main branch; nullopt for anything else.
std::optional<std::string> BranchForLabel(const ReleaseModel& m, std::string_view label);
// The label the vulnerabilities page uses for a branch: "main", "3.6".
std::string LabelForBranch(const ReleaseModel& m, std::string_view branch);

// A release tag and its version.
struct ReleaseTag {
  std::string name;
  Version version;
};
// A release branch: its series, whether LTS and whether the policy covers it.
struct ReleaseBranch {
  std::string name;
  Version version;  // major.minor of the series
  bool lts = false;
  bool required = false;  // covered by the backport policy
};

// Release tags among `tag_names`, sorted by version.
std::vector<ReleaseTag> ReleaseTags(const ReleaseModel& m, std::span<const std::string> tag_names);
// Release branches among `branch_names`, sorted by version, with LTS and the
// backport policy applied: LTS branches when `backport_to_lts`, plus the
// `backport_latest` newest branches.
std::vector<ReleaseBranch> ReleaseBranches(const ReleaseModel& m,
                                           std::span<const std::string> branch_names);

}  // namespace psirt
