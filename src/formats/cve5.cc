// CVE JSON 5.1 writer and reader.
#include "formats/cve5.h"
#include "core/event_payloads.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <cmath>
#include <cctype>

#include "core/affected.h"
#include "base/strings.h"
#include "core/cvss/cvss.h"
#include "core/identifiers.h"
#include "core/text_rules.h"
#include "formats/advisory_rst.h"
#include "formats/record_parts.h"
#include "formats/rst_text.h"

namespace psirt {
namespace {

using nlohmann::json;

constexpr const char* kPlaceholderOrg = "00000000-0000-4000-8000-000000000000";

// Whitespace runs (line breaks included) as single spaces, trimmed: CVE
// titles are one line.
std::string CollapseSpaces(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}


std::string IsoDate(const Date& d) { return d.ToString() + "T00:00:00.000Z"; }

}  // namespace

bool AssignedByOtherCna(const Advisory& a, const WorkspaceConfig& c) {
  return !a.cve_assigner.empty() && !c.cna.short_name.empty() && a.cve_assigner != c.cna.short_name;
}

std::vector<std::string> Cve5Missing(const Advisory& a, const WorkspaceConfig& c) {
  std::vector<std::string> m;
  if (a.cve_id.empty()) m.push_back("a CVE id (psirt cve " + a.id + " CVE-YYYY-NNNN)");
  if (c.cna.org_id.empty()) m.push_back("cna.org_id in psirt.yml (the CNA's UUID)");
  if (c.cna.vendor.empty() || c.cna.product.empty()) m.push_back("cna.vendor and cna.product in psirt.yml");
  if (CollapseSpaces(a.description).empty() && CollapseSpaces(a.title).empty()) m.push_back("a title or description");
  return m;
}

namespace {

// References: the advisory, trackers, fixes (each URL once); a fallback
// link when nothing else is known (the schema wants one).
json Cve5References(const Advisory& a, const WorkspaceConfig& c, const AffectedModel& am, const std::string& cve) {
  json refs = json::array();
  std::vector<std::string> seen;
  auto ref = [&](const std::string& url, const std::string& name, const char* tag) {
    if (url.empty() || std::find(seen.begin(), seen.end(), url) != seen.end()) return;
    seen.push_back(url);
    json r = {{"url", url}};
    if (!name.empty()) r["name"] = name;
    if (tag) r["tags"] = json::array({tag});
    refs.push_back(r);
  };
  if (!a.ghsa_id.empty()) ref(GhsaUrl(c, a.ghsa_id, a.id), a.ghsa_id, "vendor-advisory");
  for (const Reference& r : a.references)
    ref(r.url, r.name, r.kind == "tracker" ? "issue-tracking" : nullptr);
  for (const Fix& f : a.fixes) {
    ref(FixUrl(c, f), (f.kind == Fix::Kind::kPr ? "PR " : "commit ") + f.ref, "patch");
  }
  for (const std::string& commit : am.fix_commits) ref(CommitUrl(c, commit), "commit " + commit.substr(0, 12), "patch");
  if (refs.empty()) {
    std::string fallback = c.publish.vulnerabilities_url.empty() ? c.publish.repository_url
                                                                 : c.publish.vulnerabilities_url;
    if (fallback.empty()) fallback = "https://www.cve.org/CVERecord?id=" + cve;
    ref(fallback, "", nullptr);
  }
  return refs;
}

// Timeline: the advisory's own dates (never when something was imported).
json Cve5Timeline(const Advisory& a, std::span<const Event> history) {
  std::vector<std::pair<Timestamp, std::string>> when;
  bool published_event = false;
  for (const Event& e : history) {
    if (e.kind == EventKind::kReported && a.reported_on) {
      // The recorded time when it was recorded on the report date, else the date.
      when.push_back({e.time.date() == *a.reported_on ? e.time : Timestamp::StartOf(*a.reported_on),
                      "Reported to the project"});
    }
    std::optional<State> to = ev::MovedTo(e);
    if (to == State::kAccepted) when.push_back({e.time, "Fix accepted"});
    if (to == State::kPublic) {
      when.push_back({e.time, "Advisory published"});
      published_event = true;
    }
  }
  if (!published_event && a.public_on) when.push_back({Timestamp::StartOf(*a.public_on), "Advisory published"});
  std::stable_sort(when.begin(), when.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  json timeline = json::array();
  for (const auto& [t, what] : when) timeline.push_back({{"time", t.ToString()}, {"lang", "en"}, {"value", what}});
  return timeline;
}

}  // namespace

json AdvisoryToCve5(const Advisory& a, std::span<const Event> history, const WorkspaceConfig& c,
                    bool draft, std::span<const TagStatus> releases) {
  std::string org = c.cna.org_id.empty() ? kPlaceholderOrg : c.cna.org_id;
  std::string cve = a.cve_id.empty() ? "CVE-0000-0000" : a.cve_id;
  std::string vendor = c.cna.vendor.empty() ? c.project : c.cna.vendor;
  std::string product = c.cna.product.empty() ? c.project : c.cna.product;
  if (vendor.empty()) vendor = "unknown";
  if (product.empty()) product = "unknown";
  std::string title = CollapseSpaces(RstInlineToPlain(a.title));
  if (draft) title = "DRAFT: " + (title.empty() ? cve : title);
  if (Utf8Length(title) > 256) {  // the schema's limit: cut at a word, mark the cut
    size_t cut = title.rfind(' ', 252);
    title = title.substr(0, cut == std::string::npos || cut < 128 ? 252 : cut);
    while (!title.empty() && (static_cast<unsigned char>(title.back()) & 0xC0) == 0x80) title.pop_back();
    if (!title.empty() && static_cast<unsigned char>(title.back()) >= 0xC0) title.pop_back();
    title += " ...";
  }
  std::string description = !a.description.empty() ? RstInlineToPlain(a.description)
                            : !title.empty()        ? title
                            : !a.page_notes.empty() ? RstInlineToPlain(a.page_notes)
                                                    : "(description pending)";  // drafts only

  // affected: git ranges, and release series ranges; nothing claimed beyond what is known.
  AffectedModel am = DeriveAffected(a, c.releases);
  const bool published_only = am.basis == AffectedModel::Basis::kPublished;
  const char* unlisted = UnlistedVersionsUnaffected(am) ? "unaffected" : "unknown";
  json base = {{"vendor", vendor}, {"product", product}};
  if (!c.publish.repository_url.empty()) base["repo"] = c.publish.repository_url;
  if (!a.files.empty()) base["programFiles"] = a.files;
  json affected = json::array();
  if (!am.git.empty()) {
    json e = base;
    e["defaultStatus"] = unlisted;
    json versions = json::array();
    for (const GitRange& r : am.git)
      versions.push_back({{"version", r.introduced}, {"lessThan", r.fixed}, {"status", "affected"},
                          {"versionType", "git"}});
    e["versions"] = versions;
    affected.push_back(e);
  }
  json semver = json::array();
  bool from_tags = am.basis == AffectedModel::Basis::kGit && !releases.empty();
  if (from_tags) {
    // Every release exactly as git says: runs of releases with one status,
    // each up to the first release after it (or through its last one).
    // Versions no release has (the future, untagged ones) stay unknown.
    for (const VersionRun& r : VersionRuns({releases.begin(), releases.end()})) {
      json v = {{"version", r.first}, {"status", r.affected ? "affected" : "unaffected"}, {"versionType", "semver"}};
      if (!r.next.empty()) v["lessThan"] = r.next;
      else v["lessThanOrEqual"] = r.last;
      semver.push_back(v);
    }
  }
  for (const SeriesRange& r : am.series) {
    if (from_tags) break;
    if (!r.affected) continue;
    if (!r.fixed.empty()) {
      semver.push_back({{"version", r.first}, {"lessThan", r.fixed}, {"status", "affected"},
                        {"versionType", "semver"}});
      if (published_only)  // the rest of the series carries the fix
        semver.push_back({{"version", r.fixed}, {"lessThanOrEqual", r.series + ".*"}, {"status", "unaffected"},
                          {"versionType", "semver"}});
    } else if (published_only) {
      // Only the series' first release is known to be affected (it got a
      // backport PR); the later ones stay unknown until a release is named.
      semver.push_back({{"version", r.first}, {"status", "affected"}, {"versionType", "semver"}});
    } else {
      semver.push_back({{"version", r.first}, {"lessThanOrEqual", r.series + ".*"},
                        {"status", "affected"}, {"versionType", "semver"}});
    }
  }
  if (!am.main_fixed.empty() && !from_tags) {
    // Releases before the fix that no release branch covers (git facts only:
    // a page's statement says nothing about older releases).
    std::string oldest = am.series.empty() ? am.main_fixed : am.series.front().first;
    if (!published_only && (!am.introduced_known || am.series.empty()))
      semver.insert(semver.begin(), json{{"version", "0"}, {"lessThan", oldest}, {"status", "affected"},
                                         {"versionType", "semver"}});
    semver.push_back({{"version", am.main_fixed}, {"lessThanOrEqual", "*"}, {"status", "unaffected"},
                      {"versionType", "semver"}});
  }
  if (!semver.empty()) {
    json e = base;
    e["defaultStatus"] = from_tags ? "unknown" : unlisted;
    e["versions"] = semver;
    affected.push_back(e);
  }
  if (affected.empty()) {
    // Nothing known about fixes or versions: say so.
    json e = base;
    e["defaultStatus"] = "unknown";
    affected.push_back(e);
  }

  json cna = {{"providerMetadata", {{"orgId", org}}},
              {"title", title.empty() ? cve : title},
              {"descriptions", json::array({{{"lang", "en"}, {"value", description}}})},
              {"affected", affected}};
  if (!c.cna.short_name.empty()) cna["providerMetadata"]["shortName"] = c.cna.short_name;
  if (!a.cwes.empty()) {
    json d = json::array();
    for (const std::string& w : a.cwes)
      d.push_back({{"lang", "en"}, {"cweId", w}, {"description", w}, {"type", "CWE"}});
    cna["problemTypes"] = json::array({{{"descriptions", d}}});
  }
  if (!a.cvss.empty()) {
    auto [key, metric] = CvssMetric(a.cvss);
    if (!key.empty()) cna["metrics"] = json::array({{{"format", "CVSS"}, {key, metric}}});
  }
  if (!a.credits.empty()) {
    json cr = json::array();
    for (const Credit& k : a.credits) cr.push_back({{"lang", "en"}, {"value", k.name}, {"type", k.type}});
    cna["credits"] = cr;
  }
  cna["references"] = Cve5References(a, c, am, cve);
  if (json timeline = Cve5Timeline(a, history); !timeline.empty()) cna["timeline"] = timeline;
  if (a.public_on) cna["datePublic"] = IsoDate(*a.public_on);
  cna["source"] = {{"discovery", a.reporter.empty() ? "UNKNOWN" : "EXTERNAL"}};
  cna["x_generator"] = {{"engine", "psirt"}};

  json meta = {{"cveId", cve}, {"assignerOrgId", org}, {"state", "PUBLISHED"}};
  if (!c.cna.short_name.empty()) meta["assignerShortName"] = c.cna.short_name;
  if (a.public_on) meta["datePublished"] = IsoDate(*a.public_on);
  json rec = {{"dataType", "CVE_RECORD"}, {"dataVersion", "5.1"}, {"cveMetadata", meta},
              {"containers", {{"cna", cna}}}};
  return rec;
}

namespace {

// A title for a record without one: its description's first line, else
// first sentence, else its start cut at a word.
std::string TitleFromDescription(const std::string& d) {
  std::string first = CollapseSpaces(d.substr(0, d.find('\n')));
  if (Utf8Length(first) <= text::kTitle.max_chars) return first;
  size_t dot = first.find(". ");
  if (dot != std::string::npos && dot + 1 <= 250) return first.substr(0, dot + 1);
  size_t cut = first.rfind(' ', 240);
  first = first.substr(0, cut == std::string::npos ? 240 : cut);
  while (!first.empty() && (static_cast<unsigned char>(first.back()) & 0xC0) == 0x80) first.pop_back();
  if (!first.empty() && static_cast<unsigned char>(first.back()) >= 0xC0) first.pop_back();
  return first + " ...";
}

using RecordError = std::function<Status(const std::string& path, const std::string& what)>;

// The first scorable CVSS metric (v4.0 before v3.1, v3.0, v2.0).
Status ReadMetrics(const json& cna, ev::Imported& f, const RecordError& bad, std::vector<std::string>* warnings) {
  for (const auto& m : cna.value("metrics", json::array())) {
    for (const char* key : {"cvssV4_0", "cvssV3_1", "cvssV3_0", "cvssV2_0"}) {
      if (!m.is_object() || !m.contains(key) || !m[key].is_object() || !m[key].contains("vectorString") ||
          !m[key]["vectorString"].is_string())
        continue;
      std::string v = m[key]["vectorString"];
      auto s = ScoreCvss(v);
      if (!s.ok()) return bad("/containers/cna/metrics", "bad CVSS vector '" + v + "': " + s.status().message());
      double computed = s->score;
      f.cvss = v;
      f.cvss_score = computed;
      if (warnings && m[key].contains("baseScore") && m[key]["baseScore"].is_number() &&
          std::abs(m[key]["baseScore"].get<double>() - computed) > 0.05) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "the record's CVSS base score %.1f disagrees with its vector, which scores %.1f: "
                                       "the vector's score is kept",
                      m[key]["baseScore"].get<double>(), computed);
        warnings->push_back(buf);
      }
      f.cvss_severity = std::string(s->severity);
      f.cvss_version = std::string(CvssVersionName(s->version));
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status ReadCwesAndCredits(const json& cna, ev::Imported& f, const RecordError& bad) {
  std::vector<std::string> cwes;
  for (const auto& pt : cna.value("problemTypes", json::array()))
    for (const auto& d : pt.value("descriptions", json::array()))
      if (d.is_object() && d.contains("cweId") && d["cweId"].is_string()) {
        std::string id = d["cweId"];
        if (Status st = CheckCweId(id); !st.ok()) return bad("/containers/cna/problemTypes", st.message());
        if (std::find(cwes.begin(), cwes.end(), id) == cwes.end()) cwes.push_back(id);
      }
  if (!cwes.empty()) f.cwes = cwes;
  std::vector<Credit> credits;
  for (const auto& k : cna.value("credits", json::array()))
    if (k.is_object() && k.contains("value") && k["value"].is_string()) {
      std::string name = CollapseSpaces(k["value"].get<std::string>());
      if (Status st = CheckText(text::kCredit, name); !st.ok()) return bad("/containers/cna/credits", st.message());
      std::string type = k.contains("type") && k["type"].is_string() ? k["type"].get<std::string>() : std::string(kDefaultCreditType);
      auto t = NormalizeCreditType(type);
      if (!t.ok()) return bad("/containers/cna/credits", t.status().message());
      Credit c{name, *t};
      if (std::none_of(credits.begin(), credits.end(),
                       [&](const Credit& x) { return x.name == c.name && x.type == c.type; }))
        credits.push_back(c);
    }
  if (!credits.empty()) f.credits = credits;
  return Status::Ok();
}

Status ReadReferences(const json& cna, ev::Imported& f, const RecordError& bad) {
  std::vector<Reference> refs;
  std::string ghsa;
  for (const auto& x : cna.value("references", json::array())) {
    if (!x.is_object() || !x.contains("url") || !x["url"].is_string()) continue;
    std::string url = x["url"];
    if (Status st = CheckText(text::kUrl, url); !st.ok()) return bad("/containers/cna/references", st.message());
    std::string name = x.contains("name") && x["name"].is_string() ? x["name"].get<std::string>() : "";
    if (Status st = CheckText(TextRule{"reference name", false, 512}, name); !st.ok())
      return bad("/containers/cna/references", st.message());
    // A GHSA advisory link: only a well-formed id is taken.
    size_t g = url.find("/GHSA-");
    if (g != std::string::npos && ghsa.empty()) {
      std::string id = url.substr(g + 1, 19);
      if (CheckGhsaId(id).ok()) ghsa = id;
    }
    refs.push_back({"record", name, url});
  }
  f.references = refs;
  if (!ghsa.empty()) f.ghsa = ghsa;
  return Status::Ok();
}

}  // namespace

Result<ev::Imported> Cve5ToImportFields(const json& r, const std::string& file, std::vector<std::string>* warnings) {
  RecordError bad = [&](const std::string& path, const std::string& what) {
    return Status::Invalid(file + ": " + path + ": " + what);
  };
  if (!r.is_object()) return bad("/", "expected a CVE record object");
  if (r.value("dataType", "") != "CVE_RECORD") return bad("/dataType", "expected \"CVE_RECORD\"");
  const json* meta = r.contains("cveMetadata") ? &r["cveMetadata"] : nullptr;
  if (!meta || !meta->is_object() || !(*meta).contains("cveId") || !(*meta)["cveId"].is_string())
    return bad("/cveMetadata/cveId", "expected the CVE id");
  std::string cve = (*meta)["cveId"];
  if (Status st = CheckCveId(cve); !st.ok()) return bad("/cveMetadata/cveId", st.message());
  if (!r.contains("containers") || !r["containers"].is_object() || !r["containers"].contains("cna") ||
      !r["containers"]["cna"].is_object())
    return bad("/containers/cna", "expected the CNA container");
  const json& cna = r["containers"]["cna"];
  ev::Imported f;
  f.format = "cve5";
  f.file = std::filesystem::path(file).filename().string();
  f.cve = cve;
  if (meta->contains("assignerShortName") && (*meta)["assignerShortName"].is_string()) {
    f.assigner = (*meta)["assignerShortName"].get<std::string>();
    if (Status st = CheckText(TextRule{"assignerShortName", false, 32}, *f.assigner); !st.ok())
      return bad("/cveMetadata/assignerShortName", st.message());
  }
  std::string state = meta->value("state", "");
  if (state == "PUBLISHED") f.state = State::kPublic;
  else if (state == "REJECTED") f.state = State::kRejected;
  else return bad("/cveMetadata/state", "expected \"PUBLISHED\" or \"REJECTED\", got '" + state + "'");
  if (meta->contains("datePublished")) {
    const json& dp = (*meta)["datePublished"];
    auto day = Date::Parse(dp.is_string() ? dp.get<std::string>().substr(0, 10) : "");
    if (!day.ok()) return bad("/cveMetadata/datePublished", "expected an ISO 8601 date-time");
    f.public_on = *day;
  }
  if (cna.contains("title") && cna["title"].is_string()) f.title = CollapseSpaces(cna["title"].get<std::string>());
  for (const auto& d : cna.value("descriptions", json::array()))
    if (d.is_object() && d.value("lang", "").rfind("en", 0) == 0 && d.contains("value") && d["value"].is_string()) {
      std::string text = d["value"];
      // CVE descriptions may use CR LF; psirt keeps line feeds.
      text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
      f.description = text;
      break;
    }
  if (!f.title) f.title = TitleFromDescription(f.description.value_or(""));
  if (Status st = CheckText(text::kTitle, *f.title); !st.ok()) return bad("/containers/cna/title", st.message());
  if (f.description)
    if (Status st = CheckText(text::kDescription, *f.description); !st.ok())
      return bad("/containers/cna/descriptions", st.message());
  PSIRT_RETURN_IF_ERROR(ReadCwesAndCredits(cna, f, bad));
  PSIRT_RETURN_IF_ERROR(ReadMetrics(cna, f, bad, warnings));
  PSIRT_RETURN_IF_ERROR(ReadReferences(cna, f, bad));
  return f;
}

}  // namespace psirt
