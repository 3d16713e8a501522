// HTTP helpers of the server.
#include "server/http_util.h"

#include "formats/json_fields.h"

#include <algorithm>
#include <vector>

#include "base/strings.h"
#include "formats/form_data.h"

namespace psirt::http {

int HttpStatus(const Status& st, bool signed_in) {
  switch (st.code()) {
    case Status::Code::kOk: return 200;
    case Status::Code::kInvalid:
    case Status::Code::kUsage: return 400;
    case Status::Code::kDenied: return signed_in ? 403 : 401;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kConflict: return 409;
    case Status::Code::kIo: return 503;
    case Status::Code::kInternal: return 500;
  }
  return 500;
}

void SendJson(Response& res, const nlohmann::json& j, int code) {
  res.status = code;
  res.SetContent(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", "application/json");
}

void SendErrorCode(Response& res, int http_status, const std::string& code, const std::string& message) {
  SendJson(res, {{"error", {{"code", code}, {"message", message}}}}, http_status);
}

void SendError(Response& res, const Status& st, bool signed_in) {
  int code = HttpStatus(st, signed_in);
  // Server-side failures never show their details (paths, SQL) to clients.
  std::string message = code == 503   ? "the server cannot reach its database or files: try again shortly"
                        : code >= 500 ? "internal error"
                                      : st.ToString();
  nlohmann::json e = {{"code", code == 503 ? "unavailable" : Status::CodeName(st.code())}, {"message", message}};
  if (!st.field().empty() && code < 500) e["field"] = st.field();
  SendJson(res, {{"error", e}}, code);
  if (code == 401) res.SetHeader("WWW-Authenticate", "Bearer");
  if (code == 503) res.SetHeader("Retry-After", "5");
}

Result<QueryParams> QueryParams::Read(const Request& req, std::initializer_list<std::string_view> allowed) {
  for (const FormField& f : req.query)
    if (std::find(allowed.begin(), allowed.end(), f.name) == allowed.end()) {
      std::string known;
      for (std::string_view a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      return std::move(Status::Invalid("unknown query parameter '" + f.name + "'" +
                                       (known.empty() ? " (this endpoint takes none)" : " (known: " + known + ")"))
                           .Field(f.name));
    }
  return QueryParams(req.query);
}

std::vector<std::string> QueryParams::Values(std::string_view name) const {
  std::vector<std::string> out;
  for (const FormField& f : query_)
    if (f.name == name) out.push_back(f.value);
  return out;
}

Result<std::optional<Date>> QueryParams::OptDate(std::string_view name) const {
  std::vector<std::string> v = Values(name);
  if (v.empty()) return std::optional<Date>();
  const std::string n(name);
  if (v.size() > 1) return std::move(Status::Invalid(n + ": give it once").Field(n));
  auto d = Date::Parse(v[0]);
  if (!d.ok()) return std::move(Status::Invalid(n + ": " + d.status().message()).Field(n));
  return std::optional<Date>(*d);
}

Result<std::string> QueryParams::Required(std::string_view name, std::string_view hint) const {
  std::vector<std::string> v = Values(name);
  const std::string n(name);
  if (v.size() != 1 || v[0].empty())
    return std::move(Status::Invalid(n + ": give " + std::string(hint) + (v.size() > 1 ? " once" : "")).Field(n));
  return v[0];
}

Result<std::vector<std::string>> QueryParams::List(std::string_view name, std::string_view hint, size_t max) const {
  std::vector<std::string> v = Values(name);
  const std::string n(name);
  if (v.empty()) return std::move(Status::Invalid(n + ": give " + std::string(hint) + " (repeatable)").Field(n));
  if (v.size() > max) return std::move(Status::Invalid(n + ": at most " + std::to_string(max) + " values").Field(n));
  return v;
}

Result<std::string> QueryParams::Optional(std::string_view name) const {
  std::vector<std::string> v = Values(name);
  const std::string n(name);
  if (v.size() > 1) return std::move(Status::Invalid(n + ": give it once").Field(n));
  return v.empty() ? std::string() : v[0];
}

Result<std::vector<std::string>> QueryParams::OptionalList(std::string_view name, size_t max) const {
  std::vector<std::string> v = Values(name);
  std::erase(v, std::string());
  const std::string n(name);
  if (v.size() > max) return std::move(Status::Invalid(n + ": at most " + std::to_string(max) + " values").Field(n));
  return v;
}

Result<JsonBody> JsonBody::Read(const Request& req, std::span<const std::string_view> allowed) {
  std::string type = req.Header("Content-Type");
  std::string base = ToLowerAscii(Trim(type.substr(0, type.find(';'))));
  if (req.body.empty() && type.empty()) return Parse("{}", allowed);
  if (base != "application/json")
    return std::move(Status::Invalid("expected Content-Type: application/json, got '" + Shown(type, 100) + "'").Field("Content-Type"));
  return Parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body), allowed);
}

Result<JsonBody> JsonBody::Parse(std::string_view text, std::span<const std::string_view> allowed) {
  if (!IsValidUtf8(text)) return std::move(Status::Invalid("body is not valid UTF-8").Field("body"));
  // Keys given twice are an error at any depth (the parser would keep the last).
  std::vector<std::vector<std::string>> keys;
  std::string duplicate;
  auto cb = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (event == E::object_start) keys.emplace_back();
    else if (event == E::object_end && !keys.empty()) keys.pop_back();
    else if (event == E::key && !keys.empty()) {
      std::string k = parsed.get<std::string>();
      auto& level = keys.back();
      if (std::find(level.begin(), level.end(), k) != level.end() && duplicate.empty()) duplicate = k;
      level.push_back(std::move(k));
    }
    return true;
  };
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), cb, false);
  if (j.is_discarded()) return std::move(Status::Invalid("body is not valid JSON").Field("body"));
  if (!duplicate.empty())
    return std::move(Status::Invalid("'" + Shown(duplicate, 64) + "' is given twice").Field(Shown(duplicate, 64)));
  if (!j.is_object()) return std::move(Status::Invalid("body: expected a JSON object").Field("body"));
  return Check(std::move(j), "", allowed);
}

