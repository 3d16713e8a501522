// GithubWebhooks: a delivery GitHub sends to the team server, handled once.
// The signature is checked before anything of the body is read; a delivery
// id seen before is answered as a duplicate without doing anything again;
// an advisory event pulls that one GHSA, a pull-request event reads that PR
// (and every advisory it names or is linked to) and asks for the follow-up
// sync, so the fix status from the clone is current now, not at the next
// scheduled run. Only a delivery handled without error is recorded as seen,
// so GitHub's redelivery of a failed one runs it again.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/github_service.h"
#include "base/status.h"
#include "base/time.h"
#include "core/config.h"
#include "store/store.h"

namespace psirt {

// Whether `signature` (X-Hub-Signature-256: "sha256=" + hex) is the
// HMAC-SHA256 of `body` under `secret`; constant-time. An empty secret
// verifies nothing.
bool VerifyGithubSignature(const std::string& secret, const std::string& body, const std::string& signature);

// One delivery as it arrived.
struct WebhookRequest {
  std::string delivery;   // X-GitHub-Delivery (a GUID)
  std::string event;      // X-GitHub-Event
  std::string signature;  // X-Hub-Signature-256
  std::string body;
};

// What handling a delivery did.
struct WebhookOutcome {
  std::string delivery, event, action;
  bool duplicate = false;
  std::string ignored;  // why nothing was done ("" when something was)
  std::optional<GithubPullReport> pull;
  std::optional<GithubPrReport> prs;
  // The follow-up sync after a PR changed: whether it ran and what it said.
  std::optional<std::pair<bool, std::string>> sync;
};
nlohmann::json ToJson(const WebhookOutcome& o);

// Handles GitHub's webhook deliveries, each at most once.
class GithubWebhooks {
 public:
  using OpenSession = std::function<Result<std::unique_ptr<GithubSession>>()>;
  // Runs the sync after a PR changed; the message says what it did.
  using FollowUp = std::function<std::pair<bool, std::string>()>;

  GithubWebhooks(Store& store, const WorkspaceConfig& config, const Clock& clock, std::string secret,
                 OpenSession open, FollowUp follow_up)
      : store_(store), config_(config), clock_(clock), secret_(std::move(secret)), open_(std::move(open)),
        follow_up_(std::move(follow_up)) {}

  // Handles `r`. Denied when the signature does not hold; Invalid for a
  // malformed delivery id or body; any other error means GitHub should
  // deliver it again (it is not recorded as seen).
  Result<WebhookOutcome> Handle(const WebhookRequest& r);

 private:
  Result<WebhookOutcome> Route(const WebhookRequest& r);

  Store& store_;
  const WorkspaceConfig& config_;
  const Clock& clock_;
  std::string secret_;
  OpenSession open_;
  FollowUp follow_up_;
};

}  // namespace psirt
