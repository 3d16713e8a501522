// The CVE Services stand-in (see cve_services_stub.h).
#include "testing/cve_services_stub.h"

#include <chrono>
#include <regex>

#include "formats/schema_validator.h"

namespace psirt::testing {

using nlohmann::json;

namespace {

json Error(const std::string& code, const std::string& message) { return {{"error", code}, {"message", message}}; }

void Send(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

}  // namespace

CveServicesStub::CveServicesStub(std::string org, std::string user, std::string key)
    : org_(std::move(org)), user_(std::move(user)), key_(std::move(key)) {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { Answer(req, res); };
  server_.Get(R"(/.*)", handler);
  server_.Post(R"(/.*)", handler);
  server_.Put(R"(/.*)", handler);
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  for (int waited = 0; !server_.is_running(); ++waited) {
    if (waited > 10000) throw std::runtime_error("the CVE Services stand-in did not start within 10 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

CveServicesStub::~CveServicesStub() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

void CveServicesStub::AddReserved(const std::string& cve_id) {
  std::lock_guard lock(mu_);
  ids_[cve_id] = {{"cve_id", cve_id}, {"cve_year", cve_id.substr(4, 4)}, {"owning_cna", org_}, {"state", "RESERVED"},
                  {"reserved", "2026-06-01T10:00:00.000Z"}};
}

void CveServicesStub::Script(const std::string& path_part, int status, const std::string& body) {
  std::lock_guard lock(mu_);
  scripted_.push_back({path_part, status, body});
}

std::vector<CveServicesStub::Request> CveServicesStub::Requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

json CveServicesStub::Id(const std::string& cve_id) const {
  std::lock_guard lock(mu_);
  auto it = ids_.find(cve_id);
  return it == ids_.end() ? json() : it->second;
}

void CveServicesStub::Answer(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mu_);
  Request r{req.method, req.path, "", req.body, req.get_header_value("CVE-API-KEY") == key_, 0};
  for (const auto& [k, v] : req.params) r.query += (r.query.empty() ? "" : "&") + k + "=" + v;
  bool scripted = false;
  for (auto it = scripted_.begin(); it != scripted_.end(); ++it)
    if (req.path.find(it->path_part) != std::string::npos) {
      res.status = it->status;
      res.set_content(it->body, "application/json");
      scripted_.erase(it);
      scripted = true;
      break;
    }
  if (!scripted) {
    if (!r.key_in_header || req.get_header_value("CVE-API-ORG") != org_ || req.get_header_value("CVE-API-USER") != user_)
      Send(res, 401, Error("UNAUTHORIZED", "Unauthorized"));
    else
      Route(req, res);
  }
  r.status = res.status;
  requests_.push_back(std::move(r));
}

void CveServicesStub::Route(const httplib::Request& req, httplib::Response& res) {
  static const std::regex kRecord(R"(/api/cve/(CVE-\d{4}-\d{4,})/(cna|reject))");
  static const std::regex kId(R"(/api/cve-id/(CVE-\d{4}-\d{4,}))");
  std::smatch m;
  const std::string& path = req.path;
  if (path == "/api/cve-id" && req.method == "POST") return Reserve(req, res);
  if (path == "/api/cve-id" && req.method == "GET") return List(req, res);
  if (path == "/api/org/" + org_ && req.method == "GET")
    return Send(res, 200, {{"short_name", org_}, {"name", "Zephyr Project"}, {"UUID", org_uuid()},
                           {"authority", {{"active_roles", {"CNA"}}}}, {"policies", {{"id_quota", quota_}}}});
  if (path == "/api/org/" + org_ + "/id_quota" && req.method == "GET") {
    int reserved = 0;
    for (const auto& [id, e] : ids_) reserved += e["state"] == "RESERVED" ? 1 : 0;
    return Send(res, 200, {{"id_quota", quota_}, {"total_reserved", reserved}, {"available", quota_ - reserved}});
  }
  if (path.rfind("/api/org/", 0) == 0) return Send(res, 403, Error("NOT_SAME_ORG_OR_SECRETARIAT", "This information can only be viewed by the users of the same organization or the Secretariat."));
  if (std::regex_match(path, m, kRecord)) {
    std::string id = m[1];
    auto it = ids_.find(id);
    if (it == ids_.end()) return Send(res, 404, Error("CVE_ID_NOT_FOUND", "The CVE ID does not exist."));
    if (m[2] == "reject") {
      if (req.method != "POST") return Send(res, 404, Error("NOT_FOUND", "no such route"));
      json body = json::parse(req.body, nullptr, false);
      if (body.is_discarded() || !body.contains("cnaContainer") || !body["cnaContainer"].contains("rejectedReasons"))
        return Send(res, 400, Error("BAD_INPUT", "cnaContainer.rejectedReasons is required"));
      it->second["state"] = "REJECTED";
      it->second["record"] = body["cnaContainer"];
      return Send(res, 200, {{"created", {{"cveMetadata", {{"cveId", id}, {"state", "REJECTED"}}}}}, {"message", id + " record was successfully rejected."}});
    }
    return PutRecord(id, req.method == "POST", req, res);
  }
  if (std::regex_match(path, m, kId) && req.method == "PUT") {
    auto it = ids_.find(m[1]);
    if (it == ids_.end()) return Send(res, 404, Error("CVE_ID_NOT_FOUND", "The CVE ID does not exist."));
    if (req.get_param_value("state") != "REJECTED" || it->second["state"] != "RESERVED")
      return Send(res, 400, Error("BAD_INPUT", "only a RESERVED id can be set to REJECTED here"));
    it->second["state"] = "REJECTED";
    return Send(res, 200, {{"updated", {{"cve_id", m[1]}, {"state", "REJECTED"}}}, {"message", m[1].str() + " was successfully updated."}});
  }
  Send(res, 404, Error("NOT_FOUND", "no such route: " + req.method + " " + path));
}

void CveServicesStub::Reserve(const httplib::Request& req, httplib::Response& res) {
  int amount = 0, year = 0;
  try {
    amount = std::stoi(req.get_param_value("amount"));
    year = std::stoi(req.get_param_value("cve_year"));
  } catch (...) {
    return Send(res, 400, Error("BAD_INPUT", "amount and cve_year are required numbers"));
  }
  if (req.get_param_value("short_name") != org_) return Send(res, 403, Error("ORG_CANNOT_RESERVE_FOR_OTHER", "short_name must be the requester's organization"));
  std::string batch = req.get_param_value("batch_type");
  if (amount > 1 && batch != "sequential" && batch != "nonsequential")
    return Send(res, 400, Error("NO_BATCH_TYPE", "batch_type is required when amount is greater than 1"));
  int reserved = 0;
  for (const auto& [id, e] : ids_) reserved += e["state"] == "RESERVED" ? 1 : 0;
  if (amount < 1 || reserved + amount > quota_) return Send(res, 403, Error("EXCEEDED_ID_QUOTA", "The amount of CVE IDs requested exceeds the quota."));
  json list = json::array();
  for (int i = 0; i < amount; ++i) {
    int n = batch == "nonsequential" ? (next_number_ += 7) : ++next_number_;
    std::string id = "CVE-" + std::to_string(year) + "-" + std::to_string(n);
    json e = {{"cve_id", id}, {"cve_year", std::to_string(year)}, {"owning_cna", org_}, {"state", "RESERVED"},
              {"requested_by", {{"cna", org_}, {"user", user_}}}, {"reserved", "2026-12-01T10:00:00.000Z"},
              {"time", {{"created", "2026-12-01T10:00:00.000Z"}, {"modified", "2026-12-01T10:00:00.000Z"}}}};
    ids_[id] = e;
    list.push_back(e);
  }
  Send(res, 200, {{"cve_ids", list}, {"meta", {{"remaining_quota", quota_ - reserved - amount}}}});
}

void CveServicesStub::List(const httplib::Request& req, httplib::Response& res) {
  std::string state = req.get_param_value("state");
  json all = json::array();
  for (const auto& [id, e] : ids_)
    if (state.empty() || e["state"] == state) {
      json shown = e;
      shown.erase("record");
      all.push_back(shown);
    }
  int page = req.has_param("page") ? std::max(1, std::atoi(req.get_param_value("page").c_str())) : 1;
  int total = static_cast<int>(all.size());
  if (total <= page_size_) return Send(res, 200, {{"cve_ids", all}});  // small answers carry no pagination
  int pages = (total + page_size_ - 1) / page_size_;
  json slice = json::array();
  for (int i = (page - 1) * page_size_; i < std::min(total, page * page_size_); ++i) slice.push_back(all[static_cast<size_t>(i)]);
  Send(res, 200, {{"cve_ids", slice}, {"totalCount", total}, {"itemsPerPage", page_size_}, {"pageCount", pages},
                  {"currentPage", page}, {"prevPage", page > 1 ? json(page - 1) : json()},
                  {"nextPage", page < pages ? json(page + 1) : json()}});
}

void CveServicesStub::PutRecord(const std::string& id, bool create, const httplib::Request& req, httplib::Response& res) {
  json& e = ids_[id];
  if (create && e["state"] == "PUBLISHED") return Send(res, 400, Error("CVE_RECORD_EXISTS", "The CVE Record already exists."));
  if (!create && e["state"] != "PUBLISHED") return Send(res, 400, Error("CVE_RECORD_DNE", "The CVE Record does not exist."));
  if (e["state"] == "REJECTED") return Send(res, 400, Error("CVE_RECORD_REJECTED", "The CVE Record is rejected."));
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("cnaContainer"))
    return Send(res, 400, Error("BAD_INPUT", "the body must be {\"cnaContainer\": {...}}"));
  static auto schema = SchemaValidator::Compile("cve-5.1.1-cna-published-container.json");
  if (!schema.ok()) return Send(res, 500, Error("INTERNAL", schema.status().message()));
  if (Status st = (*schema)->Validate(body["cnaContainer"], "cnaContainer"); !st.ok())
    return Send(res, 400, {{"error", "BAD_INPUT"}, {"message", "Parameters were invalid"},
                           {"details", {{"errors", json::array({{{"instancePath", "/cnaContainer"}, {"message", st.message()}}})}}}});
  const json& c = body["cnaContainer"];
  if (!c.contains("providerMetadata") || c["providerMetadata"].value("orgId", "") != org_uuid())
    return Send(res, 400, Error("BAD_INPUT", "providerMetadata.orgId must be the CNA's UUID"));
  e["state"] = "PUBLISHED";
  e["record"] = c;
  json record = {{"dataType", "CVE_RECORD"}, {"dataVersion", "5.1"},
                 {"cveMetadata", {{"cveId", id}, {"assignerOrgId", org_uuid()}, {"state", "PUBLISHED"}}},
                 {"containers", {{"cna", c}}}};
  Send(res, 200, {{create ? "created" : "updated", record},
                  {"message", id + " record was successfully " + (create ? "created." : "updated.")}});
}

}  // namespace psirt::testing
