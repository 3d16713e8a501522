// Affected ranges from an advisory's fix status.
#include "core/affected.h"

#include <algorithm>
#include <optional>

#include "core/versions.h"

namespace psirt {

std::string PlainVersion(const std::string& tag) {
  size_t i = 0;
  while (i < tag.size() && !std::isdigit(static_cast<unsigned char>(tag[i]))) ++i;
  return i < tag.size() ? tag.substr(i) : tag;
}

AffectedModel DeriveAffected(const Advisory& a, const ReleaseModel& m) {
  AffectedModel out;
  out.introduced_known = !a.introduced_by.empty();
  std::string intro = out.introduced_known ? a.introduced_by : "0";
  if (a.fix_facts) {
    const FixFacts& f = *a.fix_facts;
    out.fix_commits = f.fix_commits;
    if (f.main_first_release) out.main_fixed = PlainVersion(*f.main_first_release);
    for (const FixFacts::Branch& b : f.branches) {
      SeriesRange r;
      r.branch = b.facts.branch;
      r.series = LabelForBranch(m, r.branch);
      r.first = r.series + ".0";
      r.status = std::string(BranchStatusName(b.status));
      r.affected = b.status != BranchStatus::kNotAffected;
      if (b.facts.release) r.fixed = PlainVersion(*b.facts.release);
      for (const std::string& c : b.facts.commits)
        if (std::find(out.fix_commits.begin(), out.fix_commits.end(), c) == out.fix_commits.end())
          out.fix_commits.push_back(c);
      out.series.push_back(std::move(r));
    }
    out.basis = AffectedModel::Basis::kGit;
  } else {
    // Published facts only: the releases the pages state carry the fix.
    std::vector<std::string> stated = a.fixed_releases;
    if (!a.fixed_release.empty() &&
        std::find(stated.begin(), stated.end(), a.fixed_release) == stated.end())
      stated.push_back(a.fixed_release);
    std::optional<Version> main;
    std::vector<Version> series_fixes;
    for (const std::string& r : stated) {
      auto v = ReleaseTagVersion(m, r, false);
      if (!v) v = MatchVersionPattern("v{major}.{minor}.{patch}", r, false);
      if (!v) continue;
      if (v->patch == 0) {
        if (!main || *v < *main) main = *v;
      } else {
        series_fixes.push_back(*v);
      }
    }
    if (main) out.main_fixed = PlainVersion(FormatVersionPattern("{major}.{minor}.{patch}", *main));
    std::sort(series_fixes.begin(), series_fixes.end());
    for (const Version& v : series_fixes) {
      if (main && !(v < *main)) continue;  // the main line already has it
      if (!out.series.empty() && out.series.back().series == std::to_string(v.major) + "." + std::to_string(v.minor))
        continue;  // the lowest fixing release of a series counts
      SeriesRange r;
      r.branch = FormatVersionPattern(m.branch_pattern, v);
      r.series = std::to_string(v.major) + "." + std::to_string(v.minor);
      r.first = r.series + ".0";
      r.fixed = r.series + "." + std::to_string(v.patch);
      r.status = "fixed";
      out.series.push_back(std::move(r));
    }
    // A series that received a backport PR was affected at its first
    // release; whether and where it is fixed is unknown until a release is
    // named (status "backport-pr", no fixed release).
    for (const Fix& f : a.fixes) {
      auto v = f.kind == Fix::Kind::kPr ? ReleaseBranchVersion(m, f.branch) : std::nullopt;
      if (!v) continue;
      std::string series = std::to_string(v->major) + "." + std::to_string(v->minor);
      if (main && !(Version{v->major, v->minor, 0} < *main)) continue;  // the main line's fix covers it
      if (std::any_of(out.series.begin(), out.series.end(), [&](const SeriesRange& r) { return r.series == series; })) continue;
      out.series.push_back({f.branch, series, series + ".0", "", true, "backport-pr"});
    }
    std::sort(out.series.begin(), out.series.end(), [](const SeriesRange& x, const SeriesRange& y) {
      auto vx = MatchVersionPattern("{major}.{minor}.{patch}", x.first, false);
      auto vy = MatchVersionPattern("{major}.{minor}.{patch}", y.first, false);
      return vx && vy ? *vx < *vy : x.series < y.series;
    });
    for (const Fix& f : a.fixes)
      if (f.kind == Fix::Kind::kCommit && f.ref.size() >= 40) out.fix_commits.push_back(f.ref);
    if (!out.main_fixed.empty() || !out.series.empty() || !out.fix_commits.empty())
      out.basis = AffectedModel::Basis::kPublished;
  }
  for (const std::string& c : out.fix_commits) out.git.push_back({intro, c});
  return out;
}

std::vector<VersionRun> VersionRuns(std::vector<TagStatus> tags) {
  std::erase_if(tags, [](const TagStatus& t) { return t.version.IsPreRelease(); });
  std::stable_sort(tags.begin(), tags.end(), [](const TagStatus& x, const TagStatus& y) { return x.version < y.version; });
  // One status per version (two tags naming one release: affected if either is).
  std::vector<TagStatus> unique;
  for (TagStatus& t : tags) {
    if (!unique.empty() && unique.back().version == t.version) {
      unique.back().affected = unique.back().affected || t.affected;
      continue;
    }
    unique.push_back(std::move(t));
  }
  std::vector<VersionRun> runs;
  for (size_t i = 0; i < unique.size(); ++i) {
    const Version& ver = unique[i].version;
    std::string v = std::to_string(ver.major) + "." + std::to_string(ver.minor) + "." + std::to_string(ver.patch);
    if (!runs.empty() && runs.back().affected == unique[i].affected) {
      runs.back().last = v;
      continue;
    }
    if (!runs.empty()) runs.back().next = v;
    runs.push_back({v, v, "", unique[i].affected});
  }
  return runs;
}

bool UnlistedVersionsUnaffected(const AffectedModel& am) {
  return am.basis == AffectedModel::Basis::kGit && !am.main_fixed.empty();
}

}  // namespace psirt
