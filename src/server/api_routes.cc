// The JSON REST API under /api/v1/: advisories and their events, every
// lifecycle action, the agenda, exports, imports, owners, CVSS, notify
// dry-run, jobs, accounts and the private intake. Each route declares who
// may call it and what body it takes; handlers bind the body to typed
// values (400 naming the field), call one application service and render.
// Who may see and do what on an advisory is decided by the access filter
// and the services' guard, never here.
#include <algorithm>
#include <deque>
#include <sodium.h>

#include "app/audience_service.h"
#include "app/intake_service.h"
#include "app/notify_service.h"
#include "app/owners_service.h"
#include "app/publish_service.h"
#include "app/reporter_portal.h"
#include "app/sync_service.h"
#include "base/strings.h"
#include "core/agenda.h"
#include "core/cvss/cvss.h"
#include "formats/cvss_json.h"
#include "formats/psirt_json.h"
#include "server/jobs.h"
#include "formats/list_query_params.h"
#include "server/server.h"
#include "server/views.h"

namespace psirt {

Status Hide(const Status& st) { return st.code() == Status::Code::kNotFound ? HiddenAdvisory() : st; }

namespace {

using nlohmann::json;
constexpr const char* kId = "([^/]+)";

// An API handler: a failure is answered in the one error shape.
CallHandler Api(std::function<Status(Call&)> fn) {
  return [fn = std::move(fn)](Call& c) {
    Status st = fn(c);
    if (!st.ok()) c.Fail(st);
  };
}

Result<int> IntParam(const http::Request& req, const char* name, int def, int lo, int hi) {
  if (!req.HasParam(name)) return def;
  std::string v = req.Param(name);
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    return std::move(Status::Invalid(std::string(name) + ": expected a number").Field(name));
  int n = std::stoi(v);
  if (n < lo || n > hi)
    return std::move(Status::Invalid(std::string(name) + ": expected " + std::to_string(lo) + ".." + std::to_string(hi)).Field(name));
  return n;
}

// Runs one lifecycle action and answers with the advisory after it.
Status Mutation(Call& c, const std::function<Result<Change>(AdvisoryService&, const std::string& actor)>& fn) {
  if (!CheckAdvisoryRef(c.Arg(1), c.ctx.config()).ok()) return HiddenAdvisory();
  AdvisoryService svc = c.Advisories();
  auto change = fn(svc, c.who.actor);
  if (!change.ok()) return Hide(change.status());
  json events = json::array();
  for (const Event& e : change->events) events.push_back(EventToJson(e));
  http::SendJson(c.res, {{"advisory", AdvisoryToJson(change->advisory, svc.DeadlinesOf(change->advisory))}, {"events", events}});
  return Status::Ok();
}

Result<std::optional<Date>> DateField(const http::JsonBody& b, const char* name) {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> v, b.OptString(name));
  if (!v) return std::optional<Date>();
  auto d = Date::Parse(*v);
  if (!d.ok()) return std::move(Status::Invalid(std::string(name) + ": " + d.status().message()).Field(name));
  return std::optional<Date>(*d);
}

}  // namespace

