// The CLI's HTTP client for --server (cpp-httplib).
#include "cli/remote.h"

#include <httplib.h>

namespace psirt::cli {

Result<std::unique_ptr<RemoteClient>> RemoteClient::Connect(const std::string& url, std::string token) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return Status::Usage("--server: expected http://HOST:PORT or https://HOST, got '" + url + "'");
  std::string base = url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.find('/', base.find("//") + 2) != std::string::npos)
    return Status::Usage("--server: give the server's root URL without a path, got '" + url + "'");
  std::unique_ptr<RemoteClient> c(new RemoteClient());
  c->http_ = std::make_unique<httplib::Client>(base);
  if (!c->http_->is_valid()) return Status::Usage("--server: cannot use '" + url + "'");
  c->http_->set_connection_timeout(10, 0);
  c->http_->set_read_timeout(120, 0);
  c->base_ = base;
  c->token_ = std::move(token);
  return c;
}

RemoteClient::~RemoteClient() = default;

Result<nlohmann::json> RemoteClient::Call(const std::string& method, const std::string& path,
                                          const nlohmann::json& body) {
  httplib::Headers h;
  if (!token_.empty()) h.emplace("Authorization", "Bearer " + token_);
  std::string payload = body.is_null() ? "" : body.dump();
  httplib::Result r = method == "GET"     ? http_->Get(path.c_str(), h)
                      : method == "PATCH" ? http_->Patch(path.c_str(), h, payload, "application/json")
                                          : http_->Post(path.c_str(), h, payload.empty() ? "{}" : payload, "application/json");
  if (!r) return Status::Io("cannot reach " + base_ + ": " + httplib::to_string(r.error()));
  nlohmann::json j = nlohmann::json::parse(r->body, nullptr, false);
  if (r->status >= 200 && r->status < 300) {
    if (j.is_discarded()) return nlohmann::json(r->body);  // a document (an export)
    return j;
  }
  std::string msg = j.is_object() && j.contains("error") ? j["error"].value("message", "") : "";
  if (msg.empty()) msg = "HTTP " + std::to_string(r->status);
  msg = "server: " + msg;
  switch (r->status) {
    case 400: return Status::Invalid(msg);
    case 401: return Status::Denied(msg + " (set PSIRT_TOKEN or --token-file: psirt user token NAME on the server)");
    case 403: return Status::Denied(msg);
    case 404: return Status::NotFound(msg);
    case 409: return Status::Conflict(msg);
    default: return Status::Io(msg);
  }
}

}  // namespace psirt::cli
