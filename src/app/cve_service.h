// CveService: psirt as the project's CNA on CVE Services. Reserved ids are
// kept in the workspace as a pool (the store's state, key
// "cve_services.pool") and handed to advisories; an advisory's CNA
// container is built by the CVE 5 exporter, given the organisation's UUID
// (looked up once with GET /org/{short_name} and kept), checked against
// the CVE 5.1.1 CNA published-container schema, and published - created,
// or updated when the record exists - with each send recorded as a
// `cve_record` event carrying the container's fingerprint, so update-all
// sends again only what changed (a new backport, a new fixed release).
// The CLI and the server's job call it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/advisory_service.h"
#include "app/publish_service.h"
#include "base/status.h"
#include "net/cve_services_client.h"
#include "store/store.h"

namespace psirt {

// One id of the pool.
struct CvePoolEntry {
  std::string cve_id;
  std::string state;     // RESERVED (at CVE Services), REJECTED
  std::string reserved;  // when
  std::string advisory;  // the advisory it was given to ("" while free)
};

struct CvePublishOptions {
  bool dry_run = false;      // build and check the request, send nothing
  std::string early_reason;  // publish before the advisory is Public (the reason is recorded)
};

// What one publish did (or would do).
struct CvePublishOutcome {
  std::string advisory, cve;
  std::string action;  // created, updated, unchanged, dry-run
  nlohmann::json request_body;  // {"cnaContainer": ...}
};

class CveService {
 public:
  // `client` may be null: only what needs no service works (the pool, dry
  // runs once the organisation's UUID is known).
  CveService(Store& store, const WorkspaceConfig& config, const Clock& clock, std::string repo_dir,
             CveServicesClient* client);

  Result<std::vector<CvePoolEntry>> Reserve(int count, int year, bool sequential);
  Result<std::vector<CvePoolEntry>> Pool();
  // The pool's next free id recorded on advisory `id` (as `psirt cve ID CVE-...` does).
  Result<Change> AssignReserved(const std::string& actor, const std::string& id);

  Result<CvePublishOutcome> Publish(const std::string& actor, const std::string& id, const CvePublishOptions& options);
  // Every Public advisory with a CVE id whose record differs from the last one sent.
  Result<std::vector<CvePublishOutcome>> UpdateAll(const std::string& actor, bool dry_run);
  // A published record rejected (POST /cve/{id}/reject), or an unused
  // reservation given back (PUT /cve-id/{id}?state=REJECTED).
  Status Reject(const std::string& actor, const std::string& cve, const std::string& reason);

  // SHA-256 of a container as sent (its canonical JSON).
  static std::string Fingerprint(const nlohmann::json& container);

 private:
  Result<std::string> OrgId();
  Result<nlohmann::json> Container(const Advisory& a, bool early);
  Result<CvePublishOutcome> PublishOne(const std::string& actor, const FoldedAdvisory& f, const CvePublishOptions& o,
                                       bool only_if_changed);
  // Reads, changes and writes the pool in one transaction (no concurrent change lost).
  Status UpdatePool(const std::function<void(std::vector<CvePoolEntry>&)>& change);

  Store& store_;
  const WorkspaceConfig& config_;
  const Clock& clock_;
  std::string repo_dir_;
  CveServicesClient* client_;
};

nlohmann::json PoolToJson(const std::vector<CvePoolEntry>& pool);
nlohmann::json OutcomesToJson(const std::vector<CvePublishOutcome>& all);
nlohmann::json CveIdsToJson(const std::vector<CveIdInfo>& ids);

// Who acts in the events of the server's scheduled cve-update job.
inline constexpr const char* kCveUpdateActor = "psirt-cve-update";

// Which service and whose credentials: psirt.yml's cve_services, or the
// CLI's --api-url / --credentials over it.
struct CveServicesAccess {
  std::string api_url = "production";  // production, test or a URL (CveServicesBaseUrl)
  std::string credentials_file;        // "" : the CVE_API_* environment only
};
// psirt.yml's cve_services of workspace `ws` (its credentials file resolved).
CveServicesAccess CveServicesAccessOf(const struct Workspace& ws);
// A client for `access` over libcurl. With no credentials configured at
// all, null when `required` is false (the commands that can do without).
Result<std::unique_ptr<CveServicesClient>> OpenCveServices(const CveServicesAccess& access, bool required);

}  // namespace psirt
