// Tests of the GitHub JSON reader/writer: documented shapes, fields read
// into values, malformed answers refused with where and what.
#include "formats/github_json.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

using nlohmann::json;

json Documented() {
  // The example of GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}
  // in GitHub's REST documentation, trimmed to what psirt reads.
  return json::parse(R"({
    "ghsa_id": "GHSA-abcd-1234-efgh", "cve_id": "CVE-2050-00000",
    "url": "https://api.github.com/repos/repo/a-package/security-advisories/GHSA-abcd-1234-efgh",
    "html_url": "https://github.com/repo/a-package/security/advisories/GHSA-abcd-1234-efgh",
    "summary": "A short summary of the advisory.", "description": "A detailed description of what the advisory entails.",
    "severity": "critical",
    "author": {"login": "octocat", "id": 1, "type": "User"},
    "state": "published", "created_at": "2020-01-01T00:00:00Z", "updated_at": "2020-01-02T00:00:00Z",
    "published_at": "2020-01-03T00:00:00Z", "closed_at": null, "withdrawn_at": null,
    "submission": null,
    "vulnerabilities": [{"package": {"ecosystem": "pip", "name": "a-package"},
                         "vulnerable_version_range": ">= 1.0.0, < 1.0.1", "patched_versions": "1.0.1",
                         "vulnerable_functions": ["function1"]}],
    "cvss": {"vector_string": "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:H", "score": 7.6},
    "cvss_severities": {"cvss_v3": {"vector_string": "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:H", "score": 7.6},
                        "cvss_v4": {"vector_string": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "score": 9.3}},
    "cwes": [{"cwe_id": "CWE-123", "name": "A CWE"}],
    "cwe_ids": ["CWE-123"],
    "credits_detailed": [{"user": {"login": "octocat"}, "type": "remediation_developer", "state": "accepted"}],
    "collaborating_users": [{"login": "octokitten"}],
    "collaborating_teams": [{"name": "Justice League", "slug": "justice-league"}]
  })");
}

TEST(GithubJsonTest, ReadsTheDocumentedAdvisory) {
  auto g = GhsaFromJson(Documented(), "test");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->ghsa_id, "GHSA-abcd-1234-efgh");
  EXPECT_EQ(g->cve_id, "CVE-2050-00000");
  EXPECT_EQ(g->state, "published");
  EXPECT_EQ(g->severity, "critical");
  EXPECT_EQ(g->cvss_v3, "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:H");
  EXPECT_EQ(g->cvss_v4.substr(0, 8), "CVSS:4.0");
  EXPECT_EQ(g->cwe_ids, std::vector<std::string>{"CWE-123"});
  ASSERT_EQ(g->credits.size(), 1u);
  EXPECT_EQ(g->credits[0].login, "octocat");
  EXPECT_EQ(g->credits[0].type, "remediation_developer");
  ASSERT_EQ(g->vulnerabilities.size(), 1u);
  EXPECT_EQ(g->vulnerabilities[0].package, "a-package");
  EXPECT_EQ(g->vulnerabilities[0].vulnerable_version_range, ">= 1.0.0, < 1.0.1");
  EXPECT_EQ(g->vulnerabilities[0].patched_versions, "1.0.1");
  EXPECT_EQ(g->collaborating_users, std::vector<std::string>{"octokitten"});
  EXPECT_EQ(g->collaborating_teams, std::vector<std::string>{"justice-league"});
  EXPECT_FALSE(g->private_report);
  EXPECT_EQ(g->author, "octocat");
  SyncFields f = FieldsOfGhsa(*g);
  EXPECT_EQ(f.at("cvss"), g->cvss_v4);  // v4 preferred when both are given
  EXPECT_EQ(f.at("credits")[0]["type"], "remediation_developer");
}

TEST(GithubJsonTest, PrivateReportAndCwesFallback) {
  json j = Documented();
  j["state"] = "triage";
  j["submission"] = {{"accepted", false}};
  j.erase("cwe_ids");
  auto g = GhsaFromJson(j, "test");
  ASSERT_TRUE(g.ok());
  EXPECT_TRUE(g->private_report);
  EXPECT_EQ(g->cwe_ids, std::vector<std::string>{"CWE-123"});
}

