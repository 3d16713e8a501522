// GitHub sync rules: a repository security advisory (GHSA) and a pull
// request as plain values, the mapping between a GHSA's fields and state
// and psirt's advisory and lifecycle, and the three-way reconciliation of
// the two sides against the values both had at the last sync (what to take
// from GitHub, what to push, what is a conflict for a person to decide).
// Pure: formats/github_json reads and writes the API's JSON, the app's
// GitHub service does the talking.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/advisory.h"
#include "core/config.h"
#include "core/fix_status.h"

namespace psirt {

// A credit as GitHub's advisory lists it.
struct GhsaCredit {
  std::string login;
  std::string type;  // analyst, finder, reporter, coordinator, remediation_developer, ...
  bool operator==(const GhsaCredit&) const = default;
};

// One entry of a GHSA's `vulnerabilities`.
struct GhsaVulnerability {
  std::string ecosystem;  // "other" for a C project without a package registry
  std::string package;
  std::string vulnerable_version_range;  // ">= 3.0.0, < 3.6.1"
  std::string patched_versions;          // "3.6.1"
  std::vector<std::string> vulnerable_functions;
  bool operator==(const GhsaVulnerability&) const = default;
};

// A repository security advisory as GitHub's REST API describes it.
struct Ghsa {
  std::string ghsa_id;
  std::string cve_id;
  std::string html_url;
  std::string summary;
  std::string description;
  std::string severity;  // low, medium, high, critical ("" when unset)
  std::string cvss_v3;   // cvss_severities.cvss_v3.vector_string
  std::string cvss_v4;   // cvss_severities.cvss_v4.vector_string
  std::vector<std::string> cwe_ids;
  std::vector<GhsaCredit> credits;  // credits_detailed
  std::vector<GhsaVulnerability> vulnerabilities;
  std::vector<std::string> collaborating_users;  // logins
  std::vector<std::string> collaborating_teams;  // slugs
  std::string state;   // triage, draft, published, closed, withdrawn
  std::string author;  // login; the reporter of a private report
  bool private_report = false;  // `submission` present: a private vulnerability report
  bool submission_accepted = false;
  std::string created_at, updated_at, published_at, closed_at, withdrawn_at;  // ISO 8601
};

// A pull request as GitHub's REST API describes it (pulls/{n} and its commits).
struct PullRequest {
  int number = 0;
  std::string state;  // open, closed
  bool merged = false;
  std::string merged_at;
  std::string merge_commit_sha;
  std::string base_ref;  // the branch it targets
  std::string head_sha;
  std::string title;
  std::string body;
  std::string html_url;
  std::vector<std::string> commits;  // the PR's own commits, oldest first
};

// GHSA state <-> lifecycle. triage: a private report not yet accepted
// (New); draft: accepted, being worked on (Triage, Assigned, Review,
// Accepted); published: Public; closed and withdrawn: Rejected.
std::string_view GhsaStateClass(std::string_view ghsa_state);  // withdrawn -> closed
std::string_view GhsaStateOf(State s);
// The lifecycle state a GHSA state asks for, when psirt is in `current`
// (nullopt: psirt's state already agrees, or GitHub's cannot be followed,
// e.g. back to triage).
std::optional<State> StateForGhsa(std::string_view ghsa_state, State current);
bool IsGhsaState(std::string_view s);
// OWNER/NAME as GitHub allows them; Usage naming the expected shape otherwise.
Status CheckGithubRepo(std::string_view repo);
// GHSA-xxxx-xxxx-xxxx with lower-case letters and digits: safe in an API
// path (looser than identifiers.h CheckGhsaId: GitHub's own examples use
// letters outside the id alphabet).
Status CheckGhsaIdForApi(std::string_view id);

// The fields compared between the two sides, each as a canonical JSON
// value: summary, description, cve_id, severity, cvss, cwe_ids, credits,
// state. (`vulnerabilities` is pushed, never taken: psirt's come from git.)
using SyncFields = std::map<std::string, nlohmann::json>;
inline constexpr const char* kSyncFieldNames[] = {"summary", "description", "cve_id", "severity",
                                                  "cvss",    "cwe_ids",     "credits", "state"};
bool IsSyncField(std::string_view field);
SyncFields FieldsOfGhsa(const Ghsa& g);
SyncFields FieldsOfAdvisory(const Advisory& a);

// A field both sides changed, differently, since the last sync.
struct FieldConflict {
  std::string field;
  nlohmann::json ours, theirs;
};

// What a pull does with one advisory.
struct Reconciled {
  SyncFields take;   // fields to set on psirt's side (GitHub changed them, psirt did not)
  SyncFields base;   // the fields' values both sides share as of this sync
  std::vector<FieldConflict> conflicts;  // left as they are on both sides
};
// Three-way: for each field, equal sides agree; a side equal to `base` did
// not change, so the other side's change wins; otherwise (or with no base,
// when psirt has a value of its own) it is a conflict. A field psirt
// changed and GitHub did not stays in `base` as it was: the push sends it.
Reconciled Reconcile(const nlohmann::json& base, const SyncFields& ours, const SyncFields& theirs);

// One field of the push: what the GHSA says and what psirt would make it.
struct FieldChange {
  std::string field;
  nlohmann::json from, to;
};
// The fields psirt changed since the last sync (GitHub did not): the PATCH.
// Conflicted fields are not pushed; `state` is pushed only as draft (a
// private report accepted) or closed; publishing is its own command.
std::vector<FieldChange> PushChanges(const nlohmann::json& base, const SyncFields& ours,
                                     const SyncFields& theirs,
                                     const std::map<std::string, FieldConflict>& open_conflicts);

// The GHSA `vulnerabilities` psirt's fix status describes: one entry per
// release carrying the fix (oldest first), vulnerable from the series
// after the previous one's: "< 3.5.1", ">= 3.6.0, < 3.6.2", ">= 3.7.0, <
// 4.0.0". The ecosystem, package and vulnerable functions of the GHSA's
// first entry are kept (default: "other", `package`). Empty when no
// release carries the fix yet.
std::vector<GhsaVulnerability> VulnerabilitiesFromFix(const ReleaseModel& m, const std::vector<std::string>& fixed_in,
                                                      const std::vector<GhsaVulnerability>& existing,
                                                      const std::string& package);
nlohmann::json VulnerabilitiesToJson(const std::vector<GhsaVulnerability>& v);

// A PR's part in an advisory's fixes: its base branch decides where the
// fix is linked (a release branch: a backport). Returns the fixes to
// record when they change: the PR re-targeted to its base branch.
std::optional<std::vector<Fix>> FixesForPull(const std::vector<Fix>& fixes, const PullRequest& pr);

// Whether a PR says it backports one of `linked` (PR numbers): "Backport
// of #123", "backport #123", "(cherry picked from ... #123)", or the
// backport bot's "Backport <sha> from #123"; or names the advisory or GHSA id.
bool PullMentions(const PullRequest& pr, const std::vector<std::string>& linked, const std::string& advisory_id,
                  const std::string& ghsa_id);

// What a PR's title and body refer to, for finding its advisories by
// index: the PR numbers it says it backports, GHSA ids (as GitHub spells
// them, lower case after the prefix) and words shaped like advisory ids
// (PREFIX-YYYY-NNNN). Every advisory PullMentions accepts for `pr` either
// links one of `backports`, or has one of `ghsa_ids` or `advisory_ids`.
struct PullReferences {
  std::vector<std::string> backports;
  std::vector<std::string> ghsa_ids;
  std::vector<std::string> advisory_ids;
};
PullReferences ReferencesIn(const PullRequest& pr);

}  // namespace psirt
