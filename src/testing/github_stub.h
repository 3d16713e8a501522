// A stand-in for GitHub's REST API on 127.0.0.1, for tests only: repository
// security advisories and pull requests in the shapes GitHub documents
// (docs.github.com/rest/security-advisories/repository-advisories and
// /rest/pulls/pulls), with what psirt must cope with: a bearer token
// (401 "Bad credentials" otherwise), pages linked by Link headers, ETags and
// 304 Not Modified (not counted against the rate limit), X-RateLimit-*
// headers, and scripted failures (a 403 rate limit with a reset time, a
// 502, malformed JSON). Every request is recorded.
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

// A local imitation of GitHub's REST API for tests.
class GithubStub {
 public:
  explicit GithubStub(std::string token = "ghp_stubtoken0123456789");
  ~GithubStub();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& token() const { return token_; }

  // A repository advisory of OWNER/NAME in GitHub's shape, with defaults
  // for what is not given (`fields` override: ghsa_id, state, summary, ...).
  nlohmann::json AddAdvisory(const std::string& repo, const nlohmann::json& fields);
  // Changes fields of a stored advisory as a person on GitHub would
  // (updated_at moves, so its ETag changes).
  void EditAdvisory(const std::string& ghsa_id, const nlohmann::json& fields);
  nlohmann::json Advisory(const std::string& ghsa_id) const;
  void AddPull(const std::string& repo, const nlohmann::json& pull, const std::vector<std::string>& commits);
  void SetPageSize(int n) { page_size_ = n; }

  // The next request whose path and query ("/repos/o/r/x?page=2&per_page=3")
  // contain `path_part` is answered with this instead (FIFO, each used once).
  void Script(const std::string& path_part, int status, const httplib::Headers& headers, const std::string& body);

  struct Request {
    std::string method, path, query, authorization, if_none_match, body;
    int status = 0;
  };
  std::vector<Request> Requests() const;
  void ClearRequests();
  int RateLimitRemaining() const;
  int cve_requests() const;

 private:
  struct Scripted {
    std::string path_part;
    int status;
    httplib::Headers headers;
    std::string body;
  };
  void Answer(const httplib::Request& req, httplib::Response& res);
  bool Scripted(const httplib::Request& req, httplib::Response& res);
  void Send(const httplib::Request& req, httplib::Response& res, const std::string& body, const std::string& link);

  std::string token_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  int page_size_ = 30;
  mutable std::mutex mu_;
  std::map<std::string, std::vector<nlohmann::json>> advisories_;  // repo -> advisories
  std::map<std::string, nlohmann::json> pulls_;                    // "repo#n" -> pull
  std::map<std::string, std::vector<std::string>> commits_;        // "repo#n" -> shas
  std::deque<struct Scripted> scripted_;
  std::vector<Request> requests_;
  int remaining_ = 5000;
  int cve_requests_ = 0;
  long clock_ = 0;  // advances with each edit: updated_at
};

}  // namespace psirt::testing
