// LocalClient: the CLI's Client (cli/client.h) on the local workspace,
// through the application services, answering the API's JSON.
#pragma once

#include <functional>
#include <memory>

#include "app/github_service.h"
#include "app/workspace.h"
#include "cli/client.h"

namespace psirt::cli {

// The workspace's services behind the Client interface.
class LocalClient : public Client {
 public:
  // `actor`: who the events are recorded as (--as, PSIRT_USER, git's user),
  // asked only when a command writes.
  LocalClient(Workspace& ws, const Clock& clock, std::function<Result<std::string>()> actor)
      : ws_(ws), clock_(clock), actor_(std::move(actor)) {}

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
  Result<std::unique_ptr<GithubSession>> Github(const GithubConnection& g);
  Workspace& ws_;
  const Clock& clock_;
  std::function<Result<std::string>()> actor_;
};

}  // namespace psirt::cli
