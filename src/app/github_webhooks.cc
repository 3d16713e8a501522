// GitHub's deliveries, each handled once (app/github_webhooks.h).
#include "app/github_webhooks.h"

#include <sodium.h>

#include "base/strings.h"
#include "formats/github_json.h"

namespace psirt {

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

nlohmann::json ToJson(const WebhookOutcome& o) {
  nlohmann::json j = {{"delivery", o.delivery}};
  if (o.duplicate) {
    j["duplicate"] = true;
    return j;
  }
  j["event"] = o.event;
  j["action"] = o.action;
  if (!o.ignored.empty()) j["ignored"] = o.ignored;
  if (o.pull) j["pull"] = ToJson(*o.pull);
  if (o.prs) j["prs"] = ToJson(*o.prs);
  if (o.sync) j["sync"] = {{"ok", o.sync->first}, {"message", o.sync->second}};
  return j;
}

Result<WebhookOutcome> GithubWebhooks::Handle(const WebhookRequest& r) {
  if (!VerifyGithubSignature(secret_, r.body, r.signature))
    return Status::Denied("the X-Hub-Signature-256 signature is missing or wrong");
  if (r.delivery.empty() || r.delivery.size() > 100 ||
      r.delivery.find_first_not_of("0123456789abcdefABCDEF-") != std::string::npos)
    return std::move(Status::Invalid("X-GitHub-Delivery: expected a delivery GUID").Field("X-GitHub-Delivery"));
  const std::string key = "github-delivery:" + ToLowerAscii(r.delivery);
  std::optional<std::string> seen;
  PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(seen, tx.GetState(key));
    return Status::Ok();
  }));
  if (seen) {
    WebhookOutcome dup;
    dup.delivery = r.delivery;
    dup.duplicate = true;
    return dup;
  }
  PSIRT_ASSIGN_OR_RETURN(WebhookOutcome out, Route(r));
  PSIRT_RETURN_IF_ERROR(store_.Write([&](StoreTx& tx) { return tx.PutState(key, clock_.Now().ToString()); }));
  return out;
}

Result<WebhookOutcome> GithubWebhooks::Route(const WebhookRequest& r) {
  PSIRT_ASSIGN_OR_RETURN(WebhookDelivery d, ParseWebhook(r.event, r.body));
  WebhookOutcome out;
  out.delivery = r.delivery;
  out.event = d.event;
  out.action = d.action;
  const std::string& repo = config_.github.repo;
  if (d.event == "ping") return out;
  if (repo.empty()) return Status::Invalid("psirt.yml names no github.repo: deliveries are not read");
  if (!d.repo.empty() && ToLowerAscii(d.repo) != ToLowerAscii(repo)) {
    out.ignored = "a delivery for " + d.repo + ", not " + repo;
    return out;
  }
  PSIRT_ASSIGN_OR_RETURN(auto session, open_());
  if (d.event == "repository_advisory" || d.event == "security_advisory") {
    auto pulled = session->service->PullOne(repo, d.ghsa_id);
    if (!pulled.ok() && pulled.status().code() == Status::Code::kNotFound && d.event == "security_advisory") {
      out.ignored = d.ghsa_id + " is not one of " + repo + "'s advisories";
      return out;
    }
    if (!pulled.ok()) return pulled.status();
    out.pull = *pulled;
    return out;
  }
  // pull_request: opened, edited, closed (merged), reopened, synchronize ...
  PSIRT_ASSIGN_OR_RETURN(GithubPrReport prs, session->service->PullRequestChanged(repo, d.pull->number));
  out.prs = prs;
  if (!prs.ids.empty() && !config_.repository.empty() && follow_up_) out.sync = follow_up_();
  return out;
}

}  // namespace psirt
