// What an advisory affects, in the terms published records use: git commit
// ranges (introduced -> each fix commit, main and backports) and release
// series ranges (affected from the series' first release, unaffected from
// the release that carries the fix). Derived from the last fix status read
// from git (the `synced` payload), or, for advisories imported from
// published pages, from the releases the pages state carry the fix (a
// maintenance release X.Y.Z fixes its series from X.Y.0; an X.Y.0 release
// is the main line's fix). Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/advisory.h"
#include "core/config.h"
#include "core/versions.h"

namespace psirt {

// A git commit range: from the introducing commit to one fix commit.
struct GitRange {
  std::string introduced;  // commit, or "0" when unknown
  std::string fixed;       // fix commit (on main or a release branch)
};

// A release series' range: first release, fixing release, status.
struct SeriesRange {
  std::string branch;   // v3.6-branch ("" for the main line)
  std::string series;   // "3.6"
  std::string first;    // first release of the series, "3.6.0"
  std::string fixed;    // first release with the fix, "3.6.1"; "" when none yet
  bool affected = true; // false: the bug was introduced after the branch point
  // fixed, merged, missing, not-affected, not-required (git); fixed or
  // backport-pr (published only: a backport PR, no fixed release named)
  std::string status;
};

// Everything a record may claim about affected versions, and on what basis.
struct AffectedModel {
  // Where the facts come from, which decides what a record may claim about
  // versions it does not list: kNothing - no fix is known anywhere (a record
  // says "unknown", never "every version affected"); kPublished - only what
  // published pages state (fixed releases, commit links); kGit - the
  // repository's fix status from `psirt sync`.
  enum class Basis { kNothing, kPublished, kGit };
  Basis basis = Basis::kNothing;
  std::vector<GitRange> git;
  std::vector<SeriesRange> series;  // oldest first
  std::string main_fixed;           // first release on main with the fix, "3.7.0"
  bool introduced_known = false;
  std::vector<std::string> fix_commits;  // every fix commit, main first
};

AffectedModel DeriveAffected(const Advisory& a, const ReleaseModel& m);

// Whether versions a record does not list can be called unaffected: only
// from git facts with the fix released on the main line (every release
// branch was examined, later releases carry the fix).
bool UnlistedVersionsUnaffected(const AffectedModel& am);

// "v3.6.1" -> "3.6.1" (the version part of a release tag).
std::string PlainVersion(const std::string& tag);

// A release tag and whether git says it carries the bug: it contains none
// of the fix commits (main's and the backports'), and the introducing
// commit when that is known.
struct TagStatus {
  std::string tag;
  Version version;
  bool affected = false;
};

// Releases with the same status next to each other in version order, as
// the version ranges records publish: from the run's first release up to
// (not including) the first release after it, or up to and including its
// last release when it reaches the newest. Pre-releases are left out (a
// range covers them). Every release's status in the ranges is the one git
// gave it, so a record never calls a fixed release affected or the reverse.
struct VersionRun {
  std::string first;  // "3.5.2"
  std::string last;   // the run's newest release
  std::string next;   // the first release after the run; "" when none
  bool affected = false;
};
std::vector<VersionRun> VersionRuns(std::vector<TagStatus> tags);

}  // namespace psirt
