// Advisory <-> vulnerabilities page entry.
#include "formats/advisory_rst.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "base/strings.h"
#include "core/policy.h"
#include "core/versions.h"

namespace psirt {

namespace {

// "v2.3", "2.2.0", "1.14.x" at `pos` of `s`: its parts (patch -1 when not
// given or "x"); the position after it.
struct VersionToken {
  int major = 0, minor = 0, patch = -1;
  size_t end = 0;
};

std::vector<VersionToken> VersionTokens(const std::string& s) {
  static const std::regex kVersion(R"((^|[^0-9A-Za-z.])v?([0-9]{1,4})\.([0-9]{1,4})(?:\.([0-9]{1,4}|x))?(?![0-9]))");
  std::vector<VersionToken> out;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kVersion); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    VersionToken t;
    t.major = std::stoi(m[2]);
    t.minor = std::stoi(m[3]);
    if (m[4].matched && m[4] != "x") t.patch = std::stoi(m[4]);
    t.end = static_cast<size_t>(m.position(0) + m.length(0));
    out.push_back(t);
  }
  return out;
}

std::string SeriesBranch(const ReleaseModel& m, const VersionToken& t) {
  return FormatVersionPattern(m.branch_pattern, Version{t.major, t.minor, 0, ""});
}
std::string TagOf(const ReleaseModel& m, const VersionToken& t) {
  return FormatVersionPattern(m.tag_pattern, Version{t.major, t.minor, t.patch < 0 ? 0 : t.patch, ""});
}

std::string Lower(std::string s) {
  s = ToLowerAscii(s);
  return s;
}

void AddUnique(std::vector<std::string>& v, const std::string& x) {
  if (!x.empty() && std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

}  // namespace

FixTarget ParseFixLabel(const ReleaseModel& m, const std::string& label) {
  FixTarget t;
  std::string l = Lower(Trim(label));
  // "main (to be fixed in v2.3.0)": the parenthesis names the release.
  std::string paren;
  if (size_t open = l.find('('); open != std::string::npos) {
    paren = l.substr(open);
    l = Trim(l.substr(0, open));
  }
  bool main = l == "main" || l == "master" || l == Lower(m.main_branch) || l.rfind("main ", 0) == 0 ||
              l.rfind("master ", 0) == 0;
  std::vector<VersionToken> v = VersionTokens(l);
  if (main) {
    t.branch = m.main_branch;
    std::vector<VersionToken> pv = VersionTokens(paren);
    if (!v.empty()) t.release = TagOf(m, v.front());
    else if (!pv.empty() && paren.find("fixed in") != std::string::npos) t.release = TagOf(m, pv.front());
    return t;
  }
  if (v.size() != 1) return t;  // names no single series: unknown
  t.branch = SeriesBranch(m, v.front());
  // "v2.2.0", "v1.14.2": a release is named; "3.6", "1.14.x", "branch from v2.1.0" name the branch.
  if (v.front().patch >= 0 && l.find("branch") == std::string::npos) t.release = TagOf(m, v.front());
  return t;
}

FixStatement ParseFixStatement(const ReleaseModel& m, const std::string& sentence) {
  FixStatement out;
  std::string s = Lower(sentence);
  enum class Mode { kNone, kRelease, kBranch, kMain } mode = Mode::kNone;
  static const std::regex kWord(R"(v?[0-9]{1,4}\.[0-9]{1,4}(?:\.(?:[0-9]{1,4}|x))?|[a-z]+)");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kWord); it != std::sregex_iterator(); ++it) {
    std::string w = it->str();
    if (w == "release" || w == "releases" || w == "included") mode = Mode::kRelease;
    else if (w == "branch" || w == "branches") mode = Mode::kBranch;
    else if (w == "main" || w == "master") mode = Mode::kMain;
    else if (std::isdigit(static_cast<unsigned char>(w.back())) || w.back() == 'x') {
      std::vector<VersionToken> v = VersionTokens(w);
      if (v.empty()) continue;
      if (mode == Mode::kBranch) AddUnique(out.branches, SeriesBranch(m, v[0]));
      else if (mode == Mode::kRelease || mode == Mode::kMain) AddUnique(out.releases, TagOf(m, v[0]));
    }
  }
  return out;
}

