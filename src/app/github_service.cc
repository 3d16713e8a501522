// GitHub sync use cases (see github_service.h).
#include "app/github_service.h"


#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "core/cvss/cvss.h"
#include "core/identifiers.h"
#include "core/text_rules.h"
#include "formats/github_json.h"

namespace psirt {

using nlohmann::json;
using Draft = AdvisoryService::Draft;

namespace {

constexpr const char* kCachePrefix = "github-http:";

std::string AdvisoriesPath(const std::string& repo) { return "/repos/" + repo + "/security-advisories"; }

std::string Capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string ShownJson(const json& v) {
  std::string s = v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump();
  return TruncateUtf8(OneLine(EscapeControls(s, false)), 80);
}

// The `imported` payload for fields taken from GitHub, each checked by
// psirt's own rules (a GHSA summary longer than a title can be is an error
// naming it, never truncated: a truncated value would look like psirt's change).
Result<ev::Imported> TakenPayload(const SyncFields& take, const Ghsa& g, const Advisory& a) {
  ev::Imported p;
  p.format = "github";
  p.file = g.html_url.empty() ? g.ghsa_id : g.html_url;
  if (a.ghsa_id != g.ghsa_id) p.ghsa = g.ghsa_id;
  auto field_error = [&](const std::string& field, const Status& st) {
    return Status::Invalid(g.ghsa_id + " " + field + ": " + st.message());
  };
  for (const auto& [field, v] : take) {
    if (field == "summary") {
      if (Status st = CheckText(text::kTitle, v.get<std::string>()); !st.ok()) return field_error(field, st);
      p.title = v.get<std::string>();
    } else if (field == "description") {
      if (Status st = CheckText(text::kDescription, v.get<std::string>()); !st.ok()) return field_error(field, st);
      p.description = v.get<std::string>();
    } else if (field == "cve_id") {
      std::string cve = v.get<std::string>();
      if (!cve.empty())
        if (Status st = CheckCveId(cve); !st.ok()) return field_error(field, st);
      p.cve = cve;
    } else if (field == "cwe_ids") {
      for (const auto& c : v)
        if (Status st = CheckCweId(c.get<std::string>()); !st.ok()) return field_error(field, st);
      p.cwes = v.get<std::vector<std::string>>();
    } else if (field == "credits") {
      std::vector<Credit> credits;
      json given = v;
      if (!g.credits.empty()) {  // GitHub's order, not the sorted comparison value
        given = json::array();
        for (const GhsaCredit& c : g.credits) given.push_back({{"login", c.login}, {"type", c.type}});
      }
      for (const auto& c : given) {
        std::string type = c.value("type", "other");
        std::replace(type.begin(), type.end(), '_', ' ');
        if (Status st = CheckText(TextRule{"credit", false, 256}, c.value("login", "")); !st.ok())
          return field_error(field, st);
        credits.push_back({c.value("login", ""), type});
      }
      p.credits = credits;
    } else if (field == "cvss") {
      std::string vector = v.get<std::string>();
      p.cvss = vector;
      if (vector.empty()) {
        p.cvss_version = "";
      } else {
        auto score = ScoreCvss(vector);
        if (!score.ok()) return field_error(field, score.status());
        p.cvss_score = score->score;
        p.cvss_version = std::string(CvssVersionName(score->version));
        p.cvss_severity = std::string(score->severity);
      }
    }
  }
  // After the vector's computed severity: GitHub's word for it wins.
  if (auto sev = take.find("severity"); sev != take.end()) p.cvss_severity = Capitalized(sev->second.get<std::string>());
  return p;
}

// The move GitHub's state asks for, or nothing. Published before the
// embargo ended (by GitHub's published_at, else updated_at, else
// `fallback`) records why it was early.
std::optional<Draft> StateDraft(const Ghsa& g, const Advisory& a, const AdvisoryService& adv, Date fallback,
                                bool cve_taken) {
  std::optional<State> to = StateForGhsa(g.state, a.state);
  if (!to) return std::nullopt;
  ev::Moved m{a.state, *to, "GitHub: " + g.ghsa_id + " is " + g.state};
  if (*to == State::kPublic) {
    if (a.cve_id.empty() && !cve_taken) m.no_cve_reason = "published on GitHub without a CVE id";
    Date on = fallback;
    if (auto t = Timestamp::Parse(g.published_at); t.ok()) on = t->date();
    else if (auto u = Timestamp::Parse(g.updated_at); u.ok()) on = u->date();
    Deadlines d = adv.DeadlinesOf(a);
    if (d.embargo_ends && on < *d.embargo_ends) m.early_reason = "published on GitHub";
  }
  return Draft{m};
}

json ConflictsJson(const std::vector<FieldConflict>& v) {
  json out = json::object();
  for (const FieldConflict& c : v) out[c.field] = {{"ours", c.ours}, {"theirs", c.theirs}};
  return out;
}

std::map<std::string, FieldConflict> OpenConflicts(const Advisory& a) {
  std::map<std::string, FieldConflict> out;
  for (auto it = a.github.conflicts.begin(); it != a.github.conflicts.end(); ++it)
    out[it.key()] = {it.key(), it->value("ours", json()), it->value("theirs", json())};
  return out;
}

std::string RepoName(const std::string& repo) {
  size_t slash = repo.find('/');
  return slash == std::string::npos ? repo : repo.substr(slash + 1);
}

}  // namespace

std::optional<CachedAnswer> StoreAnswerCache::Get(const std::string& url) {
  std::optional<CachedAnswer> out;
  (void)store_.Read([&](StoreTx& tx) -> Status {
    auto blob = tx.GetBlob(kCachePrefix + url);
    if (!blob.ok() || !*blob) return Status::Ok();
    json j = json::parse(**blob, nullptr, false);
    if (j.is_object())
      out = CachedAnswer{j.value("etag", ""), j.value("link", ""), j.value("body", "")};
    return Status::Ok();
  });
  return out;
}

void StoreAnswerCache::Put(const std::string& url, const CachedAnswer& a) {
  json j = {{"etag", a.etag}, {"link", a.link}, {"body", a.body}};
  // Best effort: a cache that cannot be written costs a full answer next time.
  (void)store_.Write([&](StoreTx& tx) { return tx.PutBlob(kCachePrefix + url, j.dump()); });
}

std::string GithubService::RepoOf(const Advisory& a) const {
  return a.github.repo.empty() ? adv_.config().github.repo : a.github.repo;
}

Result<std::optional<std::string>> GithubService::FindByGhsa(const std::string& ghsa_id) {
  std::optional<std::string> found;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(found, tx.FindByGhsa(ghsa_id));  // the projection's index
    return Status::Ok();
  }));
  return found;
}

