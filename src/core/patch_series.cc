// Small rules over embargoed fix series and their check results.
#include "core/patch_series.h"

#include <algorithm>
#include <set>

namespace psirt {

std::string PatchSeries::Key() const {
  std::string key;
  for (const PatchInfo& p : patches) key += (key.empty() ? "" : ",") + p.patch_id;
  return key;
}

std::vector<std::string> PatchSeries::Files() const {
  std::set<std::string> all;
  for (const PatchInfo& p : patches) all.insert(p.files.begin(), p.files.end());
  return {all.begin(), all.end()};
}

std::string_view PatchFitName(PatchFit f) {
  switch (f) {
    case PatchFit::kApplies: return "applies";
    case PatchFit::kConflicts: return "conflicts";
    case PatchFit::kPresent: return "present";
  }
  return "applies";
}

std::optional<PatchFit> ParsePatchFit(std::string_view name) {
  for (PatchFit f : {PatchFit::kApplies, PatchFit::kConflicts, PatchFit::kPresent})
    if (PatchFitName(f) == name) return f;
  return std::nullopt;
}

std::string DescribePatchCheck(const PatchCheckResult& r) {
  switch (r.fit) {
    case PatchFit::kApplies: return r.three_way ? "applies (three-way)" : "applies";
    case PatchFit::kPresent: {
      std::string commits;
      for (const std::string& c : r.present)
        if (!c.empty() && commits.find(c.substr(0, 12)) == std::string::npos) commits += (commits.empty() ? "" : ", ") + c.substr(0, 12);
      return "already there: " + commits;
    }
    case PatchFit::kConflicts: break;
  }
  std::string s = "conflicts:";
  for (size_t i = 0; i < r.conflicts.size(); ++i) {
    const PatchConflict& c = r.conflicts[i];
    s += std::string(i ? "," : "") + " " + std::to_string(c.hunks.size()) + (c.hunks.size() == 1 ? " hunk" : " hunks") + " of " +
         c.file + " (patch " + std::to_string(c.patch) + ")";
  }
  return s;
}

}  // namespace psirt
