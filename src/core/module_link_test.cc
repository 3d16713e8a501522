// Tests of the module link rules: which module holds an advisory's files,
// security contacts in SECURITY.md and security.txt (a hostile long text
// too), what a scan calls for, the module tasks of the agenda and the
// earlier of two embargoes.
#include "core/module_link.h"

#include <gtest/gtest.h>

#include "core/agenda.h"
#include "core/policy.h"
#include "core/summary.h"

namespace psirt {
namespace {

TEST(ModuleLink, TheModuleHoldingEveryFileByTheLongestPath) {
  std::map<std::string, std::string> paths = {{"zephyr", "zephyr"}, {"mbedtls", "modules/crypto/mbedtls"},
                                              {"tfm", "modules/tee/tf-m/trusted-firmware-m"}, {"tfm-parent", "modules/tee/tf-m"}};
  EXPECT_EQ(ModuleOfFiles({"modules/crypto/mbedtls/library/ssl.c"}, paths), "mbedtls");
  EXPECT_EQ(ModuleOfFiles({"modules/tee/tf-m/trusted-firmware-m/a.c", "modules/tee/tf-m/trusted-firmware-m/b/c.c"}, paths), "tfm");
  EXPECT_EQ(ModuleOfFiles({"modules/tee/tf-m/x.c"}, paths), "tfm-parent");
  EXPECT_EQ(ModuleOfFiles({"modules/crypto/mbedtls/a.c", "zephyr/b.c"}, paths), "") << "two modules: not one";
  EXPECT_EQ(ModuleOfFiles({"subsys/net/ip.c"}, paths), "");
  EXPECT_EQ(ModuleOfFiles({"modules/crypto/mbedtls"}, paths), "") << "the folder itself is not a file in it";
  EXPECT_EQ(ModuleOfFiles({"modules/crypto/mbedtls-extra/a.c"}, paths), "") << "a path prefix is not a folder";
  EXPECT_EQ(ModuleOfFiles({}, paths), "");
}

TEST(ModuleLink, SecurityContactsFromSecurityTxtThenAnyAddress) {
  EXPECT_EQ(SecurityContactIn("# RFC 9116\nContact: https://x.org/report\nContact: mailto:sec@x.org\nExpires: 2030-01-01\n"),
            "sec@x.org");
  EXPECT_EQ(SecurityContactIn("Please report to security@lists.example.org or via the portal."),
            "security@lists.example.org");
  EXPECT_EQ(SecurityContactIn("contact: MAILTO:psirt@vendor.com\n"), "psirt@vendor.com") << "any case";
  EXPECT_EQ(SecurityContactIn("Use GitHub's private vulnerability reporting."), "");
  EXPECT_EQ(SecurityContactIn(""), "");
  // A long run of address characters (a hostile file) is searched without exhausting the stack.
  std::string hostile(60000, 'a');
  EXPECT_EQ(SecurityContactIn(hostile), "");
  EXPECT_EQ(SecurityContactIn(std::string(70000, 'a') + "@example.org"), "") << "beyond the 64 KiB read";
  EXPECT_EQ(SecurityContactIn(std::string(30000, '@') + "x@y.org"), "x@y.org");
  EXPECT_EQ(SecurityContactIn("mail@localhost and a@b.c then real@example.com."), "real@example.com") << "the sentence's dot is not the domain's";
  EXPECT_EQ(SecurityContactIn(std::string(20000, 'a') + "@example.org"), std::string(20000, 'a') + "@example.org");
}

TEST(ModuleLink, WhatAScanCallsFor) {
  ModuleLink l;
  l.module = "mbedtls";
  l.vuln = "OSV-1";
  l.status = "vulnerable";
  l.pinned = std::string(40, 'a');
  l.fixed_upstream = {std::string(40, 'f')};
  ModuleScanView v;
  EXPECT_FALSE(ModuleScanChange(l, v)) << "module not scanned: the scan cannot tell";
  v.scanned = true;
  v.found = true;
  v.pinned = l.pinned;
  v.fixed = l.fixed_upstream;
  EXPECT_FALSE(ModuleScanChange(l, v)) << "as recorded";
  v.found = false;
  v.pinned = std::string(40, 'b');
  v.version = "3.6.3";
  auto moved = ModuleScanChange(l, v);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, "resolved");
  EXPECT_EQ(moved->pinned, v.pinned);
  EXPECT_EQ(moved->resolution, "the manifest pins 3.6.3 (bbbbbbbbbbbb), which the scan no longer finds vulnerable");
  moved->ApplyTo(l);
  EXPECT_FALSE(ModuleScanChange(l, v)) << "recorded once";
  v.found = true;
  v.suppressed = true;
  v.vex = "not_affected: component_not_present (psirt, bob)";
  auto vexed = ModuleScanChange(l, v);
  ASSERT_TRUE(vexed);
  EXPECT_EQ(vexed->resolution, "VEX not_affected: component_not_present (psirt, bob)");
  v.suppressed = false;
  auto back = ModuleScanChange(l, v);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, "vulnerable");
  EXPECT_EQ(back->resolution, "") << "the old resolution is cleared";
  ModuleLink reported;
  reported.module = "mbedtls";
  reported.origin = "report";
  EXPECT_FALSE(ModuleScanChange(reported, v)) << "no upstream vulnerability id: a scan cannot judge it";
}

