// The GitHub stand-in (see github_stub.h). Shapes follow GitHub's REST API
// documentation for repository security advisories and pull requests.
#include "testing/github_stub.h"
#include "base/strings.h"

#include <chrono>
#include <functional>
#include <regex>

#include "core/cvss/cvss.h"

namespace psirt::testing {

using nlohmann::json;

namespace {

std::string Stamp(long tick) {
  // 2026-11-01T10:00:00Z plus `tick` minutes (ticks stay below a day).
  char buf[32];
  std::snprintf(buf, sizeof buf, "2026-11-01T%02ld:%02ld:00Z", 10 + tick / 60 % 14, tick % 60);
  return buf;
}

std::string Etag(const std::string& body) { return "W/\"" + std::to_string(std::hash<std::string>{}(body)) + "\""; }

json ErrorBody(const std::string& message) {
  return {{"message", message}, {"documentation_url", "https://docs.github.com/rest"}};
}

}  // namespace

GithubStub::GithubStub(std::string token) : token_(std::move(token)) {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { Answer(req, res); };
  server_.Get(R"(/.*)", handler);
  server_.Patch(R"(/.*)", handler);
  server_.Post(R"(/.*)", handler);
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // Bounded: a stand-in that never starts is a failure, not a hang.
  for (int waited = 0; !server_.is_running(); ++waited) {
    if (waited > 10000) throw std::runtime_error("the GitHub stand-in did not start within 10 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

GithubStub::~GithubStub() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

json GithubStub::AddAdvisory(const std::string& repo, const json& fields) {
  std::lock_guard lock(mu_);
  std::string ghsa = fields.value("ghsa_id", "GHSA-2222-3333-4444");
  json a = {
      {"ghsa_id", ghsa},
      {"cve_id", nullptr},
      {"url", url() + "/repos/" + repo + "/security-advisories/" + ghsa},
      {"html_url", "https://github.com/" + repo + "/security/advisories/" + ghsa},
      {"summary", "A vulnerability"},
      {"description", "Details."},
      {"severity", nullptr},
      {"author", {{"login", "reporter1"}, {"id", 101}, {"type", "User"}}},
      {"publisher", nullptr},
      {"identifiers", json::array({{{"type", "GHSA"}, {"value", ghsa}}})},
      {"state", "triage"},
      {"created_at", "2026-11-01T09:00:00Z"},
      {"updated_at", Stamp(clock_)},
      {"published_at", nullptr},
      {"closed_at", nullptr},
      {"withdrawn_at", nullptr},
      {"submission", {{"accepted", false}}},
      {"vulnerabilities", json::array()},
      {"cvss", {{"vector_string", nullptr}, {"score", nullptr}}},
      {"cvss_severities", {{"cvss_v3", {{"vector_string", nullptr}, {"score", nullptr}}},
                           {"cvss_v4", {{"vector_string", nullptr}, {"score", nullptr}}}}},
      {"cwes", json::array()},
      {"cwe_ids", json::array()},
      {"credits", json::array()},
      {"credits_detailed", json::array()},
      {"collaborating_users", json::array()},
      {"collaborating_teams", json::array()},
      {"private_fork", nullptr},
  };
  a.update(fields);
  advisories_[repo].push_back(a);
  return a;
}

void GithubStub::EditAdvisory(const std::string& ghsa_id, const json& fields) {
  std::lock_guard lock(mu_);
  for (auto& [repo, list] : advisories_)
    for (json& a : list)
      if (a["ghsa_id"] == ghsa_id) {
        a.update(fields);
        a["updated_at"] = Stamp(++clock_);
      }
}

json GithubStub::Advisory(const std::string& ghsa_id) const {
  std::lock_guard lock(mu_);
  for (const auto& [repo, list] : advisories_)
    for (const json& a : list)
      if (a["ghsa_id"] == ghsa_id) return a;
  return nullptr;
}

void GithubStub::AddPull(const std::string& repo, const json& pull, const std::vector<std::string>& commits) {
  std::lock_guard lock(mu_);
  const std::string key = repo + "#" + std::to_string(pull["number"].get<int>());
  json p = {{"url", url() + "/repos/" + repo + "/pulls/" + std::to_string(pull["number"].get<int>())},
            {"html_url", "https://github.com/" + repo + "/pull/" + std::to_string(pull["number"].get<int>())},
            {"state", "open"},
            {"title", "A fix"},
            {"body", ""},
            {"merged", false},
            {"merged_at", nullptr},
            {"merge_commit_sha", nullptr},
            {"head", {{"ref", "fix"}, {"sha", commits.empty() ? std::string(40, '0') : commits.back()}}},
            {"base", {{"ref", "main"}, {"sha", std::string(40, '1')}}}};
  p.update(pull);
  pulls_[key] = p;
  commits_[key] = commits;
}

void GithubStub::Script(const std::string& path_part, int status, const httplib::Headers& headers,
                        const std::string& body) {
  std::lock_guard lock(mu_);
  scripted_.push_back({path_part, status, headers, body});
}

std::vector<GithubStub::Request> GithubStub::Requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

void GithubStub::ClearRequests() {
  std::lock_guard lock(mu_);
  requests_.clear();
}

int GithubStub::RateLimitRemaining() const {
  std::lock_guard lock(mu_);
  return remaining_;
}

int GithubStub::cve_requests() const {
  std::lock_guard lock(mu_);
  return cve_requests_;
}

bool GithubStub::Scripted(const httplib::Request& req, httplib::Response& res) {
  std::string query;
  for (const auto& [k, v] : req.params) query += (query.empty() ? "?" : "&") + k + "=" + v;
  const std::string target = req.path + query;
  for (auto it = scripted_.begin(); it != scripted_.end(); ++it)
    if (target.find(it->path_part) != std::string::npos) {
      res.status = it->status;
      for (const auto& [k, v] : it->headers) res.set_header(k, v);
      res.set_content(it->body, "application/json; charset=utf-8");
      scripted_.erase(it);
      return true;
    }
  return false;
}

void GithubStub::Send(const httplib::Request& req, httplib::Response& res, const std::string& body,
                      const std::string& link) {
  std::string etag = Etag(body);
  if (!link.empty()) res.set_header("Link", link);
  res.set_header("ETag", etag);
  if (req.get_header_value("If-None-Match") == etag) {
    res.status = 304;  // GitHub: a 304 does not count against the rate limit
  } else {
    --remaining_;
    res.status = 200;
    res.set_content(body, "application/json; charset=utf-8");
  }
  res.set_header("X-RateLimit-Limit", "5000");
  res.set_header("X-RateLimit-Remaining", std::to_string(remaining_));
  res.set_header("X-RateLimit-Reset", "1893456000");
}

void GithubStub::Answer(const httplib::Request& req, httplib::Response& res) {
  std::lock_guard lock(mu_);
  Request rec{req.method, req.path, "", req.get_header_value("Authorization"), req.get_header_value("If-None-Match"),
              req.body};
  for (const auto& [k, v] : req.params) rec.query += (rec.query.empty() ? "" : "&") + k + "=" + v;
  auto done = [&] {
    rec.status = res.status;
    requests_.push_back(rec);
  };
  if (req.get_header_value("Authorization") != "Bearer " + token_) {
    res.status = 401;
    res.set_content(ErrorBody("Bad credentials").dump(), "application/json");
    return done();
  }
  if (Scripted(req, res)) return done();
  static const std::regex kList(R"(/repos/([^/]+/[^/]+)/security-advisories)");
  static const std::regex kOne(R"(/repos/([^/]+/[^/]+)/security-advisories/(GHSA-[a-z0-9-]+))");
  static const std::regex kCve(R"(/repos/([^/]+/[^/]+)/security-advisories/(GHSA-[a-z0-9-]+)/cve)");
  static const std::regex kPull(R"(/repos/([^/]+/[^/]+)/pulls/([0-9]+))");
  static const std::regex kCommits(R"(/repos/([^/]+/[^/]+)/pulls/([0-9]+)/commits)");
  std::smatch m;
  const std::string path = req.path;
  auto not_found = [&] {
    res.status = 404;
    res.set_content(ErrorBody("Not Found").dump(), "application/json");
  };
  if (req.method == "GET" && std::regex_match(path, m, kList)) {
    const std::string repo = m[1];
    auto& list = advisories_[repo];
    int per_page = req.has_param("per_page") ? std::stoi(req.get_param_value("per_page")) : 30;
    per_page = std::min(per_page, page_size_);
    int page = req.has_param("page") ? std::stoi(req.get_param_value("page")) : 1;
    json out = json::array();
    for (size_t i = static_cast<size_t>((page - 1) * per_page); i < list.size() && out.size() < static_cast<size_t>(per_page); ++i)
      out.push_back(list[i]);
    int last = std::max<int>(1, static_cast<int>((list.size() + per_page - 1) / per_page));
    std::string link;
    auto page_url = [&](int p) {
      return "<" + url() + path + "?per_page=" + std::to_string(per_page) + "&page=" + std::to_string(p) + ">";
    };
    if (page < last) link = page_url(page + 1) + "; rel=\"next\", " + page_url(last) + "; rel=\"last\"";
    if (page > 1) link += std::string(link.empty() ? "" : ", ") + page_url(1) + "; rel=\"first\"";
    Send(req, res, out.dump(), link);
    return done();
  }
  if (std::regex_match(path, m, kCve) && req.method == "POST") {
    for (json& a : advisories_[m[1]])
      if (a["ghsa_id"] == m[2].str()) {
        ++cve_requests_;
        res.status = 202;
        res.set_content("{}", "application/json");
        return done();
      }
    not_found();
    return done();
  }
  if (std::regex_match(path, m, kOne)) {
    for (json& a : advisories_[m[1]]) {
      if (a["ghsa_id"] != m[2].str()) continue;
      if (req.method == "GET") {
        Send(req, res, a.dump(), "");
        return done();
      }
      if (req.method != "PATCH") break;
      json body = json::parse(req.body, nullptr, false);
      static const std::vector<std::string> kKnown = {"summary", "description", "cve_id", "severity",
                                                      "cvss_vector_string", "cwe_ids", "credits",
                                                      "vulnerabilities", "state", "collaborating_users",
                                                      "collaborating_teams"};
      std::string bad;
      if (!body.is_object()) bad = "Problems parsing JSON";
      else
        for (auto it = body.begin(); it != body.end(); ++it)
          if (std::find(kKnown.begin(), kKnown.end(), it.key()) == kKnown.end()) bad = "unknown field " + it.key();
      if (bad.empty() && body.contains("severity") && body.contains("cvss_vector_string"))
        bad = "Cannot set both severity and cvss_vector_string";
      if (!bad.empty()) {
        res.status = 422;
        res.set_content(ErrorBody("Validation Failed: " + bad).dump(), "application/json");
        return done();
      }
      for (const char* k : {"summary", "description", "cve_id", "severity", "state"})
        if (body.contains(k)) a[k] = body[k];
      if (body.contains("cvss_vector_string")) {
        std::string v = body["cvss_vector_string"].get<std::string>();
        auto score = ScoreCvss(v);
        const char* which = v.rfind("CVSS:4.0", 0) == 0 ? "cvss_v4" : "cvss_v3";
        a["cvss_severities"][which] = {{"vector_string", v}, {"score", score.ok() ? score->score : 0.0}};
        if (score.ok()) {
          std::string sev(score->severity);
          sev = ToLowerAscii(sev);
          a["severity"] = sev;  // GitHub derives the severity from the vector
        }
      }
      if (body.contains("cwe_ids")) {
        a["cwe_ids"] = body["cwe_ids"];
        a["cwes"] = json::array();
        for (const auto& c : body["cwe_ids"]) a["cwes"].push_back({{"cwe_id", c}, {"name", ""}});
      }
      if (body.contains("credits")) {
        a["credits"] = body["credits"];
        a["credits_detailed"] = json::array();
        for (const auto& c : body["credits"])
          a["credits_detailed"].push_back({{"user", {{"login", c["login"]}, {"type", "User"}}}, {"type", c["type"]}, {"state", "pending"}});
      }
      if (body.contains("vulnerabilities")) a["vulnerabilities"] = body["vulnerabilities"];
      if (body.contains("state")) {
        if (body["state"] == "published") a["published_at"] = Stamp(clock_ + 1);
        if (body["state"] == "closed") a["closed_at"] = Stamp(clock_ + 1);
        if (body["state"] != "triage") a["submission"]["accepted"] = true;
      }
      a["updated_at"] = Stamp(++clock_);
      --remaining_;
      res.status = 200;
      res.set_content(a.dump(), "application/json");
      return done();
    }
    not_found();
    return done();
  }
  if (req.method == "GET" && std::regex_match(path, m, kCommits)) {
    auto it = commits_.find(m[1].str() + "#" + m[2].str());
    if (it == commits_.end()) {
      not_found();
      return done();
    }
    json out = json::array();
    for (const std::string& sha : it->second)
      out.push_back({{"sha", sha}, {"commit", {{"message", "commit " + sha.substr(0, 7)}}}});
    Send(req, res, out.dump(), "");
    return done();
  }
  if (req.method == "GET" && std::regex_match(path, m, kPull)) {
    auto it = pulls_.find(m[1].str() + "#" + m[2].str());
    if (it == pulls_.end()) {
      not_found();
      return done();
    }
    Send(req, res, it->second.dump(), "");
    return done();
  }
  not_found();
  done();
}

}  // namespace psirt::testing