// Summaries the viewer may see, filtered and ordered by the list's query
// parameters (formats/list_query_params.h; pointers into the snapshot
// they hold). Rows the viewer is an outsider of match and sort on what
// the viewer is shown of them.
Result<VisibleRows> Filtered(Call& c, size_t offset, size_t limit) {
  PSIRT_ASSIGN_OR_RETURN(auto visible, c.ctx.filter.Visible(*c.store, c.who.viewer));
  PSIRT_ASSIGN_OR_RETURN(ListQuery q, ListQueryFromParams([&](std::string_view name) { return c.req.Params(name); }));
  VisibleRows out;
  out.snapshot = visible;
  if (q.empty() && q.sort == ListSort::kId) {  // no filter: the page is a slice
    out.total = visible->size();
    for (size_t i = offset; i < visible->size() && out.rows.size() < limit; ++i) out.rows.push_back((*visible)[i].get());
    return out;
  }
  const Viewer& v = c.who.viewer;
  std::deque<AdvisorySummary> outsiders;  // the rows as shown (stable addresses)
  std::vector<std::pair<const ListedAdvisory*, const AdvisorySummary*>> matched;
  for (const auto& entry : *visible) {
    const AdvisorySummary* s = &entry->summary;
    if (v.role != Role::kPsirt && !IsInsiderRow(*s, v)) {
      outsiders.push_back(OutsiderSummary(*s, v));
      s = &outsiders.back();
    }
    if (Matches(*s, q)) matched.emplace_back(entry.get(), s);
  }
  SortList(matched, q.sort, c.ctx.config().policy, [](const auto& row) -> const AdvisorySummary& { return *row.second; });
  out.total = matched.size();
  for (size_t i = offset; i < matched.size() && out.rows.size() < limit; ++i) out.rows.push_back(matched[i].first);
  return out;
}

Result<VisibleAgenda> AgendaFor(Call& c, Date as_of) {
  PSIRT_ASSIGN_OR_RETURN(auto visible, c.ctx.filter.Visible(*c.store, c.who.viewer));
  std::vector<AdvisorySummary> open;
  // The agenda is the team's: a reporter has no process tasks.
  if (c.who.viewer.role != Role::kReporter && c.who.viewer.role != Role::kAnonymous)
    for (const auto& e : *visible)
      if (IsOpen(e->summary.state)) open.push_back(e->summary);
  return VisibleAgenda{BuildAgenda(open, c.ctx.config().policy, as_of), open.size()};
}

namespace {

// Adds one route answered in the API's error shape.
using On = std::function<void(const char* method, const std::string& pattern, Access access, BodyKind body,
                              std::function<Status(Call&)> fn)>;

// Who is asking, the advisory list, one advisory and what hangs off it.
void AdvisoryReadRoutes(const On& on) {
  const std::string A = std::string("/api/v1/advisories/") + kId;
  on("GET", "/api/v1/me", Access::kAnyone, BodyKind::kNone, [](Call& c) {
    if (!c.who.signed_in()) {
      http::SendJson(c.res, {{"user", nullptr}, {"role", "anonymous"}});
      return Status::Ok();
    }
    const UserRecord& u = *c.who.user;
    http::SendJson(c.res, {{"user", u.name}, {"role", RoleName(u.role)}, {"github", u.github},
                           {"email", u.email}, {"branches", u.branches}});
    return Status::Ok();
  });

  on("GET", "/api/v1/advisories", Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(int limit, IntParam(c.req, "limit", 50, 1, 1000));
    PSIRT_ASSIGN_OR_RETURN(int offset, IntParam(c.req, "offset", 0, 0, 100000000));
    PSIRT_ASSIGN_OR_RETURN(VisibleRows rows, Filtered(c, offset, limit));
    std::string body = "{\"total\":" + std::to_string(rows.total) + ",\"offset\":" + std::to_string(offset) +
                       ",\"limit\":" + std::to_string(limit) + ",\"advisories\":[";
    for (size_t i = 0; i < rows.rows.size(); ++i) {
      if (i) body += ',';
      // Each element was rendered once when the advisory last changed;
      // reporters and outsiders get only what they are shown of it.
      body += IsInsiderRow(rows.rows[i]->summary, c.who.viewer) ? rows.rows[i]->json
                                                                : OutsiderRow(rows.rows[i]->summary, c.who.viewer).dump();
    }
    body += "]}\n";
    c.res.SetContent(std::move(body), "application/json");
    return Status::Ok();
  });