Status GithubService::SyncOne(const std::string& repo, const Ghsa& g, const std::optional<std::string>& existing,
                              GithubPullReport& report) {
  const SyncFields theirs = FieldsOfGhsa(g);
  const json facts = GhsaFacts(g);
  if (!existing) {
    ReportRequest req;
    req.title = g.summary.empty() ? g.ghsa_id : g.summary;
    req.description = g.description;
    if (g.private_report) req.reporter.name = g.author;
    if (auto t = Timestamp::Parse(g.created_at); t.ok()) req.reported_on = t->date();
    req.source = "github";
    if (Status st = CheckText(text::kTitle, req.title); !st.ok())
      return Status::Invalid(g.ghsa_id + " summary: " + st.message());
    if (Status st = CheckText(text::kDescription, req.description); !st.ok())
      return Status::Invalid(g.ghsa_id + " description: " + st.message());
    SyncFields take = theirs;
    take.erase("summary");
    take.erase("description");
    take.erase("state");
    auto created = adv_.CreateWith(kGithubActor, req, [&](const Advisory& a) -> Result<std::vector<Draft>> {
      std::vector<Draft> d;
      PSIRT_ASSIGN_OR_RETURN(ev::Imported p, TakenPayload(take, g, a));
      d.push_back(p);
      if (auto m = StateDraft(g, a, adv_, a.updated_at.date(), !g.cve_id.empty())) d.push_back(*m);
      ev::Github gh;
      gh.repo = repo;
      gh.base = json(theirs);
      gh.facts = facts;
      gh.conflicts = json::object();
      d.push_back(gh);
      return d;
    });
    if (!created.ok()) return created.status();
    ++report.created;
    report.ids.push_back(created->advisory.id);
    report.changes.push_back(created->advisory.id + " (" + g.ghsa_id + "): created from GitHub (" + g.state + ")");
    return Status::Ok();
  }
  std::vector<std::string> taken;
  std::vector<FieldConflict> conflicts;
  auto changed = adv_.Record(kGithubActor, *existing, Action::kManage, [&](const Advisory& a) -> Result<std::vector<Draft>> {
    taken.clear();
    const Reconciled r = Reconcile(a.github.base, FieldsOfAdvisory(a), theirs);
    conflicts = r.conflicts;
    std::vector<Draft> d;
    SyncFields fields = r.take;
    fields.erase("state");
    if (!fields.empty() || a.ghsa_id != g.ghsa_id) {
      PSIRT_ASSIGN_OR_RETURN(ev::Imported p, TakenPayload(fields, g, a));
      d.push_back(p);
    }
    for (const auto& [f, v] : r.take) taken.push_back(f);
    if (r.take.count("state"))
      if (auto m = StateDraft(g, a, adv_, a.updated_at.date(), r.take.count("cve_id") > 0)) d.push_back(*m);
    json conflicts_json = ConflictsJson(r.conflicts);
    json base = json::object();
    for (const auto& [f, v] : r.base) base[f] = v;
    if (a.github.repo != repo || a.github.base != base || a.github.facts != facts || a.github.conflicts != conflicts_json) {
      ev::Github gh;
      gh.repo = repo;
      gh.base = base;
      gh.facts = facts;
      gh.conflicts = conflicts_json;
      d.push_back(gh);
    }
    return d;
  });
  if (!changed.ok()) return changed.status();
  report.ids.push_back(*existing);
  if (changed->events.empty()) {
    ++report.unchanged;
  } else {
    ++report.updated;
    if (!taken.empty()) report.changes.push_back(*existing + " (" + g.ghsa_id + "): took " + Join(taken, ", ") + " from GitHub");
  }
  for (const FieldConflict& c : conflicts)
    report.conflicts.push_back(*existing + " " + c.field + ": psirt " + ShownJson(c.ours) + ", GitHub " + ShownJson(c.theirs) +
                               " (psirt github resolve " + *existing + " " + c.field + " --take ours|theirs)");
  return Status::Ok();
}

