// psirt as a CNA on CVE Services (see cve_service.h).
#include "app/cve_service.h"

#include "app/account_service.h"
#include "app/workspace.h"
#include "core/event_payloads.h"
#include "formats/schema_validator.h"

namespace psirt {
namespace {

using nlohmann::json;

constexpr const char* kPoolKey = "cve_services.pool";

std::vector<CvePoolEntry> PoolFromJson(const json& j) {
  std::vector<CvePoolEntry> out;
  if (!j.is_array()) return out;
  for (const json& e : j)
    out.push_back({e.value("cve_id", ""), e.value("state", ""), e.value("reserved", ""), e.value("advisory", "")});
  return out;
}

Result<std::vector<CvePoolEntry>> LoadPool(StoreTx& tx) {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> text, tx.GetState(kPoolKey));
  if (!text) return std::vector<CvePoolEntry>{};
  json j = json::parse(*text, nullptr, false);
  if (j.is_discarded()) return Status::Internal("the stored CVE id pool is not JSON");
  return PoolFromJson(j);
}

}  // namespace

json PoolToJson(const std::vector<CvePoolEntry>& pool) {
  json out = json::array();
  for (const CvePoolEntry& e : pool)
    out.push_back({{"cve_id", e.cve_id}, {"state", e.state}, {"reserved", e.reserved}, {"advisory", e.advisory}});
  return out;
}

json OutcomesToJson(const std::vector<CvePublishOutcome>& all) {
  json j = json::array();
  for (const CvePublishOutcome& o : all)
    j.push_back({{"advisory", o.advisory}, {"cve", o.cve}, {"action", o.action}, {"request", o.request_body}});
  return j;
}

json CveIdsToJson(const std::vector<CveIdInfo>& ids) {
  json j = json::array();
  for (const CveIdInfo& i : ids) j.push_back({{"cve_id", i.cve_id}, {"state", i.state}, {"year", i.year}, {"reserved", i.reserved}});
  return j;
}

CveServicesAccess CveServicesAccessOf(const Workspace& ws) {
  const CveServicesInfo& c = ws.config.cve_services;
  return {c.api_url, c.credentials_file.empty() ? "" : ws.Resolve(c.credentials_file)};
}

Result<std::unique_ptr<CveServicesClient>> OpenCveServices(const CveServicesAccess& access, bool required) {
  CveServicesOptions o;
  PSIRT_ASSIGN_OR_RETURN(o.api_url, CveServicesBaseUrl(access.api_url));
  Result<CveCredentials> c = LoadCveCredentials(access.credentials_file);
  if (!c.ok()) {
    // No credentials at all is a usage matter; a bad file is always an error.
    if (required || c.status().code() != Status::Code::kUsage) return c.status();
    return std::unique_ptr<CveServicesClient>();
  }
  o.credentials = *c;
  return std::make_unique<CveServicesClient>(o, SendHttp);
}

CveService::CveService(Store& store, const WorkspaceConfig& config, const Clock& clock, std::string repo_dir,
                       CveServicesClient* client)
    : store_(store), config_(config), clock_(clock), repo_dir_(std::move(repo_dir)), client_(client) {}

std::string CveService::Fingerprint(const json& container) { return Sha256Hex(container.dump()); }

Status CveService::UpdatePool(const std::function<void(std::vector<CvePoolEntry>&)>& change) {
  return store_.Write([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(std::vector<CvePoolEntry> pool, LoadPool(tx));
    change(pool);
    return tx.PutState(kPoolKey, PoolToJson(pool).dump());
  });
}

Result<std::vector<CvePoolEntry>> CveService::Pool() {
  std::vector<CvePoolEntry> pool;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(pool, LoadPool(tx));
    return Status::Ok();
  }));
  return pool;
}

