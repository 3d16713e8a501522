// `psirt git contains` and `psirt git backports`: release containment and
// backport detection straight from the repository.
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/advisory_service.h"
#include <unistd.h>

#include "app/git_service.h"
#include "app/sync_service.h"
#include "app/full_sync.h"
#include "app/github_service.h"
#include "cli/commands.h"
#include "cli/client.h"
#include "cli/safe_output.h"
#include "cli/validators.h"

namespace psirt::cli {
namespace {

using nlohmann::json;

// The repository a git command reads: --repo, else the workspace's, else
// the current directory.
Result<std::string> RepositoryDir(CliContext& ctx, std::string repo) {
  if (!repo.empty()) return repo;
  auto ws = ctx.OpenedWorkspace();
  if (ws.ok()) repo = (*ws)->Resolve((*ws)->config.repository);
  return repo.empty() ? std::string(".") : repo;
}

// That repository, opened with the workspace's release model (if any).
Result<std::unique_ptr<GitService>> OpenGit(CliContext& ctx, const std::string& repo) {
  PSIRT_ASSIGN_OR_RETURN(std::string dir, RepositoryDir(ctx, repo));
  ReleaseModel model;
  if (auto ws = ctx.OpenedWorkspace(); ws.ok()) model = (*ws)->config.releases;
  return GitService::Open(dir, model);
}


// Progress of a first read of a big repository, on stderr when it is a
// terminal ("\r" redraws the line; written past the escaping filter, it is
// psirt's own text).
std::function<void(size_t)> Progress() {
  if (!::isatty(STDERR_FILENO)) return nullptr;
  return [](size_t n) {
    std::string line = "\rreading commits from the repository: " + std::to_string(n) + "   ";
    (void)!::write(STDERR_FILENO, line.data(), line.size());
  };
}

// Runs `call(progress)` (a sync or a status) with the progress line shown
// while commits are read, and ends that line when it was shown (through a
// server nothing is read here, so nothing is shown).
template <typename Call>
auto WithProgress(Call call) {
  auto progress = Progress();
  bool shown = false;
  std::function<void(size_t)> report;
  if (progress)
    report = [&](size_t n) {
      shown = true;
      progress(n);
    };
  auto result = call(report);
  if (shown) (void)!::write(STDERR_FILENO, "\n", 1);
  return result;
}

json StatusJson(const std::string& id, const FixFacts& s) {
  json j = FixFactsToJson(s);
  j.erase("main_merged");
  j.erase("main_first_release");
  j["id"] = id;
  return j;
}

void RegisterSync(CLI::App& app, CliContext& ctx) {
  CLI::App* sync = app.add_subcommand("sync", "Refresh open advisories from the repository (and their PRs from GitHub)");
  auto no_github = std::make_shared<bool>(false);
  sync->add_flag("--no-github", *no_github, "Do not read linked PRs from GitHub first (psirt.yml github.repo)");
  auto fetch = std::make_shared<bool>(false);
  sync->add_flag("--fetch", *fetch, "Fetch the clone's origin first (git fetch, tags too)");
  sync->callback([&ctx, no_github, fetch] {
    ctx.status = [&]() -> Status {
      // The one sync (app/full_sync.h): here, or the server's job run now.
      SyncRequest request;
      request.fetch = *fetch;
      request.github = !*no_github;
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      auto answer = WithProgress([&](const std::function<void(size_t)>& progress) {
        request.progress = progress;
        return client->Sync(request);
      });
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json r, std::move(answer));
      if (r["github_error"].is_string()) {
        std::cerr << "psirt: GitHub pull requests not read: " << r["github_error"].get<std::string>() << "\n";
        ctx.exit_code = 1;
      }
      if (ctx.options.json) {
        ctx.PrintJson(r);
      } else {
        std::cout << "checked " << r.value("advisories", 0) << " advisories (" << r.value("unchanged_refs", 0)
                  << " skipped: nothing they depend on moved): " << r.value("changed", 0) << " changed, "
                  << r.value("accepted", 0) << " moved to Accepted (" << r.value("commits_read", 0)
                  << " commits read, " << r.value("commits_cached", 0) << " from cache, "
                  << r.value("commits_from_commit_graph", 0) << " from git's commit-graph, "
                  << r.value("patch_ids_computed", 0) << " patch-ids computed)\n";
        for (const auto& e : r.value("github", nlohmann::json::array())) std::cout << "  GitHub: " << e.get<std::string>() << "\n";
        for (const auto& e : r.value("events", nlohmann::json::array())) std::cout << "  " << e.get<std::string>() << "\n";
      }
      return Status::Ok();
    }();
  });
}

void RegisterStatus(CLI::App& app, CliContext& ctx) {
  auto sid = std::make_shared<std::string>();
  CLI::App* status = app.add_subcommand("status", "Fix and backport table of an advisory, from git");
  status->add_option("id", *sid, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  status->callback([&ctx, sid] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      auto answer = WithProgress([&](const std::function<void(size_t)>& progress) {
        return client->FixStatus(*sid, progress);
      });
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json j, std::move(answer));
      PSIRT_ASSIGN_OR_RETURN(FixFacts s, FixFactsFromJson(j["fix_status"]));
      if (ctx.options.json) {
        nlohmann::json out = StatusJson(j.value("id", ""), s);
        if (j.contains("patch_checks")) out["patch_checks"] = j["patch_checks"];
        ctx.PrintJson(out);
        return Status::Ok();
      }
      struct {
        std::string id, title;
      } a{j.value("id", ""), j.value("title", "")};
      const std::string main_branch = j.value("main_branch", "");
      std::cout << a.id << "  " << a.title << "\n  fix commits:";
      for (const auto& c : s.fix_commits) std::cout << " " << c.substr(0, 12);
      if (s.fix_commits.empty()) std::cout << " none found";
      for (const auto& u : s.unresolved) std::cout << "\n  not found in the repository: " << u;
      std::cout << "\n  " << main_branch << ": "
                << (s.main_merged ? "merged" : "not merged");
      if (s.main_first_release) std::cout << ", first release " << *s.main_first_release;
      std::cout << "\n";
      for (const auto& b : s.branches) {
        std::cout << "  " << b.facts.branch << (b.facts.required ? " (policy)" : "") << ": "
                  << BranchStatusName(b.status);
        if (b.facts.release) std::cout << " in " << *b.facts.release;
        if (!b.facts.commits.empty())
          std::cout << " [" << b.facts.commits.front().substr(0, 12) << ", "
                    << BackportMethodName(*b.facts.method) << "]";
        if (b.status == BranchStatus::kProbable)
          std::cout << " [" << b.facts.probable->commit.substr(0, 12) << ", " << b.facts.probable->percent
                    << "% similar: confirm with 'psirt fix " << a.id << " --commit "
                    << b.facts.probable->commit.substr(0, 12) << " --branch " << b.facts.branch << "']";
        std::cout << "\n";
      }
      for (const auto& p : j.value("patch_checks", nlohmann::json::array()))
        std::cout << "  embargoed fix on " << EscapeControls(p.value("branch", "") + ": " + p.value("text", ""), false) << "\n";
      return Status::Ok();
    }();
  });
}