Result<GithubPullReport> GithubService::Pull(const std::string& repo) {
  if (repo.empty()) return Status::Usage("which repository? --repo OWNER/NAME (or github.repo in psirt.yml)");
  PSIRT_RETURN_IF_ERROR(CheckGithubRepo(repo));
  const std::string path = AdvisoriesPath(repo) + "?per_page=100";
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> pages, client_.GetPages(path));
  std::vector<Ghsa> all;
  for (size_t i = 0; i < pages.size(); ++i) {  // every page read and checked before anything is recorded
    PSIRT_ASSIGN_OR_RETURN(std::vector<Ghsa> page,
                           ParseGhsaList(pages[i], "GET " + path + " (page " + std::to_string(i + 1) + ")"));
    for (Ghsa& g : page) all.push_back(std::move(g));
  }
  // Which GHSAs psirt knows, read once for the whole pull (not once per GHSA).
  PSIRT_ASSIGN_OR_RETURN(std::vector<FoldedAdvisory> known, adv_.All());
  std::map<std::string, std::string> by_ghsa;
  for (const FoldedAdvisory& f : known)
    if (!f.advisory.ghsa_id.empty()) by_ghsa.emplace(f.advisory.ghsa_id, f.advisory.id);
  GithubPullReport report;
  report.advisories = static_cast<int>(all.size());
  for (const Ghsa& g : all) {
    auto it = by_ghsa.find(g.ghsa_id);
    std::optional<std::string> existing;
    if (it != by_ghsa.end()) existing = it->second;
    if (Status st = SyncOne(repo, g, existing, report); !st.ok()) report.errors.push_back(st.message());
  }
  return report;
}

Result<GithubPullReport> GithubService::PullOne(const std::string& repo, const std::string& ghsa_id) {
  PSIRT_RETURN_IF_ERROR(CheckGithubRepo(repo));
  PSIRT_RETURN_IF_ERROR(CheckGhsaIdForApi(ghsa_id));
  const std::string path = AdvisoriesPath(repo) + "/" + ghsa_id;
  PSIRT_ASSIGN_OR_RETURN(std::string body, client_.Get(path));
  PSIRT_ASSIGN_OR_RETURN(Ghsa g, ParseGhsa(body, "GET " + path));
  if (g.ghsa_id != ghsa_id) return Status::Invalid("GET " + path + ": GitHub answered with " + g.ghsa_id);
  GithubPullReport report;
  report.advisories = 1;
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> existing, FindByGhsa(g.ghsa_id));
  PSIRT_RETURN_IF_ERROR(SyncOne(repo, g, existing, report));
  return report;
}