Result<std::vector<CvePoolEntry>> CveService::Reserve(int count, int year, bool sequential) {
  if (!client_) return Status::Usage("cve reserve needs CVE Services credentials");
  if (count < 1 || count > 1000) return Status::Usage("--count: expected 1 to 1000");
  PSIRT_ASSIGN_OR_RETURN(std::vector<CveIdInfo> ids, client_->Reserve(count, year, sequential));
  std::vector<CvePoolEntry> added;
  for (const CveIdInfo& i : ids) added.push_back({i.cve_id, i.state.empty() ? "RESERVED" : i.state, i.reserved, ""});
  // The ids are reserved at the service now: keep them even if another
  // process added to the pool meanwhile.
  PSIRT_RETURN_IF_ERROR(UpdatePool([&](std::vector<CvePoolEntry>& pool) { pool.insert(pool.end(), added.begin(), added.end()); }));
  return added;
}

Result<Change> CveService::AssignReserved(const std::string& actor, const std::string& id) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<CvePoolEntry> pool, Pool());
  AdvisoryService advisories(store_, config_, clock_);
  for (const CvePoolEntry& e : pool) {
    if (e.state != "RESERVED" || !e.advisory.empty()) continue;
    // SetCve refuses an id another advisory holds: the pool can never give one twice.
    Result<Change> c = advisories.SetCve(actor, id, e.cve_id);
    if (!c.ok()) return c;
    PSIRT_RETURN_IF_ERROR(UpdatePool([&](std::vector<CvePoolEntry>& all) {
      for (CvePoolEntry& x : all)
        if (x.cve_id == e.cve_id) x.advisory = c->advisory.id;
    }));
    return c;
  }
  return Status::NotFound("no reserved CVE id is free: psirt cve reserve --count N");
}

Result<std::string> CveService::OrgId() {
  std::string key = "cve_services.org_id";
  if (client_) key += "/" + UrlHost(client_->api_url()) + "/" + client_->org();
  std::optional<std::string> known;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(known, tx.GetState(key));
    return Status::Ok();
  }));
  if (known) return *known;
  if (!client_) return Status::Usage("the CNA's organisation UUID is not known yet: give CVE Services credentials once");
  PSIRT_ASSIGN_OR_RETURN(std::string uuid, client_->OrgId());
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) { return tx.PutState(key, uuid); }));
  return uuid;
}

Result<json> CveService::Container(const Advisory& a, bool early) {
  PublishService publish(store_, config_, clock_, repo_dir_);
  PSIRT_ASSIGN_OR_RETURN(std::string record, publish.Export(a.id, ExportFormat::kCve5, early));
  json doc = json::parse(record, nullptr, false);
  if (doc.is_discarded() || !doc.contains("containers") || !doc["containers"].contains("cna"))
    return Status::Internal("the CVE 5 export of " + a.id + " has no CNA container");
  json cna = doc["containers"]["cna"];
  PSIRT_ASSIGN_OR_RETURN(std::string org, OrgId());
  cna["providerMetadata"]["orgId"] = org;
  static auto schema = SchemaValidator::Compile("cve-5.1.1-cna-published-container.json");
  if (!schema.ok()) return schema.status();
  PSIRT_RETURN_IF_ERROR((*schema)->Validate(cna, "the CNA container of " + a.id));
  return cna;
}

