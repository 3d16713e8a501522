// The JSON REST API under /api/v1/: advisories and their events, every
// lifecycle action, the agenda, exports, imports, owners, CVSS, notify
// dry-run, jobs, accounts and the private intake. Handlers parse, call one
// application service and render; who may see and do what is decided by
// the access filter and the services' guard, never here.
#include <httplib.h>

#include <algorithm>
#include <sodium.h>

#include "app/intake_service.h"
#include "app/notify_service.h"
#include "app/owners_service.h"
#include "app/publish_service.h"
#include "app/sync_service.h"
#include "base/strings.h"
#include "core/agenda.h"
#include "core/cvss/cvss.h"
#include "formats/cvss_json.h"
#include "formats/psirt_json.h"
#include "server/jobs.h"
#include "server/server.h"
#include "server/views.h"

namespace psirt {

Status Hide(const Status& st) { return st.code() == Status::Code::kNotFound ? HiddenAdvisory() : st; }

Status RequirePsirt(const Call& c) {
  if (!c.who.signed_in()) return Status::Denied("sign in first (Authorization: Bearer TOKEN)");
  if (c.who.viewer.role != Role::kPsirt) return Status::Denied("only the PSIRT may do this");
  return Status::Ok();
}

namespace {

using nlohmann::json;
constexpr const char* kId = "([^/]+)";

Result<int> IntParam(const httplib::Request& req, const char* name, int def, int lo, int hi) {
  if (!req.has_param(name)) return def;
  std::string v = req.get_param_value(name);
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    return std::move(Status::Invalid(std::string(name) + ": expected a number").Field(name));
  int n = std::stoi(v);
  if (n < lo || n > hi)
    return std::move(Status::Invalid(std::string(name) + ": expected " + std::to_string(lo) + ".." + std::to_string(hi)).Field(name));
  return n;
}

bool ContainsFolded(std::string_view hay, std::string_view needle) {
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != hay.end();
}

// Runs one lifecycle action and answers with the advisory after it.
void Mutation(Call& c, const std::function<Result<Change>(AdvisoryService&, const std::string& actor)>& fn) {
  if (!c.who.signed_in()) {
    // Nobody signed in may change anything; hidden advisories still 404.
    AdvisoryService svc = c.Advisories();
    auto seen = c.ctx.filter.Load(svc, c.req.matches[1], c.who.viewer);
    c.Fail(seen.ok() ? Status::Denied("sign in first (Authorization: Bearer TOKEN)") : seen.status());
    return;
  }
  if (!CheckAdvisoryId(c.req.matches[1], c.ctx.config()).ok()) return c.Fail(HiddenAdvisory());
  AdvisoryService svc = c.Advisories();
  auto change = fn(svc, c.who.actor);
  if (!change.ok()) return c.Fail(Hide(change.status()));
  json j = AdvisoryToJson(change->advisory, svc.DeadlinesOf(change->advisory));
  json events = json::array();
  for (const Event& e : change->events) events.push_back(EventToJson(e));
  http::SendJson(c.res, {{"advisory", j}, {"events", events}});
}

}  // namespace

// Summaries the viewer may see, filtered by ?state=, ?open=1 and ?q=
// (pointers into the snapshot they hold).
Result<VisibleRows> Filtered(Call& c, size_t offset, size_t limit) {
  PSIRT_ASSIGN_OR_RETURN(auto visible, c.ctx.filter.Visible(*c.store, c.who.viewer));
  std::optional<State> state;
  if (c.req.has_param("state")) {
    state = ParseState(c.req.get_param_value("state"));
    if (!state) return std::move(Status::Invalid("state: expected New, Triage, Assigned, Review, Accepted, Public or Rejected").Field("state"));
  }
  bool open = c.req.get_param_value("open") == "1";
  std::string q = c.req.get_param_value("q");
  if (q.size() > 256 || !IsValidUtf8(q)) return std::move(Status::Invalid("q: at most 256 characters of text").Field("q"));
  VisibleRows out;
  out.snapshot = visible;
  if (!state && !open && q.empty()) {  // no filter: the page is a slice
    out.total = visible->size();
    for (size_t i = offset; i < visible->size() && out.rows.size() < limit; ++i) out.rows.push_back((*visible)[i].get());
    return out;
  }
  for (const auto& entry : *visible) {
    const AdvisorySummary& s = entry->summary;
    if (state && s.state != *state) continue;
    if (open && (s.state == State::kPublic || s.state == State::kRejected)) continue;
    if (!q.empty() && !ContainsFolded(s.id, q) && !ContainsFolded(s.title, q) && !ContainsFolded(s.cve_id, q)) continue;
    if (out.total++ >= offset && out.rows.size() < limit) out.rows.push_back(entry.get());
  }
  return out;
}

Result<VisibleAgenda> AgendaFor(Call& c, Date as_of) {
  PSIRT_ASSIGN_OR_RETURN(auto visible, c.ctx.filter.Visible(*c.store, c.who.viewer));
  std::vector<AdvisorySummary> open;
  for (const auto& e : *visible)
    if (e->summary.state != State::kPublic && e->summary.state != State::kRejected) open.push_back(e->summary);
  return VisibleAgenda{BuildAgenda(open, c.ctx.config().policy, as_of), open.size()};
}

void RegisterApiRoutes(httplib::Server& http, ServerContext& ctx, const Wrap& wrap) {
  auto on = [&](const char* method, const std::string& pattern, CallHandler fn) {
    auto handler = [wrap, fn](const httplib::Request& req, httplib::Response& res) { wrap(req, res, fn); };
    std::string m = method;
    if (m == "GET") http.Get(pattern, handler);
    else if (m == "POST") http.Post(pattern, handler);
    else if (m == "PATCH") http.Patch(pattern, handler);
    else if (m == "DELETE") http.Delete(pattern, handler);
  };
  const std::string A = std::string("/api/v1/advisories/") + kId;

  on("GET", "/api/v1/me", [](Call& c) {
    if (!c.who.signed_in()) return http::SendJson(c.res, {{"user", nullptr}, {"role", "anonymous"}});
    const UserRecord& u = *c.who.user;
    http::SendJson(c.res, {{"user", u.name}, {"role", RoleName(u.role)}, {"github", u.github},
                           {"email", u.email}, {"branches", u.branches}});
  });

  on("GET", "/api/v1/advisories", [](Call& c) {
    auto limit = IntParam(c.req, "limit", 50, 1, 1000);
    auto offset = IntParam(c.req, "offset", 0, 0, 100000000);
    if (!limit.ok()) return c.Fail(limit.status());
    if (!offset.ok()) return c.Fail(offset.status());
    auto rows = Filtered(c, *offset, *limit);
    if (!rows.ok()) return c.Fail(rows.status());
    // Each element was rendered once when the advisory last changed.
    std::string body = "{\"total\":" + std::to_string(rows->total) + ",\"offset\":" + std::to_string(*offset) +
                       ",\"limit\":" + std::to_string(*limit) + ",\"advisories\":[";
    for (size_t i = 0; i < rows->rows.size(); ++i) {
      if (i) body += ',';
      body += rows->rows[i]->json;
    }
    body += "]}\n";
    c.res.set_content(std::move(body), "application/json");
  });

  // A report entered by the team (psirt report).
  on("POST", "/api/v1/advisories", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    auto body = http::JsonBody(c.req, {"title", "description", "reporter_name", "reporter_email", "reported_on", "triage"});
    if (!body.ok()) return c.Fail(body.status());
    ReportRequest r;
    auto title = http::StringField(*body, "title"), desc = http::StringField(*body, "description"),
         name = http::StringField(*body, "reporter_name"), email = http::StringField(*body, "reporter_email"),
         on = http::StringField(*body, "reported_on");
    for (auto* f : {&title, &desc, &name, &email, &on})
      if (!f->ok()) return c.Fail(f->status());
    r.title = *title;
    r.description = *desc;
    r.reporter = {*name, *email};
    r.source = "api";
    if (!on->empty()) {
      auto d = Date::Parse(*on);
      if (!d.ok()) return c.Fail(std::move(Status::Invalid("reported_on: " + d.status().message()).Field("reported_on")));
      r.reported_on = *d;
    }
    if (body->contains("triage")) {
      if (!(*body)["triage"].is_boolean()) return c.Fail(Status::Invalid("triage: expected true or false"));
      r.to_triage = (*body)["triage"].get<bool>();
    }
    AdvisoryService svc = c.Advisories();
    auto change = svc.Report(c.who.actor, r);
    if (!change.ok()) return c.Fail(change.status());
    http::SendJson(c.res, AdvisoryToJson(change->advisory, svc.DeadlinesOf(change->advisory)), 201);
  });

