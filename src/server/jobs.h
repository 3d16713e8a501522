// Background jobs of the server: `sync` (fix status from git), `notify`
// (due notifications), `intake` (security@'s Maildir), `github` and
// `cve-update` (changed CVE records republished) on psirt.yml's schedule. A job runs on at
// most one server at a time, whatever the number of instances: a lease row
// in the shared database, taken before and released after the run. Every
// run is recorded (job_runs) and shown on the dashboard.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "store/records.h"

namespace psirt {

struct ServerContext;

// Runs `job` ("sync", "fetch" - fetch, then sync -, "notify", "intake",
// "github" or "cve-update") now if no other instance holds its lease; returns the run, or
// nullopt when another instance is running it. `read_github`: whether a
// sync reads the linked PRs from GitHub first (a webhook's follow-up has
// just read the one that changed).
// One run, as recorded, with the job's own report (sync, fetch and notify:
// the JSON `psirt sync` and `psirt notify` print; null for the others).
struct JobAnswer : JobRun {
  nlohmann::json report;
};

Result<std::optional<JobAnswer>> RunJob(ServerContext& ctx, const std::string& job, bool read_github = true);

}  // namespace psirt
