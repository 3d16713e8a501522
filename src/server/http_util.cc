// HTTP helpers of the server.
#include "server/http_util.h"

#include <algorithm>

#include "base/strings.h"

namespace psirt::http {

int HttpStatus(const Status& st, bool signed_in) {
  switch (st.code()) {
    case Status::Code::kOk: return 200;
    case Status::Code::kInvalid:
    case Status::Code::kUsage: return 400;
    case Status::Code::kDenied: return signed_in ? 403 : 401;
    case Status::Code::kNotFound: return 404;
    case Status::Code::kConflict: return 409;
    case Status::Code::kIo:
    case Status::Code::kInternal: return 500;
  }
  return 500;
}

void SendJson(httplib::Response& res, const nlohmann::json& j, int code) {
  res.status = code;
  res.set_content(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", "application/json");
}

void SendError(httplib::Response& res, const Status& st, bool signed_in) {
  int code = HttpStatus(st, signed_in);
  // Server-side failures never show their details (paths, SQL) to clients.
  std::string message = code >= 500 ? "internal error" : st.ToString();
  nlohmann::json e = {{"code", Status::CodeName(st.code())}, {"message", message}};
  if (!st.field().empty()) e["field"] = st.field();
  SendJson(res, {{"error", e}}, code);
  if (code == 401) res.set_header("WWW-Authenticate", "Bearer");
}

Result<nlohmann::json> JsonBody(const httplib::Request& req, std::initializer_list<std::string_view> allowed,
                                size_t max_bytes) {
  std::string type = req.get_header_value("Content-Type");
  std::string base = Trim(type.substr(0, type.find(';')));
  for (char& c : base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (base != "application/json")
    return Status::Invalid("expected Content-Type: application/json, got '" +
                           EscapeControls(type.substr(0, 100), false) + "'");
  if (req.body.size() > max_bytes)
    return Status::Invalid("body too large: at most " + std::to_string(max_bytes) + " bytes");
  if (!IsValidUtf8(req.body)) return Status::Invalid("body is not valid UTF-8");
  nlohmann::json j = nlohmann::json::parse(req.body, nullptr, false);
  if (j.is_discarded()) return Status::Invalid("body is not valid JSON");
  if (!j.is_object()) return Status::Invalid("body: expected a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it)
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      std::string known;
      for (std::string_view a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      return std::move(Status::Invalid("unknown field '" + EscapeControls(it.key().substr(0, 64), false) +
                                       "' (expected: " + (known.empty() ? "none" : known) + ")")
                           .Field(it.key().substr(0, 64)));
    }
  return j;
}

Result<std::string> StringField(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return std::move(Status::Invalid(std::string(name) + ": expected a string").Field(name));
  return it->get<std::string>();
}

Result<std::vector<std::string>> StringListField(const nlohmann::json& body, const char* name) {
  std::vector<std::string> out;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return std::move(Status::Invalid(std::string(name) + ": expected a list of strings").Field(name));
  for (const auto& x : *it) {
    if (!x.is_string()) return std::move(Status::Invalid(std::string(name) + ": expected a list of strings").Field(name));
    out.push_back(x.get<std::string>());
  }
  return out;
}

void SecurityHeaders(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                 "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'");
}

std::string RedactPath(std::string_view path) {
  for (std::string_view prefix : {"/r/", "/api/v1/reports/"}) {
    if (path.substr(0, prefix.size()) == prefix && path.size() > prefix.size()) {
      size_t end = path.find('/', prefix.size());
      std::string out = std::string(prefix) + "<secret>";
      if (end != std::string_view::npos) out += EscapeControls(std::string(path.substr(end)), false);
      return out;
    }
  }
  return EscapeControls(std::string(path), false);
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

std::string Cookie(const httplib::Request& req, std::string_view name) {
  std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = Trim(header.substr(pos, end - pos));
    size_t eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

}  // namespace psirt::http
