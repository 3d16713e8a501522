// GitHubClient: GitHub's REST API over an HttpTransport, behaving as GitHub
// asks API clients to: a token in the Authorization header only (never in
// a URL, message or log), conditional requests (If-None-Match with the
// ETag of the last answer: a 304 costs nothing against the rate limit and
// the cached body is used), pagination through Link headers (followed only
// on the API's own origin), the primary rate limit (X-RateLimit-Remaining
// and -Reset: waits for the reset), secondary limits (Retry-After, or a
// minute), retries with exponential backoff on 5xx and network errors, and
// one clear error for 401/403/404/422 naming the permission to grant.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "net/http_client.h"

namespace psirt {

inline constexpr const char* kGithubApiUrl = "https://api.github.com";

// Where and how the GitHub client talks: API URL, token, retries.
struct GithubOptions {
  std::string api_url = kGithubApiUrl;  // GitHub Enterprise: https://HOST/api/v3
  std::string token;                    // empty: anonymous (public data only)
  int max_retries = 4;                  // 5xx and network errors
  double max_wait_seconds = 900;        // longest wait for a rate limit before giving up
  long timeout_seconds = 30;
};

// An answer kept for conditional requests.
struct CachedAnswer {
  std::string etag;
  std::string link;
  std::string body;
};

// Where ETags and bodies are kept between runs (the store, in psirt).
class AnswerCache {
 public:
  virtual ~AnswerCache() = default;
  virtual std::optional<CachedAnswer> Get(const std::string& url) = 0;
  virtual void Put(const std::string& url, const CachedAnswer& a) = 0;
};

// What the client did: for reports and tests.
struct GithubStats {
  int requests = 0;      // sent, retries included
  int not_modified = 0;  // answered 304 from the ETag
  int retries = 0;
  double waited_seconds = 0;  // for rate limits and backoff
};

// GitHub's REST API: repository advisories, pull requests, CVE requests.
class GithubClient {
 public:
  using Sleep = std::function<void(double seconds)>;
  using Now = std::function<std::int64_t()>;  // Unix seconds
  // `cache` may be null (no conditional requests); `sleep` and `now`
  // default to the real ones.
  GithubClient(GithubOptions options, HttpTransport transport, AnswerCache* cache = nullptr, Sleep sleep = nullptr,
               Now now = nullptr);

  // GET `path` ("/repos/o/r/security-advisories?state=draft") and every
  // following page: each page's body, in order.
  Result<std::vector<std::string>> GetPages(const std::string& path);
  // GET one resource.
  Result<std::string> Get(const std::string& path);
  // PATCH/POST/PUT with a JSON body; the answer's body.
  Result<std::string> Send(const std::string& method, const std::string& path, const std::string& json_body);

  const GithubStats& stats() const { return stats_; }
  const GithubOptions& options() const { return options_; }

 private:
  struct Answer {
    std::string body;
    std::string link;
  };
  Result<Answer> Request(const std::string& method, const std::string& url, const std::string& body,
                         bool conditional);
  Status Explain(const HttpResponse& r, const std::string& method, const std::string& url) const;
  std::string UrlOf(const std::string& path) const;
  void Wait(double seconds);

  GithubOptions options_;
  HttpTransport transport_;
  AnswerCache* cache_;
  Sleep sleep_;
  Now now_;
  GithubStats stats_;
  std::int64_t blocked_until_ = 0;  // primary limit exhausted: no request before this
};

// The URL of rel="next" in a Link header; nullopt on the last page.
std::optional<std::string> NextLink(std::string_view link_header);

// The token from GITHUB_TOKEN, or the first line of `token_file` when
// given (which wins). Errors name the file, never its content.
Result<std::string> GithubToken(const std::string& token_file);

}  // namespace psirt
