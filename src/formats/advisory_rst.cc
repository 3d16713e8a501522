// Advisory <-> vulnerabilities page entry.
#include "formats/advisory_rst.h"

#include "core/versions.h"

namespace psirt {

std::string TrackerLabel(const WorkspaceConfig& c) {
  if (!c.publish.tracker_label.empty()) return c.publish.tracker_label;
  return (c.project.empty() ? std::string("Project") : c.project) + " project bug tracker";
}

std::string GhsaUrl(const WorkspaceConfig& c, const std::string& ghsa, const std::string& id) {
  std::string url = c.cna.advisory_url;
  if (url.empty() && !c.publish.repository_url.empty() && !ghsa.empty())
    url = c.publish.repository_url + "/security/advisories/{ghsa}";
  if (url.empty()) return "";
  for (auto [key, value] : {std::pair<std::string, std::string>{"{ghsa}", ghsa}, {"{id}", id}})
    for (size_t at; (at = url.find(key)) != std::string::npos;) url.replace(at, key.size(), value);
  return url;
}

std::string PrUrl(const WorkspaceConfig& c, const std::string& pr) {
  return c.publish.repository_url.empty() ? "" : c.publish.repository_url + "/pull/" + pr;
}

std::string CommitUrl(const WorkspaceConfig& c, const std::string& sha) {
  return c.publish.repository_url.empty() ? "" : c.publish.repository_url + "/commit/" + sha;
}

std::string FixUrl(const WorkspaceConfig& c, const Fix& f) {
  if (!f.url.empty()) return f.url;
  return f.kind == Fix::Kind::kPr ? PrUrl(c, f.ref) : CommitUrl(c, f.ref);
}

RstEntry AdvisoryToRstEntry(const Advisory& a, const WorkspaceConfig& c) {
  RstEntry e;
  e.cve = a.cve_id;
  e.title = a.title;
  e.description = a.description;
  bool ghsa_listed = a.ghsa_id.empty();
  for (const Reference& r : a.references) {
    if (r.kind == "tracker") {
      e.trackers.push_back({r.name, r.url});
      ghsa_listed = ghsa_listed || r.name == a.ghsa_id;
    } else if (r.kind == "link") {
      e.links.push_back({r.name, r.url});
    }
  }
  if (!ghsa_listed) e.trackers.insert(e.trackers.begin(), {a.ghsa_id, GhsaUrl(c, a.ghsa_id, a.id)});
  e.fixed_release = a.fixed_release;
  if (a.last_sync.is_object() && a.last_sync.contains("main_first_release") &&
      a.last_sync["main_first_release"].is_string())
    e.fixed_release = a.last_sync["main_first_release"].get<std::string>();
  if (e.fixed_release.empty()) e.fixed_statement = a.fixed_statement;
  for (const Fix& f : a.fixes) {
    std::string label = !f.label.empty() ? f.label : LabelForBranch(c.releases, f.branch.empty() ? c.releases.main_branch : f.branch);
    if (f.kind == Fix::Kind::kPr) {
      e.prs.push_back({f.ref, label, FixUrl(c, f)});
    } else {
      e.links.push_back({"commit " + f.ref.substr(0, 12) + " fix for " + label, FixUrl(c, f)});
    }
  }
  e.notes = a.page_notes;
  return e;
}

nlohmann::json RstEntryToImportFields(const RstEntry& e, const WorkspaceConfig& c) {
  using nlohmann::json;
  json fixes = json::array(), refs = json::array();
  std::string ghsa;
  for (const RstLink& t : e.trackers) {
    refs.push_back({{"kind", "tracker"}, {"name", t.text}, {"url", t.url}});
    if (ghsa.empty() && t.text.rfind("GHSA-", 0) == 0) ghsa = t.text;
  }
  for (const RstLink& l : e.links) refs.push_back({{"kind", "link"}, {"name", l.text}, {"url", l.url}});
  for (const RstPr& p : e.prs)
    fixes.push_back({{"kind", "pr"},
                     {"ref", p.number},
                     {"branch", BranchForLabel(c.releases, p.label).value_or(p.label)},
                     {"label", p.label},
                     {"url", p.url}});
  return {{"cve", e.cve},
          {"title", e.title},
          {"description", e.description},
          {"ghsa", ghsa},
          {"state", "Public"},
          {"fixes", fixes},
          {"references", refs},
          {"fixed_release", e.fixed_release},
          {"fixed_statement", e.fixed_statement},
          {"page_notes", e.notes}};
}

}  // namespace psirt