TEST(ModuleLink, AgendaTasksAndTheEarlierEmbargo) {
  Policy p;
  AdvisorySummary a;
  a.id = "P-2026-0001";
  a.state = State::kTriage;
  a.acknowledged = true;
  a.reported_on = *Date::Parse("2026-01-01");
  a.module.module = "mbedtls";
  a.module.origin = "report";
  a.module.upstream = "https://github.com/zephyrproject-rtos/mbedtls";
  auto kinds = [&](Date on) {
    std::vector<std::string> out;
    for (const Task& t : BuildAgenda(std::span(&a, 1), p, on)) out.push_back(std::string(TaskKindName(t.kind)) + ": " + t.text);
    return out;
  };
  Date jan2 = *Date::Parse("2026-01-02");
  auto tasks = kinds(jan2);
  EXPECT_NE(std::find(tasks.begin(), tasks.end(),
                      "forward_upstream: forward the report under embargo to the security contact of mbedtls's upstream "
                      "(https://github.com/zephyrproject-rtos/mbedtls)"),
            tasks.end());
  a.module.forwarded_on = jan2;
  a.module.status = "vulnerable";
  a.module.pinned = std::string(40, 'a');
  a.module.fix_route = "fork";
  tasks = kinds(jan2);
  for (const std::string& t : tasks) EXPECT_EQ(t.find("forward_upstream"), std::string::npos) << t;
  EXPECT_NE(std::find(tasks.begin(), tasks.end(),
                      "module_pinned: module mbedtls pinned at a vulnerable revision (aaaaaaaaaaaa); no upstream fix "
                      "known yet; the fix goes to the fork: patch it and move the manifest to the patched revision"),
            tasks.end());
  // Ours ends 2026-04-01 (90 days); upstream's earlier end applies, a later one does not.
  EXPECT_EQ(DateOr(DeadlinesOf(p, a).embargo_ends), "2026-04-01");
  a.module.upstream_embargo = *Date::Parse("2026-03-01");
  EXPECT_EQ(DateOr(DeadlinesOf(p, a).embargo_ends), "2026-03-01");
  a.module.upstream_embargo = *Date::Parse("2026-05-01");
  EXPECT_EQ(DateOr(DeadlinesOf(p, a).embargo_ends), "2026-04-01");
  a.embargo_override = *Date::Parse("2026-06-01");
  a.module.upstream_embargo = *Date::Parse("2026-05-01");
  EXPECT_EQ(DateOr(DeadlinesOf(p, a).embargo_ends), "2026-05-01") << "earlier than an explicit end too";
}

TEST(ModuleLink, EventPayloadRoundTripsAndRefusesBadValues) {
  ModuleLink l;
  l.module = "m";
  l.aliases = {"CVE-1", "GHSA-x"};
  l.forwarded_on = *Date::Parse("2026-01-05");
  l.fix_route = "upstream";
  auto back = ev::ModuleChanged::FromJson(ev::ModuleChanged::Of(l).ToJson());
  ASSERT_TRUE(back.ok());
  ModuleLink r;
  back->ApplyTo(r);
  EXPECT_EQ(r.module, "m");
  EXPECT_EQ(r.aliases, l.aliases);
  EXPECT_EQ(DateOr(r.forwarded_on), "2026-01-05");
  EXPECT_EQ(r.fix_route, "upstream");
  EXPECT_FALSE(ev::ModuleChanged::FromJson({{"status", "maybe"}}).ok());
  EXPECT_FALSE(ev::ModuleChanged::FromJson({{"fix_route", "sideways"}}).ok());
  EXPECT_FALSE(ev::ModuleChanged::FromJson({{"forwarded_on", "yesterday"}}).ok());
  EXPECT_FALSE(ev::ModuleChanged::FromJson({{"aliases", "CVE-1"}}).ok());
}

}  // namespace
}  // namespace psirt