TEST(GithubJsonTest, MalformedAnswersNameTheField) {
  auto list = ParseGhsaList("[{\"ghsa_id\": ", "GET /x (page 2)");
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.status().ToString().find("malformed JSON"), std::string::npos);
  EXPECT_NE(list.status().ToString().find("page 2"), std::string::npos);
  EXPECT_FALSE(ParseGhsaList("{}", "x").ok());  // not an array
  EXPECT_FALSE(ParseGhsaList("[4e4444444444444444444]", "x").ok());  // a number no double holds (found by the fuzzer)
  for (auto [key, value] : std::vector<std::pair<std::string, json>>{
           {"ghsa_id", 12}, {"ghsa_id", "GHSA-zzzz"}, {"state", "open"}, {"summary", json::array()},
           {"credits_detailed", json::array({{{"type", "finder"}}})}, {"cwe_ids", "CWE-1"},
           {"vulnerabilities", json::object()}, {"collaborating_users", json::array({1})}}) {
    json j = Documented();
    j[key] = value;
    auto g = GhsaFromJson(j, "where");
    ASSERT_FALSE(g.ok()) << key;
    EXPECT_NE(g.status().ToString().find(key), std::string::npos) << g.status().ToString();
  }
}

TEST(GithubJsonTest, Pulls) {
  json pr = {{"number", 77}, {"state", "closed"}, {"merged", true}, {"merged_at", "2026-11-02T10:00:00Z"},
             {"merge_commit_sha", std::string(40, 'a')}, {"base", {{"ref", "v3.6-branch"}}},
             {"head", {{"sha", std::string(40, 'b')}}}, {"title", "t"}, {"body", nullptr}};
  auto p = ParsePull(pr.dump(), "x");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->number, 77);
  EXPECT_TRUE(p->merged);
  EXPECT_EQ(p->base_ref, "v3.6-branch");
  EXPECT_EQ(p->merge_commit_sha, std::string(40, 'a'));
  pr.erase("merged");  // webhook shape: merged_at decides
  EXPECT_TRUE(ParsePull(pr.dump(), "x")->merged);
  pr["base"] = json::object();
  EXPECT_FALSE(ParsePull(pr.dump(), "x").ok());
  pr["base"] = {{"ref", "main"}};
  pr["merge_commit_sha"] = "xyz";
  EXPECT_FALSE(ParsePull(pr.dump(), "x").ok());
  auto commits = ParsePullCommits(json::array({{{"sha", std::string(40, 'c')}}}).dump(), "x");
  ASSERT_TRUE(commits.ok());
  EXPECT_EQ(commits->size(), 1u);
  EXPECT_FALSE(ParsePullCommits("[{\"sha\": 1}]", "x").ok());
}

TEST(GithubJsonTest, PatchBody) {
  std::vector<FieldChange> changes = {{"summary", "a", "b"},
                                      {"severity", "low", "high"},
                                      {"cvss", "", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
                                      {"credits", json::array(), json::array({{{"login", "x"}, {"type", "finder"}}})}};
  json body = GhsaPatchBody(changes, json::array());
  EXPECT_EQ(body["summary"], "b");
  EXPECT_FALSE(body.contains("severity"));  // the vector decides it
  EXPECT_EQ(body["cvss_vector_string"], "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  EXPECT_EQ(body["credits"][0]["login"], "x");
  EXPECT_TRUE(body.contains("vulnerabilities"));
}

TEST(GithubJsonTest, Webhooks) {
  auto d = ParseWebhook("repository_advisory",
                        R"({"action":"reported","repository_advisory":{"ghsa_id":"GHSA-2222-3333-4444"},"repository":{"full_name":"o/r"}})");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->ghsa_id, "GHSA-2222-3333-4444");
  EXPECT_EQ(d->repo, "o/r");
  d = ParseWebhook("pull_request", json({{"action", "closed"}, {"number", 5}, {"repository", {{"full_name", "o/r"}}},
                                         {"pull_request", {{"number", 5}, {"merged_at", "2026-11-01T00:00:00Z"}, {"base", {{"ref", "v3.6-branch"}}}}}})
                                       .dump());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->pull->number, 5);
  EXPECT_TRUE(d->pull->merged);
  EXPECT_FALSE(ParseWebhook("issues", "{}").ok());
  EXPECT_FALSE(ParseWebhook("repository_advisory", "{\"action\":1}").ok());
  EXPECT_FALSE(ParseWebhook("repository_advisory", "{}").ok());
  EXPECT_FALSE(ParseWebhook("pull_request", "not json").ok());
  EXPECT_TRUE(ParseWebhook("ping", "{\"zen\":\"x\"}").ok());
}

}  // namespace
}  // namespace psirt
