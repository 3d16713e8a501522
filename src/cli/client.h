// Client: what a CLI command asks of psirt, written once. Two
// implementations answer it - LocalClient (the workspace's application
// services) and RemoteClient (a team server's API, --server) - with the
// same JSON: each answer is the shape the API sends, built by the same
// functions on both sides, so a command prints the same thing locally and
// against a server. Options that only make sense on one side (a local
// mbox, a GitHub token file) are refused by the other, naming them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/action_binder.h"
#include "app/account_service.h"
#include "app/advisory_service.h"
#include "app/publish_service.h"
#include "base/status.h"
#include "base/time.h"
#include "core/event.h"
#include "core/list_query.h"

namespace psirt::cli {

// A report read from an e-mail file (`psirt report --from-email`).
struct EmailReport {
  std::string raw, file;
  std::optional<Date> reported_on;
  bool to_triage = false;
  std::optional<std::string> description;  // replaces a single message's body
};

// `psirt sync`: fetch first, read the linked PRs from GitHub.
struct SyncRequest {
  bool fetch = false;
  bool github = true;
  std::function<void(size_t)> progress;  // commits read so far (local only)
};

// `psirt notify`: where the messages go (local only) and whether to send.
struct NotifyRequest {
  std::string mbox, smtp, credentials_file;
  bool require_tls = false, dry_run = false;
};

// The GitHub connection of a local run (a server uses its own settings).
struct GithubConnection {
  std::string api_url, token_file;
};

// Everything a command asks; each answer is the API's JSON for it.
class Client {
 public:
  virtual ~Client() = default;

  // Advisories. `ref` is an advisory id, CVE id or GHSA id.
  virtual Result<nlohmann::json> List(const ListQuery& q) = 0;  // [summary, ...]
  virtual Result<nlohmann::json> Get(const std::string& ref) = 0;
  virtual Result<std::vector<Event>> History(const std::string& ref) = 0;
  virtual Result<nlohmann::json> Audience(const std::string& ref) = 0;
  // A lifecycle action with its fields (app/action_binder.h): {"advisory", "events"}.
  virtual Result<nlohmann::json> Act(const std::string& ref, const ActionSpec& action, const nlohmann::json& fields) = 0;
  virtual Result<nlohmann::json> Report(const ReportRequest& r) = 0;  // the new advisory
  virtual Result<nlohmann::json> ReportFromEmail(const EmailReport& r) = 0;  // [advisory, ...]
  virtual Result<nlohmann::json> Todo(Date as_of) = 0;  // {"as_of", "tasks"}
  // The fix and backport status from git: {"id", "title", "main_branch",
  // "fix_status"}; `progress` as for Sync (local only).
  virtual Result<nlohmann::json> FixStatus(const std::string& ref, const std::function<void(size_t)>& progress) = 0;
  // `format`: "rst" or "cve5".
  virtual Result<nlohmann::json> Import(const std::string& format, const std::vector<InputFile>& files, bool replace) = 0;

  // Jobs: the full sync and the due notifications, with their reports.
  virtual Result<nlohmann::json> Sync(const SyncRequest& r) = 0;
  virtual Result<nlohmann::json> Notify(const NotifyRequest& r) = 0;

  // Accounts.
  virtual Result<nlohmann::json> Users() = 0;  // {"users": [...]}
  virtual Result<nlohmann::json> AddUser(const NewUser& u) = 0;
  virtual Result<std::string> IssueToken(const std::string& name) = 0;
  // Whether setting `name`'s password needs their current one (one's own, on a server).
  virtual Result<bool> PasswordNeedsCurrent(const std::string& name) = 0;
  virtual Status SetPassword(const std::string& name, const std::string& password, const std::string& current) = 0;
  virtual Status DisableUser(const std::string& name) = 0;

  // GitHub. `verb`: push, request-cve or publish.
  virtual Result<nlohmann::json> GithubPull(const GithubConnection& g, const std::string& repo, const std::string& ghsa) = 0;
  virtual Result<nlohmann::json> GithubPrs(const GithubConnection& g, const std::string& ref) = 0;
  virtual Result<nlohmann::json> GithubPlan(const GithubConnection& g, const std::string& verb, const std::string& ref,
                                            bool apply) = 0;
  virtual Result<nlohmann::json> GithubResolve(const std::string& ref, const std::string& field, const std::string& take) = 0;
};

}  // namespace psirt::cli
