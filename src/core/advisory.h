// Advisory: the current picture of one vulnerability report, and the fold
// that derives it from the advisory's append-only events. No I/O here.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "core/event.h"
#include "core/fix_status.h"
#include "core/patch_series.h"
#include "core/state.h"

namespace psirt {

// A person named in a report (name and e-mail, either may be empty).
struct Person {
  std::string name;
  std::string email;
  bool empty() const { return name.empty() && email.empty(); }
  std::string ToString() const;  // "Name <email>"
};

// A person credited in the published advisory, typed as CVE 5 credits are.
struct Credit {
  std::string name;
  std::string type;  // finder, reporter, analyst, coordinator, ...
};

// A change that fixes the vulnerability: a pull request or a commit, on a branch.
struct Fix {
  enum class Kind { kPr, kCommit };
  Kind kind = Kind::kCommit;
  std::string ref;     // PR number as digits, or a commit SHA (lower-case hex)
  std::string branch;  // target branch, e.g. "main" or "v3.7-branch"
  std::string label;   // how the published page names the target ("3.6", "v2.7.0"); may be empty
  std::string url;     // the PR's or commit's web page when known; may be empty
  std::string release; // the release a published page names for it ("v2.2.0"), if any:
                       // its target as written, not a claim that the release carries it
  bool operator==(const Fix&) const = default;
};
// "pr" or "commit", as payloads, documents and the API name a fix's kind.
std::string_view FixKindName(Fix::Kind k);

// A link published with an advisory: a tracker entry (GHSA, ZEPSEC, ...) or
// another reference (a commit, a report).
struct Reference {
  std::string kind;  // "tracker", "link" (both on the vulnerabilities page) or
                     // "record" (from a CVE record: in CVE/OSV/CSAF documents only)
  std::string name;  // tracker id (GHSA-..., ZEPSEC-12) or the link's text
  std::string url;
  bool operator==(const Reference&) const = default;
};

// A commit on a release branch that looks like a backport of the fix (same
// subject or author and most of the same changed lines) but carries no
// reference to it: a person confirms it with `psirt fix`.
struct ProbableBackport {
  std::string branch;
  std::string commit;
  int percent = 0;  // similarity score, 0..100
  bool operator==(const ProbableBackport&) const = default;
};

// A note on an advisory: its text, author, time and whether the reporter sees it.
struct Note {
  Timestamp time;
  std::string actor;
  std::string text;
  // Part of the conversation with the reporter (their own comments, the
  // team's questions to them): shown on the reporter's private page.
  bool with_reporter = false;
  bool from_reporter = false;  // written by the reporter (link, account or mail)
};

// What GitHub sync knows of an advisory's GHSA (events of kind `github`).
struct GithubLink {
  std::string repo;  // OWNER/NAME
  // Each synced field's value on both sides at the last sync (the base of
  // the three-way comparison; see core/github_sync.h).
  nlohmann::json base = nlohmann::json::object();
  // GitHub-only facts: state, html_url, created_at, updated_at,
  // published_at, closed_at, withdrawn_at, author, private_report,
  // collaborating_users, collaborating_teams, vulnerabilities, cvss_v3, cvss_v4.
  nlohmann::json facts = nlohmann::json::object();
  // Fields changed differently on both sides: field -> {ours, theirs}.
  nlohmann::json conflicts = nlohmann::json::object();
  // Linked pull requests as GitHub last described them: number -> {state,
  // merged, merged_at, base, merge_commit_sha, head_sha, commits, html_url}.
  nlohmann::json pulls = nlohmann::json::object();
  bool linked() const { return !repo.empty(); }
};

// The third-party module an advisory concerns (opened from a scan finding,
// named by hand, or found from the affected files) and the coordination
// with its upstream project.
struct ModuleLink {
  std::string module;    // the west project's name
  std::string path;      // its path in the workspace
  std::string upstream;  // the upstream repository (URL)
  std::string origin;    // "scan" (a finding), "report" (reported to the project), "upstream" (from upstream)
  std::string vuln;      // the upstream vulnerability id it was opened from (OSV/CVE/GHSA)
  std::vector<std::string> aliases;         // upstream ids
  std::string pinned;                       // the commit the manifest pinned when last looked at
  std::vector<std::string> fixed_upstream;  // upstream fix commits or fixed versions
  // "vulnerable": the manifest pins an affected revision; "resolved": the
  // last scan found it pinned past the fix, or a VEX decision closed it.
  std::string status;
  std::string resolution;  // how it was resolved, in words
  std::string fix_route;   // "upstream" (upstream first, then a manifest bump) or "fork" (a patch to the fork only)
  std::string contact;     // where the report was forwarded
  std::optional<Date> forwarded_on;
  std::optional<Date> upstream_acknowledged_on;
  std::string upstream_advisory;           // upstream's id for it
  std::optional<Date> upstream_embargo;    // upstream's embargo end (the earlier end applies)
  bool linked() const { return !module.empty(); }
  // Whether the report still has to go to upstream's security contact.
  // (A reported vulnerability in a module; a scan finding is already
  // upstream's, a report from upstream came from there.)
  bool NeedsForwarding() const { return linked() && origin == "report" && status != "resolved" && !forwarded_on; }
};

// The folded state of an advisory. Every field is derived from events.
struct Advisory {
  std::string id;  // PREFIX-YYYY-NNNN
  int year = 0;
  int seq = 0;
  std::string title;
  std::string description;
  Person reporter;
  // Whether the reporter's address is known to be theirs (entered by the
  // team, sent by a signed-in reporter account, or confirmed since):
  // only a confirmed address lets a reporter account see the report.
  bool reporter_confirmed = false;
  std::optional<Date> reported_on;  // unknown for advisories imported from published documents
  State state = State::kNew;
  std::string assignee;
  std::string cvss;  // vector as given at triage
  std::optional<double> cvss_score;  // its score (v4.0: the vector's score; else base)
  std::string cvss_severity;         // None/Low/Medium/High/Critical
  std::string cvss_version;          // 2.0, 3.0, 3.1, 4.0
  std::vector<std::string> cwes;
  std::vector<std::string> files;
  std::string subsystem;
  std::vector<std::string> areas;         // MAINTAINERS.yml areas of the files
  std::string suggested_assignee;         // Zephyr's assignee rule over the files
  std::vector<std::string> need_to_know;  // maintainers and collaborators of the areas
  std::vector<Fix> fixes;
  std::string cve_id;
  std::string ghsa_id;
  std::string introduced_by;  // commit that introduced the bug, if known
  // The last fix status read from the repository (psirt sync), and what it
  // means for the process.
  std::optional<FixFacts> fix_facts;           // the last synced event's facts
  // Whether something the fix status depends on (fixes, introduced-by, the
  // state) changed since the last synced event.
  bool sync_stale = true;
  std::vector<std::string> backports_missing;  // policy branches without the fix
  std::vector<std::string> unreleased;         // branches with the fix merged, not released
  std::vector<ProbableBackport> backports_probable;  // branches with a probable, unconfirmed backport
  std::vector<std::string> fixed_in;           // release tags carrying the fix
  std::vector<Credit> credits;
  std::vector<Note> notes;
  // Publishing: what the project's pages say beyond the fields above.
  std::string fixed_release;    // first release with the fix on main, as published ("v3.6.0")
  // Releases and release branches a published page states carry the fix
  // ("fixed in releases v1.14.2, v2.2.0, and v2.1.1", "in a branch from v2.1.0").
  std::vector<std::string> fixed_releases;
  std::vector<std::string> fixed_branches;
  std::string fixed_statement;  // a published fix sentence other than "fixed in main for ..."
  std::vector<Reference> references;
  std::string page_notes;  // further published text (e.g. "determined to be a false positive")
  // The entry as published on the vulnerabilities page when imported, and a
  // fingerprint of the fields it was read into: while they are unchanged the
  // page keeps the published text; any change regenerates the entry.
  std::string published_text;
  std::string published_fingerprint;
  int page_position = -1;  // position on the imported year page (-1: not imported from one)
  std::string cve_assigner;  // the CNA that assigned the CVE, when imported from its record
  // Where the CVE id came from: "psirt" (recorded by the team), "record"
  // (a CVE record, which names its assigner), "page" (only a published
  // page names it: its assigner is unknown).
  std::string cve_source;
  std::vector<std::string> notified;  // keys of notifications sent (psirt notify)
  // The CVE record as last sent to CVE Services (psirt cve publish / reject).
  struct CveRecordState {
    std::string action;       // created, updated, rejected
    std::string fingerprint;  // of the container sent
    Timestamp at;
  };
  std::optional<CveRecordState> cve_record;
  // Embargoed fix series (psirt patch add), oldest first; the last is current.
  std::vector<PatchSeries> patch_series;
  // The current series' last check per branch (a new series clears them).
  std::vector<PatchCheckResult> patch_checks;
  // The current series' last test run per branch (a new series clears them).
  std::vector<PatchTestResult> patch_tests;
  GithubLink github;
  ModuleLink module;
  std::optional<Date> embargo_override;  // explicit embargo end, if one was set
  std::optional<Timestamp> acknowledged_at;
  std::optional<Date> accepted_on;  // first time it entered Accepted
  std::optional<Date> public_on;
  std::string state_reason;   // reason given with the last transition
  std::string no_cve_reason;  // why it went Public without a CVE id
  std::string early_reason;   // why it went Public before the embargo ended
  Timestamp created_at;
  Timestamp updated_at;
  int version = 0;  // number of events folded (= seq of the last one)
};

// Applies one event to an advisory. Stored history is the truth, so this
// never refuses a well-formed event; it reports only malformed payloads.
Status Apply(Advisory& a, const Event& e);

// Folds a whole history (seq 1..n, in order) into an advisory.
Result<Advisory> Fold(std::span<const Event> events);


// Parses "Name <email>", "<email>", "email" or "Name".
Result<Person> ParsePerson(std::string_view text);

}  // namespace psirt
