// WorkspaceConfig: everything psirt.yml says, as plain values. Reading and
// validating the file is formats/config_yaml; this is only the model.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "core/policy.h"

namespace psirt {

// How the project names releases and which branches get backports.
struct ReleaseModel {
  std::string main_branch = "main";
  std::string tag_pattern = "v{major}.{minor}.{patch}";
  std::string branch_pattern = "v{major}.{minor}-branch";
  // Further names releases and release branches have had ("mbedtls-{major}.{minor}"
  // and "archive/mbedtls-{major}.{minor}"): recognised like the first,
  // which stays the one names are made with.
  std::vector<std::string> more_tag_patterns;
  std::vector<std::string> more_branch_patterns;
  std::vector<std::string> lts_branches;
  bool backport_to_lts = true;  // backport policy: the current LTS ...
  int backport_latest = 2;      // ... plus the latest N releases
  std::string pr_ref_pattern = "refs/pull/{pr}/head";  // where a clone keeps PR heads
};

// Identity used in CVE records.
struct CnaInfo {
  std::string vendor;
  std::string product;
  std::string org_id;        // CNA organisation UUID
  std::string advisory_url;  // template; "{ghsa}" and "{id}" are replaced
  std::string short_name;    // CNA short name (assignerShortName)
  // Years ("2021", or ranges "2019-2023") in which this CNA assigned every
  // CVE a published page names: their records may be exported as this
  // CNA's though no record says who assigned them. Other page-only CVEs
  // have an unknown assigner and are never exported as this CNA's.
  std::vector<std::string> own_cve_years;
  bool OwnsCveYear(int year) const;
};

// Where published documents point, and how the project's pages word things.
struct PublishInfo {
  std::string repository_url;       // https://github.com/org/repo: PR and commit links
  std::string tracker_label;        // vulnerabilities page: "<label> GHSA-..." ("" = "<project> project bug tracker")
  std::string vulnerabilities_url;  // the published vulnerabilities page
};

// Who notifications come from and go to (psirt notify).
struct NotifyInfo {
  std::string from;         // "Security Team <security@example.org>"
  std::string alerts_list;  // the vulnerability-alerts list address
  std::map<std::string, std::string> addresses;  // handle -> "Name <address>"
};

// Who is on the team (need to know): the PSIRT's members and each release
// branch's release managers, by handle.
struct Team {
  std::vector<std::string> psirt;
  std::map<std::string, std::vector<std::string>> release_managers;  // branch -> handles
};

// The team server (psirt serve): where it listens and its periodic jobs.
struct ServerInfo {
  std::string listen = "127.0.0.1:8080";
  int sync_minutes = 0;     // run `sync` every N minutes (0: never)
  int fetch_minutes = 0;    // fetch the clone's origin, then sync, every N minutes (0: never)
  int notify_minutes = 0;   // run `notify` every N minutes (0: never)
  int intake_minutes = 0;   // read `intake_maildir` every N minutes (0: never)
  std::string intake_maildir;  // Maildir security@ is delivered to (relative to the workspace)
  int session_hours = 12;   // web sessions end after this long
  int reports_per_hour = 5; // private reports accepted per address and hour
  int attachment_kb = 5120; // largest attachment of a private report
  // Reverse proxies (addresses or CIDR ranges) whose Forwarded /
  // X-Forwarded-For headers name the client; from anyone else they are ignored.
  std::vector<std::string> trusted_proxies;
  // Open connections one client address may hold (trusted proxies exempt).
  int connections_per_address = 64;
  // The address reporters reach the server at (https://security.example.org),
  // for the private links shown to them; empty: the address the browser used.
  std::string public_url;
};

// GitHub sync (psirt github ...; the server's webhook and job).
struct GithubInfo {
  std::string repo;     // OWNER/NAME whose security advisories and PRs are synced
  std::string api_url = "https://api.github.com";  // GitHub Enterprise: https://HOST/api/v3
  std::string token_file;           // first line: the token (else GITHUB_TOKEN); relative to the workspace
  std::string webhook_secret_file;  // the webhook secret (else PSIRT_GITHUB_WEBHOOK_SECRET)
  int pull_minutes = 0;             // the server pulls every N minutes (0: webhooks only)
};

// The project's west workspace, for module security (`psirt modules`,
// `sbom`, the server's /modules): the manifest and the west topdir with
// the module clones, relative to psirt.yml ("" when not set).
struct ModulesInfo {
  std::string manifest;
  std::string west_dir;  // "": found from the manifest, as west finds it
  // Upstream security contacts by module name (`psirt forward`), before
  // the module's own module.yml, SECURITY.md or security.txt.
  std::map<std::string, std::string> contacts;
  // The constraints file for modules the project does not control
  // (`psirt modules check`; format in formats/module_constraints_yaml.h).
  std::string constraints;
};

// CVE Services, the CVE Program's API for CNAs (psirt cve ...; the server's
// pages, API and cve-update job).
inline constexpr const char* kCveServicesProduction = "https://cveawg.mitre.org/api";
inline constexpr const char* kCveServicesTest = "https://cveawg-test.mitre.org/api";
struct CveServicesInfo {
  std::string api_url = "production";  // production, test, or the service's base URL
  // ORG=, USER=, KEY= lines, mode 0600, relative to the workspace; the
  // CVE_API_ORG/USER/KEY environment variables win over it value by value.
  std::string credentials_file;
  int update_minutes = 0;  // the server republishes changed records every N minutes (0: never)
};
// `api_url` ("production", "test" or a URL) as the service's base URL:
// https, or http only on the loopback (a local stand-in); else Usage.
Result<std::string> CveServicesBaseUrl(const std::string& api_url);

// Embargoed fixes (psirt patch): the project's test command, run by
// `psirt patch test` on each branch with the series applied.
struct PatchTestInfo {
  // A shell command line run in the branch's temporary worktree (for
  // Zephyr e.g. "west build -b qemu_x86 tests/net/ip -p"); only ever taken
  // from psirt.yml, never from a patch, the web or the API.
  std::string command;
  int timeout_seconds = 1800;
  bool allow_on_server = false;  // patch.allow_test: the server may run it
};

// Everything psirt.yml configures for a workspace.
struct WorkspaceConfig {
  std::string project;
  std::string advisory_prefix = "PSIRT";
  std::string repository;   // path of the project's git clone, relative to the workspace
  std::string maintainers;  // path of MAINTAINERS.yml, relative to the workspace
  Policy policy;
  ReleaseModel releases;
  CnaInfo cna;
  PublishInfo publish;
  NotifyInfo notify;
  Team team;
  ServerInfo server;
  GithubInfo github;
  ModulesInfo modules;
  CveServicesInfo cve_services;
  PatchTestInfo patch;
  // Where the workspace's data lives: "" for the embedded SQLite file
  // (psirt.db beside psirt.yml), or a postgresql:// URL shared by a team's
  // server instances (no password in it: libpq reads ~/.pgpass or PGPASSWORD).
  std::string database;
};

}  // namespace psirt
