// Shared record parts.
#include "formats/record_parts.h"

#include <cctype>

#include "core/cvss/cvss.h"

namespace psirt {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

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

std::pair<std::string, nlohmann::json> CvssMetric(const std::string& vector) {
  auto s = ScoreCvss(vector);
  if (!s.ok()) return {"", nullptr};
  nlohmann::json m = {{"vectorString", vector}, {"baseScore", s->base_score},
            {"baseSeverity", Upper(s->base_severity)}};
  switch (s->version) {
    case CvssVersion::kV2:
      m.erase("baseSeverity");
      m["version"] = "2.0";
      return {"cvssV2_0", m};
    case CvssVersion::kV30:
      m["version"] = "3.0";
      return {"cvssV3_0", m};
    case CvssVersion::kV31:
      m["version"] = "3.1";
      return {"cvssV3_1", m};
    case CvssVersion::kV40:
      m["version"] = "4.0";
      return {"cvssV4_0", m};
  }
  return {"", nullptr};
}

}  // namespace psirt
