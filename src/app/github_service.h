// GithubService: `psirt github ...` and the server's webhook - repository
// security advisories pulled into advisories (three-way against the last
// sync: GitHub's changes taken, psirt's kept for the push, both changed ->
// a conflict for a person), linked pull requests read (merged, base
// branch, commits) and turned into fixes on their branches, the GHSA
// updated from psirt (a field diff, sent only when asked), a CVE requested,
// the GHSA published. Every change is an event by `github-sync`; the token
// lives in the GithubClient only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/advisory_service.h"
#include "core/github_sync.h"
#include "net/github_client.h"
#include "store/store.h"

namespace psirt {

inline constexpr const char* kGithubActor = "github-sync";

// What pulling GHSAs did: advisories read, created, updated, conflicts, errors.
struct GithubPullReport {
  int advisories = 0;  // GHSAs read
  int created = 0, updated = 0, unchanged = 0;
  std::vector<std::string> ids;        // psirt advisory per GHSA, in order
  std::vector<std::string> changes;    // "PSIRT-2026-0001 (GHSA-...): took summary, cvss"
  std::vector<std::string> conflicts;  // "PSIRT-2026-0001 summary: psirt "...", GitHub "...""
  std::vector<std::string> errors;     // GHSAs psirt could not take (one line each)
};

// What reading linked PRs did: PRs read, changes recorded, advisories touched.
struct GithubPrReport {
  int pulls = 0;                    // PRs read from GitHub
  std::vector<std::string> changes; // "PSIRT-2026-0001: PR #12 merged into v3.6-branch"
  std::vector<std::string> ids;     // advisories changed
};

// What pushing to GitHub would send (or sent, with apply).
struct GithubPushPlan {
  std::string id, ghsa_id, repo;
  std::vector<FieldChange> changes;  // field by field; vulnerabilities included
  std::vector<std::string> held;     // fields not pushed, and why
  nlohmann::json body = nlohmann::json::object();  // the PATCH body
  bool applied = false;
};

// ETags and bodies of GitHub's answers kept in the store (blobs), so an
// unchanged advisory is a 304 on the next run or instance.
class StoreAnswerCache : public AnswerCache {
 public:
  explicit StoreAnswerCache(Store& store) : store_(store) {}
  std::optional<CachedAnswer> Get(const std::string& url) override;
  void Put(const std::string& url, const CachedAnswer& a) override;

 private:
  Store& store_;
};

// Syncs advisories with GitHub's repository advisories and pull requests.
class GithubService {
 public:
  GithubService(AdvisoryService& advisories, Store& store, GithubClient& client)
      : adv_(advisories), store_(store), client_(client) {}

  // Every security advisory of `repo` (all states, all pages). The answers
  // are read and checked before anything is recorded.
  Result<GithubPullReport> Pull(const std::string& repo);
  // One GHSA (a webhook delivery).
  Result<GithubPullReport> PullOne(const std::string& repo, const std::string& ghsa_id);
  // The advisory's linked PRs as GitHub describes them now.
  Result<GithubPrReport> Prs(const std::string& id);
  // Every open advisory's PRs (part of `psirt sync`).
  Result<GithubPrReport> AllPrs();
  // A pull_request delivery: the advisories linking the PR, or whose
  // backport it says it is, updated from GitHub's description of it.
  Result<GithubPrReport> PullRequestChanged(const std::string& repo, int number);
  // What `push` would send; with `apply`, sends it and records the result.
  Result<GithubPushPlan> Push(const std::string& id, bool apply);
  // POST .../cve (with `apply`); the plan's body is what would be sent.
  Result<GithubPushPlan> RequestCve(const std::string& id, bool apply);
  // Publishes the GHSA of a Public advisory (with `apply`).
  Result<GithubPushPlan> Publish(const std::string& id, bool apply);
  // Ends a conflict: `take` is "ours" (psirt's value stays and is pushed
  // next) or "theirs" (GitHub's value is recorded).
  Result<Change> Resolve(const std::string& actor, const std::string& id, const std::string& field,
                         const std::string& take);

  // Where an advisory's GHSA lives: its recorded repo, else the configured one.
  std::string RepoOf(const Advisory& a) const;

 private:
  // `existing`: the advisory already linked to the GHSA, if any.
  Status SyncOne(const std::string& repo, const Ghsa& g, const std::optional<std::string>& existing,
                 GithubPullReport& report);
  Result<std::optional<std::string>> FindByGhsa(const std::string& ghsa_id);
  // Reads `a`'s linked PRs into `report`.
  Status PrsOf(const Advisory& a, GithubPrReport& report);
  Result<PullRequest> FetchPull(const std::string& repo, int number);
  Result<Change> RecordPull(const std::string& id, const std::string& repo, const PullRequest& pr,
                            GithubPrReport& report);
  Result<std::pair<Advisory, Ghsa>> Linked(const std::string& id);
  // PATCHes the plan's body and records the GHSA as it answered.
  Status SendPlan(GithubPushPlan& plan);

  AdvisoryService& adv_;
  Store& store_;
  GithubClient& client_;
};

// The reports as the CLI's --json and the API answer them.
nlohmann::json ToJson(const GithubPullReport& r);
nlohmann::json ToJson(const GithubPrReport& r);
nlohmann::json ToJson(const GithubPushPlan& p);

// GitHub sync wired over a store: the client (its token from `token_file`,
// else GITHUB_TOKEN; callers pass Workspace::GithubTokenFile() when no file
// was given), its answer cache in the store, the services. The CLI and the
// server open it the same way; `transport` is SendHttp outside tests.
struct GithubSession {
  std::unique_ptr<StoreAnswerCache> cache;
  std::unique_ptr<GithubClient> client;
  std::unique_ptr<AdvisoryService> advisories;
  std::unique_ptr<GithubService> service;
};
Result<std::unique_ptr<GithubSession>> OpenGithub(Store& store, const WorkspaceConfig& config, AdvisoryService advisories, const std::string& api_url,
                                                  const std::string& token_file, HttpTransport transport);

}  // namespace psirt