  // A report entered by the team (psirt report).
  on("POST", "/api/v1/advisories", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"title", "description", "reporter_name", "reporter_email",
                                                                        "reported_on", "triage"}));
    ReportRequest r;
    PSIRT_ASSIGN_OR_RETURN(r.title, b.String("title"));
    PSIRT_ASSIGN_OR_RETURN(r.description, b.String("description"));
    PSIRT_ASSIGN_OR_RETURN(r.reporter.name, b.String("reporter_name"));
    PSIRT_ASSIGN_OR_RETURN(r.reporter.email, b.String("reporter_email"));
    PSIRT_ASSIGN_OR_RETURN(r.reported_on, DateField(b, "reported_on"));
    PSIRT_ASSIGN_OR_RETURN(r.to_triage, b.Bool("triage", false));
    r.source = "api";
    AdvisoryService svc = c.Advisories();
    PSIRT_ASSIGN_OR_RETURN(Change change, svc.Report(c.who.actor, r));
    http::SendJson(c.res, AdvisoryToJson(change.advisory, svc.DeadlinesOf(change.advisory)), 201);
    return Status::Ok();
  });

  on("GET", A, Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(AdvisoryForCaller r, c.ReadAdvisory(c.Arg(1)));
    switch (r.sight) {
      case Sight::kOwnReport: http::SendJson(c.res, ToJson(*r.reporter_view)); break;
      case Sight::kPublished: http::SendJson(c.res, PublishedView(r.advisory)); break;
      case Sight::kInsider: http::SendJson(c.res, AdvisoryView(r, c.who.viewer)); break;
    }
    return Status::Ok();
  });

  // Who may see it: the team's business, so only for its insiders (to
  // anyone else it does not exist, like the advisory itself).
  on("GET", A + "/audience", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(AdvisoryForCaller r, c.ReadAdvisory(c.Arg(1)));
    if (r.sight != Sight::kInsider) return HiddenAdvisory();
    http::SendJson(c.res, AudienceToJson(r.advisory, r.need_to_know));
    return Status::Ok();
  });

  on("GET", A + "/events", Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(AdvisoryForCaller r, c.ReadAdvisory(c.Arg(1)));
    json events = json::array();
    if (r.sight == Sight::kOwnReport) {
      for (const ReporterMessage& m : r.reporter_view->conversation) events.push_back(ToJson(m));
      http::SendJson(c.res, {{"id", r.advisory.id}, {"conversation", events}});
      return Status::Ok();
    }
    for (const Event& e : r.shown_history) events.push_back(r.sight == Sight::kInsider ? EventToJson(e) : PublishedEvent(e));
    http::SendJson(c.res, {{"id", r.advisory.id}, {"events", events}});
    return Status::Ok();
  });

  on("GET", A + "/attachments/([0-9]{1,12})", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(AttachmentRecord a, c.ReadAttachment(c.Arg(1), std::stoll(c.Arg(2))));
    // Always a download, never rendered: the reporter chose its bytes.
    std::string safe_name;
    for (char ch : a.name)
      safe_name += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_') ? ch : '_';
    c.res.SetHeader("Content-Disposition", "attachment; filename=\"" + safe_name + "\"");
    c.res.SetContent(a.data, "application/octet-stream");
    return Status::Ok();
  });

  on("GET", A + "/export/(cve5|osv|csaf|rst)", Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(AdvisoryForCaller r, c.ReadAdvisory(c.Arg(1)));
    if (r.sight == Sight::kOwnReport && r.advisory.state != State::kPublic) return HiddenAdvisory();
    // A draft of an embargoed advisory for those who see it; a Public one is published as it is.
    bool draft = c.req.Param("draft") == "1" && r.advisory.state != State::kPublic;
    PublishService pub(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir());
    PSIRT_ASSIGN_OR_RETURN(std::string doc, pub.Export(r.advisory.id, *ParseExportFormat(c.Arg(2)), draft));
    c.res.SetContent(doc, c.Arg(2) == "rst" ? "text/x-rst; charset=utf-8" : "application/json");
    return Status::Ok();
  });

  on("GET", A + "/status", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(AdvisoryForCaller r, c.ReadAdvisory(c.Arg(1)));
    if (r.sight == Sight::kOwnReport) return HiddenAdvisory();
    if (c.ctx.workspace.RepositoryDir().empty())
      return Status::Invalid("psirt.yml names no repository: no fix status from git");
    SyncService sync(*c.store, c.ctx.config(), c.ctx.workspace.RepositoryDir(), c.ctx.clock);
    PSIRT_ASSIGN_OR_RETURN(auto st, sync.StatusOf(r.advisory.id));
    http::SendJson(c.res, {{"id", r.advisory.id}, {"status", FixFactsToJson(st.second)}});
    return Status::Ok();
  });
}

