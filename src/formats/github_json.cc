// GitHub REST API JSON reader and writer (see github_json.h).
#include "formats/github_json.h"

#include <regex>

#include "base/strings.h"

namespace psirt {

using nlohmann::json;

namespace {

Status Bad(const std::string& where, const std::string& field, const std::string& expected) {
  return std::move(Status::Invalid("unexpected GitHub answer: " + field + ": expected " + expected).At(where));
}

// An optional string field: absent or null is "".
Status Str(const json& j, const char* key, std::string& out, const std::string& where, const std::string& path) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return Bad(where, path + key, "a string");
  out = it->get<std::string>();
  return Status::Ok();
}

const json* Obj(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? &*it : nullptr;
}

// A list of objects, each with a string `inner` key ({"login": ...}).
Status Names(const json& j, const char* key, const char* inner, std::vector<std::string>& out,
             const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Bad(where, key, "an array");
  for (const json& x : *it) {
    if (!x.is_object() || !x.contains(inner) || !(*x.find(inner)).is_string())
      return Bad(where, std::string(key) + "[]." + inner, "a string");
    out.push_back(x[inner].get<std::string>());
  }
  return Status::Ok();
}

Result<json> ParseBody(std::string_view body, const std::string& where) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    // Say where it broke: nlohmann reports the byte offset on the throwing parse.
    try {
      (void)json::parse(body);
    } catch (const json::parse_error& e) {
      return std::move(Status::Invalid("GitHub answered with malformed JSON (byte " + std::to_string(e.byte) +
                                       " of " + std::to_string(body.size()) + ")")
                           .At(where));
    } catch (const json::exception&) {  // a number out of range, ...
    }
    return std::move(Status::Invalid("GitHub answered with malformed JSON").At(where));
  }
  return j;
}

}  // namespace

