// `psirt init` and `psirt demo`.
#include <filesystem>
#include <iostream>

#include "app/demo.h"
#include "app/workspace.h"
#include "cli/commands.h"
#include "core/identifiers.h"

namespace psirt::cli {

void RegisterWorkspaceCommands(CLI::App& app, CliContext& ctx) {
  struct InitArgs {
    std::string dir = ".";
    std::string project, prefix = "PSIRT", repository, maintainers;
    std::vector<std::string> lts;
  };
  auto init_args = std::make_shared<InitArgs>();
  CLI::App* init = app.add_subcommand("init", "Create a workspace (psirt.yml + psirt.db)");
  init->add_option("dir", init_args->dir, "Directory (default: current)");
  init->add_option("--project", init_args->project, "Project name (default: directory name)");
  init->add_option("--prefix", init_args->prefix, "Advisory id prefix (default: PSIRT)");
  init->add_option("--repository", init_args->repository, "Path of the project's git clone");
  init->add_option("--maintainers", init_args->maintainers, "Path of MAINTAINERS.yml");
  init->add_option("--lts", init_args->lts, "LTS release branch (repeatable)");
  init->callback([&ctx, init_args] {
    InitOptions o;
    o.config.project = init_args->project;
    if (o.config.project.empty())
      o.config.project = std::filesystem::absolute(init_args->dir).lexically_normal().filename();
    if (o.config.project.empty() || o.config.project == ".") o.config.project = "project";
    if (!IsValidAdvisoryPrefix(init_args->prefix)) {
      ctx.status = Status::Usage("--prefix: expected letters, digits and '-' starting with a "
                                 "letter, got '" + init_args->prefix + "'");
      return;
    }
    o.config.advisory_prefix = init_args->prefix;
    o.config.repository = init_args->repository;
    o.config.maintainers = init_args->maintainers;
    o.config.releases.lts_branches = init_args->lts;
    auto ws = InitWorkspace(init_args->dir, o);
    if (!ws.ok()) {
      ctx.status = ws.status();
      return;
    }
    if (ctx.options.json)
      ctx.PrintJson({{"workspace", ws->root}, {"config", ws->config_path}});
    else
      std::cout << "Created psirt workspace in " << ws->root << "\n  edit " << ws->config_path
                << " to set the repository, MAINTAINERS.yml and release model\n";
  });

  auto demo_dir = std::make_shared<std::string>("psirt-demo");
  CLI::App* demo = app.add_subcommand(
      "demo", "Create a demo workspace with a generated repository and example advisories");
  demo->add_option("dir", *demo_dir, "Directory to create (default: ./psirt-demo)");
  demo->callback([&ctx, demo_dir] {
    auto r = CreateDemoWorkspace(*demo_dir, ctx.clock.Now().date());
    if (!r.ok()) {
      ctx.status = r.status();
      return;
    }
    if (ctx.options.json) {
      ctx.PrintJson({{"workspace", r->workspace},
                     {"repository", r->repository},
                     {"advisories", r->advisories},
                     {"commits", r->commits}});
    } else {
      std::cout << "Created demo workspace " << r->workspace << "\n  repository " << r->repository
                << " (" << r->commits << " commits, release branches v1.0 (LTS) to v2.0)\n  "
                << r->advisories << " advisories in every state\nTry: psirt --workspace "
                << r->workspace << " todo\n";
    }
  });
}

}  // namespace psirt::cli
