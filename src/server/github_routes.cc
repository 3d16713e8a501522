// GitHub on the team server: the webhook GitHub delivers to (/hooks/github:
// signature checked before anything is read, idempotent by delivery id,
// the same pull as the CLI's for the one advisory or PR), and the API
// endpoints of `psirt github ...` (PSIRT only; resolve follows need-to-know).
#include <sodium.h>

#include "base/strings.h"
#include "formats/github_json.h"
#include "formats/psirt_json.h"
#include "server/jobs.h"
#include "server/server.h"

namespace psirt {

using nlohmann::json;

bool VerifyGithubSignature(const std::string& secret, const std::string& body, const std::string& signature) {
  constexpr std::string_view kPrefix = "sha256=";
  if (secret.empty() || signature.size() != kPrefix.size() + 64 || signature.compare(0, kPrefix.size(), kPrefix) != 0)
    return false;
  unsigned char given[crypto_auth_hmacsha256_BYTES];
  size_t len = 0;
  if (sodium_hex2bin(given, sizeof given, signature.data() + kPrefix.size(), 64, nullptr, &len, nullptr) != 0 ||
      len != sizeof given)
    return false;
  unsigned char want[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  crypto_auth_hmacsha256_final(&st, want);
  return sodium_memcmp(given, want, sizeof want) == 0;
}

Result<json> HandleGithubDelivery(ServerContext& ctx, Store& store, const std::string& event, const std::string& body) {
  PSIRT_ASSIGN_OR_RETURN(WebhookDelivery d, ParseWebhook(event, body));
  json out = {{"event", d.event}, {"action", d.action}};
  const std::string& repo = ctx.config().github.repo;
  if (d.event == "ping") return out;
  if (repo.empty()) return Status::Invalid("psirt.yml names no github.repo: deliveries are not read");
  if (!d.repo.empty() && ToLowerAscii(d.repo) != ToLowerAscii(repo)) {
    out["ignored"] = "a delivery for " + d.repo + ", not " + repo;
    return out;
  }
  PSIRT_ASSIGN_OR_RETURN(auto session, ctx.Github(store, AdvisoryService(store, ctx.config(), ctx.clock)));
  if (d.event == "repository_advisory" || d.event == "security_advisory") {
    auto r = session->service->PullOne(repo, d.ghsa_id);
    if (!r.ok() && r.status().code() == Status::Code::kNotFound && d.event == "security_advisory") {
      out["ignored"] = d.ghsa_id + " is not one of " + repo + "'s advisories";
      return out;
    }
    if (!r.ok()) return r.status();
    out["pull"] = ToJson(*r);
    return out;
  }
  // pull_request: opened, edited, closed (merged), reopened, synchronize ...
  PSIRT_ASSIGN_OR_RETURN(GithubPrReport r, session->service->PullRequestChanged(repo, d.pull->number));
  out["prs"] = ToJson(r);
  if (!r.ids.empty() && !ctx.config().repository.empty()) {
    // The fix status from the clone now, not at the next scheduled sync.
    auto run = RunJob(ctx, "sync", /*read_github=*/false);
    if (run.ok() && *run) out["sync"] = {{"ok", (*run)->ok}, {"message", (*run)->message}};
    else out["sync"] = {{"ok", false}, {"message", run.ok() ? "a sync is running already" : run.status().message()}};
  }
  return out;
}

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
    if (!VerifyGithubSignature(c.ctx.github_secret, c.req.body, c.req.Header("X-Hub-Signature-256"))) {
      http::SendErrorCode(c.res, 401, "denied", "the X-Hub-Signature-256 signature is missing or wrong");
      return Status::Ok();
    }
    const std::string delivery = c.req.Header("X-GitHub-Delivery");
    const std::string event = c.req.Header("X-GitHub-Event");
    if (delivery.empty() || delivery.size() > 100 ||
        delivery.find_first_not_of("0123456789abcdefABCDEF-") != std::string::npos)
      return std::move(Status::Invalid("X-GitHub-Delivery: expected a delivery GUID").Field("X-GitHub-Delivery"));
    const std::string key = "github-delivery:" + ToLowerAscii(delivery);
    std::optional<std::string> seen;
    PSIRT_RETURN_IF_ERROR(c.store->Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(seen, tx.GetState(key));
      return Status::Ok();
    }));
    if (seen) {
      http::SendJson(c.res, {{"delivery", delivery}, {"duplicate", true}});
      return Status::Ok();
    }
    auto handled = HandleGithubDelivery(c.ctx, *c.store, event, c.req.body);
    if (!handled.ok()) {
      // Not recorded as delivered: GitHub's redelivery runs it again.
      const Status& e = handled.status();
      if (e.code() == Status::Code::kInvalid) return e;
      http::SendErrorCode(c.res, 502, Status::CodeName(e.code()), e.message());
      return Status::Ok();
    }
    PSIRT_RETURN_IF_ERROR(c.store->Write([&](StoreTx& tx) { return tx.PutState(key, c.ctx.clock.Now().ToString()); }));
    json out = *handled;
    out["delivery"] = delivery;
    http::SendJson(c.res, out);
    return Status::Ok();
  });

  on("/api/v1/github/pull", Access::kPsirt, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"repo", "ghsa"}));
    PSIRT_ASSIGN_OR_RETURN(std::string repo, b.String("repo"));
    PSIRT_ASSIGN_OR_RETURN(std::string ghsa, b.String("ghsa"));
    if (repo.empty()) repo = c.ctx.config().github.repo;
    PSIRT_ASSIGN_OR_RETURN(auto s, c.Github(false));
    PSIRT_ASSIGN_OR_RETURN(GithubPullReport r, ghsa.empty() ? s->service->Pull(repo) : s->service->PullOne(repo, ghsa));
    http::SendJson(c.res, ToJson(r));
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
