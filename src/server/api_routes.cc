// The JSON REST API under /api/v1/: registers each resource's routes
// (server/api_*_routes.cc) and the catch-all for unknown endpoints, and
// holds what they share: the list and agenda a viewer may see, the hidden
// answer, and the small translations of server/api_support.h. Each route
// declares who may call it and what body it takes; handlers bind the body
// to typed values (400 naming the field), call one application service and
// render. Who may see and do what on an advisory is decided by the access
// filter and the services' guard, never here.
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
#include "app/constraint_service.h"
#include "server/jobs.h"
#include "formats/list_query_params.h"
#include "server/server.h"
#include "app/advisory_views.h"

#include "server/api_support.h"
#include "app/action_binder.h"

namespace psirt {

Status Hide(const Status& st) { return st.code() == Status::Code::kNotFound ? HiddenAdvisory() : st; }

namespace api {

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
  http::SendJson(c.res, ChangeToJson(*change, svc.DeadlinesOf(change->advisory)));
  return Status::Ok();
}

Result<std::vector<InputFile>> InputFiles(const http::JsonBody& b, const char* key) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<http::JsonBody> list, b.ObjectList(key, {"name", "text"}));
  std::vector<InputFile> files;
  for (const http::JsonBody& f : list) {
    InputFile in;
    PSIRT_ASSIGN_OR_RETURN(in.name, f.String("name"));
    auto text = f.json().find("text");
    const std::string field = std::string(key) + "[].text";
    if (text == f.json().end() || !text->is_string()) return std::move(Status::Invalid(field + ": expected a string").Field(field));
    in.text = text->get<std::string>();
    files.push_back(std::move(in));
  }
  return files;
}

Result<std::optional<Date>> DateField(const http::JsonBody& b, const char* name) {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> v, b.OptString(name));
  if (!v) return std::optional<Date>();
  auto d = Date::Parse(*v);
  if (!d.ok()) return std::move(Status::Invalid(std::string(name) + ": " + d.status().message()).Field(name));
  return std::optional<Date>(*d);
}


}  // namespace api

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
  std::vector<Task> tasks;
  if (c.who.viewer.role != Role::kReporter && c.who.viewer.role != Role::kAnonymous)
    tasks = WorkspaceConstraintTasks(c.ctx.workspace.ModulesManifest(), c.ctx.workspace.WestDir(),
                                     c.ctx.workspace.ModulesConstraints());
  for (Task& t : BuildAgenda(open, c.ctx.config().policy, as_of)) tasks.push_back(std::move(t));
  return VisibleAgenda{std::move(tasks), open.size()};
}

void RegisterApiRoutes(Routes& routes) {
  api::On on = [&](const char* method, const std::string& pattern, Access access, BodyKind body, std::function<Status(Call&)> fn) {
    routes.Add({method, pattern, access, body, api::Api(std::move(fn))});
  };
  using namespace api;
  AdvisoryReadRoutes(on);
  AdvisoryActionRoutes(on);
  ToolRoutes(on);
  UserRoutes(on);
  IntakeRoutes(on);
  ModuleRoutes(on);
  CveRoutes(on);
  PatchRoutes(on);

  // Anything else under /api/ is not an endpoint.
  for (const char* m : {"GET", "POST", "PATCH", "PUT", "DELETE"})
    on(m, "/api/.*", Access::kAnyone, std::string(m) == "GET" ? BodyKind::kNone : BodyKind::kJson,
       [](Call&) { return Status::NotFound("no such endpoint"); });
}


}  // namespace psirt