// Lifecycle actions on one advisory.
void AdvisoryActionRoutes(const On& on) {
  const std::string A = std::string("/api/v1/advisories/") + kId;
  // Lifecycle actions: signed in, checked from the head before any body.
  on("POST", A + "/notes", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"text", "with_reporter"}));
    PSIRT_ASSIGN_OR_RETURN(std::string text, b.String("text"));
    PSIRT_ASSIGN_OR_RETURN(bool with_reporter, b.Bool("with_reporter", false));
    if (c.who.viewer.role == Role::kReporter) {
      // A reporter writes into their conversation, as through their link.
      ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
      auto view = portal.ReplyAsAccount(c.who.viewer, c.who.actor, c.Arg(1), text);
      if (!view.ok()) return Hide(view.status());
      http::SendJson(c.res, ToJson(*view), 201);
      return Status::Ok();
    }
    return Mutation(c, [&](AdvisoryService& s, const std::string& actor) {
      return s.AddNote(actor, c.Arg(1), text, with_reporter);
    });
  });
  on("POST", A + "/ack", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::JsonBody::Read(c.req, {}).status());
    return Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Acknowledge(actor, c.Arg(1)); });
  });
  on("POST", A + "/triage", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"cvss", "cwes", "files", "subsystem"}));
    TriageRequest r;
    PSIRT_ASSIGN_OR_RETURN(r.cvss, b.OptString("cvss"));
    PSIRT_ASSIGN_OR_RETURN(r.subsystem, b.OptString("subsystem"));
    if (b.Has("cwes")) { PSIRT_ASSIGN_OR_RETURN(r.cwes, b.StringList("cwes")); }
    if (b.Has("files")) { PSIRT_ASSIGN_OR_RETURN(r.files, b.StringList("files")); }
    return Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Triage(actor, c.Arg(1), r); });
  });
  on("POST", A + "/assign", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"user"}));
    PSIRT_ASSIGN_OR_RETURN(std::string user, b.String("user"));
    return Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Assign(actor, c.Arg(1), user); });
  });
  on("POST", A + "/fixes", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"pr", "commit", "branch"}));
    PSIRT_ASSIGN_OR_RETURN(std::string pr, b.String("pr"));
    PSIRT_ASSIGN_OR_RETURN(std::string commit, b.String("commit"));
    Fix fix;
    PSIRT_ASSIGN_OR_RETURN(fix.branch, b.String("branch"));
    if (pr.empty() == commit.empty()) return Status::Invalid("give one of pr or commit");
    fix.kind = pr.empty() ? Fix::Kind::kCommit : Fix::Kind::kPr;
    fix.ref = pr.empty() ? commit : pr;
    return Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.LinkFix(actor, c.Arg(1), fix); });
  });
  on("POST", A + "/cve", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"cve", "reason"}));
    PSIRT_ASSIGN_OR_RETURN(std::string cve, b.String("cve"));
    PSIRT_ASSIGN_OR_RETURN(std::string reason, b.String("reason"));
    return Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.SetCve(actor, c.Arg(1), cve, reason); });
  });
  on("POST", A + "/credits", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"name", "type"}));
    Credit credit;
    PSIRT_ASSIGN_OR_RETURN(credit.name, b.String("name"));
    PSIRT_ASSIGN_OR_RETURN(credit.type, b.String("type"));
    return Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.AddCredit(actor, c.Arg(1), credit); });
  });
  on("POST", A + "/move", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"state", "reason", "no_cve", "early"}));
    PSIRT_ASSIGN_OR_RETURN(std::string state, b.String("state"));
    MoveRequest r;
    PSIRT_ASSIGN_OR_RETURN(r.reason, b.String("reason"));
    PSIRT_ASSIGN_OR_RETURN(r.no_cve_reason, b.String("no_cve"));
    PSIRT_ASSIGN_OR_RETURN(r.early_reason, b.String("early"));
    auto to = ParseState(state);
    if (!to) return std::move(Status::Invalid("state: expected New, Triage, Assigned, Review, Accepted, Public or Rejected").Field("state"));
    r.to = *to;
    return Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Move(actor, c.Arg(1), r); });
  });
  on("PATCH", A, Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"title", "description", "reporter_name", "reporter_email",
                                                                        "reporter_confirmed", "ghsa", "introduced_by",
                                                                        "embargo_ends", "clear_embargo", "reason"}));
    EditRequest r;
    PSIRT_ASSIGN_OR_RETURN(r.title, b.OptString("title"));
    PSIRT_ASSIGN_OR_RETURN(r.description, b.OptString("description"));
    PSIRT_ASSIGN_OR_RETURN(r.ghsa, b.OptString("ghsa"));
    PSIRT_ASSIGN_OR_RETURN(r.introduced_by, b.OptString("introduced_by"));
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> rname, b.OptString("reporter_name"));
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> remail, b.OptString("reporter_email"));
    if (rname || remail) r.reporter = Person{rname.value_or(""), remail.value_or("")};
    PSIRT_ASSIGN_OR_RETURN(r.embargo_ends, DateField(b, "embargo_ends"));
    PSIRT_ASSIGN_OR_RETURN(r.clear_embargo, b.Bool("clear_embargo", false));
    PSIRT_ASSIGN_OR_RETURN(r.confirm_reporter, b.Bool("reporter_confirmed", false));
    PSIRT_ASSIGN_OR_RETURN(r.reason, b.String("reason"));
    if (!r.title && !r.description && !r.ghsa && !r.introduced_by && !r.reporter && !r.embargo_ends && !r.clear_embargo &&
        !r.confirm_reporter)
      return Status::Invalid("nothing to change");
    return Mutation(c, [&](AdvisoryService& s, const std::string& actor) { return s.Edit(actor, c.Arg(1), r); });
  });
}

