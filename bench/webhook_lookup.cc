// Webhook benchmark (issue 20): how long the GitHub service takes to handle
// a pull_request delivery and a GHSA look-up in a large workspace (made by
// psirt_gen_workspace, whose advisories link PRs 10000+i). GitHub's answer
// to the PR fetch comes from memory, so the figure is psirt's own work:
// the index look-ups, the fold of the linked advisory, the event written.
// Usage: psirt_webhook_lookup WORKSPACE [ROUNDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/github_service.h"
#include "app/workspace.h"
#include "base/time.h"

using namespace psirt;

namespace {

double Ms(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

void Report(const char* what, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  std::printf("| %s | %.2f ms | %.2f ms | %.2f ms |\n", what, ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s WORKSPACE [ROUNDS]\n", argv[0]);
    return 2;
  }
  int rounds = argc > 2 ? std::atoi(argv[2]) : 50;
  setenv("PSIRT_GITHUB_TOKEN", "bench-token", 1);
  auto ws = OpenWorkspace(argv[1]);
  if (!ws.ok()) {
    std::fprintf(stderr, "%s\n", ws.status().ToString().c_str());
    return 1;
  }
  ws->config.github.repo = "bench/project";
  SystemClock clock;
  int fetched = 0;
  int wanted = 0;
  HttpTransport github = [&](const HttpRequest& req) -> Result<HttpResponse> {
    ++fetched;
    HttpResponse r;
    r.status = 200;
    if (req.url.find("/commits") != std::string::npos) {
      r.body = "[]";
      return r;
    }
    r.body = "{\"number\":" + std::to_string(wanted) +
             ",\"state\":\"open\",\"title\":\"net: fix overflow\",\"body\":\"Fixes a bounds check.\","
             "\"merged_at\":null,\"merge_commit_sha\":null,\"html_url\":\"https://github.com/bench/project/pull/" +
             std::to_string(wanted) + "\",\"base\":{\"ref\":\"main\"}}";
    return r;
  };
  auto session = OpenGithub(*ws->store, ws->config, ws->Advisories(clock), "https://api.github.example", "", github);
  if (!session.ok()) {
    std::fprintf(stderr, "%s\n", session.status().ToString().c_str());
    return 1;
  }
  GithubService& gh = *(*session)->service;
  std::vector<std::string> ids;
  (void)ws->store->Read([&](StoreTx& tx) -> Status {
    auto all = tx.AdvisoryIds();
    if (all.ok()) ids = *all;
    return Status::Ok();
  });
  std::printf("| webhook work, %zu advisories | p50 | p99 | max |\n|---|---:|---:|---:|\n", ids.size());
  std::vector<double> linked, unlinked, ghsa;
  for (int i = 0; i < rounds; ++i) {
    // A PR one advisory links (the generator links PR 10000+i to some).
    wanted = 10000 + (i * 37) % static_cast<int>(ids.size());
    auto t0 = std::chrono::steady_clock::now();
    auto r = gh.PullRequestChanged("bench/project", wanted);
    linked.push_back(Ms(std::chrono::steady_clock::now() - t0));
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return 1;
    }
    wanted = 900000 + i;  // a PR no advisory knows
    t0 = std::chrono::steady_clock::now();
    auto u = gh.PullRequestChanged("bench/project", wanted);
    unlinked.push_back(Ms(std::chrono::steady_clock::now() - t0));
    if (!u.ok() || !u->ids.empty()) {
      std::fprintf(stderr, "an unknown PR changed something\n");
      return 1;
    }
    t0 = std::chrono::steady_clock::now();
    auto g = (*session)->advisories->Resolve("GHSA-2222-3333-" + std::string(4, "23456789cfghjmpqrvwx"[i % 20]));
    ghsa.push_back(Ms(std::chrono::steady_clock::now() - t0));
    if (!g.ok() && g.status().code() != Status::Code::kNotFound) return 1;
  }
  Report("pull_request delivery, PR linked by an advisory", linked);
  Report("pull_request delivery, PR nobody links", unlinked);
  Report("repository_advisory: GHSA id look-up", ghsa);
  // What each delivery cost before the index: folding every history.
  auto t0 = std::chrono::steady_clock::now();
  auto all = (*session)->advisories->All();
  double fold = Ms(std::chrono::steady_clock::now() - t0);
  if (!all.ok()) return 1;
  std::printf("| before (issue 20): every history folded per delivery | %.0f ms | | |\n", fold);
  std::printf("\n(%d PR fetches answered from memory)\n", fetched);
  return 0;
}