  on("GET", A, [](Call& c) {
    AdvisoryService svc = c.Advisories();
    auto f = c.ctx.filter.Load(svc, c.req.matches[1], c.who.viewer);
    if (!f.ok()) return c.Fail(f.status());
    auto team = c.TeamNow();
    if (!team.ok()) return c.Fail(team.status());
    auto files = c.Attachments(f->advisory.id);
    if (!files.ok()) return c.Fail(files.status());
    http::SendJson(c.res, AdvisoryView(f->advisory, svc.DeadlinesOf(f->advisory), c.who.viewer, *team, *files));
  });

  on("GET", A + "/events", [](Call& c) {
    AdvisoryService svc = c.Advisories();
    auto f = c.ctx.filter.Load(svc, c.req.matches[1], c.who.viewer);
    if (!f.ok()) return c.Fail(f.status());
    json events = json::array();
    for (const Event* e : ShownHistory(*f, c.who.viewer)) events.push_back(EventToJson(*e));
    http::SendJson(c.res, {{"id", f->advisory.id}, {"events", events}});
  });

  on("GET", A + "/attachments/([0-9]{1,12})", [](Call& c) {
    AdvisoryService svc = c.Advisories();
    auto f = c.ctx.filter.Load(svc, c.req.matches[1], c.who.viewer);
    if (!f.ok()) return c.Fail(f.status());
    if (!IsInsider(f->advisory, c.who.viewer)) return c.Fail(Status::NotFound("no such attachment"));
    std::optional<AttachmentRecord> a;
    Status st = c.store->Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(a, tx.GetAttachment(std::stoll(c.req.matches[2])));
      return Status::Ok();
    });
    if (!st.ok()) return c.Fail(st);
    if (!a || a->advisory != f->advisory.id) return c.Fail(Status::NotFound("no such attachment"));
    // Always a download, never rendered: the reporter chose its bytes.
    std::string safe_name;
    for (char ch : a->name)
      safe_name += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_') ? ch : '_';
    c.res.set_header("Content-Disposition", "attachment; filename=\"" + safe_name + "\"");
    c.res.set_content(a->data, "application/octet-stream");
  });

  on("GET", A + "/export/(cve5|osv|csaf|rst)", [](Call& c) {
    AdvisoryService svc = c.Advisories();
    auto f = c.ctx.filter.Load(svc, c.req.matches[1], c.who.viewer);
    if (!f.ok()) return c.Fail(f.status());
    // A draft of an embargoed advisory for those who see it; a Public one is published as it is.
    bool draft = c.req.get_param_value("draft") == "1" && f->advisory.state != State::kPublic;
    PublishService pub(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir());
    auto doc = pub.Export(f->advisory.id, *ParseExportFormat(c.req.matches[2].str()), draft);
    if (!doc.ok()) return c.Fail(doc.status());
    c.res.set_content(*doc, c.req.matches[2] == "rst" ? "text/x-rst; charset=utf-8" : "application/json");
  });

  on("GET", A + "/status", [](Call& c) {
    AdvisoryService svc = c.Advisories();
    auto f = c.ctx.filter.Load(svc, c.req.matches[1], c.who.viewer);
    if (!f.ok()) return c.Fail(f.status());
    if (c.ctx.workspace.RepositoryDir().empty())
      return c.Fail(Status::Invalid("psirt.yml names no repository: no fix status from git"));
    SyncService sync(*c.store, c.ctx.config(), c.ctx.workspace.RepositoryDir(), c.ctx.clock);
    auto st = sync.StatusOf(f->advisory.id);
    if (!st.ok()) return c.Fail(st.status());
    http::SendJson(c.res, {{"id", f->advisory.id}, {"status", FixFactsToJson(st->second)}});
  });

  // Lifecycle actions.
  on("POST", A + "/notes", [](Call& c) {
    auto b = http::JsonBody(c.req, {"text", "with_reporter"});
    if (!b.ok()) return c.Fail(b.status());
    auto text = http::StringField(*b, "text");
    if (!text.ok()) return c.Fail(text.status());
    bool with_reporter = b->value("with_reporter", false) == true;
    Mutation(c, [&](AdvisoryService& s, const std::string& actor) {
      return s.AddNote(actor, c.req.matches[1], *text, with_reporter);
    });
  });
  on("POST", A + "/ack", [](Call& c) {
    Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Acknowledge(actor, c.req.matches[1]); });
  });
  on("POST", A + "/triage", [](Call& c) {
    auto b = http::JsonBody(c.req, {"cvss", "cwes", "files", "subsystem"});
    if (!b.ok()) return c.Fail(b.status());
    TriageRequest r;
    if (b->contains("cvss")) { auto v = http::StringField(*b, "cvss"); if (!v.ok()) return c.Fail(v.status()); r.cvss = *v; }
    if (b->contains("subsystem")) { auto v = http::StringField(*b, "subsystem"); if (!v.ok()) return c.Fail(v.status()); r.subsystem = *v; }
    if (b->contains("cwes")) { auto v = http::StringListField(*b, "cwes"); if (!v.ok()) return c.Fail(v.status()); r.cwes = *v; }
    if (b->contains("files")) { auto v = http::StringListField(*b, "files"); if (!v.ok()) return c.Fail(v.status()); r.files = *v; }
    Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Triage(actor, c.req.matches[1], r); });
  });
  on("POST", A + "/assign", [](Call& c) {
    auto b = http::JsonBody(c.req, {"user"});
    if (!b.ok()) return c.Fail(b.status());
    auto user = http::StringField(*b, "user");
    if (!user.ok()) return c.Fail(user.status());
    Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Assign(actor, c.req.matches[1], *user); });
  });
  on("POST", A + "/fixes", [](Call& c) {
    auto b = http::JsonBody(c.req, {"pr", "commit", "branch"});
    if (!b.ok()) return c.Fail(b.status());
    auto pr = http::StringField(*b, "pr"), commit = http::StringField(*b, "commit"), branch = http::StringField(*b, "branch");
    for (auto* f : {&pr, &commit, &branch})
      if (!f->ok()) return c.Fail(f->status());
    if (pr->empty() == commit->empty()) return c.Fail(Status::Invalid("give one of pr or commit"));
    Fix fix;
    fix.kind = pr->empty() ? Fix::Kind::kCommit : Fix::Kind::kPr;
    fix.ref = pr->empty() ? *commit : *pr;
    fix.branch = *branch;
    Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.LinkFix(actor, c.req.matches[1], fix); });
  });
  on("POST", A + "/cve", [](Call& c) {
    auto b = http::JsonBody(c.req, {"cve"});
    if (!b.ok()) return c.Fail(b.status());
    auto cve = http::StringField(*b, "cve");
    if (!cve.ok()) return c.Fail(cve.status());
    Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.SetCve(actor, c.req.matches[1], *cve); });
  });
  on("POST", A + "/credits", [](Call& c) {
    auto b = http::JsonBody(c.req, {"name", "type"});
    if (!b.ok()) return c.Fail(b.status());
    auto name = http::StringField(*b, "name"), type = http::StringField(*b, "type");
    if (!name.ok()) return c.Fail(name.status());
    if (!type.ok()) return c.Fail(type.status());
    Credit credit{*name, type->empty() ? "finder" : *type};
    Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.AddCredit(actor, c.req.matches[1], credit); });
  });
  on("POST", A + "/move", [](Call& c) {
    auto b = http::JsonBody(c.req, {"state", "reason", "no_cve", "early"});
    if (!b.ok()) return c.Fail(b.status());
    auto state = http::StringField(*b, "state"), reason = http::StringField(*b, "reason"),
         no_cve = http::StringField(*b, "no_cve"), early = http::StringField(*b, "early");
    for (auto* f : {&state, &reason, &no_cve, &early})
      if (!f->ok()) return c.Fail(f->status());
    auto to = ParseState(*state);
    if (!to) return c.Fail(std::move(Status::Invalid("state: expected New, Triage, Assigned, Review, Accepted, Public or Rejected").Field("state")));
    MoveRequest r{*to, *reason, *no_cve, *early};
    Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Move(actor, c.req.matches[1], r); });
  });
  on("PATCH", A, [](Call& c) {
    auto b = http::JsonBody(c.req, {"title", "description", "reporter_name", "reporter_email", "ghsa", "introduced_by",
                                    "embargo_ends", "clear_embargo", "reason"});
    if (!b.ok()) return c.Fail(b.status());
    EditRequest r;
    auto get = [&](const char* k, std::optional<std::string>& out) -> Status {
      if (!b->contains(k)) return Status::Ok();
      PSIRT_ASSIGN_OR_RETURN(std::string v, http::StringField(*b, k));
      out = v;
      return Status::Ok();
    };
    std::optional<std::string> rname, remail, embargo, reason;
    for (Status st : {get("title", r.title), get("description", r.description), get("ghsa", r.ghsa),
                      get("introduced_by", r.introduced_by), get("reporter_name", rname), get("reporter_email", remail),
                      get("embargo_ends", embargo), get("reason", reason)})
      if (!st.ok()) return c.Fail(st);
    if (rname || remail) r.reporter = Person{rname.value_or(""), remail.value_or("")};
    if (embargo) {
      auto d = Date::Parse(*embargo);
      if (!d.ok()) return c.Fail(std::move(Status::Invalid("embargo_ends: " + d.status().message()).Field("embargo_ends")));
      r.embargo_ends = *d;
    }
    if (b->contains("clear_embargo")) r.clear_embargo = (*b)["clear_embargo"] == true;
    r.reason = reason.value_or("");
    if (!r.title && !r.description && !r.ghsa && !r.introduced_by && !r.reporter && !r.embargo_ends && !r.clear_embargo)
      return c.Fail(Status::Invalid("nothing to change"));
    Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Edit(actor, c.req.matches[1], r); });
  });

  on("GET", "/api/v1/todo", [](Call& c) {
    Date as_of = c.ctx.clock.Now().date();
    if (c.req.has_param("as_of")) {
      auto d = Date::Parse(c.req.get_param_value("as_of"));
      if (!d.ok()) return c.Fail(std::move(Status::Invalid("as_of: " + d.status().message()).Field("as_of")));
      as_of = *d;
    }
    auto agenda = AgendaFor(c, as_of);
    if (!agenda.ok()) return c.Fail(agenda.status());
    json tasks = json::array();
    for (const Task& t : agenda->tasks) tasks.push_back(TaskToJson(t, as_of));
    http::SendJson(c.res, {{"as_of", as_of.ToString()}, {"tasks", tasks}});
  });

  on("GET", "/api/v1/cvss", [](Call& c) {
    std::string vector = c.req.get_param_value("vector");
    if (vector.empty()) return c.Fail(Status::Invalid("vector: give ?vector=CVSS:3.1/..."));
    auto score = ScoreCvss(vector);
    if (!score.ok()) return c.Fail(score.status());
    std::string out;
    AppendCvssJson(vector, *score, out);
    c.res.set_content(out + "\n", "application/json");
  });

  on("GET", "/api/v1/owners", [](Call& c) {
    if (!c.who.signed_in()) return c.Fail(Status::Denied("sign in first"));
    auto owners = c.ctx.workspace.Owners();
    if (!owners.ok()) return c.Fail(owners.status());
    if (!*owners) return c.Fail(Status::Invalid("psirt.yml names no MAINTAINERS.yml"));
    json paths = json::array();
    size_t n = c.req.get_param_value_count("path");
    if (n == 0) return c.Fail(Status::Invalid("path: give ?path=FILE (repeatable)"));
    for (size_t i = 0; i < n && i < 1000; ++i) {
      std::string p = c.req.get_param_value("path", i);
      json areas = json::array();
      for (const AreaMatch& m : (*owners)->Match(p)) areas.push_back(AreaMatchToJson(m));
      paths.push_back({{"path", p}, {"areas", areas}});
    }
    http::SendJson(c.res, {{"paths", paths}});
  });

  on("POST", "/api/v1/import/(rst|cve5)", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    auto b = http::JsonBody(c.req, {"files", "replace"}, 32 << 20);
    if (!b.ok()) return c.Fail(b.status());
    std::vector<InputFile> files;
    if (!b->contains("files") || !(*b)["files"].is_array())
      return c.Fail(Status::Invalid("files: expected [{\"name\": ..., \"text\": ...}]"));
    for (const json& f : (*b)["files"]) {
      if (!f.is_object() || !f.contains("name") || !f.contains("text") || !f["name"].is_string() || !f["text"].is_string())
        return c.Fail(Status::Invalid("files: expected [{\"name\": ..., \"text\": ...}]"));
      files.push_back({f["name"], f["text"]});
    }
    ImportPolicy policy = b->value("replace", false) == true ? ImportPolicy::kReplace : ImportPolicy::kRefuse;
    PublishService pub(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir());
    auto r = c.req.matches[1] == "rst" ? pub.ImportZephyrRst(files, policy) : pub.ImportCve5(files, policy);
    if (!r.ok()) return c.Fail(r.status());
    http::SendJson(c.res, {{"created", r->created}, {"updated", r->updated}, {"unchanged", r->unchanged}, {"ids", r->ids}});
  });

  on("POST", "/api/v1/notify/dry-run", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    NotifyService svc(*c.store, c.ctx.config(), c.ctx.clock);
    NotifyOptions o;
    o.dry_run = true;
    auto r = svc.Run(o);
    if (!r.ok()) return c.Fail(r.status());
    json due = json::array();
    for (const SentNotice& s : r->sent)
      due.push_back({{"kind", s.kind}, {"advisories", s.advisories}, {"to", s.to}, {"unknown", s.unknown},
                     {"subject", s.subject}, {"error", s.error}});
    http::SendJson(c.res, {{"due", due}});
  });

  on("GET", "/api/v1/jobs", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    auto runs = c.JobRuns();
    if (!runs.ok()) return c.Fail(runs.status());
    json out = json::array();
    for (const JobRun& r : *runs)
      out.push_back({{"id", r.id}, {"job", r.job}, {"instance", r.instance}, {"started_at", r.started_at.ToString()},
                     {"finished_at", r.finished_at.ToString()}, {"ok", r.ok}, {"message", r.message}});
    const ServerInfo& s = c.ctx.config().server;
    http::SendJson(c.res, {{"schedule", {{"sync_minutes", s.sync_minutes}, {"notify_minutes", s.notify_minutes}, {"intake_minutes", s.intake_minutes}, {"github_pull_minutes", c.ctx.config().github.pull_minutes}}}, {"runs", out}});
  });
  on("POST", "/api/v1/jobs/(sync|notify|intake|github)", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    auto r = RunJob(c.ctx, c.req.matches[1]);
    if (!r.ok()) return c.Fail(r.status());
    if (!*r) return c.Fail(Status::Conflict("another instance is running this job"));
    http::SendJson(c.res, {{"job", (*r)->job}, {"ok", (*r)->ok}, {"message", (*r)->message}});
  });

  on("GET", "/api/v1/users", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    auto users = c.Accounts().List();
    if (!users.ok()) return c.Fail(users.status());
    json out = json::array();
    for (const UserRecord& u : *users)
      out.push_back({{"name", u.name}, {"role", RoleName(u.role)}, {"github", u.github}, {"email", u.email},
                     {"branches", u.branches}, {"disabled", u.disabled}});
    http::SendJson(c.res, {{"users", out}});
  });

  on("POST", "/api/v1/users", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    auto b = http::JsonBody(c.req, {"name", "role", "github", "email", "branches"});
    if (!b.ok()) return c.Fail(b.status());
    auto name = http::StringField(*b, "name"), role = http::StringField(*b, "role"), github = http::StringField(*b, "github"),
         email = http::StringField(*b, "email");
    auto branches = http::StringListField(*b, "branches");
    for (auto* f : {&name, &role, &github, &email})
      if (!f->ok()) return c.Fail(f->status());
    if (!branches.ok()) return c.Fail(branches.status());
    auto r = ParseRole(*role);
    if (!r || *r == Role::kAnonymous) return c.Fail(Status::Invalid("role: expected psirt, maintainer, release-manager or reporter"));
    AccountService accounts = c.Accounts();
    if (Status st = accounts.Add({*name, *r, *github, *email, *branches}); !st.ok()) return c.Fail(st);
    http::SendJson(c.res, {{"name", *name}, {"role", *role}}, 201);
  });
  // Self-service or PSIRT: a new token, a new password.
  auto self_or_psirt = [](const Call& c, const std::string& name) -> Status {
    if (!c.who.signed_in()) return Status::Denied("sign in first");
    if (c.who.viewer.role == Role::kPsirt || c.who.user->name == name) return Status::Ok();
    return Status::Denied("only the PSIRT or the account itself may do this");
  };
  on("POST", "/api/v1/users/([a-z0-9._-]{1,64})/token", [self_or_psirt](Call& c) {
    if (Status st = self_or_psirt(c, c.req.matches[1]); !st.ok()) return c.Fail(st);
    auto t = c.Accounts().IssueToken(c.req.matches[1]);
    if (!t.ok()) return c.Fail(t.status());
    http::SendJson(c.res, {{"name", c.req.matches[1].str()}, {"token", *t}});
  });
  on("POST", "/api/v1/users/([a-z0-9._-]{1,64})/password", [self_or_psirt](Call& c) {
    if (Status st = self_or_psirt(c, c.req.matches[1]); !st.ok()) return c.Fail(st);
    auto b = http::JsonBody(c.req, {"password"});
    if (!b.ok()) return c.Fail(b.status());
    auto pw = http::StringField(*b, "password");
    if (!pw.ok()) return c.Fail(pw.status());
    if (Status st = c.Accounts().SetPassword(c.req.matches[1], *pw); !st.ok()) return c.Fail(st);
    http::SendJson(c.res, {{"name", c.req.matches[1].str()}, {"password_set", true}});
  });
  on("POST", "/api/v1/users/([a-z0-9._-]{1,64})/disable", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    if (Status st = c.Accounts().Disable(c.req.matches[1]); !st.ok()) return c.Fail(st);
    http::SendJson(c.res, {{"name", c.req.matches[1].str()}, {"disabled", true}});
  });

  // Private intake: anyone may report; the answer is their private link.
  on("POST", "/api/v1/reports", [](Call& c) {
    if (!c.ctx.reports.Allow(c.req.remote_addr))
      return http::SendJson(c.res, {{"error", {{"code", "rate_limited"}, {"message", "too many reports from this address: try again in an hour"}}}}, 429);
    size_t max_file = static_cast<size_t>(c.ctx.config().server.attachment_kb) * 1024;
    auto b = http::JsonBody(c.req, {"title", "description", "affected", "reporter_name", "reporter_email", "attachment"},
                            max_file * 4 / 3 + (64 << 10));
    if (!b.ok()) return c.Fail(b.status());
    WebReport r;
    auto title = http::StringField(*b, "title"), desc = http::StringField(*b, "description"),
         affected = http::StringField(*b, "affected"), name = http::StringField(*b, "reporter_name"),
         email = http::StringField(*b, "reporter_email");
    for (auto* f : {&title, &desc, &affected, &name, &email})
      if (!f->ok()) return c.Fail(f->status());
    r.title = *title;
    r.description = *desc;
    r.affected = *affected;
    r.reporter = {*name, *email};
    if (b->contains("attachment")) {
      const json& a = (*b)["attachment"];
      if (!a.is_object() || !a.contains("data_base64") || !a["data_base64"].is_string())
        return c.Fail(Status::Invalid("attachment: expected {\"name\", \"content_type\", \"data_base64\"}"));
      std::string b64 = a["data_base64"];
      std::string data(b64.size() * 3 / 4 + 3, '\0');
      size_t len = 0;
      if (sodium_base642bin(reinterpret_cast<unsigned char*>(data.data()), data.size(), b64.data(), b64.size(), "\r\n",
                            &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return c.Fail(Status::Invalid("attachment.data_base64: not base64"));
      data.resize(len);
      r.attachment = WebReport::File{a.value("name", "attachment"), a.value("content_type", "application/octet-stream"), data};
    }
    IntakeService intake(*c.store, c.ctx.config(), c.ctx.clock);
    auto sub = intake.Submit(r, max_file);
    if (!sub.ok()) return c.Fail(sub.status());
    http::SendJson(c.res, {{"id", sub->advisory}, {"token", sub->link_token}, {"link", "/r/" + sub->link_token}}, 201);
  });

  // The reporter's private link, as JSON.
  on("GET", "/api/v1/reports/([^/]+)", [](Call& c) {
    auto id = c.Accounts().ReporterLink(c.req.matches[1]);
    if (!id.ok()) return c.Fail(Status::NotFound("no such report"));
    AdvisoryService svc(*c.store, c.ctx.config(), c.ctx.clock);
    auto a = svc.Get(*id);
    if (!a.ok()) return c.Fail(Status::NotFound("no such report"));
    http::SendJson(c.res, ReporterView(*a, svc.DeadlinesOf(*a)));
  });
  on("POST", "/api/v1/reports/([^/]+)/comments", [](Call& c) {
    auto id = c.Accounts().ReporterLink(c.req.matches[1]);
    if (!id.ok()) return c.Fail(Status::NotFound("no such report"));
    auto b = http::JsonBody(c.req, {"text"});
    if (!b.ok()) return c.Fail(b.status());
    auto text = http::StringField(*b, "text");
    if (!text.ok()) return c.Fail(text.status());
    AdvisoryService svc(*c.store, c.ctx.config(), c.ctx.clock);
    auto change = svc.AddNote("reporter (private link)", *id, *text, true);
    if (!change.ok()) return c.Fail(change.status());
    http::SendJson(c.res, ReporterView(change->advisory, svc.DeadlinesOf(change->advisory)), 201);
  });

  // Anything else under /api/ is not an endpoint.
  on("GET", "/api/.*", [](Call& c) { c.Fail(Status::NotFound("no such endpoint")); });
  on("POST", "/api/.*", [](Call& c) { c.Fail(Status::NotFound("no such endpoint")); });
}

}  // namespace psirt
