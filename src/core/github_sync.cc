// GitHub sync rules (see github_sync.h).
#include "core/github_sync.h"
#include "core/identifiers.h"

#include <algorithm>
#include <regex>

#include "base/strings.h"
#include "core/versions.h"

namespace psirt {

using nlohmann::json;

std::string_view GhsaStateClass(std::string_view s) { return s == "withdrawn" ? "closed" : s; }

std::string_view GhsaStateOf(State s) {
  switch (s) {
    case State::kNew: return "triage";
    case State::kPublic: return "published";
    case State::kRejected: return "closed";
    default: return "draft";
  }
}

bool IsGhsaState(std::string_view s) {
  return s == "triage" || s == "draft" || s == "published" || s == "closed" || s == "withdrawn";
}

std::optional<State> StateForGhsa(std::string_view ghsa_state, State current) {
  std::string_view want = GhsaStateClass(ghsa_state);
  if (want == GhsaStateOf(current)) return std::nullopt;
  if (want == "draft") return State::kTriage;  // accepted on GitHub: psirt triages it
  if (want == "published") return State::kPublic;
  if (want == "closed") return State::kRejected;
  return std::nullopt;  // "triage": a GHSA never goes back; psirt keeps its state
}

Status CheckGithubRepo(std::string_view repo) {
  static const std::regex kRepo("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
  std::string r(repo);
  if (!std::regex_match(r, kRepo) || r.find("..") != std::string::npos)
    return Status::Usage("repository: expected OWNER/NAME (letters, digits, '.', '-', '_'), got '" +
                         EscapeControls(r.substr(0, 120), false) + "'");
  return Status::Ok();
}

Status CheckGhsaIdForApi(std::string_view id) {
  static const std::regex kGhsa("GHSA(-[0-9a-z]{4}){3}");
  std::string s(id);
  if (!std::regex_match(s, kGhsa))
    return Status::Usage("GHSA id: expected GHSA-xxxx-xxxx-xxxx, got '" + EscapeControls(s.substr(0, 60), false) + "'");
  return Status::Ok();
}

bool IsSyncField(std::string_view field) {
  for (const char* f : kSyncFieldNames)
    if (field == f) return true;
  return false;
}

namespace {

// psirt's credit types are CVE 5's ("remediation developer"); GitHub's use
// underscores.
std::string GhsaCreditType(std::string_view t) {
  std::string s = ToLowerAscii(t);
  std::replace(s.begin(), s.end(), ' ', '_');
  return s;
}

json CreditsValue(std::vector<std::pair<std::string, std::string>> v) {
  std::sort(v.begin(), v.end());
  json out = json::array();
  for (auto& [login, type] : v) out.push_back({{"login", login}, {"type", type}});
  return out;
}

json Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

bool Empty(const json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().empty()) || (v.is_array() && v.empty());
}

}  // namespace

SyncFields FieldsOfGhsa(const Ghsa& g) {
  std::vector<std::pair<std::string, std::string>> credits;
  for (const GhsaCredit& c : g.credits) credits.push_back({c.login, GhsaCreditType(c.type)});
  return {{"summary", g.summary},
          {"description", g.description},
          {"cve_id", g.cve_id},
          {"severity", ToLowerAscii(g.severity)},
          {"cvss", g.cvss_v4.empty() ? g.cvss_v3 : g.cvss_v4},
          {"cwe_ids", Sorted(g.cwe_ids)},
          {"credits", CreditsValue(credits)},
          {"state", std::string(GhsaStateClass(g.state))}};
}

SyncFields FieldsOfAdvisory(const Advisory& a) {
  std::vector<std::pair<std::string, std::string>> credits;
  for (const Credit& c : a.credits) credits.push_back({c.name, GhsaCreditType(c.type)});
  std::string severity = ToLowerAscii(a.cvss_severity);
  if (severity == "none") severity.clear();
  return {{"summary", a.title},
          {"description", a.description},
          {"cve_id", a.cve_id},
          {"severity", severity},
          {"cvss", a.cvss},
          {"cwe_ids", Sorted(a.cwes)},
          {"credits", CreditsValue(credits)},
          {"state", std::string(GhsaStateOf(a.state))}};
}

Reconciled Reconcile(const json& base, const SyncFields& ours, const SyncFields& theirs) {
  Reconciled r;
  for (const auto& [field, their] : theirs) {
    auto o = ours.find(field);
    const json our = o == ours.end() ? json() : o->second;
    const bool has_base = base.is_object() && base.contains(field);
    const json b = has_base ? base[field] : json();
    if (our == their) {
      r.base[field] = their;
    } else if (has_base && their == b) {
      r.base[field] = b;  // psirt changed it: the push sends it
    } else if ((has_base && our == b) || (!has_base && Empty(our))) {
      r.take[field] = their;
      r.base[field] = their;
    } else if (!has_base && Empty(their)) {
      r.base[field] = their;  // GitHub has nothing yet: psirt's value is pushed
    } else {
      if (has_base) r.base[field] = b;
      r.conflicts.push_back({field, our, their});
    }
  }
  return r;
}

std::vector<FieldChange> PushChanges(const json& base, const SyncFields& ours, const SyncFields& theirs,
                                     const std::map<std::string, FieldConflict>& open_conflicts) {
  std::vector<FieldChange> out;
  for (const auto& [field, our] : ours) {
    auto t = theirs.find(field);
    if (t == theirs.end() || t->second == our || open_conflicts.count(field)) continue;
    const bool has_base = base.is_object() && base.contains(field);
    // GitHub changed it too (or it was never synced and GitHub has a value): a pull decides first.
    if (has_base ? t->second != base[field] : !Empty(t->second)) continue;
    if (field == "state") {
      std::string to = our.get<std::string>();
      if (to != "draft" && to != "closed") continue;
      if (to == "draft" && t->second != "triage") continue;  // only a report's acceptance
    }
    if (Empty(our) && field != "state") continue;  // GitHub's value is not erased
    out.push_back({field, t->second, our});
  }
  return out;
}

std::vector<GhsaVulnerability> VulnerabilitiesFromFix(const ReleaseModel& m, const std::vector<std::string>& fixed_in,
                                                      const std::vector<GhsaVulnerability>& existing,
                                                      const std::string& package) {
  std::vector<Version> versions;
  for (const std::string& tag : fixed_in)
    if (auto v = ReleaseTagVersion(m, tag, false); v && !v->IsPreRelease()) versions.push_back(*v);
  std::sort(versions.begin(), versions.end());
  versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
  GhsaVulnerability shape;
  shape.ecosystem = "other";
  shape.package = package;
  if (!existing.empty()) {
    shape.ecosystem = existing.front().ecosystem;
    shape.package = existing.front().package;
    shape.vulnerable_functions = existing.front().vulnerable_functions;
  }
  auto str = [](const Version& v) {
    return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
  };
  std::vector<GhsaVulnerability> out;
  for (size_t i = 0; i < versions.size(); ++i) {
    if (i > 0 && versions[i].SameSeries(versions[i - 1])) continue;  // the lowest of a series
    GhsaVulnerability v = shape;
    if (out.empty()) {
      v.vulnerable_version_range = "< " + str(versions[i]);
    } else {
      Version from = versions[i - 1];
      // The series after the previous fix's: versions between are its own,
      // patched; a new minor (or major) series starts vulnerable.
      Version start{from.major, from.minor + 1, 0, ""};
      if (versions[i].major != from.major) start = Version{versions[i].major, 0, 0, ""};
      if (!(start < versions[i])) continue;  // nothing of that series was released unfixed
      v.vulnerable_version_range = ">= " + str(start) + ", < " + str(versions[i]);
    }
    v.patched_versions = str(versions[i]);
    out.push_back(std::move(v));
  }
  return out;
}

json VulnerabilitiesToJson(const std::vector<GhsaVulnerability>& v) {
  json out = json::array();
  for (const GhsaVulnerability& x : v)
    out.push_back({{"package", {{"ecosystem", x.ecosystem}, {"name", x.package}}},
                   {"vulnerable_version_range", x.vulnerable_version_range},
                   {"patched_versions", x.patched_versions},
                   {"vulnerable_functions", x.vulnerable_functions}});
  return out;
}

std::optional<std::vector<Fix>> FixesForPull(const std::vector<Fix>& fixes, const PullRequest& pr) {
  if (pr.base_ref.empty()) return std::nullopt;
  const std::string n = std::to_string(pr.number);
  std::vector<Fix> out;
  bool changed = false, present = false;
  for (const Fix& f : fixes) {
    if (f.kind == Fix::Kind::kPr && f.ref == n) {
      if (present) {  // the same PR linked twice: once is enough, on its base
        changed = true;
        continue;
      }
      present = true;
      if (f.branch != pr.base_ref) {
        Fix g = f;
        g.branch = pr.base_ref;
        g.label.clear();
        out.push_back(g);
        changed = true;
        continue;
      }
    }
    out.push_back(f);
  }
  if (!present) {
    Fix f;
    f.kind = Fix::Kind::kPr;
    f.ref = n;
    f.branch = pr.base_ref;
    f.url = pr.html_url;
    out.push_back(f);
    changed = true;
  }
  if (!changed) return std::nullopt;
  return out;
}

namespace {

const std::regex& BackportPattern() {
  static const std::regex kBackport(R"((?:backport(?:s|ed)?(?: of)?|cherry[- ]picked from)[^\n#]{0,80}#([0-9]+))",
                                    std::regex::icase);
  return kBackport;
}

void AddOnce(std::vector<std::string>& v, std::string x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(std::move(x));
}

}  // namespace

bool PullMentions(const PullRequest& pr, const std::vector<std::string>& linked, const std::string& advisory_id,
                  const std::string& ghsa_id) {
  PullReferences refs = ReferencesIn(pr);
  auto has = [](const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); };
  if (!advisory_id.empty() && has(refs.advisory_ids, advisory_id)) return true;
  if (!ghsa_id.empty() && has(refs.ghsa_ids, "GHSA" + ToLowerAscii(ghsa_id).substr(4))) return true;
  return std::any_of(linked.begin(), linked.end(), [&](const std::string& n) { return has(refs.backports, n); });
}

