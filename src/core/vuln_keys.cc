// Index keys of vulnerability records (see vuln_keys.h).
#include "core/vuln_keys.h"

#include <set>

#include "core/package_ids.h"

namespace psirt {

std::string PurlKey(const std::string& purl) {
  auto p = ParsePurl(purl);
  return p.ok() ? p->PackageKey() : "";
}

std::string CpeKey(const std::string& cpe) {
  auto c = ParseCpe23(cpe);
  return c.ok() ? c->ProductKey() : "";
}

std::vector<std::pair<std::string, std::string>> VulnIndexKeys(const VulnRecord& r) {
  std::set<std::pair<std::string, std::string>> keys;
  auto add = [&](const char* kind, const std::string& key) {
    if (!key.empty()) keys.emplace(kind, key);
  };
  for (const std::string& a : r.aliases) add("alias", a);
  for (const VulnAffected& a : r.affected) {
    if (!a.repo.empty()) add("repo", NormalizeRepoUrl(a.repo));
    if (!a.purl.empty()) add("purl", PurlKey(a.purl));
    for (const std::string& c : a.cpes) add("cpe", CpeKey(c));
    for (const VulnRange& g : a.ranges) {
      if (g.type != "GIT") continue;
      add("repo", NormalizeRepoUrl(g.repo));
      for (const RangeEvent& e : g.events)
        if (e.value != "0") add("commit", e.value);
    }
  }
  return {keys.begin(), keys.end()};
}

}  // namespace psirt