std::string NotAVulnerabilityReason(const RstEntry& e) {
  if (!e.fixes.empty() || e.embargoed) return "";
  static const std::regex kNot(R"((false positive|not a (security )?vulnerability|not a security issue|rejected|withdrawn|duplicate of))",
                               std::regex::icase);
  for (const std::string& text : {e.notes, e.fixed_statement, e.title})
    if (std::regex_search(text, kNot)) {
      std::string reason = Trim(text);
      if (reason.rfind("- ", 0) == 0) reason = Trim(reason.substr(2));
      return OneLine(reason);
    }
  return "";
}

bool OnVulnerabilityPage(const Advisory& a) {
  if (a.cve_id.empty()) return false;
  if (a.state == State::kPublic) return true;
  if (a.state == State::kRejected) return !a.published_text.empty();
  return true;  // embargoed: the placeholder
}

RstEntry AdvisoryToRstEntry(const Advisory& a, const WorkspaceConfig& c, bool draft) {
  RstEntry e;
  e.cve = a.cve_id;
  if (!draft && IsOpen(a.state) && !a.cve_id.empty()) {
    e.embargoed = true;
    e.embargo_until = DateOr(DeadlinesOf(c.policy, a).embargo_ends, "");
    return e;
  }
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
  if (a.fix_facts && a.fix_facts->main_first_release) e.fixed_release = *a.fix_facts->main_first_release;
  if (e.fixed_release.empty()) e.fixed_statement = a.fixed_statement;
  for (const Fix& f : a.fixes) {
    std::string label = !f.label.empty() ? f.label : LabelForBranch(c.releases, f.branch.empty() ? c.releases.main_branch : f.branch);
    e.fixes.push_back({f.kind == Fix::Kind::kPr ? RstFix::Kind::kPr : RstFix::Kind::kCommit, f.ref, label, FixUrl(c, f)});
  }
  e.notes = a.page_notes;
  if (draft) e.title = "DRAFT: " + (e.title.empty() ? (a.cve_id.empty() ? a.id : a.cve_id) : e.title);
  return e;
}

Result<ev::Imported> RstEntryToImportFields(const RstEntry& e, const WorkspaceConfig& c) {
  ev::Imported f;
  f.format = "zephyr-rst";
  f.cve = e.cve;
  if (e.embargoed) {
    if (!e.embargo_until.empty()) {
      auto d = Date::Parse(e.embargo_until);
      if (!d.ok()) return Status::Invalid(e.cve + ": bad embargo date '" + e.embargo_until + "': " + d.status().message());
      f.embargo_ends = *d;
    }
    return f;
  }
  std::vector<Reference> refs;
  std::string ghsa;
  for (const RstLink& t : e.trackers) {
    refs.push_back({"tracker", t.text, t.url});
    if (ghsa.empty() && t.text.rfind("GHSA-", 0) == 0) ghsa = t.text;
  }
  for (const RstLink& l : e.links) refs.push_back({"link", l.text, l.url});
  std::vector<Fix> fixes;
  for (const RstFix& x : e.fixes) {
    FixTarget t = ParseFixLabel(c.releases, x.label);
    fixes.push_back(Fix{x.kind == RstFix::Kind::kPr ? Fix::Kind::kPr : Fix::Kind::kCommit, x.ref, t.branch, x.label,
                        x.url, t.release});
  }
  FixStatement st;
  if (!e.fixed_release.empty()) st.releases.push_back(e.fixed_release);
  if (!e.fixed_statement.empty()) {
    FixStatement more = ParseFixStatement(c.releases, e.fixed_statement);
    for (const std::string& r : more.releases) AddUnique(st.releases, r);
    st.branches = more.branches;
  }
  f.title = e.title;
  f.description = e.description;
  f.ghsa = ghsa;
  f.state = State::kPublic;
  f.fixes = fixes;
  f.references = refs;
  f.fixed_release = e.fixed_release;
  f.fixed_releases = st.releases;
  f.fixed_branches = st.branches;
  f.fixed_statement = e.fixed_statement;
  f.page_notes = e.notes;
  if (std::string reason = NotAVulnerabilityReason(e); !reason.empty()) {
    f.state = State::kRejected;
    f.reason = reason;
  }
  return f;
}

}  // namespace psirt