PullReferences ReferencesIn(const PullRequest& pr) {
  PullReferences refs;
  std::string text = pr.title + "\n" + pr.body;
  for (std::sregex_iterator it(text.begin(), text.end(), BackportPattern()), end; it != end; ++it)
    AddOnce(refs.backports, (*it)[1].str());
  // GHSA ids in any case, as one word.
  std::string lower = ToLowerAscii(text);
  static const std::regex kGhsa(R"((?:^|[^a-z0-9-])(ghsa(?:-[23456789cfghjmpqrvwx]{4}){3})(?![a-z0-9]))");
  for (std::sregex_iterator it(lower.begin(), lower.end(), kGhsa), end; it != end; ++it)
    AddOnce(refs.ghsa_ids, "GHSA" + (*it)[1].str().substr(4));
  // Advisory ids as whole words; a prefix with hyphens may follow other
  // text joined by one (see-ZEPHYR-2026-0001), so each tail that is an id counts.
  static const std::regex kId(R"((?:^|[^A-Za-z0-9_-])([A-Za-z][A-Za-z0-9-]*-[0-9]{4}-[0-9]{4,})(?![A-Za-z0-9_]))");
  for (std::sregex_iterator it(text.begin(), text.end(), kId), end; it != end; ++it) {
    std::string word = (*it)[1].str();
    for (size_t start = 0;;) {
      std::string tail = word.substr(start);
      // GitHub's own ids are not advisory ids, whatever their digits.
      if (ParseAdvisoryId(tail) && !EqualsIgnoreCaseAscii(tail.substr(0, 5), "GHSA-")) AddOnce(refs.advisory_ids, tail);
      size_t dash = word.find('-', start);
      if (dash == std::string::npos) break;
      start = dash + 1;
    }
  }
  return refs;
}

}  // namespace psirt
