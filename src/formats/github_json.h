// GitHub REST API JSON: repository security advisories, pull requests and
// their commits, webhook deliveries read into core/github_sync values, and
// the body of an advisory update written from a field diff. Pure functions; a malformed document is an error
// naming where (`where`: the request or delivery) and which field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/github_sync.h"

namespace psirt {

Result<Ghsa> GhsaFromJson(const nlohmann::json& j, const std::string& where);
// A body of `GET /repos/{o}/{r}/security-advisories` (an array) or of one advisory.
Result<std::vector<Ghsa>> ParseGhsaList(std::string_view body, const std::string& where);
Result<Ghsa> ParseGhsa(std::string_view body, const std::string& where);
Result<PullRequest> PullFromJson(const nlohmann::json& j, const std::string& where);
Result<PullRequest> ParsePull(std::string_view body, const std::string& where);
// `GET .../pulls/{n}/commits`: the commits' SHAs, oldest first.
Result<std::vector<std::string>> ParsePullCommits(std::string_view body, const std::string& where);

// The GitHub-only facts psirt records of a GHSA (Advisory::github.facts).
nlohmann::json GhsaFacts(const Ghsa& g);

// The PATCH body for the changed fields (names as the API spells them:
// cvss becomes cvss_vector_string, which excludes severity) plus the
// vulnerabilities when given.
nlohmann::json GhsaPatchBody(const std::vector<FieldChange>& changes,
                             const std::optional<nlohmann::json>& vulnerabilities);

// What a webhook delivery is about.
struct WebhookDelivery {
  std::string event;   // X-GitHub-Event: repository_advisory, security_advisory, pull_request, ping
  std::string action;  // published, updated, reported, opened, closed, ...
  std::string repo;    // repository.full_name ("" for global security_advisory events)
  std::string ghsa_id;
  std::optional<PullRequest> pull;  // pull_request events
};
// Reads a (verified) delivery's body. Unknown events are Invalid.
Result<WebhookDelivery> ParseWebhook(std::string_view event, std::string_view body);

}  // namespace psirt
