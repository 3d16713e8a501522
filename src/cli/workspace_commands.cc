// `psirt init` and `psirt demo`.
#include <filesystem>
#include <iostream>

#include "app/demo.h"
#include "app/workspace.h"
#include "cli/commands.h"
#include "base/strings.h"
#include "cli/validators.h"
#include "core/identifiers.h"
#include "core/versions.h"

namespace psirt::cli {

namespace {

void RegisterInit(CLI::App& app, CliContext& ctx) {
  struct InitArgs {
    std::string dir = ".";
    std::string project, prefix = "PSIRT", repository, maintainers;
    std::vector<std::string> lts, tag_patterns, branch_patterns;
    std::string main_branch;
  };
  auto init_args = std::make_shared<InitArgs>();
  CLI::App* init = app.add_subcommand("init", "Create a workspace (psirt.yml + psirt.db)");
  init->add_option("dir", init_args->dir, "Directory (default: the global workspace option if given, else the current one)");
  init->add_option("--project", init_args->project, "Project name (default: directory name)");
  init->add_option("--prefix", init_args->prefix, "Advisory id prefix (default: PSIRT)");
  init->add_option("--repository", init_args->repository, "Path of the project's git clone");
  init->add_option("--maintainers", init_args->maintainers, "Path of MAINTAINERS.yml");
  init->add_option("--main-branch", init_args->main_branch, "The branch new work lands on (default: main)")->check(BranchArg());
  init->add_option("--tag-pattern", init_args->tag_patterns,
                   "How release tags are named, e.g. v{major}.{minor}.{patch} (repeatable: the first names new ones)");
  init->add_option("--branch-pattern", init_args->branch_patterns,
                   "How release branches are named, e.g. v{major}.{minor}-branch (repeatable: mbedtls-{major}.{minor} "
                   "and archive/mbedtls-{major}.{minor})");
  init->add_option("--lts", init_args->lts, "LTS release branch (repeatable)")->check(BranchArg());
  init->callback([&ctx, init, init_args] {
    // `psirt --workspace DIR init` creates DIR, as `git -C DIR init` would.
    if (init->count("dir") == 0 && ctx.options.workspace) init_args->dir = *ctx.options.workspace;
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
    ReleaseModel& rm = o.config.releases;
    if (!init_args->main_branch.empty()) rm.main_branch = init_args->main_branch;
    auto patterns = [&](const std::vector<std::string>& given, std::string& first, std::vector<std::string>& more,
                        bool patch, const char* option) -> Status {
      if (given.empty()) return Status::Ok();
      for (const std::string& p : given) {
        for (const char* part : {"{major}", "{minor}"})
          if (p.find(part) == std::string::npos) return Status::Usage(std::string(option) + " " + Shown(p) + ": must contain " + part);
        if (patch && p.find("{patch}") == std::string::npos) return Status::Usage(std::string(option) + " " + Shown(p) + ": must contain {patch}");
      }
      first = given[0];
      more.assign(given.begin() + 1, given.end());
      return Status::Ok();
    };
    if (Status st = patterns(init_args->tag_patterns, rm.tag_pattern, rm.more_tag_patterns, true, "--tag-pattern"); !st.ok()) {
      ctx.status = st;
      return;
    }
    if (Status st = patterns(init_args->branch_patterns, rm.branch_pattern, rm.more_branch_patterns, false, "--branch-pattern");
        !st.ok()) {
      ctx.status = st;
      return;
    }
    for (const std::string& b : init_args->lts)
      if (Status st = CheckReleaseBranch(o.config.releases, b); !st.ok()) {
        ctx.status = Status::Usage("--lts: " + st.message());
        return;
      }
    // Paths in psirt.yml are relative to the workspace: a path given
    // relative to the current directory is rewritten so it still points there.
    namespace fs = std::filesystem;
    fs::path root = fs::absolute(init_args->dir).lexically_normal();
    auto place = [&](const std::string& option, const std::string& given, bool dir) -> Result<std::string> {
      if (given.empty()) return given;
      fs::path p(given);
      std::error_code ec;
      fs::path from_ws = (p.is_absolute() ? p : root / p).lexically_normal();
      fs::path from_cwd = fs::absolute(p, ec);
      fs::path found = fs::exists(from_ws, ec) ? from_ws : fs::exists(from_cwd, ec) ? from_cwd : fs::path();
      if (found.empty())
        return Status::NotFound(option + " " + given + ": no such " + (dir ? "directory" : "file") +
                                " (looked in " + root.string() + " and the current directory)");
      if (dir != fs::is_directory(found, ec))
        return Status::Invalid(option + " " + given + ": expected a " + (dir ? "directory" : "file"));
      if (dir && !fs::exists(found / ".git", ec) && !(fs::exists(found / "HEAD", ec) && fs::is_directory(found / "objects", ec)))
        return Status::Invalid(option + " " + given + ": not a git repository (no .git, and not a bare repository): "
                                                      "give the project's clone");
      if (p.is_absolute() || found == from_ws) return given;
      return fs::relative(found, root, ec).string();
    };
    auto repo = place("--repository", init_args->repository, true);
    auto maint = place("--maintainers", init_args->maintainers, false);
    if (!repo.ok() || !maint.ok()) {
      ctx.status = !repo.ok() ? repo.status() : maint.status();
      return;
    }
    o.config.repository = *repo;
    o.config.maintainers = *maint;
    o.config.releases.lts_branches = init_args->lts;
    bool db_only = InitAddsDatabaseOnly(init_args->dir);
    auto ws = InitWorkspace(init_args->dir, o);
    if (!ws.ok()) {
      ctx.status = ws.status();
      return;
    }
    for (const std::string& w : ws->warnings) std::cerr << "psirt: warning: " << w << "\n";
    if (ctx.options.json) {
      ctx.PrintJson({{"workspace", ws->root}, {"config", ws->config_path}, {"database_only", db_only},
                     {"warnings", ws->warnings}});
    } else if (db_only) {
      std::cout << "Created an empty database for the existing " << ws->config_path << "\n";
    } else {
      std::cout << "Created psirt workspace in " << ws->root << "\n";
      std::vector<std::string> todo;
      if (ws->config.repository.empty()) todo.push_back("the repository");
      if (ws->config.maintainers.empty()) todo.push_back("MAINTAINERS.yml");
      if (!ws->config.repository.empty())
        std::cout << "  repository  " << ws->Resolve(ws->config.repository) << "\n";
      if (!ws->config.maintainers.empty())
        std::cout << "  maintainers " << ws->Resolve(ws->config.maintainers) << "\n";
      todo.push_back("the release model");
      std::cout << "  edit " << ws->config_path << " to set " << Join(todo, ", ") << "\n";
    }
  });
}

void RegisterDemo(CLI::App& app, CliContext& ctx) {
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

}  // namespace

void RegisterWorkspaceCommands(CLI::App& app, CliContext& ctx) {
  RegisterInit(app, ctx);
  RegisterDemo(app, ctx);
}

}  // namespace psirt::cli
