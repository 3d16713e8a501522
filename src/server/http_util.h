// HTTP plumbing shared by the API and the web pages: Status -> HTTP status,
// JSON error bodies, strict JSON request bodies (content type, size,
// known fields only), security headers, a per-address rate limiter, and
// redaction of secrets in logged paths.
#pragma once

#include <httplib.h>

#include <chrono>
#include <initializer_list>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace psirt::http {

// 400 invalid/usage, 401 denied without an account, 403 denied, 404 not
// found, 409 conflict, 500 the rest.
int HttpStatus(const Status& st, bool signed_in);
// {"error": {"code": ..., "message": ...}} with the status's HTTP code.
void SendError(httplib::Response& res, const Status& st, bool signed_in);
void SendJson(httplib::Response& res, const nlohmann::json& j, int code = 200);

// The request's JSON object: Content-Type application/json, at most
// `max_bytes`, an object whose keys are all in `allowed`. Errors are
// Invalid with the field named (unknown fields are errors, not ignored).
Result<nlohmann::json> JsonBody(const httplib::Request& req, std::initializer_list<std::string_view> allowed,
                                size_t max_bytes = 1 << 20);
// A string member of a JSON body ("" when absent); Invalid when it is not a string.
Result<std::string> StringField(const nlohmann::json& body, const char* name);
Result<std::vector<std::string>> StringListField(const nlohmann::json& body, const char* name);

// Headers every answer carries: no sniffing, no framing, no referrer (a
// reporter's link is in the URL), a strict content security policy.
void SecurityHeaders(httplib::Response& res);

// The path as it may be logged: secrets in it (reporter links) replaced.
std::string RedactPath(std::string_view path);

// At most `limit` events per `window` for each key (an address); thread-safe.
class RateLimiter {
 public:
  RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}
  // Counts one event for `key`; false when the key is over its limit.
  bool Allow(const std::string& key, std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());

 private:
  struct Bucket {
    std::chrono::steady_clock::time_point start;
    int count = 0;
  };
  int limit_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
};

// The value of one cookie of the request ("" when absent).
std::string Cookie(const httplib::Request& req, std::string_view name);

}  // namespace psirt::http