Result<PullRequest> GithubService::FetchPull(const std::string& repo, int number) {
  const std::string path = "/repos/" + repo + "/pulls/" + std::to_string(number);
  PSIRT_ASSIGN_OR_RETURN(std::string body, client_.Get(path));
  PSIRT_ASSIGN_OR_RETURN(PullRequest pr, ParsePull(body, "GET " + path));
  if (pr.number != number) return Status::Invalid("GET " + path + ": GitHub answered with PR #" + std::to_string(pr.number));
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> pages, client_.GetPages(path + "/commits?per_page=100"));
  for (const std::string& page : pages) {
    PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> commits, ParsePullCommits(page, "GET " + path + "/commits"));
    pr.commits.insert(pr.commits.end(), commits.begin(), commits.end());
  }
  return pr;
}

Result<Change> GithubService::RecordPull(const std::string& id, const std::string& repo, const PullRequest& pr,
                                         GithubPrReport& report) {
  ++report.pulls;
  std::string what;
  auto change = adv_.Record(kGithubActor, id, Action::kFix, [&](const Advisory& a) -> Result<std::vector<Draft>> {
    std::vector<Draft> d;
    what.clear();
    if (a.state == State::kRejected) return d;
    if (auto fixes = FixesForPull(a.fixes, pr)) {
      ev::Imported linked;
      linked.format = "github";
      linked.file = pr.html_url;
      linked.fixes = *fixes;
      d.push_back(linked);
      what = "PR #" + std::to_string(pr.number) + " linked on " + pr.base_ref;
    }
    json entry = {{"state", pr.state},       {"merged", pr.merged},
                  {"merged_at", pr.merged_at}, {"base", pr.base_ref},
                  {"merge_commit_sha", pr.merge_commit_sha}, {"head_sha", pr.head_sha},
                  {"commits", pr.commits},   {"html_url", pr.html_url},
                  {"title", pr.title}};
    const std::string n = std::to_string(pr.number);
    if (!a.github.pulls.contains(n) || a.github.pulls[n] != entry) {
      ev::Github gh;
      gh.repo = a.github.repo.empty() ? repo : a.github.repo;
      gh.pulls = json{{n, entry}};
      d.push_back(gh);
      if (what.empty())
        what = "PR #" + n + (pr.merged ? " merged into " : " " + pr.state + " against ") + pr.base_ref;
    }
    return d;
  });
  if (change.ok() && !change->events.empty()) {
    report.changes.push_back(id + ": " + what);
    if (std::find(report.ids.begin(), report.ids.end(), id) == report.ids.end()) report.ids.push_back(id);
  }
  return change;
}

Status GithubService::PrsOf(const Advisory& a, GithubPrReport& report) {
  const std::string repo = RepoOf(a);
  if (repo.empty()) return Status::Usage("no GitHub repository for " + a.id + ": set github.repo in psirt.yml");
  PSIRT_RETURN_IF_ERROR(CheckGithubRepo(repo));
  std::set<std::string> seen;
  for (const Fix& f : a.fixes) {
    if (f.kind != Fix::Kind::kPr || !seen.insert(f.ref).second) continue;
    PSIRT_ASSIGN_OR_RETURN(PullRequest pr, FetchPull(repo, std::stoi(f.ref)));
    PSIRT_RETURN_IF_ERROR(RecordPull(a.id, repo, pr, report).status());
  }
  return Status::Ok();
}

Result<GithubPrReport> GithubService::Prs(const std::string& id) {
  PSIRT_ASSIGN_OR_RETURN(Advisory a, adv_.Get(id));
  GithubPrReport report;
  PSIRT_RETURN_IF_ERROR(PrsOf(a, report));
  return report;
}

Result<GithubPrReport> GithubService::AllPrs() {
  PSIRT_ASSIGN_OR_RETURN(std::vector<FoldedAdvisory> all, adv_.All());
  GithubPrReport report;
  for (const FoldedAdvisory& f : all) {
    const Advisory& a = f.advisory;
    if (a.state == State::kRejected || (a.state == State::kPublic && a.fix_facts && a.fix_facts->IsFinal())) continue;
    bool has_pr = std::any_of(a.fixes.begin(), a.fixes.end(), [](const Fix& x) { return x.kind == Fix::Kind::kPr; });
    if (has_pr) PSIRT_RETURN_IF_ERROR(PrsOf(a, report));  // the advisory as folded here, not read again
  }
  return report;
}

