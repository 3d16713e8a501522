// Tests of psirt.yml reading: defaults round-trip, and every kind of bad input.
#include "formats/config_yaml.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

std::string Err(const std::string& yaml) {
  auto c = ParseConfigYaml(yaml, "psirt.yml");
  return c.ok() ? "ok" : c.status().ToString();
}

TEST(ConfigYamlTest, DefaultRoundTrips) {
  WorkspaceConfig c;
  c.project = "zephyr";
  c.advisory_prefix = "ZEPSEC";
  c.repository = "../zephyr";
  c.releases.lts_branches = {"v3.7-branch", "v2.7-branch"};
  c.cna.org_id = "e2e69745-5e70-4e92-8431-deb5529a81ad";
  auto back = ParseConfigYaml(DefaultConfigYaml(c), "psirt.yml");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->project, "zephyr");
  EXPECT_EQ(back->advisory_prefix, "ZEPSEC");
  EXPECT_EQ(back->repository, "../zephyr");
  EXPECT_EQ(back->policy.embargo_days, 90);
  EXPECT_EQ(back->policy.fix_target_days, 30);
  EXPECT_EQ(back->policy.acknowledge_days, 7);
  EXPECT_EQ(back->releases.tag_pattern, "v{major}.{minor}.{patch}");
  EXPECT_EQ(back->releases.branch_pattern, "v{major}.{minor}-branch");
  EXPECT_EQ(back->releases.lts_branches.size(), 2u);
  EXPECT_TRUE(back->releases.backport_to_lts);
  EXPECT_EQ(back->releases.backport_latest, 2);
}

TEST(ConfigYamlTest, MinimalFileUsesDefaults) {
  auto c = ParseConfigYaml("project: x\n", "psirt.yml");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->advisory_prefix, "PSIRT");
  EXPECT_EQ(c->policy.embargo_days, 90);
}

TEST(ConfigYamlTest, UnknownKeyNamesFileLineAndAllowedKeys) {
  EXPECT_EQ(Err("project: x\npolicy:\n  embargo_dayz: 90\n"),
            "psirt.yml:3: policy.embargo_dayz: unknown key (expected one of: acknowledge_days, "
            "cve_request_days, embargo_days, embargo_warning_days, fix_target_days, "
            "fix_warning_days)");
  EXPECT_EQ(Err("project: x\nfoo: 1\n").substr(0, 24), "psirt.yml:2: foo: unknow");
}

TEST(ConfigYamlTest, BadValues) {
  EXPECT_EQ(Err("project: x\npolicy:\n  embargo_days: -3\n"),
            "psirt.yml:3: policy.embargo_days: expected a whole number from 1 to 3650, got '-3'");
  EXPECT_EQ(Err("project: x\npolicy:\n  embargo_days: ninety\n").substr(0, 33),
            "psirt.yml:3: policy.embargo_days:");
  EXPECT_NE(Err("project: x\nadvisory_prefix: \"1X\"\n").find("psirt.yml:2: advisory_prefix"),
            std::string::npos);
  EXPECT_NE(Err("project: x\nreleases:\n  tag_pattern: \"release-{major}\"\n")
                .find("psirt.yml:3: releases.tag_pattern: pattern 'release-{major}' must contain {minor}"),
            std::string::npos);
  EXPECT_NE(Err("project: x\nreleases:\n  backport_policy:\n    lts: maybe\n")
                .find("psirt.yml:4: releases.backport_policy.lts: expected true or false"),
            std::string::npos);
  EXPECT_NE(Err("project: x\ncna:\n  org_id: nope\n").find("expected a UUID"), std::string::npos);
  EXPECT_NE(Err("project: x\nreleases:\n  lts_branches: v3.7-branch\n").find("expected a list"),
            std::string::npos);
  EXPECT_NE(Err("project: x\npolicy:\n  embargo_days: 20\n").find("longer than the embargo"),
            std::string::npos);
  EXPECT_EQ(Err("project: x\nserver:\n  connections_per_address: 0\n"),
            "psirt.yml:3: server.connections_per_address: expected a whole number from 1 to 100000, got '0'");
  EXPECT_NE(Err("project: x\nserver:\n  public_url: security.example.org\n").find("psirt.yml:3: server.public_url: expected an http:// or https:// URL"),
            std::string::npos);
}