Result<Ghsa> GhsaFromJson(const json& j, const std::string& where) {
  if (!j.is_object()) return Bad(where, "advisory", "an object");
  Ghsa g;
  if (!j.contains("ghsa_id") || !j["ghsa_id"].is_string()) return Bad(where, "ghsa_id", "a string");
  g.ghsa_id = j["ghsa_id"].get<std::string>();
  // GitHub's own examples use any lower-case letters, not only its id alphabet.
  if (!CheckGhsaIdForApi(g.ghsa_id).ok()) return Bad(where, "ghsa_id", "GHSA-xxxx-xxxx-xxxx, got '" + EscapeControls(g.ghsa_id.substr(0, 60)) + "'");
  const std::string at = g.ghsa_id + ".";
  for (auto [key, out] : {std::pair<const char*, std::string*>{"cve_id", &g.cve_id},
                          {"html_url", &g.html_url},
                          {"summary", &g.summary},
                          {"description", &g.description},
                          {"severity", &g.severity},
                          {"state", &g.state},
                          {"created_at", &g.created_at},
                          {"updated_at", &g.updated_at},
                          {"published_at", &g.published_at},
                          {"closed_at", &g.closed_at},
                          {"withdrawn_at", &g.withdrawn_at}})
    PSIRT_RETURN_IF_ERROR(Str(j, key, *out, where, at));
  if (!IsGhsaState(g.state))
    return Bad(where, at + "state", "triage, draft, published, closed or withdrawn, got '" + EscapeControls(g.state) + "'");

  if (const json* sev = Obj(j, "cvss_severities")) {
    for (auto [key, out] : {std::pair<const char*, std::string*>{"cvss_v3", &g.cvss_v3}, {"cvss_v4", &g.cvss_v4}})
      if (const json* v = Obj(*sev, key)) PSIRT_RETURN_IF_ERROR(Str(*v, "vector_string", *out, where, at + key + "."));
  } else if (const json* cvss = Obj(j, "cvss")) {  // older answers: one vector
    PSIRT_RETURN_IF_ERROR(Str(*cvss, "vector_string", g.cvss_v3, where, at + "cvss."));
  }
  if (j.contains("cwe_ids") && !j["cwe_ids"].is_null()) {
    if (!j["cwe_ids"].is_array()) return Bad(where, at + "cwe_ids", "an array");
    for (const json& c : j["cwe_ids"]) {
      if (!c.is_string()) return Bad(where, at + "cwe_ids[]", "a string");
      g.cwe_ids.push_back(c.get<std::string>());
    }
  } else {
    PSIRT_RETURN_IF_ERROR(Names(j, "cwes", "cwe_id", g.cwe_ids, where));
  }
  if (const json* author = Obj(j, "author")) PSIRT_RETURN_IF_ERROR(Str(*author, "login", g.author, where, at + "author."));
  for (const std::string* s : {&g.summary, &g.description, &g.author})
    if (!IsValidUtf8(*s)) return Bad(where, at + "summary/description/author", "UTF-8 text");
  if (j.contains("submission") && !j["submission"].is_null()) {
    if (!j["submission"].is_object()) return Bad(where, at + "submission", "an object or null");
    g.private_report = true;
    g.submission_accepted = j["submission"].value("accepted", false);
  }
  if (j.contains("credits_detailed") && !j["credits_detailed"].is_null()) {
    if (!j["credits_detailed"].is_array()) return Bad(where, at + "credits_detailed", "an array");
    for (const json& c : j["credits_detailed"]) {
      GhsaCredit cr;
      const json* user = c.is_object() ? Obj(c, "user") : nullptr;
      if (!user) return Bad(where, at + "credits_detailed[].user", "an object");
      PSIRT_RETURN_IF_ERROR(Str(*user, "login", cr.login, where, at + "credits_detailed[].user."));
      PSIRT_RETURN_IF_ERROR(Str(c, "type", cr.type, where, at + "credits_detailed[]."));
      if (cr.login.empty()) return Bad(where, at + "credits_detailed[].user.login", "a login");
      g.credits.push_back(std::move(cr));
    }
  } else if (j.contains("credits") && j["credits"].is_array()) {
    for (const json& c : j["credits"]) {
      GhsaCredit cr;
      if (!c.is_object()) return Bad(where, at + "credits[]", "an object");
      PSIRT_RETURN_IF_ERROR(Str(c, "login", cr.login, where, at + "credits[]."));
      PSIRT_RETURN_IF_ERROR(Str(c, "type", cr.type, where, at + "credits[]."));
      g.credits.push_back(std::move(cr));
    }
  }
  if (j.contains("vulnerabilities") && !j["vulnerabilities"].is_null()) {
    if (!j["vulnerabilities"].is_array()) return Bad(where, at + "vulnerabilities", "an array");
    for (const json& v : j["vulnerabilities"]) {
      if (!v.is_object()) return Bad(where, at + "vulnerabilities[]", "an object");
      GhsaVulnerability x;
      if (const json* pkg = Obj(v, "package")) {
        PSIRT_RETURN_IF_ERROR(Str(*pkg, "ecosystem", x.ecosystem, where, at + "vulnerabilities[].package."));
        PSIRT_RETURN_IF_ERROR(Str(*pkg, "name", x.package, where, at + "vulnerabilities[].package."));
      }
      PSIRT_RETURN_IF_ERROR(Str(v, "vulnerable_version_range", x.vulnerable_version_range, where, at + "vulnerabilities[]."));
      PSIRT_RETURN_IF_ERROR(Str(v, "patched_versions", x.patched_versions, where, at + "vulnerabilities[]."));
      if (v.contains("vulnerable_functions") && v["vulnerable_functions"].is_array())
        for (const json& f : v["vulnerable_functions"])
          if (f.is_string()) x.vulnerable_functions.push_back(f.get<std::string>());
      g.vulnerabilities.push_back(std::move(x));
    }
  }
  PSIRT_RETURN_IF_ERROR(Names(j, "collaborating_users", "login", g.collaborating_users, where));
  PSIRT_RETURN_IF_ERROR(Names(j, "collaborating_teams", "slug", g.collaborating_teams, where));
  return g;
}

Result<std::vector<Ghsa>> ParseGhsaList(std::string_view body, const std::string& where) {
  PSIRT_ASSIGN_OR_RETURN(json j, ParseBody(body, where));
  if (!j.is_array()) return Bad(where, "body", "an array of advisories");
  std::vector<Ghsa> out;
  for (const json& x : j) {
    PSIRT_ASSIGN_OR_RETURN(Ghsa g, GhsaFromJson(x, where));
    out.push_back(std::move(g));
  }
  return out;
}

Result<Ghsa> ParseGhsa(std::string_view body, const std::string& where) {
  PSIRT_ASSIGN_OR_RETURN(json j, ParseBody(body, where));
  return GhsaFromJson(j, where);
}