Result<GithubPrReport> GithubService::PullRequestChanged(const std::string& repo, int number) {
  PSIRT_RETURN_IF_ERROR(CheckGithubRepo(repo));
  const std::string n = std::to_string(number);
  // The advisories that link it, found by index; those it names (ids, a
  // GHSA, a PR it backports) once its text is known.
  std::vector<std::string> candidates;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(candidates, tx.FindByPullRequest(n));
    return Status::Ok();
  }));
  PSIRT_ASSIGN_OR_RETURN(PullRequest pr, FetchPull(repo, number));
  PullReferences refs = ReferencesIn(pr);
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    for (const std::string& m : refs.backports) {
      PSIRT_ASSIGN_OR_RETURN(auto ids, tx.FindByPullRequest(m));
      candidates.insert(candidates.end(), ids.begin(), ids.end());
    }
    for (const std::string& g : refs.ghsa_ids) {
      PSIRT_ASSIGN_OR_RETURN(auto id, tx.FindByGhsa(g));
      if (id) candidates.push_back(*id);
    }
    return Status::Ok();
  }));
  candidates.insert(candidates.end(), refs.advisory_ids.begin(), refs.advisory_ids.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  GithubPrReport report;
  for (const std::string& id : candidates) {
    auto got = adv_.Get(id);
    if (!got.ok()) {
      if (got.status().code() == Status::Code::kNotFound) continue;  // a word shaped like an id
      return got.status();
    }
    const Advisory& a = *got;
    if (a.state == State::kRejected || RepoOf(a) != repo) continue;
    std::vector<std::string> linked;
    for (const Fix& x : a.fixes)
      if (x.kind == Fix::Kind::kPr) linked.push_back(x.ref);
    bool links = std::find(linked.begin(), linked.end(), n) != linked.end();
    if (!links && !PullMentions(pr, linked, a.id, a.ghsa_id)) continue;
    PSIRT_RETURN_IF_ERROR(RecordPull(a.id, repo, pr, report).status());
  }
  return report;
}

Result<std::pair<Advisory, Ghsa>> GithubService::Linked(const std::string& id) {
  PSIRT_ASSIGN_OR_RETURN(Advisory a, adv_.Get(id));
  if (a.ghsa_id.empty())
    return Status::Invalid(id + " has no GHSA: psirt github pull creates the link, or psirt edit " + id + " --ghsa GHSA-...");
  const std::string repo = RepoOf(a);
  if (repo.empty()) return Status::Usage("no GitHub repository for " + id + ": set github.repo in psirt.yml");
  PSIRT_RETURN_IF_ERROR(CheckGithubRepo(repo));
  PSIRT_RETURN_IF_ERROR(CheckGhsaIdForApi(a.ghsa_id));
  const std::string path = AdvisoriesPath(repo) + "/" + a.ghsa_id;
  PSIRT_ASSIGN_OR_RETURN(std::string body, client_.Get(path));
  PSIRT_ASSIGN_OR_RETURN(Ghsa g, ParseGhsa(body, "GET " + path));
  return std::make_pair(std::move(a), std::move(g));
}

