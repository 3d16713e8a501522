// `psirt github pull|prs|push|request-cve|publish|resolve`: GitHub security
// advisories and pull requests through GitHub's REST API (app/github_service).
// With --server the team server does it with its own GitHub token.
#include <iostream>

#include "app/github_service.h"
#include "cli/commands.h"
#include "cli/client.h"
#include "cli/render.h"
#include "cli/validators.h"
#include "formats/psirt_json.h"

namespace psirt::cli {
namespace {

using nlohmann::json;

struct GithubArgs {
  std::string api_url, token_file, repo, ghsa, id, field, take;
  bool apply = false;
};

void AddClientOptions(CLI::App* cmd, GithubArgs& a) {
  cmd->add_option("--api-url", a.api_url, "GitHub's API (default: psirt.yml github.api_url, else https://api.github.com)");
  cmd->add_option("--token-file", a.token_file, "File whose first line is the GitHub token (default: GITHUB_TOKEN)");
}

GithubConnection Connection(const GithubArgs& a) { return {a.api_url, a.token_file}; }

std::string ShownJson(const json& v) {
  std::string s = v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump();
  return s.size() > 200 ? s.substr(0, 197) + "..." : s;
}

void PrintPull(CliContext& ctx, const json& r) {
  if (ctx.options.json) {
    ctx.PrintJson(r);
  } else {
    std::cout << "pulled " << r.value("advisories", 0) << " advisories from " << r.value("repo", "") << ": " << r.value("created", 0)
              << " created, " << r.value("updated", 0) << " updated, " << r.value("unchanged", 0) << " unchanged\n";
    for (const auto& c : r.value("changes", json::array())) std::cout << "  " << c.get<std::string>() << "\n";
    for (const auto& c : r.value("conflicts", json::array())) std::cout << "  conflict: " << c.get<std::string>() << "\n";
    for (const auto& e : r.value("errors", json::array())) std::cerr << "psirt: not taken: " << e.get<std::string>() << "\n";
  }
  if (!r.value("conflicts", json::array()).empty() || !r.value("errors", json::array()).empty()) ctx.exit_code = 1;
}

void PrintPrs(CliContext& ctx, const json& r) {
  if (ctx.options.json) return ctx.PrintJson(r);
  std::cout << "read " << r.value("pulls", 0) << " pull requests\n";
  for (const auto& c : r.value("changes", json::array())) std::cout << "  " << c.get<std::string>() << "\n";
}

void PrintPlan(CliContext& ctx, const json& p, const std::string& verb) {
  if (ctx.options.json) return ctx.PrintJson(p);
  const std::string target = p.value("ghsa_id", "") + " (" + p.value("repo", "") + ")";
  if (p.value("changes", json::array()).empty() && verb == "push") {
    std::cout << p.value("id", "") << ": " << target << " already says what psirt says\n";
  } else {
    std::cout << p.value("id", "") << " -> " << target << ":\n";
    for (const auto& c : p.value("changes", json::array()))
      std::cout << "  " << c.value("field", "") << ": " << ShownJson(c["from"]) << " -> " << ShownJson(c["to"]) << "\n";
    std::cout << (p.value("applied", false) ? "  sent\n" : "  not sent: add --apply to send it\n");
  }
  for (const auto& h : p.value("held", json::array())) std::cout << "  held: " << h.get<std::string>() << "\n";
}

void RegisterPull(CLI::App* group, CliContext& ctx) {
  auto a = std::make_shared<GithubArgs>();
  CLI::App* cmd = group->add_subcommand("pull", "Create or update advisories from the repository's GitHub security advisories");
  cmd->add_option("--repo", a->repo, "OWNER/NAME (default: psirt.yml github.repo)");
  cmd->add_option("--ghsa", a->ghsa, "Only this advisory (GHSA-xxxx-xxxx-xxxx)");
  AddClientOptions(cmd, *a);
  cmd->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(json r, client->GithubPull(Connection(*a), a->repo, a->ghsa));
      PrintPull(ctx, r);
      return Status::Ok();
    }();
  });
}

void RegisterPrs(CLI::App* group, CliContext& ctx) {
  auto a = std::make_shared<GithubArgs>();
  CLI::App* cmd = group->add_subcommand("prs", "Read the advisory's linked pull requests from GitHub (merged, base branch, commits)");
  cmd->add_option("id", a->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  AddClientOptions(cmd, *a);
  cmd->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(json r, client->GithubPrs(Connection(*a), a->id));
      PrintPrs(ctx, r);
      return Status::Ok();
    }();
  });
}

// push, request-cve, publish: a plan, sent with --apply.
void RegisterPlanCommand(CLI::App* group, CliContext& ctx, const std::string& name, const std::string& help) {
  auto a = std::make_shared<GithubArgs>();
  CLI::App* cmd = group->add_subcommand(name, help);
  cmd->add_option("id", a->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  cmd->add_flag("--apply", a->apply, "Send it (without: show what would be sent)");
  AddClientOptions(cmd, *a);
  cmd->callback([&ctx, a, name] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(json plan, client->GithubPlan(Connection(*a), name, a->id, a->apply));
      if (name == "request-cve" && !ctx.options.json) {
        const bool applied = plan.value("applied", false);
        std::cout << a->id << ": " << (applied ? "CVE requested for " : "would request a CVE for ") << plan.value("ghsa_id", "")
                  << (applied ? "" : " (add --apply)") << "\n";
      } else {
        PrintPlan(ctx, plan, name);
      }
      return Status::Ok();
    }();
  });
}

void RegisterResolve(CLI::App* group, CliContext& ctx) {
  auto a = std::make_shared<GithubArgs>();
  CLI::App* cmd = group->add_subcommand("resolve", "End a conflict between psirt and the GHSA: keep ours or take theirs");
  cmd->add_option("id", a->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  cmd->add_option("field", a->field, "summary, description, cve_id, severity, cvss, cwe_ids, credits or state")->required();
  cmd->add_option("--take", a->take, "ours (psirt's value, pushed next) or theirs (GitHub's)")->required();
  cmd->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(json answer, client->GithubResolve(a->id, a->field, a->take));
      if (ctx.options.json) {
        ctx.PrintJson(answer);
      } else {
        for (const auto& ej : answer.value("events", json::array()))
          if (auto e = EventFromJson(ej); e.ok()) std::cout << e->advisory << ": " << RenderEventLine(*e) << "\n";
      }
      return Status::Ok();
    }();
  });
}

}  // namespace

void RegisterGithubCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* group = app.add_subcommand("github", "GitHub security advisories and pull requests (REST API)");
  group->require_subcommand(1);
  RegisterPull(group, ctx);
  RegisterPrs(group, ctx);
  RegisterPlanCommand(group, ctx, "push", "Update the GHSA from psirt: a field-by-field diff, sent with --apply");
  RegisterPlanCommand(group, ctx, "request-cve", "Ask GitHub (the CNA) for a CVE id for the GHSA (--apply)");
  RegisterPlanCommand(group, ctx, "publish", "Publish the GHSA of an advisory psirt moved to Public (--apply)");
  RegisterResolve(group, ctx);
}

}  // namespace psirt::cli