// The agenda, CVSS, ownership, imports, notifications and jobs.
void ToolRoutes(const On& on) {
  on("GET", "/api/v1/todo", Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    Date as_of = c.ctx.clock.Now().date();
    if (c.req.HasParam("as_of")) {
      auto d = Date::Parse(c.req.Param("as_of"));
      if (!d.ok()) return std::move(Status::Invalid("as_of: " + d.status().message()).Field("as_of"));
      as_of = *d;
    }
    PSIRT_ASSIGN_OR_RETURN(VisibleAgenda agenda, AgendaFor(c, as_of));
    json tasks = json::array();
    for (const Task& t : agenda.tasks) tasks.push_back(TaskToJson(t, as_of));
    http::SendJson(c.res, {{"as_of", as_of.ToString()}, {"tasks", tasks}});
    return Status::Ok();
  });

  on("GET", "/api/v1/cvss", Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    std::string vector = c.req.Param("vector");
    if (vector.empty()) return std::move(Status::Invalid("vector: give ?vector=CVSS:3.1/...").Field("vector"));
    PSIRT_ASSIGN_OR_RETURN(auto score, ScoreCvss(vector));
    std::string out;
    AppendCvssJson(vector, score, out);
    c.res.SetContent(out + "\n", "application/json");
    return Status::Ok();
  });

  on("GET", "/api/v1/owners", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto owners, c.ctx.workspace.Owners());
    if (!owners) return Status::Invalid("psirt.yml names no MAINTAINERS.yml");
    json paths = json::array();
    size_t n = c.req.ParamCount("path");
    if (n == 0) return std::move(Status::Invalid("path: give ?path=FILE (repeatable)").Field("path"));
    for (size_t i = 0; i < n && i < 1000; ++i) {
      std::string p = c.req.Param("path", i);
      json areas = json::array();
      for (const AreaMatch& m : owners->Match(p)) areas.push_back(AreaMatchToJson(m));
      paths.push_back({{"path", p}, {"areas", areas}});
    }
    http::SendJson(c.res, {{"paths", paths}});
    return Status::Ok();
  });

  on("POST", "/api/v1/import/(rst|cve5)", Access::kPsirt, BodyKind::kImport, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"files", "replace"}));
    if (!b.Has("files")) return std::move(Status::Invalid("files: expected [{\"name\": ..., \"text\": ...}]").Field("files"));
    PSIRT_ASSIGN_OR_RETURN(std::vector<http::JsonBody> list, b.ObjectList("files", {"name", "text"}));
    std::vector<InputFile> files;
    for (const http::JsonBody& f : list) {
      InputFile in;
      PSIRT_ASSIGN_OR_RETURN(in.name, f.String("name"));
      // Documents are imported as written: their bytes, not normalised.
      auto text = f.json().find("text");
      if (text == f.json().end() || !text->is_string())
        return std::move(Status::Invalid("files[].text: expected a string").Field("files[].text"));
      in.text = text->get<std::string>();
      files.push_back(std::move(in));
    }
    PSIRT_ASSIGN_OR_RETURN(bool replace, b.Bool("replace", false));
    ImportPolicy policy = replace ? ImportPolicy::kReplace : ImportPolicy::kRefuse;
    PublishService pub(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir());
    PSIRT_ASSIGN_OR_RETURN(ImportOutcome r, c.Arg(1) == "rst" ? pub.ImportZephyrRst(files, policy) : pub.ImportCve5(files, policy));
    http::SendJson(c.res, {{"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged}, {"ids", r.ids},
                           {"warnings", r.warnings}});
    return Status::Ok();
  });

  on("POST", "/api/v1/notify/dry-run", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::JsonBody::Read(c.req, {}).status());
    NotifyService svc(*c.store, c.ctx.config(), c.ctx.clock);
    NotifyOptions o;
    o.dry_run = true;
    PSIRT_ASSIGN_OR_RETURN(NotifyReport r, svc.Run(o));
    json due = json::array();
    for (const SentNotice& s : r.sent)
      due.push_back({{"kind", s.kind}, {"advisories", s.advisories}, {"to", s.to}, {"unknown", s.unknown},
                     {"subject", s.subject}, {"error", s.error}});
    http::SendJson(c.res, {{"due", due}});
    return Status::Ok();
  });

  on("GET", "/api/v1/jobs", Access::kPsirt, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto runs, c.Jobs().Recent());
    json out = json::array();
    for (const JobRun& r : runs)
      out.push_back({{"id", r.id}, {"job", r.job}, {"instance", r.instance}, {"started_at", r.started_at.ToString()},
                     {"finished_at", r.finished_at.ToString()}, {"ok", r.ok}, {"message", r.message}});
    const ServerInfo& s = c.ctx.config().server;
    http::SendJson(c.res, {{"schedule", {{"sync_minutes", s.sync_minutes}, {"fetch_minutes", s.fetch_minutes}, {"notify_minutes", s.notify_minutes},
                                         {"intake_minutes", s.intake_minutes}, {"github_pull_minutes", c.ctx.config().github.pull_minutes}}},
                           {"runs", out}});
    return Status::Ok();
  });
  on("POST", "/api/v1/jobs/(sync|fetch|notify|intake|github)", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::JsonBody::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(std::optional<JobRun> r, RunJob(c.ctx, c.Arg(1)));
    if (!r) return Status::Conflict("another instance is running this job");
    http::SendJson(c.res, {{"job", r->job}, {"ok", r->ok}, {"message", r->message}});
    return Status::Ok();
  });
}

