// `psirt cve` as the project's CNA on CVE Services, beside `psirt cve ID
// CVE-...` (recording an id by hand, kept as it was):
//   psirt cve ID --assign-reserved          the pool's next free id
//   psirt cve reserve [--count N] [--year Y] [--sequential]
//   psirt cve publish ID [--dry-run] [--early --reason TEXT]
//   psirt cve update-all [--dry-run]
//   psirt cve reject CVE-ID --reason TEXT
//   psirt cve list [--state reserved|published|rejected]
//   psirt cve quota | psirt cve pool
// Credentials: CVE_API_ORG, CVE_API_USER, CVE_API_KEY, else --credentials
// FILE (mode 0600); --api-url production|test|URL selects the service;
// both default to psirt.yml's cve_services.
#include <cstdlib>
#include <iostream>

#include "app/cve_service.h"
#include "app/workspace.h"
#include "base/time.h"
#include "cli/commands.h"
#include "cli/safe_output.h"

namespace psirt::cli {
namespace {

// What every CVE Services command shares: which service, whose credentials
// (each, when not given, from psirt.yml's cve_services).
struct ServiceArgs {
  std::string api_url, credentials;
};

void AddServiceOptions(CLI::App* cmd, ServiceArgs& s) {
  cmd->add_option("--api-url", s.api_url, "production, test, or the service's base URL (default: psirt.yml cve_services.api_url, else production)");
  cmd->add_option("--credentials", s.credentials,
                  "A file of ORG=, USER=, KEY= lines, mode 0600 (default: CVE_API_ORG, CVE_API_USER, CVE_API_KEY, "
                  "else psirt.yml cve_services.credentials_file)");
}


// The service and credentials: the options, else `ws`'s psirt.yml (if any).
CveServicesAccess AccessFor(const ServiceArgs& s, const Workspace* ws) {
  CveServicesAccess a = ws ? CveServicesAccessOf(*ws) : CveServicesAccess{};
  if (!s.api_url.empty()) a.api_url = s.api_url;
  if (!s.credentials.empty()) a.credentials_file = s.credentials;
  return a;
}

Result<std::unique_ptr<CveServicesClient>> ClientFor(const ServiceArgs& s, const Workspace* ws, bool required) {
  if (!s.api_url.empty()) {
    Result<std::string> url = CveServicesBaseUrl(s.api_url);
    if (!url.ok()) return Status::Usage("--api-url: " + url.status().message());
  }
  return OpenCveServices(AccessFor(s, ws), required);
}

// Runs `fn` with the workspace's CveService (the client made from `s`).
Status WithService(CliContext& ctx, const ServiceArgs& s, bool client_required,
                   const std::function<Status(CveService&, const std::string& actor)>& fn) {
  PSIRT_RETURN_IF_ERROR(ctx.LocalOnly("psirt cve (CVE Services)", "at /api/v1/cve-services and on its /cve-services page"));
  PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
  PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<CveServicesClient> client, ClientFor(s, ws, client_required));
  PSIRT_ASSIGN_OR_RETURN(std::string actor, ctx.Actor());
  CveService svc(*ws->store, ws->config, ctx.clock, ws->RepositoryDir(), client.get());
  return fn(svc, actor);
}

// `list` and `quota` need no workspace; psirt.yml's settings when there is one.
Result<std::unique_ptr<CveServicesClient>> ClientWithoutWorkspace(CliContext& ctx, const ServiceArgs& s) {
  Result<Workspace*> ws = ctx.OpenedWorkspace();
  return ClientFor(s, ws.ok() ? *ws : nullptr, true);
}

void PrintPool(CliContext& ctx, const std::vector<CvePoolEntry>& pool) {
  if (ctx.options.json) return ctx.PrintJson({{"cve_ids", PoolToJson(pool)}});
  for (const CvePoolEntry& e : pool)
    std::cout << EscapeControls(e.cve_id + "  " + e.state + (e.advisory.empty() ? "" : "  " + e.advisory), false) << "\n";
}

void PrintOutcomes(CliContext& ctx, const std::vector<CvePublishOutcome>& all, bool dry_run) {
  if (ctx.options.json) return ctx.PrintJson({{"records", OutcomesToJson(all)}});
  for (const CvePublishOutcome& o : all) {
    if (dry_run && o.action == "dry-run") {
      std::cout << o.request_body.dump(2) << "\n";
      continue;
    }
    std::cout << EscapeControls(o.cve + "  " + o.action + "  (" + o.advisory + ")", false) << "\n";
  }
}

void RegisterReserveAndPool(CLI::App* cve, CliContext& ctx) {
  struct Args {
    ServiceArgs service;
    int count = 1, year = 0;
    bool sequential = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* reserve = cve->add_subcommand("reserve", "Reserve CVE ids at CVE Services; they join the workspace's pool");
  reserve->add_option("--count", a->count, "How many (default 1)");
  reserve->add_option("--year", a->year, "Their year (default: this year)");
  reserve->add_flag("--sequential", a->sequential, "Consecutive numbers (a batch of more than one; default: non-sequential)");
  AddServiceOptions(reserve, a->service);
  reserve->callback([&ctx, a] {
    ctx.status = WithService(ctx, a->service, true, [&](CveService& svc, const std::string&) -> Status {
      int year = a->year ? a->year : ctx.clock.Now().date().year();
      PSIRT_ASSIGN_OR_RETURN(std::vector<CvePoolEntry> added, svc.Reserve(a->count, year, a->sequential));
      PrintPool(ctx, added);
      return Status::Ok();
    });
  });
  CLI::App* pool = cve->add_subcommand("pool", "The reserved CVE ids kept in the workspace, and who has them");
  pool->callback([&ctx] {
    ctx.status = WithService(ctx, ServiceArgs{}, false, [&](CveService& svc, const std::string&) -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::vector<CvePoolEntry> all, svc.Pool());
      PrintPool(ctx, all);
      return Status::Ok();
    });
  });
}

