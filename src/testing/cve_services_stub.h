// A stand-in for CVE Services (the CVE Program's REST API for CNAs) on
// 127.0.0.1, for tests only, in the shapes its documentation and clients
// (cve-services' OpenAPI, cvelib) give: the CVE-API-ORG / -USER / -KEY
// headers (401 otherwise), POST /cve-id reservations against a quota
// (batch_type required for more than one), GET /cve-id pages (nextPage),
// GET /org/{short_name} and its id_quota, POST and PUT /cve/{id}/cna with
// the CNA container checked against the CVE 5.1.1 CNA published-container
// schema (400 BAD_INPUT with the schema's errors; CVE_RECORD_EXISTS for a
// second POST), rejections of records and of reservations, and scripted
// failures (a 500 before success). It keeps state and records every
// request (the key itself only as "sent in the header or not").
#pragma once

#include <httplib.h>

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace psirt::testing {

class CveServicesStub {
 public:
  CveServicesStub(std::string org = "zephyr", std::string user = "psirt-bot@zephyrproject.org",
                  std::string key = "cve-key-5f0c9a1e7b2d4c83");
  ~CveServicesStub();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api"; }
  const std::string& org() const { return org_; }
  const std::string& user() const { return user_; }
  const std::string& key() const { return key_; }
  std::string org_uuid() const { return "6c5b3b2a-9d4e-4f61-8a7c-0e1d2f3a4b5c"; }

  void SetPageSize(int n) { page_size_ = n; }
  // An id the organisation reserved earlier (by hand, on the service's site).
  void AddReserved(const std::string& cve_id);
  void SetQuota(int n) { quota_ = n; }
  // The next request whose path contains `path_part` gets this answer instead (FIFO, each once).
  void Script(const std::string& path_part, int status, const std::string& body);

  struct Request {
    std::string method, path, query, body;
    bool key_in_header = false;  // the right key came in CVE-API-KEY
    int status = 0;
  };
  std::vector<Request> Requests() const;
  // The service's view of one id: {"state", "record" (the CNA container, when published)}.
  nlohmann::json Id(const std::string& cve_id) const;

 private:
  struct Scripted {
    std::string path_part;
    int status;
    std::string body;
  };
  void Answer(const httplib::Request& req, httplib::Response& res);
  void Route(const httplib::Request& req, httplib::Response& res);
  void Reserve(const httplib::Request& req, httplib::Response& res);
  void List(const httplib::Request& req, httplib::Response& res);
  void PutRecord(const std::string& id, bool create, const httplib::Request& req, httplib::Response& res);

  std::string org_, user_, key_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  int page_size_ = 500;
  int quota_ = 100;
  int next_number_ = 1000;
  mutable std::mutex mu_;
  std::map<std::string, nlohmann::json> ids_;  // cve id -> {state, cve_year, owning_cna, reserved, record}
  std::deque<Scripted> scripted_;
  std::vector<Request> requests_;
};

}  // namespace psirt::testing