// Accounts.
void UserRoutes(const On& on) {
  on("GET", "/api/v1/users", Access::kPsirt, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto users, c.Accounts().List());
    json out = json::array();
    for (const UserRecord& u : users) out.push_back(UserToJson(u));
    http::SendJson(c.res, {{"users", out}});
    return Status::Ok();
  });

  on("POST", "/api/v1/users", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"name", "role", "github", "email", "branches"}));
    NewUser u;
    PSIRT_ASSIGN_OR_RETURN(u.name, b.String("name"));
    PSIRT_ASSIGN_OR_RETURN(std::string role, b.String("role"));
    PSIRT_ASSIGN_OR_RETURN(u.github, b.String("github"));
    PSIRT_ASSIGN_OR_RETURN(u.email, b.String("email"));
    PSIRT_ASSIGN_OR_RETURN(u.branches, b.StringList("branches"));
    auto r = ParseRole(role);
    if (!r || *r == Role::kAnonymous)
      return std::move(Status::Invalid("role: expected psirt, maintainer, release-manager or reporter").Field("role"));
    u.role = *r;
    PSIRT_RETURN_IF_ERROR(c.Accounts().Add(u));
    http::SendJson(c.res, {{"name", u.name}, {"role", role}}, 201);
    return Status::Ok();
  });
  // A new token or password: the PSIRT for anyone; an account for itself
  // only with its current password (a session alone cannot make itself
  // permanent). A new password ends the account's sessions and token.
  on("POST", "/api/v1/users/([a-z0-9._-]{1,64})/token", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"current_password"}));
    PSIRT_ASSIGN_OR_RETURN(std::string current, b.String("current_password"));
    AccountService accounts = c.Accounts();
    PSIRT_RETURN_IF_ERROR(accounts.MayChangeCredentials(*c.who.user, c.who.session, c.Arg(1), CredentialChange::kToken,
                                                        current, c.req.client));
    PSIRT_ASSIGN_OR_RETURN(std::string token, accounts.IssueToken(c.Arg(1)));
    http::SendJson(c.res, {{"name", c.Arg(1)}, {"token", token}});
    return Status::Ok();
  });
  on("POST", "/api/v1/users/([a-z0-9._-]{1,64})/password", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"password", "current_password"}));
    PSIRT_ASSIGN_OR_RETURN(std::string password, b.String("password"));
    PSIRT_ASSIGN_OR_RETURN(std::string current, b.String("current_password"));
    AccountService accounts = c.Accounts();
    PSIRT_RETURN_IF_ERROR(accounts.MayChangeCredentials(*c.who.user, c.who.session, c.Arg(1), CredentialChange::kPassword,
                                                        current, c.req.client));
    PSIRT_RETURN_IF_ERROR(accounts.SetPassword(c.Arg(1), password));
    http::SendJson(c.res, {{"name", c.Arg(1)}, {"password_set", true}, {"signed_out_everywhere", true}});
    return Status::Ok();
  });
  on("POST", "/api/v1/users/([a-z0-9._-]{1,64})/disable", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::JsonBody::Read(c.req, {}).status());
    PSIRT_RETURN_IF_ERROR(c.Accounts().Disable(c.Arg(1)));
    http::SendJson(c.res, {{"name", c.Arg(1)}, {"disabled", true}});
    return Status::Ok();
  });
}

