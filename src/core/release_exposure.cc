// Release exposure table.
#include "core/release_exposure.h"

#include <algorithm>

namespace psirt {

std::vector<ExposureRow> ExposureTable(std::vector<ReleaseShipped> releases) {
  std::sort(releases.begin(), releases.end(),
            [](const ReleaseShipped& a, const ReleaseShipped& b) { return a.release.version < b.release.version; });
  std::map<ModuleVuln, ExposureRow> rows;
  for (const ReleaseShipped& r : releases)
    for (const ModuleVuln& v : r.shipped) {
      ExposureRow& row = rows[v];
      row.vuln = v;
      row.shipped_in.push_back(r.release.name);
    }
  auto series = [](const Version& v) { return std::to_string(v.major) + "." + std::to_string(v.minor); };
  for (auto& [v, row] : rows) {
    bool seen = false;
    std::set<std::string> affected_series, fixed_series;
    for (const ReleaseShipped& r : releases) {
      bool ships = r.shipped.count(v) > 0;
      std::string s = series(r.release.version);
      if (ships) {
        seen = true;
        affected_series.insert(s);
        fixed_series.erase(s);
        row.fixed_in_series.erase(s);  // shipped again after a release without it: not fixed there
        continue;
      }
      if (seen && row.first_without.empty()) row.first_without = r.release.name;
      if (affected_series.count(s) && !fixed_series.count(s)) {
        fixed_series.insert(s);
        row.fixed_in_series[s] = r.release.name;
      }
    }
    // A later release that ships it again means it was not removed for good.
    if (!row.first_without.empty()) {
      const std::string& last = row.shipped_in.back();
      auto pos = [&](const std::string& name) {
        return std::find_if(releases.begin(), releases.end(), [&](const ReleaseShipped& r) { return r.release.name == name; });
      };
      if (pos(last) > pos(row.first_without)) {
        row.first_without.clear();
        for (auto it = pos(last) + 1; it != releases.end(); ++it)
          if (!it->shipped.count(v)) {
            row.first_without = it->release.name;
            break;
          }
      }
    }
  }
  std::vector<ExposureRow> out;
  for (auto& [v, row] : rows) out.push_back(std::move(row));
  return out;
}

}  // namespace psirt