namespace {

// The push: fields psirt changed, what is held back and why, the body.
GithubPushPlan PlanFor(const Advisory& a, const Ghsa& g, const std::string& repo, const ReleaseModel& releases) {
  GithubPushPlan plan;
  plan.id = a.id;
  plan.ghsa_id = g.ghsa_id;
  plan.repo = repo;
  const SyncFields ours = FieldsOfAdvisory(a), theirs = FieldsOfGhsa(g);
  const auto conflicts = OpenConflicts(a);
  plan.changes = PushChanges(a.github.base, ours, theirs, conflicts);
  for (const auto& entry : ours) {
    const std::string& field = entry.first;
    const json& their = theirs.at(field);
    if (entry.second == their) continue;
    bool pushed = std::any_of(plan.changes.begin(), plan.changes.end(), [&](const FieldChange& c) { return c.field == field; });
    if (pushed) continue;
    if (conflicts.count(field))
      plan.held.push_back(field + ": in conflict - psirt github resolve " + a.id + " " + field + " --take ours|theirs");
    else if (a.github.base.contains(field) ? their != a.github.base[field] : !their.is_null())
      plan.held.push_back(field + ": changed on GitHub since the last pull - psirt github pull first");
  }
  std::optional<json> vulns;
  std::vector<GhsaVulnerability> v = VulnerabilitiesFromFix(releases, a.fixed_in, g.vulnerabilities, RepoName(repo));
  if (!v.empty() && v != g.vulnerabilities) {
    vulns = VulnerabilitiesToJson(v);
    plan.changes.push_back({"vulnerabilities", VulnerabilitiesToJson(g.vulnerabilities), *vulns});
  }
  std::vector<FieldChange> fields;
  for (const FieldChange& c : plan.changes)
    if (c.field != "vulnerabilities") fields.push_back(c);
  plan.body = GhsaPatchBody(fields, vulns);
  return plan;
}

}  // namespace

Status GithubService::SendPlan(GithubPushPlan& plan) {
  const std::string path = AdvisoriesPath(plan.repo) + "/" + plan.ghsa_id;
  PSIRT_ASSIGN_OR_RETURN(std::string answer, client_.Send("PATCH", path, plan.body.dump()));
  PSIRT_ASSIGN_OR_RETURN(Ghsa after, ParseGhsa(answer, "PATCH " + path));
  const SyncFields now = FieldsOfGhsa(after);
  // Only the fields sent move the base: one GitHub changed meanwhile stays
  // a change to pull, not something psirt would overwrite next time.
  PSIRT_RETURN_IF_ERROR(adv_.Record(kGithubActor, plan.id, Action::kManage, [&](const Advisory& cur) -> Result<std::vector<Draft>> {
                              json base = cur.github.base;
                              for (const FieldChange& c : plan.changes)
                                if (now.count(c.field)) base[c.field] = now.at(c.field);
                              ev::Github gh;
                              gh.repo = plan.repo;
                              gh.base = base;
                              gh.facts = GhsaFacts(after);
                              return std::vector<Draft>{gh};
                            }).status());
  plan.applied = true;
  return Status::Ok();
}

Result<GithubPushPlan> GithubService::Push(const std::string& id, bool apply) {
  PSIRT_ASSIGN_OR_RETURN(auto linked, Linked(id));
  auto& [a, g] = linked;
  GithubPushPlan plan = PlanFor(a, g, RepoOf(a), adv_.config().releases);
  if (!apply || plan.changes.empty()) return plan;
  PSIRT_RETURN_IF_ERROR(SendPlan(plan));
  return plan;
}

Result<GithubPushPlan> GithubService::RequestCve(const std::string& id, bool apply) {
  PSIRT_ASSIGN_OR_RETURN(auto linked, Linked(id));
  auto& [a, g] = linked;
  if (!g.cve_id.empty()) return Status::Invalid(g.ghsa_id + " already has " + g.cve_id);
  if (!a.cve_id.empty())
    return Status::Invalid(id + " already has " + a.cve_id + ": push it to the GHSA (psirt github push " + id + ")");
  GithubPushPlan plan;
  plan.id = id;
  plan.ghsa_id = g.ghsa_id;
  plan.repo = RepoOf(a);
  if (!apply) return plan;
  PSIRT_RETURN_IF_ERROR(client_.Send("POST", AdvisoriesPath(plan.repo) + "/" + g.ghsa_id + "/cve", "").status());
  PSIRT_RETURN_IF_ERROR(adv_.Record(kGithubActor, id, Action::kManage, [&](const Advisory& cur) -> Result<std::vector<Draft>> {
                              json facts = cur.github.facts;
                              facts["cve_requested"] = true;
                              ev::Github gh;
                              gh.repo = plan.repo;
                              gh.facts = facts;
                              return std::vector<Draft>{gh};
                            }).status());
  plan.applied = true;
  return plan;
}

Result<GithubPushPlan> GithubService::Publish(const std::string& id, bool apply) {
  PSIRT_ASSIGN_OR_RETURN(auto linked, Linked(id));
  auto& [a, g] = linked;
  if (a.state != State::kPublic)
    return Status::Invalid(id + " is " + std::string(StateName(a.state)) + ": the GHSA is published when psirt moves the advisory to Public (psirt move " + id + " Public)");
  if (g.state == "published") return Status::Invalid(g.ghsa_id + " is already published");
  GithubPushPlan plan = PlanFor(a, g, RepoOf(a), adv_.config().releases);
  plan.changes.push_back({"state", g.state, "published"});
  plan.body["state"] = "published";
  if (!apply) return plan;
  PSIRT_RETURN_IF_ERROR(SendPlan(plan));
  return plan;
}

