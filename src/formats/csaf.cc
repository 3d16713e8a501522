// CSAF 2.0 writer.
#include "formats/csaf.h"
#include "core/event_payloads.h"

#include <algorithm>

#include "base/strings.h"
#include "core/affected.h"
#include "formats/advisory_rst.h"
#include "formats/record_parts.h"
#include "formats/cve5.h"
#include "formats/rst_text.h"

namespace psirt {
namespace {

using nlohmann::json;

std::string CsafTime(const Timestamp& t) {
  std::string s = t.ToString();  // YYYY-MM-DDTHH:MM:SSZ
  return s.substr(0, s.size() - 1) + ".000Z";
}

}  // namespace

std::optional<Timestamp> PublicationTime(const Advisory& a, std::span<const Event> history) {
  for (const Event& e : history)
    if (ev::MovedTo(e) == State::kPublic) return e.time;
  if (a.public_on) return Timestamp::StartOf(*a.public_on);
  return std::nullopt;
}

json AdvisoryToCsaf(const Advisory& a, std::span<const Event> history, const WorkspaceConfig& c,
                    Timestamp now, bool draft) {
  std::string vendor = !c.cna.vendor.empty() ? c.cna.vendor : !c.project.empty() ? c.project : "unknown";
  std::string product = !c.cna.product.empty() ? c.cna.product : !c.project.empty() ? c.project : "unknown";
  std::string title = OneLine(RstInlineToPlain(a.title));
  if (title.empty()) title = a.cve_id.empty() ? a.id : a.cve_id;
  std::string description = a.description.empty() ? title : RstInlineToPlain(a.description);

  // Products: per release series its first release, the fixing release,
  // and the main line's first fixed release.
  AffectedModel am = DeriveAffected(a, c.releases);
  std::vector<std::string> versions;
  auto add_version = [&](const std::string& v) {
    if (!v.empty() && std::find(versions.begin(), versions.end(), v) == versions.end()) versions.push_back(v);
  };
  json affected = json::array(), not_affected = json::array(), fixed = json::array(), first_fixed = json::array();
  auto pid = [](const std::string& v) { return "CSAFPID-" + v; };
  for (const SeriesRange& r : am.series) {
    add_version(r.first);
    if (!r.affected) {
      not_affected.push_back(pid(r.first));
      continue;
    }
    if (r.fixed != r.first) affected.push_back(pid(r.first));
    if (!r.fixed.empty()) {
      add_version(r.fixed);
      fixed.push_back(pid(r.fixed));
      first_fixed.push_back(pid(r.fixed));
    }
  }
  if (!am.main_fixed.empty()) {
    add_version(am.main_fixed);
    if (std::find(fixed.begin(), fixed.end(), pid(am.main_fixed)) == fixed.end()) {
      fixed.push_back(pid(am.main_fixed));
      first_fixed.push_back(pid(am.main_fixed));
    }
  }
  json version_branches = json::array();
  for (const std::string& v : versions)
    version_branches.push_back({{"category", "product_version"},
                                {"name", v},
                                {"product", {{"product_id", pid(v)}, {"name", product + " " + v}}}});
  json investigating = json::array();
  if (versions.empty()) {
    // Nothing known about releases: under investigation, not "all affected".
    version_branches.push_back({{"category", "product_version_range"},
                                {"name", "vers:generic/*"},
                                {"product", {{"product_id", "CSAFPID-ALL"}, {"name", product + " (all versions)"}}}});
    investigating.push_back("CSAFPID-ALL");
  }
  json tree = {{"branches",
                json::array({{{"category", "vendor"},
                              {"name", vendor},
                              {"branches", json::array({{{"category", "product_name"},
                                                         {"name", product},
                                                         {"branches", version_branches}}})}}})}};

  json vuln = {{"title", title}, {"notes", json::array({{{"category", "description"},
                                                          {"text", description},
                                                          {"title", "Description"}}})}};
  if (!a.cve_id.empty()) vuln["cve"] = a.cve_id;
  if (!a.cwes.empty()) vuln["cwe"] = {{"id", a.cwes.front()}, {"name", a.cwes.front()}};
  json status = json::object();
  if (!affected.empty()) status["known_affected"] = affected;
  if (!not_affected.empty()) status["known_not_affected"] = not_affected;
  if (!fixed.empty()) status["fixed"] = fixed;
  if (!first_fixed.empty()) status["first_fixed"] = first_fixed;
  if (!investigating.empty()) status["under_investigation"] = investigating;
  vuln["product_status"] = status;
  std::string fix_url;
  for (const Fix& f : a.fixes) {
    fix_url = FixUrl(c, f);
    if (!fix_url.empty()) break;
  }
  if (!affected.empty()) {
    json rem;
    if (!fixed.empty()) {
      std::string to;
      for (const auto& f : fixed) to += (to.empty() ? "" : ", ") + f.get<std::string>().substr(8);
      rem = {{"category", "vendor_fix"}, {"details", "Update to a release with the fix: " + to + "."},
             {"product_ids", affected}};
      if (!fix_url.empty()) rem["url"] = fix_url;
    } else {
      rem = {{"category", "none_available"}, {"details", "No released version contains the fix yet."},
             {"product_ids", affected}};
    }
    vuln["remediations"] = json::array({rem});
    if (!a.cvss.empty()) {
      auto [key, metric] = CvssMetric(a.cvss);
      const char* csaf_key = key == "cvssV3_1" || key == "cvssV3_0" ? "cvss_v3" : key == "cvssV2_0" ? "cvss_v2" : nullptr;
      if (csaf_key) vuln["scores"] = json::array({{{"products", affected}, {csaf_key, metric}}});
    }
  }
  json vrefs = json::array();
  if (!a.ghsa_id.empty())
    vrefs.push_back({{"category", "external"}, {"summary", a.ghsa_id}, {"url", GhsaUrl(c, a.ghsa_id, a.id)}});
  for (const Fix& f : a.fixes) {
    std::string url = FixUrl(c, f);
    if (!url.empty())
      vrefs.push_back({{"category", "external"}, {"summary", (f.kind == Fix::Kind::kPr ? "PR " : "commit ") + f.ref}, {"url", url}});
  }
  for (auto& r : vrefs)
    if (r["url"].get<std::string>().empty()) r.erase("url");
  vrefs.erase(std::remove_if(vrefs.begin(), vrefs.end(), [](const json& r) { return !r.contains("url"); }), vrefs.end());
  if (!vrefs.empty()) vuln["references"] = vrefs;

  // Tracking: the publication, then each later change psirt made to what is
  // published (imports are not revisions: their time is not the document's).
  json revisions = json::array();
  std::optional<Timestamp> first = PublicationTime(a, history), last = first;
  if (first)
    revisions.push_back({{"date", CsafTime(*first)}, {"number", "1"}, {"summary", "Initial publication"}});
  for (const Event& e : history) {
    bool update = first && e.time > *first &&
                  (e.kind == EventKind::kEdited || e.kind == EventKind::kSynced ||
                   e.kind == EventKind::kFixLinked || e.kind == EventKind::kCveAssigned);
    if (!update) continue;
    last = e.time;
    revisions.push_back({{"date", CsafTime(e.time)},
                         {"number", std::to_string(revisions.size() + 1)},
                         {"summary", "Updated: " + std::string(EventKindName(e.kind))}});
  }
  bool final = !draft && a.state == State::kPublic && first;
  if (revisions.empty()) {
    revisions.push_back({{"date", CsafTime(now)}, {"number", "1"}, {"summary", "Draft"}});
    first = last = now;
  }
  json tracking = {{"id", a.id},
                   {"status", final ? "final" : "draft"},
                   {"version", std::to_string(revisions.size())},
                   {"initial_release_date", CsafTime(*first)},
                   {"current_release_date", CsafTime(*last)},
                   {"revision_history", revisions},
                   {"generator", {{"engine", {{"name", "psirt"}}}}}};
  std::string ns = !c.publish.repository_url.empty() ? c.publish.repository_url : "https://example.invalid/" + vendor;
  json doc = {{"category", "csaf_security_advisory"},
              {"csaf_version", "2.0"},
              {"publisher", {{"category", "vendor"}, {"name", vendor}, {"namespace", ns}}},
              {"title", title},
              {"tracking", tracking},
              {"notes", json::array({{{"category", "summary"}, {"text", title}, {"title", "Summary"}}})}};
  if (!a.cvss.empty()) doc["aggregate_severity"] = {{"text", a.cvss_severity.empty() ? "unknown" : a.cvss_severity}};
  return {{"document", doc}, {"product_tree", tree}, {"vulnerabilities", json::array({vuln})}};
}

}  // namespace psirt
