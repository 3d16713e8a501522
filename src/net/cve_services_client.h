// CveServicesClient: the CVE Program's REST API for CNAs (CVE Services 2.x,
// https://cveawg.mitre.org/api): reserve CVE ids, publish, update and reject
// CVE records, list the organisation's ids, read its quota. Credentials go
// in the CVE-API-ORG / CVE-API-USER / CVE-API-KEY headers only: never in a
// URL, a message, a log line or the database. 5xx answers and network
// errors are retried with exponential backoff; 401/403/404 and the
// service's schema errors become one clear message each.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "net/http_client.h"

namespace psirt {

// Who the client acts as: the CNA's short name, a user of it, its API key.
struct CveCredentials {
  std::string org, user, key;
  bool complete() const { return !org.empty() && !user.empty() && !key.empty(); }
};

struct CveServicesOptions {
  std::string api_url;  // the service's base URL (core/config.h: CveServicesBaseUrl)
  CveCredentials credentials;
  int max_retries = 4;  // 5xx and network errors
  long timeout_seconds = 60;
};

// One CVE id as the service lists it.
struct CveIdInfo {
  std::string cve_id;
  std::string state;  // RESERVED, PUBLISHED, REJECTED
  std::string year;
  std::string owning_cna;
  std::string reserved;  // when it was reserved (ISO 8601)
};

// What a publish did: created (POST) or updated (PUT, the record existed).
struct CvePublished {
  bool updated = false;
  nlohmann::json answer;
};

class CveServicesClient {
 public:
  using Sleep = std::function<void(double seconds)>;
  CveServicesClient(CveServicesOptions options, HttpTransport transport, Sleep sleep = nullptr);

  // POST /cve-id?amount=N&cve_year=Y&short_name=ORG[&batch_type=...] (batch_type when N > 1).
  Result<std::vector<CveIdInfo>> Reserve(int amount, int year, bool sequential, std::optional<int>* remaining_quota = nullptr);
  // GET /cve-id[?state=S], every page (nextPage followed).
  Result<std::vector<CveIdInfo>> List(const std::string& state = "");
  // GET /org/{short_name}/id_quota.
  Result<nlohmann::json> Quota();
  // GET /org/{short_name}: the organisation's UUID (providerMetadata.orgId).
  Result<std::string> OrgId();
  // POST /cve/{id}/cna {"cnaContainer": ...}; on CVE_RECORD_EXISTS, PUT the same.
  Result<CvePublished> Publish(const std::string& cve_id, const nlohmann::json& cna_container);
  // POST /cve/{id}/reject: a published record rejected, with the reason.
  Status RejectRecord(const std::string& cve_id, const std::string& reason);
  // PUT /cve-id/{id}?state=REJECTED: an unused reservation given back.
  Status RejectReservation(const std::string& cve_id);

  int requests() const { return requests_; }
  const std::string& api_url() const { return options_.api_url; }
  const std::string& org() const { return options_.credentials.org; }

 private:
  struct Answer {
    int status = 0;
    nlohmann::json body;
  };
  Result<Answer> Call(const std::string& method, const std::string& path_and_query, const std::string& body);
  Status Explain(int status, const nlohmann::json& body, const std::string& method, const std::string& path) const;

  CveServicesOptions options_;
  HttpTransport transport_;
  Sleep sleep_;
  int requests_ = 0;
};

// Credentials from the environment (CVE_API_ORG, CVE_API_USER, CVE_API_KEY),
// else from `file` (lines ORG=..., USER=..., KEY=...; it must not be
// readable by group or others). Errors name the file and what is missing,
// never a value.
Result<CveCredentials> LoadCveCredentials(const std::string& file);

}  // namespace psirt
