// The API's CVE Services endpoints (the project as its CNA): the pool of
// reserved ids, publishing an advisory's record, update-all, rejections,
// the organisation's ids and quota. PSIRT members only; the service and
// credentials come from psirt.yml's cve_services (the key never leaves the
// request headers the client sends).
#include "app/cve_service.h"
#include "server/api_support.h"

namespace psirt::api {
namespace {

using nlohmann::json;

// Runs `fn` with this request's CveService; its client when credentials are
// configured (`required`: an error when they are not).
Status WithCveService(Call& c, bool required, const std::function<Status(CveService&)>& fn) {
  PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<CveServicesClient> client, OpenCveServices(CveServicesAccessOf(c.ctx.workspace), required));
  CveService svc(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir(), client.get());
  return fn(svc);
}

}  // namespace

void CveRoutes(const On& on) {
  on("GET", "/api/v1/cve-services/pool", Access::kPsirt, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    return WithCveService(c, false, [&](CveService& svc) -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::vector<CvePoolEntry> pool, svc.Pool());
      http::SendJson(c.res, {{"cve_ids", PoolToJson(pool)}});
      return Status::Ok();
    });
  });

  on("POST", "/api/v1/cve-services/reserve", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"count", "year", "sequential"}));
    PSIRT_ASSIGN_OR_RETURN(long long count, b.Int("count", 1, 1, 1000));
    int this_year = c.ctx.clock.Now().date().year();
    PSIRT_ASSIGN_OR_RETURN(long long year, b.Int("year", this_year, 1999, this_year + 1));
    PSIRT_ASSIGN_OR_RETURN(bool sequential, b.Bool("sequential", false));
    return WithCveService(c, true, [&](CveService& svc) -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::vector<CvePoolEntry> added, svc.Reserve(static_cast<int>(count), static_cast<int>(year), sequential));
      http::SendJson(c.res, {{"cve_ids", PoolToJson(added)}});
      return Status::Ok();
    });
  });

  on("POST", std::string("/api/v1/advisories/") + kId + "/cve/assign-reserved", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::JsonBody::Read(c.req, {}).status());
    return Mutation(c, [&](AdvisoryService&, const std::string& actor) -> Result<Change> {
      CveService svc(*c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir(), nullptr);
      return svc.AssignReserved(actor, c.Arg(1));
    });
  });

  on("POST", std::string("/api/v1/advisories/") + kId + "/cve/publish", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"dry_run", "early_reason"}));
    CvePublishOptions o;
    PSIRT_ASSIGN_OR_RETURN(o.dry_run, b.Bool("dry_run", false));
    PSIRT_ASSIGN_OR_RETURN(o.early_reason, b.String("early_reason"));
    return WithCveService(c, !o.dry_run, [&](CveService& svc) -> Status {
      PSIRT_ASSIGN_OR_RETURN(CvePublishOutcome out, svc.Publish(c.who.actor, c.Arg(1), o));
      http::SendJson(c.res, {{"records", OutcomesToJson({out})}});
      return Status::Ok();
    });
  });

  on("POST", "/api/v1/cve-services/update-all", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"dry_run"}));
    PSIRT_ASSIGN_OR_RETURN(bool dry_run, b.Bool("dry_run", false));
    return WithCveService(c, !dry_run, [&](CveService& svc) -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::vector<CvePublishOutcome> all, svc.UpdateAll(c.who.actor, dry_run));
      http::SendJson(c.res, {{"records", OutcomesToJson(all)}});
      return Status::Ok();
    });
  });

  on("POST", "/api/v1/cve-services/reject", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"cve", "reason"}));
    PSIRT_ASSIGN_OR_RETURN(std::string cve, b.String("cve"));
    PSIRT_ASSIGN_OR_RETURN(std::string reason, b.String("reason"));
    if (cve.empty()) return std::move(Status::Invalid("cve: expected CVE-YYYY-NNNN").Field("cve"));
    if (reason.empty()) return std::move(Status::Invalid("reason: expected why the id is rejected").Field("reason"));
    return WithCveService(c, true, [&](CveService& svc) -> Status {
      PSIRT_RETURN_IF_ERROR(svc.Reject(c.who.actor, cve, reason));
      http::SendJson(c.res, {{"cve", cve}, {"state", "REJECTED"}});
      return Status::Ok();
    });
  });

  on("GET", "/api/v1/cve-services/ids", Access::kPsirt, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::QueryParams q, http::QueryParams::Read(c.req, {"state"}));
    PSIRT_ASSIGN_OR_RETURN(std::string state, q.Optional("state"));
    if (!state.empty() && state != "reserved" && state != "published" && state != "rejected")
      return std::move(Status::Invalid("state: expected reserved, published or rejected").Field("state"));
    PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<CveServicesClient> client, OpenCveServices(CveServicesAccessOf(c.ctx.workspace), true));
    PSIRT_ASSIGN_OR_RETURN(std::vector<CveIdInfo> ids, client->List(state));
    http::SendJson(c.res, {{"cve_ids", CveIdsToJson(ids)}});
    return Status::Ok();
  });

  on("GET", "/api/v1/cve-services/quota", Access::kPsirt, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::QueryParams::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<CveServicesClient> client, OpenCveServices(CveServicesAccessOf(c.ctx.workspace), true));
    PSIRT_ASSIGN_OR_RETURN(json quota, client->Quota());
    http::SendJson(c.res, quota);
    return Status::Ok();
  });
}

}  // namespace psirt::api
