// The API's team tools: the agenda, CVSS, ownership, imports,
// notifications and background jobs.
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
#include "app/advisory_views.h"

#include "server/api_support.h"

namespace psirt::api {

using nlohmann::json;

// The agenda, CVSS, ownership, imports, notifications and jobs.
void ToolRoutes(const On& on) {
  on("GET", "/api/v1/todo", Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::QueryParams q, http::QueryParams::Read(c.req, {"as_of"}));
    PSIRT_ASSIGN_OR_RETURN(std::optional<Date> given, q.OptDate("as_of"));
    Date as_of = given.value_or(c.ctx.clock.Now().date());
    PSIRT_ASSIGN_OR_RETURN(VisibleAgenda agenda, AgendaFor(c, as_of));
    json tasks = json::array();
    for (const Task& t : agenda.tasks) tasks.push_back(TaskToJson(t, as_of));
    http::SendJson(c.res, {{"as_of", as_of.ToString()}, {"tasks", tasks}});
    return Status::Ok();
  });

  on("GET", "/api/v1/cvss", Access::kAnyone, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::QueryParams q, http::QueryParams::Read(c.req, {"vector"}));
    PSIRT_ASSIGN_OR_RETURN(std::string vector, q.Required("vector", "?vector=CVSS:3.1/..."));
    PSIRT_ASSIGN_OR_RETURN(auto score, ScoreCvss(vector));
    std::string out;
    AppendCvssJson(vector, score, out);
    c.res.SetContent(out + "\n", "application/json");
    return Status::Ok();
  });

  on("GET", "/api/v1/owners", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(auto owners, c.ctx.workspace.Owners());
    if (!owners) return Status::Invalid("psirt.yml names no MAINTAINERS.yml");
    PSIRT_ASSIGN_OR_RETURN(http::QueryParams q, http::QueryParams::Read(c.req, {"path"}));
    PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> files, q.List("path", "?path=FILE", 1000));
    json paths = json::array();
    for (const std::string& p : files) {
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
    // Documents are imported as written: their bytes, not normalised.
    PSIRT_ASSIGN_OR_RETURN(std::vector<InputFile> files, InputFiles(b, "files"));
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
    http::SendJson(c.res, ToJson(r, /*dry_run=*/true));
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
                                         {"intake_minutes", s.intake_minutes}, {"github_pull_minutes", c.ctx.config().github.pull_minutes},
                                         {"cve_update_minutes", c.ctx.config().cve_services.update_minutes}}},
                           {"runs", out}});
    return Status::Ok();
  });
  on("POST", "/api/v1/jobs/(sync|fetch|notify|intake|github|cve-update)", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::JsonBody::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(std::optional<JobAnswer> r, RunJob(c.ctx, c.Arg(1)));
    if (!r) return Status::Conflict("another instance is running this job");
    http::SendJson(c.res, {{"job", r->job}, {"ok", r->ok}, {"message", r->message}, {"report", r->report}});
    return Status::Ok();
  });
}


}  // namespace psirt::api