void RegisterPublish(CLI::App* cve, CliContext& ctx) {
  struct Args {
    ServiceArgs service;
    std::string id, reason;
    bool dry_run = false, early = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* publish = cve->add_subcommand("publish", "Publish (or update) an advisory's CVE record at CVE Services");
  publish->add_option("id", a->id, "Advisory: its id, CVE id or GHSA id")->required();
  publish->add_flag("--dry-run", a->dry_run, "Print the exact request body; send nothing");
  auto* early = publish->add_flag("--early", a->early, "Publish before the advisory is Public (needs --reason)");
  publish->add_option("--reason", a->reason, "Why it is published early (recorded)")->needs(early);
  AddServiceOptions(publish, a->service);
  publish->callback([&ctx, a] {
    ctx.status = WithService(ctx, a->service, !a->dry_run, [&](CveService& svc, const std::string& actor) -> Status {
      if (a->early && a->reason.empty()) return Status::Usage("--early needs --reason TEXT");
      PSIRT_ASSIGN_OR_RETURN(CvePublishOutcome o, svc.Publish(actor, a->id, {a->dry_run, a->early ? a->reason : ""}));
      PrintOutcomes(ctx, {o}, a->dry_run);
      return Status::Ok();
    });
  });
  auto u = std::make_shared<Args>();
  CLI::App* update = cve->add_subcommand("update-all", "Republish every Public advisory whose CVE record changed since it was sent");
  update->add_flag("--dry-run", u->dry_run, "Print what would be sent; send nothing");
  AddServiceOptions(update, u->service);
  update->callback([&ctx, u] {
    ctx.status = WithService(ctx, u->service, !u->dry_run, [&](CveService& svc, const std::string& actor) -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::vector<CvePublishOutcome> all, svc.UpdateAll(actor, u->dry_run));
      PrintOutcomes(ctx, all, u->dry_run);
      return Status::Ok();
    });
  });
}

void RegisterServiceQueries(CLI::App* cve, CliContext& ctx) {
  struct Args {
    ServiceArgs service;
    std::string cve, reason, state;
  };
  auto r = std::make_shared<Args>();
  CLI::App* reject = cve->add_subcommand("reject", "Reject a published CVE record, or give back an unused reservation");
  reject->add_option("cve", r->cve, "CVE-YYYY-NNNN")->required();
  reject->add_option("--reason", r->reason, "Why (the record's rejectedReasons)")->required();
  AddServiceOptions(reject, r->service);
  reject->callback([&ctx, r] {
    ctx.status = WithService(ctx, r->service, true, [&](CveService& svc, const std::string& actor) -> Status {
      PSIRT_RETURN_IF_ERROR(svc.Reject(actor, r->cve, r->reason));
      if (ctx.options.json) ctx.PrintJson({{"cve", r->cve}, {"state", "REJECTED"}});
      else std::cout << EscapeControls(r->cve, false) << "  REJECTED\n";
      return Status::Ok();
    });
  });
  auto l = std::make_shared<Args>();
  CLI::App* list = cve->add_subcommand("list", "The organisation's CVE ids at CVE Services (every page)");
  list->add_option("--state", l->state, "reserved, published or rejected")->check(CLI::IsMember({"reserved", "published", "rejected"}));
  AddServiceOptions(list, l->service);
  list->callback([&ctx, l] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<CveServicesClient> client, ClientWithoutWorkspace(ctx, l->service));
      PSIRT_ASSIGN_OR_RETURN(std::vector<CveIdInfo> ids, client->List(l->state));
      if (ctx.options.json) {
        ctx.PrintJson({{"cve_ids", CveIdsToJson(ids)}});
      } else {
        for (const CveIdInfo& i : ids) std::cout << EscapeControls(i.cve_id + "  " + i.state, false) << "\n";
      }
      return Status::Ok();
    }();
  });
  auto q = std::make_shared<Args>();
  CLI::App* quota = cve->add_subcommand("quota", "The organisation's CVE id quota at CVE Services");
  AddServiceOptions(quota, q->service);
  quota->callback([&ctx, q] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<CveServicesClient> client, ClientWithoutWorkspace(ctx, q->service));
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json j, client->Quota());
      if (ctx.options.json) ctx.PrintJson(j);
      else std::cout << "quota " << j.value("id_quota", 0) << ", reserved " << j.value("total_reserved", 0) << ", available "
                     << j.value("available", 0) << "\n";
      return Status::Ok();
    }();
  });
}

}  // namespace

void RegisterCveServices(CLI::App* cve, CliContext& ctx) {
  RegisterReserveAndPool(cve, ctx);
  RegisterPublish(cve, ctx);
  RegisterServiceQueries(cve, ctx);
}

Result<std::string> AssignReservedCve(CliContext& ctx, const std::string& id) {
  PSIRT_RETURN_IF_ERROR(ctx.LocalOnly("psirt cve (CVE Services)", "at /api/v1/cve-services and on its /cve-services page"));
  PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
  PSIRT_ASSIGN_OR_RETURN(std::string actor, ctx.Actor());
  CveService svc(*ws->store, ws->config, ctx.clock, ws->RepositoryDir(), nullptr);
  PSIRT_ASSIGN_OR_RETURN(Change c, svc.AssignReserved(actor, id));
  return c.advisory.cve_id;
}

}  // namespace psirt::cli
