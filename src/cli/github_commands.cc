// `psirt github pull|prs|push|request-cve|publish|resolve`: GitHub security
// advisories and pull requests through GitHub's REST API (app/github_service).
// With --server the team server does it with its own GitHub token.
#include <iostream>

#include "app/github_service.h"
#include "cli/commands.h"
#include "cli/remote.h"
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

// The local session, refusing GitHub options the server would not use.
Result<std::unique_ptr<GithubSession>> Session(CliContext& ctx, const GithubArgs& a) {
  PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
  return OpenGithub(*ws->store, ws->config, ws->Advisories(ctx.clock), a.api_url,
                    a.token_file.empty() ? ws->GithubTokenFile() : a.token_file, &SendHttp);
}

Status RefuseClientOptionsRemotely(const GithubArgs& a) {
  if (!a.api_url.empty() || !a.token_file.empty())
    return Status::Usage("--api-url and --token-file are the server's settings with --server (psirt.yml github:)");
  return Status::Ok();
}

std::string Shown(const json& v) {
  std::string s = v.is_string() ? "\"" + v.get<std::string>() + "\"" : v.dump();
  return s.size() > 200 ? s.substr(0, 197) + "..." : s;
}

void PrintPull(CliContext& ctx, const json& r, const std::string& repo) {
  if (ctx.options.json) {
    ctx.PrintJson(r);
  } else {
    std::cout << "pulled " << r.value("advisories", 0) << " advisories from " << repo << ": " << r.value("created", 0)
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
      std::cout << "  " << c.value("field", "") << ": " << Shown(c["from"]) << " -> " << Shown(c["to"]) << "\n";
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
      PSIRT_ASSIGN_OR_RETURN(RemoteClient * server, ctx.Remote());
      if (server) {
        PSIRT_RETURN_IF_ERROR(RefuseClientOptionsRemotely(*a));
        json body = json::object();
        if (!a->repo.empty()) body["repo"] = a->repo;
        if (!a->ghsa.empty()) body["ghsa"] = a->ghsa;
        PSIRT_ASSIGN_OR_RETURN(json r, server->Call("POST", "/api/v1/github/pull", body));
        PrintPull(ctx, r, a->repo.empty() ? "the server's repository" : a->repo);
        return Status::Ok();
      }
      PSIRT_ASSIGN_OR_RETURN(auto s, Session(ctx, *a));
      std::string repo = a->repo.empty() ? ctx.OpenedWorkspace().value()->config.github.repo : a->repo;
      if (repo.empty()) return Status::Usage("which repository? --repo OWNER/NAME (or github.repo in psirt.yml)");
      auto r = a->ghsa.empty() ? s->service->Pull(repo) : s->service->PullOne(repo, a->ghsa);
      if (!r.ok()) return r.status();
      PrintPull(ctx, ToJson(*r), repo);
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
      PSIRT_ASSIGN_OR_RETURN(RemoteClient * server, ctx.Remote());
      if (server) {
        PSIRT_RETURN_IF_ERROR(RefuseClientOptionsRemotely(*a));
        PSIRT_ASSIGN_OR_RETURN(json r, server->Call("POST", "/api/v1/advisories/" + a->id + "/github/prs"));
        PrintPrs(ctx, r);
        return Status::Ok();
      }
      PSIRT_ASSIGN_OR_RETURN(auto s, Session(ctx, *a));
      PSIRT_ASSIGN_OR_RETURN(GithubPrReport r, s->service->Prs(a->id));
      PrintPrs(ctx, ToJson(r));
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
      PSIRT_ASSIGN_OR_RETURN(RemoteClient * server, ctx.Remote());
      if (server) {
        PSIRT_RETURN_IF_ERROR(RefuseClientOptionsRemotely(*a));
        PSIRT_ASSIGN_OR_RETURN(json r, server->Call("POST", "/api/v1/advisories/" + a->id + "/github/" + name,
                                                    json{{"apply", a->apply}}));
        PrintPlan(ctx, r, name);
        return Status::Ok();
      }
      PSIRT_ASSIGN_OR_RETURN(auto s, Session(ctx, *a));
      Result<GithubPushPlan> plan = name == "push"          ? s->service->Push(a->id, a->apply)
                                    : name == "request-cve" ? s->service->RequestCve(a->id, a->apply)
                                                            : s->service->Publish(a->id, a->apply);
      if (!plan.ok()) return plan.status();
      if (name == "request-cve" && !ctx.options.json)
        std::cout << a->id << ": " << (plan->applied ? "CVE requested for " : "would request a CVE for ") << plan->ghsa_id
                  << (plan->applied ? "" : " (add --apply)") << "\n";
      else
        PrintPlan(ctx, ToJson(*plan), name);
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
      PSIRT_ASSIGN_OR_RETURN(RemoteClient * server, ctx.Remote());
      json answer;
      if (server) {
        PSIRT_ASSIGN_OR_RETURN(answer, server->Call("POST", "/api/v1/advisories/" + a->id + "/github/resolve",
                                                    json{{"field", a->field}, {"take", a->take}}));
      } else {
        PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
        PSIRT_ASSIGN_OR_RETURN(std::string actor, ctx.Actor());
        AdvisoryService adv = ws->Advisories(ctx.clock);
        StoreAnswerCache cache(*ws->store);
        GithubClient offline(GithubOptions{}, nullptr, &cache);  // resolving talks to nobody
        GithubService gh(adv, *ws->store, offline);
        PSIRT_ASSIGN_OR_RETURN(Change c, gh.Resolve(actor, a->id, a->field, a->take));
        json events = json::array();
        for (const Event& e : c.events) events.push_back(EventToJson(e));
        answer = {{"advisory", AdvisoryToJson(c.advisory, adv.DeadlinesOf(c.advisory))}, {"events", events}};
      }
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
