// OSV writer.
#include "formats/osv.h"

#include <algorithm>
#include <cctype>

#include "base/strings.h"
#include "core/affected.h"
#include "core/cvss/cvss.h"
#include "formats/advisory_rst.h"
#include "formats/record_parts.h"
#include "formats/rst_text.h"

namespace psirt {
namespace {

using nlohmann::json;

std::string Upper(std::string s) {
  for (char& ch : s) ch = ch == ' ' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

std::string OsvId(const std::string& id) {
  static const char* kRegistered[] = {"ALSA", "CVE", "DEBIAN", "GHSA", "GO", "GSD", "OSV", "PYSEC", "RUSTSEC", "USN"};
  std::string prefix = id.substr(0, id.find('-'));
  for (const char* p : kRegistered)
    if (prefix == p) return id;
  return "x_" + id;
}

json AdvisoryToOsv(const Advisory& a, const WorkspaceConfig& c, std::span<const std::string> affected_tags,
                   Timestamp modified, bool draft) {
  json r = {{"schema_version", "1.6.0"}, {"id", OsvId(a.id)}, {"modified", modified.ToString()}};
  if (a.public_on) r["published"] = a.public_on->ToString() + "T00:00:00Z";
  json aliases = json::array();
  if (!a.cve_id.empty()) aliases.push_back(a.cve_id);
  if (!a.ghsa_id.empty()) aliases.push_back(a.ghsa_id);
  if (!aliases.empty()) r["aliases"] = aliases;
  std::string summary = OneLine(RstInlineToPlain(a.title));
  if (draft) summary = "DRAFT: " + (summary.empty() ? a.id : summary);
  if (!summary.empty()) r["summary"] = summary;
  r["details"] = a.description.empty() ? summary : RstInlineToPlain(a.description);
  if (!a.cvss.empty()) {
    auto s = ScoreCvss(a.cvss);
    if (s.ok()) {
      const char* type = s->version == CvssVersion::kV40 ? "CVSS_V4"
                         : s->version == CvssVersion::kV2 ? "CVSS_V2"
                                                          : "CVSS_V3";
      r["severity"] = json::array({{{"type", type}, {"score", a.cvss}}});
    }
  }
  AffectedModel am = DeriveAffected(a, c.releases);
  json affected = json::object();
  json ranges = json::array();
  if (!c.publish.repository_url.empty() && !am.fix_commits.empty()) {
    json events = json::array({{{"introduced", am.introduced_known ? a.introduced_by : "0"}}});
    for (const std::string& f : am.fix_commits) events.push_back({{"fixed", f}});
    ranges.push_back({{"type", "GIT"}, {"repo", c.publish.repository_url}, {"events", events}});
  }
  if (am.basis == AffectedModel::Basis::kPublished)
    for (const SeriesRange& s : am.series)  // a stated maintenance release fixes its series
      if (s.affected && !s.fixed.empty())
        ranges.push_back({{"type", "SEMVER"}, {"events", json::array({{{"introduced", s.first}}, {{"fixed", s.fixed}}})}});
  std::vector<std::string> versions(affected_tags.begin(), affected_tags.end());
  if (am.basis == AffectedModel::Basis::kPublished)
    for (const SeriesRange& s : am.series)  // a backport PR, no release named: its first release only
      if (s.affected && s.fixed.empty()) versions.push_back(s.first);
  if (!ranges.empty()) affected["ranges"] = ranges;
  if (!versions.empty()) affected["versions"] = versions;
  if (!c.cna.product.empty() || !c.project.empty())
    affected["database_specific"] = {{"product", c.cna.product.empty() ? c.project : c.cna.product}};
  if (!a.files.empty()) affected["ecosystem_specific"] = {{"files", a.files}};
  r["affected"] = json::array({affected});
  json refs = json::array();
  std::vector<std::string> seen;
  auto ref = [&](const char* type, const std::string& url) {
    if (url.empty() || std::find(seen.begin(), seen.end(), url) != seen.end()) return;
    seen.push_back(url);
    refs.push_back({{"type", type}, {"url", url}});
  };
  if (!a.ghsa_id.empty()) ref("ADVISORY", GhsaUrl(c, a.ghsa_id, a.id));
  for (const Reference& x : a.references) ref(x.kind == "tracker" ? "REPORT" : "WEB", x.url);
  for (const Fix& f : a.fixes)
    ref("FIX", FixUrl(c, f));
  for (const std::string& commit : am.fix_commits) ref("FIX", CommitUrl(c, commit));
  if (!refs.empty()) r["references"] = refs;
  json credits = json::array();
  for (const Credit& k : a.credits) credits.push_back({{"name", k.name}, {"type", Upper(k.type)}});
  if (!credits.empty()) r["credits"] = credits;
  r["database_specific"] = {{"psirt_id", a.id}, {"state", StateName(a.state)}};
  if (draft) r["database_specific"]["draft"] = true;
  return r;
}

}  // namespace psirt
