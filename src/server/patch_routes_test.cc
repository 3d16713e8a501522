// Embargoed fixes on the team server: the Bluetooth maintainer attaches a
// series to the Bluetooth advisory and checks it; the PSIRT sees it; the
// Networking maintainer and the reporter get the not-found answer of a
// hidden advisory for the series, its text, its checks and its backport;
// the advisory page shows the section to insiders; the patch's text is in
// no log line.
#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace psirt {
namespace {

using nlohmann::json;

// A clone with a Bluetooth file on main and its fix on a private branch;
// the fix as git format-patch writes it.
std::string PrivateFix(testing::GitRepo& g) {
  g.Commit("subsys/bluetooth/l2cap.c", "int l2cap(void)\n{\n\treturn 0;\n}\n", "base");
  g.Git({"checkout", "-q", "-b", "private"});
  std::string fix = g.Commit("subsys/bluetooth/l2cap.c", "int l2cap(void)\n{\n\t/* ZZPATCHSECRET */\n\treturn 0;\n}\n", "bt: fix");
  std::string mbox = g.Git({"format-patch", "-1", "--stdout", fix}) + "\n";
  g.Git({"checkout", "-q", "main"});
  return mbox;
}

TEST(ServerPatches, OnlyTheNeedToKnowListSeesAnEmbargoedFix) {
  testing::GitRepo g;
  std::string mbox = PrivateFix(g);
  testing::TestServerOptions o;
  o.repository = g.dir();
  testing::TestServer s(o);
  std::string bt = s.Id("bt");
  httplib::Client c = s.Client();
  auto as = [&](const std::string& user) { return httplib::Headers{{"Authorization", "Bearer " + s.Token(user)}}; };
  const std::string base = "/api/v1/advisories/" + bt + "/patches";

  json files = {{"files", json::array({{{"name", "fix.patch"}, {"text", mbox}}})}};
  auto added = c.Post(base, as("maint-bt"), files.dump(), "application/json");
  ASSERT_EQ(added->status, 200) << added->body;
  EXPECT_EQ(json::parse(added->body)["patches"][0]["subject"], "bt: fix");
  auto checked = c.Post(base + "/check", as("maint-bt"), R"({"branches":["main"]})", "application/json");
  ASSERT_EQ(checked->status, 200) << checked->body;
  EXPECT_EQ(json::parse(checked->body)["results"][0]["result"], "applies");

  auto listed = c.Get(base, as("psirt"));
  ASSERT_EQ(listed->status, 200);
  json l = json::parse(listed->body);
  EXPECT_EQ(l["series"].size(), 1u);
  EXPECT_EQ(l["checks"][0]["branch"], "main");
  auto text = c.Get(base + "/1", as("psirt"));
  ASSERT_EQ(text->status, 200);
  EXPECT_NE(text->body.find("ZZPATCHSECRET"), std::string::npos);

  // Outsiders: the answer a hidden advisory gets, for every part of it.
  std::string hidden = c.Get("/api/v1/advisories/" + bt, as("maint-net"))->body;
  for (const std::string& user : {std::string("maint-net"), std::string("ada")}) {
    for (const std::string& path : {base, base + "/1"}) {
      auto r = c.Get(path, as(user));
      EXPECT_EQ(r->status, 404) << user << " " << path;
      EXPECT_EQ(r->body, hidden);
    }
    EXPECT_EQ(c.Post(base + "/check", as(user), "{}", "application/json")->status, 404) << user;
    EXPECT_EQ(c.Post(base + "/backport", as(user), R"({"branch":"main"})", "application/json")->status, 404) << user;
    EXPECT_EQ(c.Post(base, as(user), files.dump(), "application/json")->status, 404) << user;
  }
  EXPECT_EQ(c.Get(base)->status, 401);
  EXPECT_EQ(json::parse(c.Get(base, as("psirt"))->body)["series"].size(), 1u) << "nothing added by outsiders";
  auto backport = c.Post(base + "/backport", as("psirt"), R"({"branch":"main"})", "application/json");
  ASSERT_EQ(backport->status, 200) << backport->body;
  EXPECT_TRUE(json::parse(backport->body)["applies"].get<bool>());

  // The page: the section for insiders, nothing for others.
  auto [cookie, csrf] = s.WebLogin("maint-bt");
  auto page = c.Get("/advisories/" + bt, {{"Cookie", cookie}});
  EXPECT_NE(page->body.find("id=\"patch-checks\""), std::string::npos);
  EXPECT_NE(page->body.find("<td>main</td><td class=\"\">applies</td>"), std::string::npos) << page->body;
  auto recheck = c.Post("/advisories/" + bt + "/patch-check", {{"Cookie", cookie}}, "csrf=" + csrf, "application/x-www-form-urlencoded");
  EXPECT_EQ(recheck->status, 303) << recheck->body;
  auto [ncookie, ncsrf] = s.WebLogin("maint-net");
  EXPECT_EQ(c.Get("/advisories/" + bt, {{"Cookie", ncookie}})->status, 404);
  EXPECT_EQ(c.Post("/advisories/" + bt + "/patch-check", {{"Cookie", ncookie}}, "csrf=" + ncsrf, "application/x-www-form-urlencoded")->status,
            404);

  // Tests: only when psirt.yml allows them here, the command only from psirt.yml.
  auto refused = c.Post(base + "/test", as("maint-bt"), R"({"branches":["main"]})", "application/json");
  EXPECT_EQ(refused->status, 403);
  EXPECT_NE(refused->body.find("patch.allow_test"), std::string::npos) << refused->body;
  EXPECT_EQ(c.Post(base + "/test", as("maint-net"), "{}", "application/json")->status, 404);

  EXPECT_EQ(s.AccessLog().find("ZZPATCHSECRET"), std::string::npos);
  EXPECT_NE(s.AccessLog().find("/patches"), std::string::npos) << "the requests are logged";
}

TEST(ServerPatches, TheServerRunsTestsWhenPsirtYmlAllowsIt) {
  testing::GitRepo g;
  std::string mbox = PrivateFix(g);
  testing::TestServerOptions o;
  o.repository = g.dir();
  o.psirt_yml = "patch:\n  allow_test: true\n  test_command: 'grep -c ZZPATCHSECRET subsys/bluetooth/l2cap.c'\n";
  testing::TestServer s(o);
  std::string base = "/api/v1/advisories/" + s.Id("bt") + "/patches";
  httplib::Headers h = {{"Authorization", "Bearer " + s.Token("maint-bt")}};
  json files = {{"files", json::array({{{"name", "fix.patch"}, {"text", mbox}}})}};
  ASSERT_EQ(s.Client().Post(base, h, files.dump(), "application/json")->status, 200);
  EXPECT_EQ(s.Client().Post(base + "/test", h, R"({"command":"rm -rf /"})", "application/json")->status, 400)
      << "no command in a request";
  auto ran = s.Client().Post(base + "/test", h, R"({"branches":["main"]})", "application/json");
  ASSERT_EQ(ran->status, 200) << ran->body;
  json r = json::parse(ran->body)["results"][0];
  EXPECT_EQ(r["result"], "passed") << r;
  EXPECT_EQ(r["output"], "1\n");
  EXPECT_EQ(json::parse(s.Client().Get(base, h)->body)["tests"][0]["result"], "passed");
  EXPECT_EQ(g.Git({"worktree", "list"}).find("psirt-wt-"), std::string::npos) << "removed after the run";
}

}  // namespace
}  // namespace psirt
