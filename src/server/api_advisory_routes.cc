// The API's advisory routes: who is asking, the list, one advisory and
// what hangs off it (events, audience, attachments, exports, fix status),
// and every lifecycle action on it.
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

#include "server/action_fields.h"
#include "server/api_support.h"

namespace psirt::api {

using nlohmann::json;

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
    http::SendJson(c.res, FixStatusToJson(r.advisory, st.second, c.ctx.config().releases.main_branch, r.sight == Sight::kInsider));
    return Status::Ok();
  });
}


// Lifecycle actions on one advisory.
void AdvisoryActionRoutes(const On& on) {
  const std::string A = std::string("/api/v1/advisories/") + kId;
  // Lifecycle actions: signed in, checked from the head before any body;
  // each action's route and fields come from the one table (app/action_binder.h).
  for (const ActionSpec& spec : Actions()) {
    on(spec.method.data(), A + std::string(spec.path), Access::kSignedIn, BodyKind::kJson, [&spec](Call& c) -> Status {
      PSIRT_ASSIGN_OR_RETURN(auto fields, JsonActionFields(c.req, spec));
      if (spec.name == "note" && c.who.viewer.role == Role::kReporter) {
        PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> text, fields->Text("text"));
        // A reporter writes into their conversation, as through their link.
        ReporterPortal portal(*c.store, c.ctx.config(), c.ctx.clock);
        auto view = portal.ReplyAsAccount(c.who.viewer, c.who.actor, c.Arg(1), text.value_or(""));
        if (!view.ok()) return Hide(view.status());
        http::SendJson(c.res, ToJson(*view), 201);
        return Status::Ok();
      }
      return Mutation(c, [&](AdvisoryService& s, const std::string& actor) {
        return RunBoundAction(s, actor, c.Arg(1), spec, *fields);
      });
    });
  }
}


}  // namespace psirt::api