// Private intake and the reporter's link.
void IntakeRoutes(const On& on) {
  // Private intake: anyone may report; the answer is their private link
  // (never the advisory id: it would tell how many reports came in).
  on("POST", "/api/v1/reports", Access::kAnyone, BodyKind::kReport, [](Call& c) -> Status {
    if (!c.ctx.reports.Allow(c.req.client)) {
      http::SendErrorCode(c.res, 429, "rate_limited", "too many reports from this address: try again in an hour");
      return Status::Ok();
    }
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"title", "description", "affected", "reporter_name",
                                                                        "reporter_email", "attachment"}));
    WebReport r;
    PSIRT_ASSIGN_OR_RETURN(r.title, b.String("title"));
    PSIRT_ASSIGN_OR_RETURN(r.description, b.String("description"));
    PSIRT_ASSIGN_OR_RETURN(r.affected, b.String("affected"));
    PSIRT_ASSIGN_OR_RETURN(r.reporter.name, b.String("reporter_name"));
    PSIRT_ASSIGN_OR_RETURN(r.reporter.email, b.String("reporter_email"));
    PSIRT_ASSIGN_OR_RETURN(std::optional<http::JsonBody> a, b.Object("attachment", {"name", "content_type", "data_base64"}));
    if (a) {
      WebReport::File file;
      PSIRT_ASSIGN_OR_RETURN(file.name, a->String("name"));
      PSIRT_ASSIGN_OR_RETURN(file.content_type, a->String("content_type"));
      PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> b64, a->OptString("data_base64"));
      if (!b64) return std::move(Status::Invalid("attachment.data_base64: expected a string").Field("attachment.data_base64"));
      std::string data(b64->size() * 3 / 4 + 3, '\0');
      size_t len = 0;
      if (sodium_base642bin(reinterpret_cast<unsigned char*>(data.data()), data.size(), b64->data(), b64->size(), "\r\n",
                            &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::move(Status::Invalid("attachment.data_base64: not base64").Field("attachment.data_base64"));
      data.resize(len);
      file.data = std::move(data);
      r.attachment = std::move(file);
    }
    if (c.who.viewer.role == Role::kReporter) r.account = c.who.user->name;
    IntakeService intake(*c.store, c.ctx.config(), c.ctx.clock);
    PSIRT_ASSIGN_OR_RETURN(SubmittedReport sub, intake.Submit(r, static_cast<size_t>(c.ctx.config().server.attachment_kb) * 1024));
    http::SendJson(c.res, {{"token", sub.link_token}, {"link", "/r/" + sub.link_token}}, 201);
    return Status::Ok();
  });

  // The reporter's private link, as JSON: the same reporter portal as
  // their page and as a reporter account.
  on("GET", "/api/v1/reports/([^/]+)", Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
    PSIRT_ASSIGN_OR_RETURN(ReporterView view, portal.ByLink(c.Arg(1)));
    http::SendJson(c.res, ToJson(view));
    return Status::Ok();
  });
  on("POST", "/api/v1/reports/([^/]+)/comments", Access::kAnyone, BodyKind::kJson, [](Call& c) -> Status {
    ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
    PSIRT_RETURN_IF_ERROR(portal.AdvisoryOfLink(c.Arg(1)).status());  // an unknown link before the body
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"text"}));
    PSIRT_ASSIGN_OR_RETURN(std::string text, b.String("text"));
    PSIRT_ASSIGN_OR_RETURN(ReporterView view, portal.ReplyByLink(c.Arg(1), text));
    http::SendJson(c.res, ToJson(view), 201);
    return Status::Ok();
  });
}

}  // namespace

void RegisterApiRoutes(Routes& routes) {
  On on = [&](const char* method, const std::string& pattern, Access access, BodyKind body, std::function<Status(Call&)> fn) {
    routes.Add({method, pattern, access, body, Api(std::move(fn))});
  };
  AdvisoryReadRoutes(on);
  AdvisoryActionRoutes(on);
  ToolRoutes(on);
  UserRoutes(on);
  IntakeRoutes(on);

  // Anything else under /api/ is not an endpoint.
  for (const char* m : {"GET", "POST", "PATCH", "PUT", "DELETE"})
    on(m, "/api/.*", Access::kAnyone, std::string(m) == "GET" ? BodyKind::kNone : BodyKind::kJson,
       [](Call&) { return Status::NotFound("no such endpoint"); });
}

}  // namespace psirt
