// `psirt git contains` and `psirt git backports`: release containment and
// backport detection straight from the repository.
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/git_service.h"
#include "cli/commands.h"

namespace psirt::cli {
namespace {

using nlohmann::json;

// The repository (--repo, else the workspace's, else .) and release model.
Result<std::unique_ptr<GitService>> OpenGit(CliContext& ctx, std::string repo) {
  ReleaseModel model;
  auto ws = ctx.OpenedWorkspace();
  if (ws.ok()) {
    model = (*ws)->config.releases;
    if (repo.empty()) repo = (*ws)->Resolve((*ws)->config.repository);
  }
  if (repo.empty()) repo = ".";
  return GitService::Open(repo, model);
}

}  // namespace

void RegisterGitCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* git = app.add_subcommand("git", "Fix, release and backport facts from the repository");
  git->require_subcommand(1);

  struct Args {
    std::string repo;
    std::vector<std::string> commits, branches;
    bool remotes = false;
  };
  auto c = std::make_shared<Args>();
  CLI::App* contains = git->add_subcommand("contains", "Release tags and branches containing commits");
  contains->add_option("--repo", c->repo, "Repository (default: the workspace's, else .)");
  contains->add_option("commit", c->commits, "Commits (full or abbreviated SHAs)")->required();
  contains->add_flag("--remotes", c->remotes, "Also remote-tracking branches");
  contains->callback([&ctx, c] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(auto svc, OpenGit(ctx, c->repo));
      PSIRT_ASSIGN_OR_RETURN(auto results, svc->Contains(c->commits, c->remotes));
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

  auto b = std::make_shared<Args>();
  CLI::App* backports = git->add_subcommand("backports", "Where commits were backported");
  backports->add_option("--repo", b->repo, "Repository (default: the workspace's, else .)");
  backports->add_option("commit", b->commits, "Commits (full or abbreviated SHAs)")->required();
  backports->add_option("--branch", b->branches, "Branches (default: every release branch)");
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
                                  : std::string("not found"))
                      << "\n";
        }
      }
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