TEST(ConfigYamlTest, CveServicesSettings) {
  auto c = ParseConfigYaml("project: x\ncve_services:\n  api_url: test\n  credentials_file: cve-api\n  update_minutes: 60\n", "psirt.yml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->cve_services.api_url, "test");
  EXPECT_EQ(*CveServicesBaseUrl(c->cve_services.api_url), "https://cveawg-test.mitre.org/api");
  EXPECT_EQ(c->cve_services.credentials_file, "cve-api");
  EXPECT_EQ(c->cve_services.update_minutes, 60);
  EXPECT_EQ(*CveServicesBaseUrl(ParseConfigYaml("project: x\n", "p")->cve_services.api_url), "https://cveawg.mitre.org/api");
  EXPECT_EQ(*CveServicesBaseUrl("https://cve.example.org/api/"), "https://cve.example.org/api");
  EXPECT_EQ(*CveServicesBaseUrl("http://127.0.0.1:8000/api"), "http://127.0.0.1:8000/api");
  EXPECT_EQ(Err("project: x\ncve_services:\n  api_url: http://cve.example.org/api\n"),
            "psirt.yml:3: cve_services.api_url: expected production, test or an https:// URL, got 'http://cve.example.org/api'");
  EXPECT_FALSE(CveServicesBaseUrl("http://127.0.0.1.evil.example/api").ok()) << "loopback only by address";
  EXPECT_FALSE(CveServicesBaseUrl("https://").ok());
  EXPECT_EQ(Err("project: x\ncve_services:\n  update_minutes: -1\n"),
            "psirt.yml:3: cve_services.update_minutes: expected a whole number from 0 to 10080, got '-1'");
  EXPECT_EQ(Err("project: x\ncve_services:\n  key: abc\n").substr(0, 47), "psirt.yml:3: cve_services.key: unknown key (exp");
}

TEST(ConfigYamlTest, MissingProjectDuplicateKeysAndMalformedYaml) {
  EXPECT_EQ(Err("advisory_prefix: X\n"), "psirt.yml:1: project: missing required key");
  EXPECT_EQ(Err("project: x\nproject: y\n"), "psirt.yml:2: project: duplicate key");
  EXPECT_NE(Err("project: [x\n").find("psirt.yml:"), std::string::npos);
  EXPECT_NE(Err("project: [x\n").find("not valid YAML"), std::string::npos);
  EXPECT_NE(Err("- a\n- b\n").find("expected a mapping"), std::string::npos);
  EXPECT_NE(Err("").find("expected a mapping"), std::string::npos);
  EXPECT_NE(Err("project: x\npolicy: 5\n").find("psirt.yml:2: policy: expected a mapping"),
            std::string::npos);
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

// Found by the config_yaml fuzz target: a folded scalar carrying a newline.
TEST(ConfigYamlTest, ControlCharactersAreRejectedAndNeverWrittenRaw) {
  EXPECT_NE(Err("project: \"a\\nb\"\n").find("psirt.yml:1: project: expected a single-line string"),
            std::string::npos);
  EXPECT_NE(Err("project: x\n\n g 0\n").find("psirt.yml:1: project: expected a single-line"),
            std::string::npos);
  WorkspaceConfig c;
  c.project = "tab\there";
  std::string text = DefaultConfigYaml(c);
  EXPECT_NE(text.find("project: \"tab\\x09here\""), std::string::npos) << text;
}

TEST(ConfigYaml, PatternsAreOneOrAList) {
  auto c = ParseConfigYaml("project: m\nreleases:\n  main_branch: development\n  tag_pattern: \"mbedtls-{major}.{minor}.{patch}\"\n"
                           "  branch_pattern: [\"mbedtls-{major}.{minor}\", \"archive/mbedtls-{major}.{minor}\"]\n"
                           "  lts_branches: [\"archive/mbedtls-2.28\"]\ncna:\n  own_cve_years: [\"2019-2023\", \"2025\"]\n",
                           "psirt.yml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->releases.branch_pattern, "mbedtls-{major}.{minor}");
  EXPECT_EQ(c->releases.more_branch_patterns, std::vector<std::string>{"archive/mbedtls-{major}.{minor}"});
  EXPECT_TRUE(c->cna.OwnsCveYear(2021));
  EXPECT_FALSE(c->cna.OwnsCveYear(2024));
  EXPECT_TRUE(c->cna.OwnsCveYear(2025));
  // Written back as read.
  auto again = ParseConfigYaml(DefaultConfigYaml(*c), "psirt.yml");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->releases.more_branch_patterns, c->releases.more_branch_patterns);
  EXPECT_EQ(again->cna.own_cve_years, c->cna.own_cve_years);
  for (const char* bad : {"releases:\n  branch_pattern: []\n", "releases:\n  branch_pattern: [\"x-{major}\"]\n",
                          "cna:\n  own_cve_years: [\"21\"]\n", "cna:\n  own_cve_years: [\"2023-2019\"]\n",
                          "server:\n  trusted_proxies: \"10.0.0.1\"\n"}) {
    auto r = ParseConfigYaml(std::string("project: m\n") + bad, "psirt.yml");
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_GT(r.status().line(), 0) << bad;
  }
}

}  // namespace
}  // namespace psirt
