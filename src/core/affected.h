// What an advisory affects, in the terms published records use: git commit
// ranges (introduced -> each fix commit, main and backports) and release
// series ranges (affected from the series' first release, unaffected from
// the release that carries the fix). Derived from the last fix status read
// from git (the `synced` payload), or, for advisories imported from
// published pages, from the published first fixed release. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/advisory.h"
#include "core/config.h"

namespace psirt {

struct GitRange {
  std::string introduced;  // commit, or "0" when unknown
  std::string fixed;       // fix commit (on main or a release branch)
};

struct SeriesRange {
  std::string branch;   // v3.6-branch ("" for the main line)
  std::string series;   // "3.6"
  std::string first;    // first release of the series, "3.6.0"
  std::string fixed;    // first release with the fix, "3.6.1"; "" when none yet
  bool affected = true; // false: the bug was introduced after the branch point
  std::string status;   // fixed, merged, missing, not-affected, not-required ("" when published only)
};

struct AffectedModel {
  std::vector<GitRange> git;
  std::vector<SeriesRange> series;  // oldest first
  std::string main_fixed;           // first release on main with the fix, "3.7.0"
  bool introduced_known = false;
  std::vector<std::string> fix_commits;  // every fix commit, main first
};

AffectedModel DeriveAffected(const Advisory& a, const ReleaseModel& m);

// "v3.6.1" -> "3.6.1" (the version part of a release tag).
std::string PlainVersion(const std::string& tag);

}  // namespace psirt
