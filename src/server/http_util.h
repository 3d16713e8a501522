// HTTP plumbing shared by the API and the web pages: Status -> HTTP status,
// the one JSON error shape, strict typed JSON request bodies (content
// type, UTF-8, no duplicate keys, known fields only at every depth, each
// field's type checked with the field named), security headers, a
// per-address rate limiter, and redaction of secrets in logged paths.
#pragma once

#include <chrono>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "base/time.h"
#include "server/http_message.h"

namespace psirt::http {

// 400 invalid/usage, 401 denied without an account, 403 denied, 404 not
// found, 409 conflict, 503 an unreachable database or file system, 500
// the rest.
int HttpStatus(const Status& st, bool signed_in);
// {"error": {"code": ..., "message": ..., "field": ...}} with the status's
// HTTP code: the one error shape of every endpoint.
void SendError(Response& res, const Status& st, bool signed_in);
// The same shape for an HTTP status the server chooses itself (429, 413).
void SendErrorCode(Response& res, int http_status, const std::string& code, const std::string& message);
void SendJson(Response& res, const nlohmann::json& j, int code = 200);

// A JSON object of a request body, read strictly. Errors are Invalid with
// the field's path (attachment.name) in the message and in Status::field.
class JsonBody {
 public:
  // The body of `req`: Content-Type application/json, UTF-8, no key given
  // twice at any depth, an object whose keys are all in `allowed`. An
  // empty body is an empty object.
  static Result<JsonBody> Read(const Request& req, std::span<const std::string_view> allowed);
  static Result<JsonBody> Read(const Request& req, std::initializer_list<std::string_view> allowed) {
    return Read(req, std::span<const std::string_view>(allowed.begin(), allowed.size()));
  }
  // The same checks on a document already in hand.
  static Result<JsonBody> Parse(std::string_view text, std::span<const std::string_view> allowed);
  static Result<JsonBody> Parse(std::string_view text, std::initializer_list<std::string_view> allowed) {
    return Parse(text, std::span<const std::string_view>(allowed.begin(), allowed.size()));
  }

  bool Has(std::string_view name) const;
  // A string ("" or nullopt when absent or null); its line breaks
  // normalised to LF. Any other type is an error naming the field.
  Result<std::string> String(std::string_view name) const;
  Result<std::optional<std::string>> OptString(std::string_view name) const;
  Result<bool> Bool(std::string_view name, bool absent) const;
  Result<std::optional<bool>> OptBool(std::string_view name) const;
  Result<std::vector<std::string>> StringList(std::string_view name) const;
  // An integer in [lo, hi]; `absent` when absent or null.
  Result<long long> Int(std::string_view name, long long absent, long long lo, long long hi) const;
  // A nested object with its own known keys (nullopt when absent or null).
  Result<std::optional<JsonBody>> Object(std::string_view name, std::initializer_list<std::string_view> allowed) const;
  // A list of such objects.
  Result<std::vector<JsonBody>> ObjectList(std::string_view name, std::initializer_list<std::string_view> allowed) const;
  const nlohmann::json& json() const { return j_; }

 private:
  JsonBody(nlohmann::json j, std::string prefix) : j_(std::move(j)), prefix_(std::move(prefix)) {}
  static Result<JsonBody> Check(nlohmann::json j, std::string prefix, std::span<const std::string_view> allowed);
  std::string Path(std::string_view name) const;
  Status TypeError(std::string_view name, const char* expected) const;
  nlohmann::json j_;
  std::string prefix_;
};

// A request's query string read strictly, as JsonBody reads a body: only
// the `allowed` names, each read as its type says. Errors are Invalid
// naming the parameter (in the message and in Status::field).
class QueryParams {
 public:
  static Result<QueryParams> Read(const Request& req, std::initializer_list<std::string_view> allowed);

  // A date (YYYY-MM-DD) given at most once; nullopt when absent.
  Result<std::optional<Date>> OptDate(std::string_view name) const;
  // One value, required; `hint` says what to give ("?vector=CVSS:3.1/...").
  Result<std::string> Required(std::string_view name, std::string_view hint) const;
  // Every value of a repeatable parameter: at least one, at most `max`.
  Result<std::vector<std::string>> List(std::string_view name, std::string_view hint, size_t max) const;
  // One value given at most once ("" when absent).
  Result<std::string> Optional(std::string_view name) const;
  // Every value of a repeatable parameter, none or up to `max` (empty values dropped).
  Result<std::vector<std::string>> OptionalList(std::string_view name, size_t max) const;

 private:
  explicit QueryParams(std::vector<FormField> query) : query_(std::move(query)) {}
  std::vector<std::string> Values(std::string_view name) const;
  std::vector<FormField> query_;
};

// Headers every answer carries: no sniffing, no framing, no referrer (a
// reporter's link is in the URL), a strict content security policy.
void SecurityHeaders(Response& res);

// The path as it may be logged: secrets in it (reporter links, however
// the path is spelled) replaced, controls escaped, at most 512 bytes.
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

}  // namespace psirt::http
