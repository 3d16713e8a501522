// GitHub REST API client (see github_client.h).
#include "net/github_client.h"
#include "base/secret_source.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "base/time.h"

namespace psirt {

namespace {

// scheme://host[:port] of a URL.
std::string Origin(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  size_t end = url.find_first_of("/?#", start + 3);
  return std::string(url.substr(0, end));
}

// GitHub's `message` (and `errors`) from an error body, one line, bounded.
std::string GithubMessage(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "";
  std::string m = j.value("message", "");
  if (j.contains("errors") && j["errors"].is_array())
    for (const auto& e : j["errors"]) {
      if (e.is_string()) m += "; " + e.get<std::string>();
      else if (e.is_object()) m += "; " + e.value("field", std::string("?")) + ": " + e.value("message", e.value("code", std::string("?")));
    }
  return TruncateUtf8(OneLine(EscapeControls(SanitizeUtf8(m), false)), 300);
}

std::int64_t HeaderInt(const HttpResponse& r, std::string_view name, std::int64_t fallback) {
  std::string v = r.Header(name);
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::stoll(v);
}

}  // namespace

std::optional<std::string> NextLink(std::string_view header) {
  // <https://api.github.com/...?page=2>; rel="next", <...>; rel="last"
  size_t pos = 0;
  while (pos < header.size()) {
    size_t lt = header.find('<', pos);
    if (lt == std::string_view::npos) break;
    size_t gt = header.find('>', lt);
    if (gt == std::string_view::npos) break;
    size_t end = header.find(',', gt);
    std::string_view params =
        header.substr(gt + 1, end == std::string_view::npos ? std::string_view::npos : end - gt - 1);
    std::string p = ToLowerAscii(params);
    if (p.find("rel=\"next\"") != std::string::npos || p.find("rel=next") != std::string::npos)
      return std::string(header.substr(lt + 1, gt - lt - 1));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return std::nullopt;
}

Result<std::string> GithubToken(const std::string& token_file) {
  return ReadSecret({token_file, "GITHUB_TOKEN", "the GitHub token", "", 1});
}

GithubClient::GithubClient(GithubOptions options, HttpTransport transport, AnswerCache* cache, Sleep sleep, Now now)
    : options_(std::move(options)), transport_(std::move(transport)), cache_(cache), sleep_(std::move(sleep)),
      now_(std::move(now)) {
  while (!options_.api_url.empty() && options_.api_url.back() == '/') options_.api_url.pop_back();
  if (!sleep_)
    sleep_ = [](double s) { std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long>(s * 1000))); };
  if (!now_)
    now_ = [] {
      return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
}

std::string GithubClient::UrlOf(const std::string& path) const {
  if (path.rfind("http://", 0) == 0 || path.rfind("https://", 0) == 0) return path;
  return options_.api_url + (path.empty() || path[0] != '/' ? "/" : "") + path;
}

void GithubClient::Wait(double seconds) {
  if (seconds <= 0) return;
  stats_.waited_seconds += seconds;
  sleep_(seconds);
}

Status GithubClient::Explain(const HttpResponse& r, const std::string& method, const std::string& url) const {
  std::string what = method + " " + url.substr(Origin(url).size());
  std::string msg = GithubMessage(r.body);
  std::string said = msg.empty() ? "" : " (GitHub: " + msg + ")";
  std::string fine = r.Header("x-accepted-github-permissions");
  std::string scopes = r.Header("x-accepted-oauth-scopes");
  std::string grant;
  if (!fine.empty()) grant += "a fine-grained token with " + fine;
  if (!scopes.empty()) grant += std::string(grant.empty() ? "" : ", or ") + "a classic token with scope " + scopes;
  if (grant.empty())
    grant = "a token with \"Repository security advisories\" (read for pull, write for push) and "
            "\"Pull requests: read\" (fine-grained), or scope repo (classic)";
  switch (r.status) {
    case 401:
      return Status::Denied("GitHub refused the token for " + what + " (401" + said +
                            "): set GITHUB_TOKEN or --token-file to a valid, unexpired token");
    case 403:
      return Status::Denied("GitHub refused " + what + " (403" + said + "): it needs " + grant);
    case 404:
      return Status::NotFound("GitHub has no " + what + " (404" + said +
                              "): check the repository and id; a private repository or an unpublished "
                              "advisory answers 404 to a token without access - it needs " + grant);
    case 422:
      return Status::Invalid("GitHub did not accept " + what + " (422" + said + ")");
    default:
      return Status::Io("GitHub answered " + std::to_string(r.status) + " to " + what + said);
  }
}

Result<GithubClient::Answer> GithubClient::Request(const std::string& method, const std::string& url,
                                                   const std::string& body, bool conditional) {
  std::optional<CachedAnswer> cached;
  if (conditional && cache_) cached = cache_->Get(url);
  HttpRequest req;
  req.method = method;
  req.url = url;
  req.body = body;
  req.timeout_seconds = options_.timeout_seconds;
  req.headers = {{"Accept", "application/vnd.github+json"},
                 {"X-GitHub-Api-Version", "2022-11-28"},
                 {"User-Agent", "psirt"}};
  // The token goes only to the configured API's origin.
  if (!options_.token.empty() && Origin(url) == Origin(options_.api_url))
    req.headers.push_back({"Authorization", "Bearer " + options_.token});
  if (!body.empty()) req.headers.push_back({"Content-Type", "application/json"});
  if (cached && !cached->etag.empty()) req.headers.push_back({"If-None-Match", cached->etag});

  double backoff = 1;
  int failures = 0, limited = 0;
  for (;;) {
    if (std::int64_t now = now_(); blocked_until_ > now) {
      double wait = static_cast<double>(blocked_until_ - now);
      if (wait > options_.max_wait_seconds)
        return Status::Io("GitHub's rate limit for this token is used up until " +
                          Timestamp::FromUnix(blocked_until_).ToString() + "; try again then");
      Wait(wait);
    }
    ++stats_.requests;
    Result<HttpResponse> sent = transport_(req);
    if (!sent.ok()) {
      if (++failures > options_.max_retries) return sent.status();
      ++stats_.retries;
      Wait(backoff);
      backoff *= 2;
      continue;
    }
    const HttpResponse& r = *sent;
    std::int64_t remaining = HeaderInt(r, "x-ratelimit-remaining", -1);
    std::int64_t reset = HeaderInt(r, "x-ratelimit-reset", 0);
    if (remaining == 0 && reset > 0) blocked_until_ = reset + 1;  // the next request waits for the reset
    if (r.status == 304 && cached) {
      ++stats_.not_modified;
      return Answer{cached->body, cached->link};
    }
    if (r.status >= 200 && r.status < 300) {
      Answer a{r.body, r.Header("link")};
      std::string etag = r.Header("etag");
      if (conditional && cache_ && !etag.empty()) cache_->Put(url, CachedAnswer{etag, a.link, a.body});
      return a;
    }
    bool rate_limited = (r.status == 403 || r.status == 429) &&
                        (remaining == 0 || !r.Header("retry-after").empty() ||
                         ToLowerAscii(r.body).find("rate limit") != std::string::npos);
    if (rate_limited) {
      if (++limited > options_.max_retries) return Explain(r, method, url);
      double wait;
      if (std::string ra = r.Header("retry-after"); !ra.empty()) {
        wait = static_cast<double>(HeaderInt(r, "retry-after", 60));  // secondary limit
      } else if (remaining == 0 && reset > 0) {
        wait = static_cast<double>(std::max<std::int64_t>(reset - now_(), 0) + 1);
        blocked_until_ = 0;  // waited for here
      } else {
        wait = 60 * limited;  // secondary limit without Retry-After: at least a minute, then longer
      }
      if (wait > options_.max_wait_seconds)
        return Status::Io("GitHub's rate limit asks psirt to wait " + std::to_string(static_cast<long>(wait)) +
                          " s (more than " + std::to_string(static_cast<long>(options_.max_wait_seconds)) +
                          " s); try again later");
      ++stats_.retries;
      Wait(wait);
      continue;
    }
    if (r.status >= 500 && r.status <= 599) {
      if (++failures > options_.max_retries) return Explain(r, method, url);
      ++stats_.retries;
      Wait(backoff);
      backoff *= 2;
      continue;
    }
    return Explain(r, method, url);
  }
}

Result<std::vector<std::string>> GithubClient::GetPages(const std::string& path) {
  std::vector<std::string> pages;
  std::string url = UrlOf(path);
  const std::string origin = Origin(options_.api_url);
  for (int n = 0; n < 1000; ++n) {
    PSIRT_ASSIGN_OR_RETURN(Answer a, Request("GET", url, "", true));
    pages.push_back(std::move(a.body));
    std::optional<std::string> next = NextLink(a.link);
    if (!next) return pages;
    if (Origin(*next) != origin)
      return Status::Invalid("GitHub's Link header points away from " + origin + "; not followed");
    url = *next;
  }
  return Status::Invalid("more than 1000 pages from GitHub for " + path + ": stopped");
}

Result<std::string> GithubClient::Get(const std::string& path) {
  PSIRT_ASSIGN_OR_RETURN(Answer a, Request("GET", UrlOf(path), "", true));
  return std::move(a.body);
}

Result<std::string> GithubClient::Send(const std::string& method, const std::string& path,
                                       const std::string& json_body) {
  PSIRT_ASSIGN_OR_RETURN(Answer a, Request(method, UrlOf(path), json_body, false));
  return std::move(a.body);
}

}  // namespace psirt