Result<Change> GithubService::Resolve(const std::string& actor, const std::string& id, const std::string& field,
                                      const std::string& take) {
  if (take != "ours" && take != "theirs") return Status::Usage("--take: expected ours or theirs, got '" + take + "'");
  if (!IsSyncField(field))
    return Status::Usage("no synced field '" + field + "': expected one of summary, description, cve_id, severity, "
                         "cvss, cwe_ids, credits, state");
  return adv_.Record(actor, id, Action::kManage, [&](const Advisory& a) -> Result<std::vector<Draft>> {
    if (!a.github.conflicts.contains(field)) {
      std::vector<std::string> open;
      for (auto it = a.github.conflicts.begin(); it != a.github.conflicts.end(); ++it) open.push_back(it.key());
      return Status::Invalid(id + " has no conflict on " + field +
                             (open.empty() ? std::string(" (none open)") : " (open: " + Join(open, ", ") + ")"));
    }
    const json theirs = a.github.conflicts[field].value("theirs", json());
    std::vector<Draft> d;
    if (take == "theirs") {
      Ghsa g;  // what the conflict recorded of it
      g.ghsa_id = a.ghsa_id;
      g.html_url = a.github.facts.value("html_url", "");
      g.state = field == "state" ? theirs.get<std::string>() : std::string(GhsaStateOf(a.state));
      if (field == "state") {
        if (auto m = StateDraft(g, a, adv_, a.updated_at.date(), false)) d.push_back(*m);
      } else {
        PSIRT_ASSIGN_OR_RETURN(ev::Imported p, TakenPayload({{field, theirs}}, g, a));
        d.push_back(p);
      }
    }
    // Either way GitHub's value is the base now: taking ours makes psirt's
    // value a change the next push sends.
    json base = a.github.base;
    base[field] = theirs;
    json conflicts = a.github.conflicts;
    conflicts.erase(field);
    ev::Github gh;
    gh.repo = a.github.repo;
    gh.base = base;
    gh.conflicts = conflicts;
    gh.resolved = ev::Github::Resolution{field, take};
    d.push_back(gh);
    return d;
  });
}

json ToJson(const GithubPullReport& r) {
  return {{"advisories", r.advisories}, {"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged},
          {"ids", r.ids}, {"changes", r.changes}, {"conflicts", r.conflicts}, {"errors", r.errors}};
}

json ToJson(const GithubPrReport& r) { return {{"pulls", r.pulls}, {"changes", r.changes}, {"ids", r.ids}}; }

json ToJson(const GithubPushPlan& p) {
  json changes = json::array();
  for (const FieldChange& c : p.changes) changes.push_back({{"field", c.field}, {"from", c.from}, {"to", c.to}});
  return {{"id", p.id}, {"ghsa_id", p.ghsa_id}, {"repo", p.repo}, {"changes", changes},
          {"held", p.held}, {"body", p.body}, {"applied", p.applied}};
}

Result<std::unique_ptr<GithubSession>> OpenGithub(Store& store, const WorkspaceConfig& config, AdvisoryService advisories, const std::string& api_url,
                                                  const std::string& token_file, HttpTransport transport) {
  GithubOptions o;
  o.api_url = api_url.empty() ? config.github.api_url : api_url;
  if (o.api_url.rfind("https://", 0) != 0 && o.api_url.rfind("http://", 0) != 0)
    return Status::Usage("--api-url: expected an http(s) URL, got '" + o.api_url + "'");
  PSIRT_ASSIGN_OR_RETURN(o.token, GithubToken(token_file));
  auto s = std::make_unique<GithubSession>();
  s->cache = std::make_unique<StoreAnswerCache>(store);
  s->client = std::make_unique<GithubClient>(o, std::move(transport), s->cache.get());
  s->advisories = std::make_unique<AdvisoryService>(std::move(advisories));
  s->service = std::make_unique<GithubService>(*s->advisories, store, *s->client);
  return s;
}

}  // namespace psirt
