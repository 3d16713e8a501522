// GitHub on the team server: the webhook GitHub delivers to (/hooks/github,
// handled by app/github_webhooks.h) and the API endpoints of `psirt github
// ...` (PSIRT only; resolve follows need-to-know).
#include "app/github_webhooks.h"
#include "base/strings.h"
#include "formats/github_json.h"
#include "formats/psirt_json.h"
#include "server/jobs.h"
#include "server/server.h"

namespace psirt {

using nlohmann::json;

void RegisterGithubRoutes(Routes& routes) {
  auto on = [&](const std::string& pattern, Access access, BodyKind body, std::function<Status(Call&)> fn) {
    routes.Add({"POST", pattern, access, body, [fn = std::move(fn)](Call& c) {
                  Status st = fn(c);
                  if (!st.ok()) c.Fail(st);
                }});
  };

  // GitHub signs its deliveries: the body is read (up to GitHub's own
  // 25 MiB limit) but nothing of it is parsed before the signature holds.
  on("/hooks/github", Access::kAnyone, BodyKind::kWebhook, [](Call& c) -> Status {
    if (c.ctx.github_secret.empty())
      return Status::NotFound("GitHub webhooks are not configured (github.webhook_secret_file in psirt.yml)");
    WebhookRequest r{c.req.Header("X-GitHub-Delivery"), c.req.Header("X-GitHub-Event"),
                     c.req.Header("X-Hub-Signature-256"), c.req.body};
    ServerContext& ctx = c.ctx;
    Store& store = *c.store;
    GithubWebhooks hooks(
        store, ctx.config(), ctx.clock, ctx.github_secret,
        [&] { return ctx.Github(store, AdvisoryService(store, ctx.config(), ctx.clock)); },
        [&]() -> std::pair<bool, std::string> {
          auto run = RunJob(ctx, "sync", /*read_github=*/false);  // this PR was just read
          if (run.ok() && *run) return {(*run)->ok, (*run)->message};
          return {false, run.ok() ? "a sync is running already" : run.status().message()};
        });
    auto handled = hooks.Handle(r);
    if (!handled.ok()) {
      const Status& e = handled.status();
      if (e.code() == Status::Code::kDenied) http::SendErrorCode(c.res, 401, "denied", e.message());
      else if (e.code() == Status::Code::kInvalid) return e;
      else http::SendErrorCode(c.res, 502, Status::CodeName(e.code()), e.message());  // GitHub redelivers it
      return Status::Ok();
    }
    http::SendJson(c.res, ToJson(*handled));
    return Status::Ok();
  });

  on("/api/v1/github/pull", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"repo", "ghsa"}));
    PSIRT_ASSIGN_OR_RETURN(std::string repo, b.String("repo"));
    PSIRT_ASSIGN_OR_RETURN(std::string ghsa, b.String("ghsa"));
    if (repo.empty()) repo = c.ctx.config().github.repo;
    if (repo.empty()) return std::move(Status::Invalid("which repository? give repo (or github.repo in psirt.yml)").Field("repo"));
    PSIRT_ASSIGN_OR_RETURN(auto s, c.Github(false));
    PSIRT_ASSIGN_OR_RETURN(GithubPullReport r, ghsa.empty() ? s->service->Pull(repo) : s->service->PullOne(repo, ghsa));
    json j = ToJson(r);
    j["repo"] = repo;  // as `psirt github pull --json` prints it
    http::SendJson(c.res, j);
    return Status::Ok();
  });

  const std::string A = "/api/v1/advisories/([^/]+)/github/";
  on(A + "prs", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(http::JsonBody::Read(c.req, {}).status());
    PSIRT_ASSIGN_OR_RETURN(auto s, c.Github(false));
    auto r = s->service->Prs(c.Arg(1));
    if (!r.ok()) return Hide(r.status());
    http::SendJson(c.res, ToJson(*r));
    return Status::Ok();
  });
  on(A + "(push|request-cve|publish)", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"apply"}));
    PSIRT_ASSIGN_OR_RETURN(bool apply, b.Bool("apply", false));
    PSIRT_ASSIGN_OR_RETURN(auto s, c.Github(false));
    const std::string id = c.Arg(1), what = c.Arg(2);
    GithubService& gh = *s->service;
    auto plan = what == "push" ? gh.Push(id, apply) : what == "request-cve" ? gh.RequestCve(id, apply) : gh.Publish(id, apply);
    if (!plan.ok()) return Hide(plan.status());
    http::SendJson(c.res, ToJson(*plan));
    return Status::Ok();
  });
  on(A + "resolve", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"field", "take"}));
    PSIRT_ASSIGN_OR_RETURN(std::string field, b.String("field"));
    PSIRT_ASSIGN_OR_RETURN(std::string take, b.String("take"));
    PSIRT_ASSIGN_OR_RETURN(auto s, c.Github(true));  // need-to-know and the caller's rights apply
    auto change = s->service->Resolve(c.who.actor, c.Arg(1), field, take);
    if (!change.ok()) return Hide(change.status());
    json events = json::array();
    for (const Event& e : change->events) events.push_back(EventToJson(e));
    http::SendJson(c.res, {{"advisory", AdvisoryToJson(change->advisory, s->advisories->DeadlinesOf(change->advisory))},
                           {"events", events}});
    return Status::Ok();
  });
}

}  // namespace psirt