Result<PullRequest> PullFromJson(const json& j, const std::string& where) {
  if (!j.is_object()) return Bad(where, "pull request", "an object");
  PullRequest pr;
  if (!j.contains("number") || !j["number"].is_number_integer() || j["number"].get<long long>() <= 0 ||
      j["number"].get<long long>() > 1'000'000'000)
    return Bad(where, "number", "a positive integer");
  pr.number = j["number"].get<int>();
  for (auto [key, out] : {std::pair<const char*, std::string*>{"state", &pr.state},
                          {"merged_at", &pr.merged_at},
                          {"merge_commit_sha", &pr.merge_commit_sha},
                          {"title", &pr.title},
                          {"body", &pr.body},
                          {"html_url", &pr.html_url}})
    PSIRT_RETURN_IF_ERROR(Str(j, key, *out, where, ""));
  if (j.contains("merged") && !j["merged"].is_null()) {
    if (!j["merged"].is_boolean()) return Bad(where, "merged", "true or false");
    pr.merged = j["merged"].get<bool>();
  } else {
    pr.merged = !pr.merged_at.empty();  // webhook and list shapes carry merged_at only
  }
  const json* base = Obj(j, "base");
  if (!base) return Bad(where, "base", "an object with ref");
  PSIRT_RETURN_IF_ERROR(Str(*base, "ref", pr.base_ref, where, "base."));
  if (pr.base_ref.empty()) return Bad(where, "base.ref", "a branch name");
  if (const json* head = Obj(j, "head")) PSIRT_RETURN_IF_ERROR(Str(*head, "sha", pr.head_sha, where, "head."));
  static const std::regex kSha("[0-9a-f]{40}");
  for (const std::string* s : {&pr.merge_commit_sha, &pr.head_sha})
    if (!s->empty() && !std::regex_match(*s, kSha)) return Bad(where, "merge_commit_sha/head.sha", "40 hex digits");
  return pr;
}

Result<PullRequest> ParsePull(std::string_view body, const std::string& where) {
  PSIRT_ASSIGN_OR_RETURN(json j, ParseBody(body, where));
  return PullFromJson(j, where);
}

Result<std::vector<std::string>> ParsePullCommits(std::string_view body, const std::string& where) {
  PSIRT_ASSIGN_OR_RETURN(json j, ParseBody(body, where));
  if (!j.is_array()) return Bad(where, "body", "an array of commits");
  static const std::regex kSha("[0-9a-f]{40}");
  std::vector<std::string> out;
  for (const json& c : j) {
    if (!c.is_object() || !c.contains("sha") || !c["sha"].is_string() ||
        !std::regex_match(c["sha"].get<std::string>(), kSha))
      return Bad(where, "[].sha", "40 hex digits");
    out.push_back(c["sha"].get<std::string>());
  }
  return out;
}

json GhsaFacts(const Ghsa& g) {
  return {{"state", g.state},
          {"html_url", g.html_url},
          {"created_at", g.created_at},
          {"updated_at", g.updated_at},
          {"published_at", g.published_at},
          {"closed_at", g.closed_at},
          {"withdrawn_at", g.withdrawn_at},
          {"author", g.author},
          {"private_report", g.private_report},
          {"collaborating_users", g.collaborating_users},
          {"collaborating_teams", g.collaborating_teams},
          {"vulnerabilities", VulnerabilitiesToJson(g.vulnerabilities)},
          {"cvss_v3", g.cvss_v3},
          {"cvss_v4", g.cvss_v4}};
}

json GhsaPatchBody(const std::vector<FieldChange>& changes, const std::optional<json>& vulnerabilities) {
  json body = json::object();
  bool vector = false;
  for (const FieldChange& c : changes) {
    if (c.field == "cvss") {
      body["cvss_vector_string"] = c.to;
      vector = true;
    } else if (c.field == "credits") {
      body["credits"] = c.to;  // [{login, type}]
    } else {
      body[c.field] = c.to;
    }
  }
  if (vector) body.erase("severity");  // the API takes one or the other; the vector decides
  if (vulnerabilities) body["vulnerabilities"] = *vulnerabilities;
  return body;
}

Result<WebhookDelivery> ParseWebhook(std::string_view event, std::string_view body) {
  const std::string where = "webhook " + EscapeControls(std::string(event.substr(0, 64)));
  WebhookDelivery d;
  d.event = std::string(event);
  PSIRT_ASSIGN_OR_RETURN(json j, ParseBody(body, where));
  if (!j.is_object()) return Bad(where, "body", "an object");
  PSIRT_RETURN_IF_ERROR(Str(j, "action", d.action, where, ""));
  if (const json* repo = Obj(j, "repository")) PSIRT_RETURN_IF_ERROR(Str(*repo, "full_name", d.repo, where, "repository."));
  if (event == "ping") return d;
  if (event == "repository_advisory" || event == "security_advisory") {
    const json* adv = Obj(j, event == "repository_advisory" ? "repository_advisory" : "security_advisory");
    if (!adv) return Bad(where, std::string(event), "an advisory object");
    PSIRT_RETURN_IF_ERROR(Str(*adv, "ghsa_id", d.ghsa_id, where, std::string(event) + "."));
    if (d.ghsa_id.empty()) return Bad(where, std::string(event) + ".ghsa_id", "a GHSA id");
    return d;
  }
  if (event == "pull_request") {
    const json* pr = Obj(j, "pull_request");
    if (!pr) return Bad(where, "pull_request", "an object");
    PSIRT_ASSIGN_OR_RETURN(PullRequest p, PullFromJson(*pr, where));
    d.pull = std::move(p);
    return d;
  }
  return Status::Invalid("webhook event '" + EscapeControls(std::string(event.substr(0, 64))) +
                         "' is not one psirt reads (repository_advisory, security_advisory, pull_request, ping)");
}

}  // namespace psirt
