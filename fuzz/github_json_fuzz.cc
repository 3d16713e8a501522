// Fuzz target: what GitHub sends psirt - advisory lists and advisories,
// pull requests and their commits, webhook deliveries of each event, the
// Link header - and, for advisories read without error, the sync rules over
// them (fields, reconciliation against themselves, the patch body).
// Input: "kind\nrest" (kind: list, advisory, pull, commits, link, or a webhook event name).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/github_sync.h"
#include "formats/github_json.h"
#include "net/github_client.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string kind = in.substr(0, nl), body = nl == std::string::npos ? "" : in.substr(nl + 1);
  using namespace psirt;
  if (kind == "list" || kind == "advisory") {
    auto list = kind == "list" ? ParseGhsaList(body, "fuzz") : ParseGhsa(body, "fuzz").ok()
                                                                  ? Result<std::vector<Ghsa>>(std::vector<Ghsa>{*ParseGhsa(body, "fuzz")})
                                                                  : Result<std::vector<Ghsa>>(Status::Invalid("x"));
    if (list.ok())
      for (const Ghsa& g : *list) {
        SyncFields f = FieldsOfGhsa(g);
        nlohmann::json base = nlohmann::json::object();
        for (const auto& [k, v] : f) base[k] = v;
        Reconciled r = Reconcile(base, f, f);
        if (!r.take.empty() || !r.conflicts.empty()) __builtin_trap();  // a side equal to itself changes nothing
        (void)GhsaPatchBody(PushChanges(base, f, f, {}), VulnerabilitiesToJson(g.vulnerabilities));
        (void)GhsaFacts(g).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }
  } else if (kind == "pull") {
    (void)ParsePull(body, "fuzz");
  } else if (kind == "commits") {
    (void)ParsePullCommits(body, "fuzz");
  } else if (kind == "link") {
    (void)NextLink(body);
  } else {
    (void)ParseWebhook(kind, body);
  }
  return 0;
}