struct GitArgs {
  std::string repo;
  std::vector<std::string> commits, branches;
  bool remotes = false;
};

void RegisterGitContains(CLI::App* git, CliContext& ctx) {
  auto c = std::make_shared<GitArgs>();
  CLI::App* contains = git->add_subcommand("contains", "Release tags and branches containing commits");
  contains->add_option("--repo", c->repo, "Repository (default: the workspace's, else .)");
  contains->add_option("commit", c->commits, "Commits (full or abbreviated SHAs)")->required();
  contains->add_flag("--remotes", c->remotes, "Also remote-tracking branches");
  contains->callback([&ctx, c] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::string dir, RepositoryDir(ctx, c->repo));
      ReleaseModel model;
      if (c->repo.empty())
        if (auto ws = ctx.OpenedWorkspace(); ws.ok()) model = (*ws)->config.releases;
      PSIRT_ASSIGN_OR_RETURN(auto results, GitService::ContainsIn(dir, model, c->commits, c->remotes));
      if (ctx.options.json) {
        json out = json::array();
        for (const auto& r : results)
          out.push_back({{"commit", r.commit}, {"tags", r.tags}, {"branches", r.branches}});
        ctx.PrintJson(out);
      } else {
        for (const auto& r : results) {
          std::cout << r.commit << "\n  tags:";
          for (const auto& t : r.tags) std::cout << " " << t;
          std::cout << "\n  branches:";
          for (const auto& b : r.branches) std::cout << " " << b;
          std::cout << "\n";
        }
      }
      return Status::Ok();
    }();
  });
}

void RegisterGitBackports(CLI::App* git, CliContext& ctx) {
  auto b = std::make_shared<GitArgs>();
  CLI::App* backports = git->add_subcommand("backports", "Where commits were backported");
  backports->add_option("--repo", b->repo, "Repository (default: the workspace's, else .)");
  backports->add_option("commit", b->commits, "Commits (full or abbreviated SHAs)")->required();
  backports->add_option("--branch", b->branches, "Branches (default: every release branch)")->check(BranchArg());
  backports->callback([&ctx, b] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(auto svc, OpenGit(ctx, b->repo));
      PSIRT_ASSIGN_OR_RETURN(auto results, svc->Backports(b->commits, b->branches));
      if (ctx.options.json) {
        json out = json::array();
        for (const auto& r : results) {
          json br = json::array();
          for (const auto& f : r.branches) {
            json j = {{"branch", f.branch}, {"found", f.found}};
            j["commit"] = f.found ? json(f.commit) : json(nullptr);
            j["method"] = f.found ? json(BackportMethodName(f.method)) : json(nullptr);
            j["probable"] = f.probable ? json{{"commit", f.probable->commit}, {"percent", f.probable->percent}}
                                       : json(nullptr);
            br.push_back(j);
          }
          out.push_back({{"commit", r.commit}, {"branches", br}});
        }
        ctx.PrintJson(out);
      } else {
        for (const auto& r : results) {
          std::cout << r.commit << "\n";
          for (const auto& f : r.branches)
            std::cout << "  " << f.branch << ": "
                      << (f.found ? f.commit.substr(0, 12) + " (" +
                                        std::string(BackportMethodName(f.method)) + ")"
                          : f.probable ? "not found; probable: " + f.probable->commit.substr(0, 12) + " (" +
                                             std::to_string(f.probable->percent) +
                                             "% of the changed lines, same subject or author: confirm it)"
                                       : std::string("not found"))
                      << "\n";
        }
      }
      return Status::Ok();
    }();
  });
}

}  // namespace

void RegisterGitCommands(CLI::App& app, CliContext& ctx) {
  RegisterSync(app, ctx);
  RegisterStatus(app, ctx);
  CLI::App* git = app.add_subcommand("git", "Fix, release and backport facts from the repository");
  git->require_subcommand(1);
  RegisterGitContains(git, ctx);
  RegisterGitBackports(git, ctx);
}

}  // namespace psirt::cli
