// RemoteClient: the CLI talking to a team server (--server URL) instead of
// a local workspace. The token comes from PSIRT_TOKEN or --token-file and
// is sent only as a Bearer header, never printed. The server's JSON errors
// come back as Statuses with the same codes the local commands use.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "cli/client.h"

namespace psirt::cli {

// The CLI's Client (cli/client.h) on a team server's API, for --server.
class RemoteClient : public Client {
 public:
  // `url`: http(s)://HOST[:PORT]; `token` may be empty (anonymous).
  static Result<std::unique_ptr<RemoteClient>> Connect(const std::string& url, std::string token);

  // Sends a request (a JSON body unless null) and returns the JSON answer.
  Result<nlohmann::json> Call(const std::string& method, const std::string& path,
                              const nlohmann::json& body = nullptr);

  Result<nlohmann::json> List(const ListQuery& q) override;
  Result<nlohmann::json> Get(const std::string& ref) override;
  Result<std::vector<Event>> History(const std::string& ref) override;
  Result<nlohmann::json> Audience(const std::string& ref) override;
  Result<nlohmann::json> Act(const std::string& ref, const ActionSpec& action, const nlohmann::json& fields) override;
  Result<nlohmann::json> Report(const ReportRequest& r) override;
  Result<nlohmann::json> ReportFromEmail(const EmailReport& r) override;
  Result<nlohmann::json> Todo(Date as_of) override;
  Result<nlohmann::json> FixStatus(const std::string& ref, const std::function<void(size_t)>& progress) override;
  Result<nlohmann::json> Import(const std::string& format, const std::vector<InputFile>& files, bool replace) override;
  Result<nlohmann::json> Sync(const SyncRequest& r) override;
  Result<nlohmann::json> Notify(const NotifyRequest& r) override;
  Result<nlohmann::json> Users() override;
  Result<nlohmann::json> AddUser(const NewUser& u) override;
  Result<std::string> IssueToken(const std::string& name) override;
  Result<bool> PasswordNeedsCurrent(const std::string& name) override;
  Status SetPassword(const std::string& name, const std::string& password, const std::string& current) override;
  Status DisableUser(const std::string& name) override;
  Result<nlohmann::json> GithubPull(const GithubConnection& g, const std::string& repo, const std::string& ghsa) override;
  Result<nlohmann::json> GithubPrs(const GithubConnection& g, const std::string& ref) override;
  Result<nlohmann::json> GithubPlan(const GithubConnection& g, const std::string& verb, const std::string& ref,
                                    bool apply) override;
  Result<nlohmann::json> GithubResolve(const std::string& ref, const std::string& field, const std::string& take) override;

 private:
  RemoteClient() = default;
  std::string base_, token_;
};


}  // namespace psirt::cli
