// GitHub on the team server: the webhook GitHub delivers to (/hooks/github:
// signature checked before anything is read, idempotent by delivery id,
// the same pull as the CLI's for the one advisory or PR), and the API
// endpoints of `psirt github ...` (PSIRT only; resolve follows need-to-know).
#include <httplib.h>
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
    auto run = RunJob(ctx, "sync");
    if (run.ok() && *run) out["sync"] = {{"ok", (*run)->ok}, {"message", (*run)->message}};
    else out["sync"] = {{"ok", false}, {"message", run.ok() ? "a sync is running already" : run.status().message()}};
  }
  return out;
}

void RegisterGithubRoutes(httplib::Server& http, ServerContext& ctx, const Wrap& wrap) {
  auto on = [&](const std::string& pattern, CallHandler fn) {
    http.Post(pattern, [wrap, fn](const httplib::Request& req, httplib::Response& res) { wrap(req, res, fn); });
  };

  on("/hooks/github", [](Call& c) {
    if (c.ctx.github_secret.empty())
      return c.Fail(Status::NotFound("GitHub webhooks are not configured (github.webhook_secret_file in psirt.yml)"));
    // Nothing of the delivery is read before its signature holds.
    if (!VerifyGithubSignature(c.ctx.github_secret, c.req.body, c.req.get_header_value("X-Hub-Signature-256"))) {
      http::SendJson(c.res, {{"error", "the X-Hub-Signature-256 signature is missing or wrong"}}, 401);
      return;
    }
    const std::string delivery = c.req.get_header_value("X-GitHub-Delivery");
    const std::string event = c.req.get_header_value("X-GitHub-Event");
    if (delivery.empty() || delivery.size() > 100 ||
        delivery.find_first_not_of("0123456789abcdefABCDEF-") != std::string::npos)
      return c.Fail(Status::Invalid("X-GitHub-Delivery: expected a delivery GUID"));
    const std::string key = "github-delivery:" + ToLowerAscii(delivery);
    std::optional<std::string> seen;
    Status st = c.store->Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(seen, tx.GetState(key));
      return Status::Ok();
    });
    if (!st.ok()) return c.Fail(st);
    if (seen) return http::SendJson(c.res, {{"delivery", delivery}, {"duplicate", true}});
    auto handled = HandleGithubDelivery(c.ctx, *c.store, event, c.req.body);
    if (!handled.ok()) {
      // Not recorded as delivered: GitHub's redelivery runs it again.
      const Status& e = handled.status();
      int code = e.code() == Status::Code::kInvalid ? 400 : 502;
      http::SendJson(c.res, {{"error", e.message()}, {"code", Status::CodeName(e.code())}}, code);
      return;
    }
    st = c.store->Write([&](StoreTx& tx) { return tx.PutState(key, c.ctx.clock.Now().ToString()); });
    if (!st.ok()) return c.Fail(st);
    json out = *handled;
    out["delivery"] = delivery;
    http::SendJson(c.res, out);
  });

  on("/api/v1/github/pull", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    auto b = http::JsonBody(c.req, {"repo", "ghsa"});
    if (!b.ok()) return c.Fail(b.status());
    std::string repo = b->value("repo", c.ctx.config().github.repo), ghsa = b->value("ghsa", "");
    auto s = c.Github(false);
    if (!s.ok()) return c.Fail(s.status());
    auto r = ghsa.empty() ? (*s)->service->Pull(repo) : (*s)->service->PullOne(repo, ghsa);
    if (!r.ok()) return c.Fail(r.status());
    http::SendJson(c.res, ToJson(*r));
  });

  const std::string A = "/api/v1/advisories/([^/]+)/github/";
  on(A + "prs", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    auto s = c.Github(false);
    if (!s.ok()) return c.Fail(s.status());
    auto r = (*s)->service->Prs(c.req.matches[1]);
    if (!r.ok()) return c.Fail(Hide(r.status()));
    http::SendJson(c.res, ToJson(*r));
  });
  on(A + "(push|request-cve|publish)", [](Call& c) {
    if (Status st = RequirePsirt(c); !st.ok()) return c.Fail(st);
    auto b = http::JsonBody(c.req, {"apply"});
    if (!b.ok()) return c.Fail(b.status());
    bool apply = b->value("apply", false) == true;
    auto s = c.Github(false);
    if (!s.ok()) return c.Fail(s.status());
    const std::string id = c.req.matches[1], what = c.req.matches[2];
    GithubService& gh = *(*s)->service;
    auto plan = what == "push" ? gh.Push(id, apply) : what == "request-cve" ? gh.RequestCve(id, apply) : gh.Publish(id, apply);
    if (!plan.ok()) return c.Fail(Hide(plan.status()));
    http::SendJson(c.res, ToJson(*plan));
  });
  on(A + "resolve", [](Call& c) {
    if (!c.who.signed_in()) return c.Fail(Status::Denied("sign in first (Authorization: Bearer TOKEN)"));
    auto b = http::JsonBody(c.req, {"field", "take"});
    if (!b.ok()) return c.Fail(b.status());
    auto field = http::StringField(*b, "field");
    auto take = http::StringField(*b, "take");
    if (!field.ok()) return c.Fail(field.status());
    if (!take.ok()) return c.Fail(take.status());
    auto s = c.Github(true);  // need-to-know and the caller's rights apply
    if (!s.ok()) return c.Fail(s.status());
    auto change = (*s)->service->Resolve(c.who.actor, c.req.matches[1], *field, *take);
    if (!change.ok()) return c.Fail(Hide(change.status()));
    json events = json::array();
    for (const Event& e : change->events) events.push_back(EventToJson(e));
    http::SendJson(c.res, {{"advisory", AdvisoryToJson(change->advisory, (*s)->advisories->DeadlinesOf(change->advisory))},
                           {"events", events}});
  });
}

}  // namespace psirt