Result<CvePublishOutcome> CveService::PublishOne(const std::string& actor, const FoldedAdvisory& f,
                                                 const CvePublishOptions& o, bool only_if_changed) {
  const Advisory& a = f.advisory;
  CvePublishOutcome out{a.id, a.cve_id, "", json()};
  if (a.cve_id.empty()) return Status::Invalid(a.id + " has no CVE id: psirt cve " + a.id + " --assign-reserved");
  if (a.state == State::kRejected) return Status::Invalid(a.id + " is Rejected: psirt cve reject " + a.cve_id + " --reason ...");
  bool early = a.state != State::kPublic;
  if (early && o.early_reason.empty())
    return Status::Invalid(a.id + " is under embargo (" + std::string(StateName(a.state)) +
                           "): publishing its CVE record would disclose it; --early --reason TEXT to publish anyway");
  PSIRT_ASSIGN_OR_RETURN(json cna, Container(a, early));
  out.request_body = {{"cnaContainer", cna}};
  std::string fingerprint = Fingerprint(cna);
  if (only_if_changed && a.cve_record && a.cve_record->fingerprint == fingerprint) {
    out.action = "unchanged";
    return out;
  }
  if (o.dry_run) {
    out.action = "dry-run";
    return out;
  }
  if (!client_) return Status::Usage("cve publish needs CVE Services credentials");
  PSIRT_ASSIGN_OR_RETURN(CvePublished sent, client_->Publish(a.cve_id, cna));
  out.action = sent.updated ? "updated" : "created";
  ev::CveRecordSent event{a.cve_id, out.action, fingerprint, UrlHost(client_->api_url())};
  AdvisoryService advisories(store_, config_, clock_);
  PSIRT_RETURN_IF_ERROR(advisories
                            .Record(actor, a.id, Action::kManage,
                                    [&](const Advisory&) -> Result<std::vector<ev::Draft>> {
                                      std::vector<ev::Draft> d = {event};
                                      if (early) d.push_back(ev::Noted{"CVE record published before the advisory is Public: " + o.early_reason, false, std::nullopt});
                                      return d;
                                    })
                            .status());
  return out;
}

Result<CvePublishOutcome> CveService::Publish(const std::string& actor, const std::string& id, const CvePublishOptions& o) {
  AdvisoryService advisories(store_, config_, clock_);
  PSIRT_ASSIGN_OR_RETURN(std::vector<Event> history, advisories.History(id));
  PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(history));
  return PublishOne(actor, FoldedAdvisory{std::move(a), std::move(history)}, o, false);
}

Result<std::vector<CvePublishOutcome>> CveService::UpdateAll(const std::string& actor, bool dry_run) {
  AdvisoryService advisories(store_, config_, clock_);
  PSIRT_ASSIGN_OR_RETURN(std::vector<FoldedAdvisory> all, advisories.All());
  std::vector<CvePublishOutcome> out;
  for (const FoldedAdvisory& f : all) {
    const Advisory& a = f.advisory;
    // Only records psirt has sent: one typed in elsewhere is published by hand first.
    if (a.state != State::kPublic || a.cve_id.empty() || !a.cve_record || a.cve_record->action == "rejected") continue;
    CvePublishOptions o;
    o.dry_run = dry_run;
    PSIRT_ASSIGN_OR_RETURN(CvePublishOutcome r, PublishOne(actor, f, o, true));
    out.push_back(std::move(r));
  }
  return out;
}

Status CveService::Reject(const std::string& actor, const std::string& cve, const std::string& reason) {
  if (!client_) return Status::Usage("cve reject needs CVE Services credentials");
  if (reason.empty()) return Status::Usage("cve reject: give --reason");
  std::optional<std::string> holder;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(holder, tx.FindByCve(cve));
    return Status::Ok();
  }));
  AdvisoryService advisories(store_, config_, clock_);
  std::optional<Advisory> a;
  if (holder) {
    PSIRT_ASSIGN_OR_RETURN(std::vector<Event> history, advisories.History(*holder));
    PSIRT_ASSIGN_OR_RETURN(Advisory folded, Fold(history));
    a = std::move(folded);
  }
  bool published = a && a->cve_record && a->cve_record->action != "rejected";
  if (published) {
    PSIRT_RETURN_IF_ERROR(client_->RejectRecord(cve, reason));
    ev::CveRecordSent event{cve, "rejected", "", UrlHost(client_->api_url())};
    PSIRT_RETURN_IF_ERROR(advisories
                              .Record(actor, a->id, Action::kManage,
                                      [&](const Advisory&) -> Result<std::vector<ev::Draft>> {
                                        return std::vector<ev::Draft>{event, ev::Noted{"CVE record rejected: " + reason, false, std::nullopt}};
                                      })
                              .status());
  } else {
    PSIRT_RETURN_IF_ERROR(client_->RejectReservation(cve));
  }
  return UpdatePool([&](std::vector<CvePoolEntry>& pool) {
    for (CvePoolEntry& e : pool)
      if (e.cve_id == cve) e.state = "REJECTED";
  });
}

}  // namespace psirt
