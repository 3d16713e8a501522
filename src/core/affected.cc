// Affected ranges from an advisory's fix status.
#include "core/affected.h"

#include <algorithm>

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
  const nlohmann::json& s = a.last_sync;
  if (s.is_object()) {
    for (const auto& c : s.value("fix_commits", nlohmann::json::array()))
      if (c.is_string()) out.fix_commits.push_back(c.get<std::string>());
    if (s.contains("main_first_release") && s["main_first_release"].is_string())
      out.main_fixed = PlainVersion(s["main_first_release"].get<std::string>());
    for (const auto& b : s.value("branches", nlohmann::json::array())) {
      if (!b.is_object() || !b.contains("branch") || !b["branch"].is_string()) continue;
      SeriesRange r;
      r.branch = b["branch"].get<std::string>();
      r.series = LabelForBranch(m, r.branch);
      r.first = r.series + ".0";
      r.status = b.value("status", "");
      r.affected = r.status != "not-affected";
      if (b.contains("release") && b["release"].is_string())
        r.fixed = PlainVersion(b["release"].get<std::string>());
      for (const auto& c : b.value("commits", nlohmann::json::array()))
        if (c.is_string() && std::find(out.fix_commits.begin(), out.fix_commits.end(), c.get<std::string>()) ==
                                 out.fix_commits.end())
          out.fix_commits.push_back(c.get<std::string>());
      out.series.push_back(std::move(r));
    }
  } else {
    // Published facts only: the main line's first fixed release.
    out.main_fixed = a.fixed_release.empty() ? "" : PlainVersion(a.fixed_release);
    for (const Fix& f : a.fixes)
      if (f.kind == Fix::Kind::kCommit) out.fix_commits.push_back(f.ref);
  }
  for (const std::string& c : out.fix_commits) out.git.push_back({intro, c});
  return out;
}

}  // namespace psirt
