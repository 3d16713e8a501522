// RemoteClient: the CLI talking to a team server (--server URL) instead of
// a local workspace. The token comes from PSIRT_TOKEN or --token-file and
// is sent only as a Bearer header, never printed. The server's JSON errors
// come back as Statuses with the same codes the local commands use.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace httplib {
class Client;
}

namespace psirt::cli {

// An HTTP client of a team server's API, for --server.
class RemoteClient {
 public:
  // `url`: http(s)://HOST[:PORT]; `token` may be empty (anonymous).
  static Result<std::unique_ptr<RemoteClient>> Connect(const std::string& url, std::string token);
  ~RemoteClient();

  // Sends a request (a JSON body unless null) and returns the JSON answer.
  Result<nlohmann::json> Call(const std::string& method, const std::string& path,
                              const nlohmann::json& body = nullptr);

 private:
  RemoteClient() = default;
  std::unique_ptr<httplib::Client> http_;
  std::string base_, token_;
};


}  // namespace psirt::cli