Result<JsonBody> JsonBody::Check(nlohmann::json j, std::string prefix, std::span<const std::string_view> allowed) {
  PSIRT_RETURN_IF_ERROR(json_fields::CheckKeys(j, prefix, allowed));
  return JsonBody(std::move(j), std::move(prefix));
}

std::string JsonBody::Path(std::string_view name) const { return prefix_ + std::string(name); }

Status JsonBody::TypeError(std::string_view name, const char* expected) const {
  return json_fields::TypeError(Path(name), expected);
}

bool JsonBody::Has(std::string_view name) const {
  auto it = j_.find(name);
  return it != j_.end() && !it->is_null();
}

Result<std::optional<std::string>> JsonBody::OptString(std::string_view name) const {
  return json_fields::OptString(j_, name, Path(name));
}

Result<std::string> JsonBody::String(std::string_view name) const {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> v, OptString(name));
  return v.value_or("");
}

Result<std::optional<bool>> JsonBody::OptBool(std::string_view name) const {
  return json_fields::OptBool(j_, name, Path(name));
}

Result<bool> JsonBody::Bool(std::string_view name, bool absent) const {
  PSIRT_ASSIGN_OR_RETURN(std::optional<bool> v, OptBool(name));
  return v.value_or(absent);
}

Result<long long> JsonBody::Int(std::string_view name, long long absent, long long lo, long long hi) const {
  PSIRT_ASSIGN_OR_RETURN(std::optional<long long> v, json_fields::OptInt(j_, name, Path(name), lo, hi));
  return v.value_or(absent);
}

Result<std::vector<std::string>> JsonBody::StringList(std::string_view name) const {
  return json_fields::StringList(j_, name, Path(name));
}

Result<std::optional<JsonBody>> JsonBody::Object(std::string_view name, std::initializer_list<std::string_view> allowed) const {
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return std::optional<JsonBody>();
  if (!it->is_object()) return TypeError(name, "an object");
  PSIRT_ASSIGN_OR_RETURN(JsonBody b, Check(*it, Path(name) + ".", std::span<const std::string_view>(allowed.begin(), allowed.size())));
  return std::optional<JsonBody>(std::move(b));
}

Result<std::vector<JsonBody>> JsonBody::ObjectList(std::string_view name, std::initializer_list<std::string_view> allowed) const {
  std::vector<JsonBody> out;
  auto it = j_.find(name);
  if (it == j_.end() || it->is_null()) return out;
  if (!it->is_array()) return TypeError(name, "a list of objects");
  for (size_t i = 0; i < it->size(); ++i) {
    const auto& x = (*it)[i];
    std::string path = Path(name) + "[" + std::to_string(i) + "]";
    if (!x.is_object()) return std::move(Status::Invalid(path + ": expected an object").Field(path));
    PSIRT_ASSIGN_OR_RETURN(JsonBody b, Check(x, path + ".", std::span<const std::string_view>(allowed.begin(), allowed.size())));
    out.push_back(std::move(b));
  }
  return out;
}

void SecurityHeaders(Response& res) {
  res.SetHeader("X-Content-Type-Options", "nosniff");
  res.SetHeader("X-Frame-Options", "DENY");
  res.SetHeader("Referrer-Policy", "no-referrer");
  if (res.Header("Cache-Control").empty()) res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'");
}

std::string RedactPath(std::string_view raw) {
  // Logged as decoded, segment by segment: a reporter's link is a secret
  // after an "r" or "reports" segment (any case, any spelling of the
  // path), and anything shaped like one of psirt's secrets is one.
  std::string path;
  if (!PercentDecode(raw, false, path)) path = std::string(raw);
  std::string out;
  bool after_link = false;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(pos, end - pos);
    std::string lower = ToLowerAscii(seg);
    bool secret_shape = false;
    for (std::string_view prefix : {"r_", "s_", "psirt_"})
      if (lower.rfind(prefix, 0) == 0 && seg.size() >= prefix.size() + 16) secret_shape = true;
    if (pos > 0) out += '/';
    out += (after_link && !seg.empty()) || secret_shape ? std::string("<secret>") : EscapeControls(seg, false);
    after_link = lower == "r" || lower == "reports";
    if (out.size() > 512) return out.substr(0, 512) + "...";
    pos = end + 1;
  }
  return out;
}

bool RateLimiter::Allow(const std::string& key, std::chrono::steady_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.size() > 100000) buckets_.clear();  // bounded memory under a flood of addresses
  Bucket& b = buckets_[key];
  if (b.count == 0 || now - b.start >= window_) {
    b.start = now;
    b.count = 0;
  }
  if (b.count >= limit_) return false;
  ++b.count;
  return true;
}

}  // namespace psirt::http
