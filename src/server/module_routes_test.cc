// The API's module security with need-to-know: a maintainer of the
// "West project: mbedtls" area sees mbedtls's findings and may decide on
// them, a maintainer of another area sees none and may not, the PSIRT sees
// every module; a VEX decision made through the API suppresses in the scan.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "app/vulndb_service.h"
#include "testing/test_server.h"
#include "testing/tfm_world.h"

namespace psirt {
namespace {

using nlohmann::json;

std::string Osv(const std::string& id, const std::string& repo, const std::string& intro, const std::string& fixed) {
  return R"({"schema_version":"1.6.0","id":")" + id + R"(","modified":"2024-01-01T00:00:00Z","affected":[{"package":)"
         R"({"ecosystem":"OSS-Fuzz","name":"m"},"ranges":[{"type":"GIT","repo":")" + repo +
         R"(","events":[{"introduced":")" + intro + R"("},{"fixed":")" + fixed + R"("}]}]}]})";
}

json Get(testing::TestServer& s, const std::string& user, const std::string& path, int* status = nullptr) {
  auto r = s.Client().Get(path, {{"Authorization", "Bearer " + s.Token(user)}});
  if (status) *status = r ? r->status : 0;
  return r ? json::parse(r->body, nullptr, false) : json();
}

int Post(testing::TestServer& s, const std::string& user, const std::string& path, const json& body, json* answer = nullptr) {
  auto r = s.Client().Post(path, {{"Authorization", "Bearer " + s.Token(user)}}, body.dump(), "application/json");
  if (r && answer) *answer = json::parse(r->body, nullptr, false);
  return r ? r->status : 0;
}

// A west topdir with two module clones (mbedtls, hal; commits a, bug, fix),
// the project's manifest pinning both at the bug, a team server on it and
// one OSV record per module imported. `configure` adjusts the server's
// options (and may commit the manifest) before the server starts.
struct ModuleWorld {
  testing::TempDir top;
  std::vector<std::string> mbed, hal;
  std::unique_ptr<testing::TestServer> server;
  std::string Manifest(const std::string& m, const std::string& h) const {
    return "manifest:\n  projects:\n"
           "    - name: mbedtls\n      url: https://github.com/zephyrproject-rtos/mbedtls\n"
           "      path: modules/crypto/mbedtls\n      revision: " + m + "\n"
           "    - name: hal\n      url: https://github.com/zephyrproject-rtos/hal\n"
           "      path: modules/hal\n      revision: " + h + "\n";
  }
  explicit ModuleWorld(const std::function<void(testing::TestServerOptions&, ModuleWorld&)>& configure = nullptr) {
    std::filesystem::create_directories(top / ".west");
    mbed = testing::CommitEach(top / "modules/crypto/mbedtls", "ssl.c", {"a\n", "bug\n", "fix\n"});
    hal = testing::CommitEach(top / "modules/hal", "hal.c", {"a\n", "bug\n", "fix\n"});
    testing::TestServerOptions o;
    o.modules_manifest = top / "zephyr/west.yml";
    if (configure) configure(o, *this);
    if (!std::filesystem::exists(o.modules_manifest)) testing::WriteFile(o.modules_manifest, Manifest(mbed[1], hal[1]));
    server = std::make_unique<testing::TestServer>(o);
    testing::WriteFile(top / "recs/OSV-A.json", Osv("OSV-A", "https://github.com/Mbed-TLS/mbedtls", mbed[1], mbed[2]));
    testing::WriteFile(top / "recs/OSV-B.json", Osv("OSV-B", "https://github.com/zephyrproject-rtos/hal", hal[1], hal[2]));
    auto store = OpenSqliteStore(server->root() + "/psirt.db", OpenMode::kExisting);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    if (store.ok()) EXPECT_TRUE(ImportVulns(**store, {top / "recs"}).ok());
  }
};

constexpr const char* kMbedtlsArea = "\"West project: mbedtls\":\n  status: maintained\n  maintainers:\n    - maint-net\n"
                                     "  files:\n    - modules/mbedtls/\n";

TEST(ModuleRoutes, FindingsAndVexDecisionsForThoseWhoNeedToKnow) {
  ModuleWorld world([](testing::TestServerOptions& o, ModuleWorld&) { o.maintainers_extra = kMbedtlsArea; });
  testing::TestServer& s = *world.server;
  auto ids = [](const json& scan) {
    std::set<std::string> out;
    for (const json& f : scan["findings"]) out.insert(f["module"].get<std::string>() + ":" + f["vulnerability"].get<std::string>());
    return out;
  };
  EXPECT_EQ(ids(Get(s, "psirt", "/api/v1/scan")), (std::set<std::string>{"mbedtls:OSV-A", "hal:OSV-B"}));
  EXPECT_EQ(ids(Get(s, "maint-net", "/api/v1/scan")), (std::set<std::string>{"mbedtls:OSV-A"}));
  json bt = Get(s, "maint-bt", "/api/v1/scan");
  EXPECT_TRUE(bt["findings"].empty());
  EXPECT_TRUE(bt["modules"].empty());
  EXPECT_EQ(Get(s, "psirt", "/api/v1/modules")["count"], 2);
  // Decisions: the module's maintainer may, another area's may not.
  json d = {{"module", "mbedtls"}, {"vulnerability", "OSV-A"}, {"status", "not_affected"},
            {"justification", "vulnerable_code_not_present"}};
  EXPECT_EQ(Post(s, "maint-bt", "/api/v1/vex", d), 403);
  EXPECT_EQ(Post(s, "maint-net", "/api/v1/vex", {{"module", "mbedtls"}, {"vulnerability", "OSV-A"}, {"status", "maybe"}}), 400);
  EXPECT_EQ(Post(s, "maint-net", "/api/v1/vex", d), 200);
  json scan = Get(s, "maint-net", "/api/v1/scan");
  EXPECT_EQ(scan["suppressed"], 1);
  EXPECT_EQ(scan["vulnerable"], 0);
  json vex = Get(s, "psirt", "/api/v1/vex");
  ASSERT_EQ(vex["decisions"].size(), 1u);
  EXPECT_EQ(vex["decisions"][0]["author"], "maint-net");
  EXPECT_TRUE(Get(s, "maint-bt", "/api/v1/vex")["decisions"].empty());
  // Exported in each format, with the same need-to-know.
  json cdx = Get(s, "maint-net", "/api/v1/vex/export?format=cyclonedx");
  ASSERT_EQ(cdx["vulnerabilities"].size(), 1u) << cdx;
  EXPECT_EQ(cdx["vulnerabilities"][0]["analysis"]["state"], "not_affected");
  EXPECT_EQ(cdx["vulnerabilities"][0]["analysis"]["justification"], "code_not_present");
  EXPECT_EQ(Get(s, "psirt", "/api/v1/vex/export?format=csaf")["document"]["category"], "csaf_vex");
  EXPECT_EQ(Get(s, "psirt", "/api/v1/vex/export?format=openvex")["statements"].size(), 1u);
  int status = 0;
  Get(s, "maint-bt", "/api/v1/vex/export?format=openvex", &status);
  EXPECT_EQ(status, 400) << "nothing they may see: no document";
  Get(s, "psirt", "/api/v1/vex/export?format=spdx", &status);
  EXPECT_EQ(status, 400);
  Get(s, "psirt", "/api/v1/scan?x=1", &status);
  EXPECT_EQ(status, 400);  // unknown query parameters are refused, named

  // The dashboard: the same findings, and a decision made from the page.
  auto [cookie, csrf] = s.WebLogin("maint-net");
  httplib::Headers h = {{"Cookie", cookie}};
  auto page = s.Client().Get("/modules", h);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("OSV-A"), std::string::npos);
  EXPECT_EQ(page->body.find("OSV-B"), std::string::npos);  // hal is not theirs
  auto posted = s.Client().Post("/modules/vex", h,
                                "csrf=" + csrf + "&module=mbedtls&vulnerability=OSV-A&status=affected&note=bump+it",
                                "application/x-www-form-urlencoded");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 303);
  json after = Get(s, "psirt", "/api/v1/vex");
  ASSERT_EQ(after["decisions"].size(), 1u);
  EXPECT_EQ(after["decisions"][0]["status"], "affected");
  auto [bt_cookie, bt_csrf] = s.WebLogin("maint-bt");
  auto refused = s.Client().Post("/modules/vex", {{"Cookie", bt_cookie}},
                                 "csrf=" + bt_csrf + "&module=mbedtls&vulnerability=OSV-A&status=fixed",
                                 "application/x-www-form-urlencoded");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);
}

// Handling from the server: the PSIRT opens an advisory from a finding
// (API and page), forwards it to upstream (a dry run shows the message)
// and records upstream's answers; maintainers may not.
TEST(ModuleRoutes, FindingsOpenAsAdvisoriesForwardedAndAnsweredByThePsirt) {
  ModuleWorld world([](testing::TestServerOptions& o, ModuleWorld&) { o.notify_from = "Security <security@example.org>"; });
  testing::TestServer& s = *world.server;
  const std::vector<std::string>& mbed = world.mbed;
  const std::vector<std::string>& hal = world.hal;
  json open = {{"module", "mbedtls"}, {"vulnerability", "OSV-A"}};
  EXPECT_EQ(Post(s, "maint-net", "/api/v1/scan/open", open), 403);
  json a;
  ASSERT_EQ(Post(s, "psirt", "/api/v1/scan/open", open, &a), 201) << a;
  std::string id = a["id"];
  EXPECT_EQ(a["module"]["vuln"], "OSV-A");
  EXPECT_EQ(a["module"]["pinned"], mbed[1]);
  EXPECT_EQ(a["module"]["status"], "vulnerable");
  EXPECT_EQ(Post(s, "psirt", "/api/v1/scan/open", open), 409);

  const std::string base = "/api/v1/advisories/" + id;
  EXPECT_EQ(Post(s, "maint-net", base + "/forward", {{"to", "sec@mbed.example"}, {"dry_run", true}}), 403);
  json dry;
  ASSERT_EQ(Post(s, "psirt", base + "/forward", {{"to", "sec@mbed.example"}, {"dry_run", true}}, &dry), 200) << dry;
  EXPECT_EQ(dry["to"], "sec@mbed.example");
  EXPECT_EQ(dry["contact_from"], "--to");
  EXPECT_NE(dry["subject"].get<std::string>().find("[EMBARGOED] Vulnerability in mbedtls"), std::string::npos);
  // Delivering needs the server's mbox or SMTP: refused, nothing recorded.
  EXPECT_EQ(Post(s, "psirt", base + "/forward", {{"to", "sec@mbed.example"}}), 400);
  json answered;
  EXPECT_EQ(Post(s, "psirt", base + "/upstream", {{"route", "sideways"}}), 400);
  EXPECT_EQ(Post(s, "maint-net", base + "/upstream", {{"route", "fork"}}), 403);
  ASSERT_EQ(Post(s, "psirt", base + "/upstream", {{"route", "fork"}, {"advisory", "GHSA-aaaa-bbbb-cccc"},
                                                   {"fixed", {"3.6.3"}}, {"embargo", "2026-01-01"}}, &answered), 200) << answered;
  EXPECT_EQ(answered["module"]["fix_route"], "fork");
  EXPECT_EQ(answered["module"]["upstream_advisory"], "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(answered["module"]["fixed_upstream"], json::array({"3.6.3"}));
  EXPECT_FALSE(answered["module"].contains("forwarded_on")) << "the refused delivery recorded nothing";
  EXPECT_EQ(answered["embargo_ends"], "2026-01-01") << "upstream's earlier end";

  // The dashboard: the PSIRT's Open button, the page's module section and forms.
  auto [cookie, csrf] = s.WebLogin("psirt");
  httplib::Headers h = {{"Cookie", cookie}};
  auto page = s.Client().Get("/modules", h);
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("action=\"/modules/open\""), std::string::npos);
  auto posted = s.Client().Post("/modules/open", h, "csrf=" + csrf + "&module=hal&vulnerability=OSV-B",
                                "application/x-www-form-urlencoded");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 303);
  std::string location = posted->get_header_value("Location");
  EXPECT_EQ(location.rfind("/advisories/PSIRT-", 0), 0u) << location;
  auto adv = s.Client().Get(location, h);
  ASSERT_TRUE(adv);
  EXPECT_NE(adv->body.find("id=\"module\""), std::string::npos);
  EXPECT_NE(adv->body.find("pinned at a vulnerable revision " + hal[1].substr(0, 12)), std::string::npos);
  EXPECT_NE(adv->body.find("/module-upstream"), std::string::npos);
  auto answer = s.Client().Post(location + "/module-upstream", h, "csrf=" + csrf + "&advisory=HAL-1&fixed=abc,+def",
                                "application/x-www-form-urlencoded");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 303);
  json shown = Get(s, "psirt", "/api/v1" + location);
  EXPECT_EQ(shown["module"]["upstream_advisory"], "HAL-1");
  EXPECT_EQ(shown["module"]["fixed_upstream"], json::array({"abc", "def"}));
  // A maintainer's page has no Open button and may not post.
  auto [m_cookie, m_csrf] = s.WebLogin("maint-net");
  auto m_page = s.Client().Get("/modules", {{"Cookie", m_cookie}});
  ASSERT_TRUE(m_page);
  EXPECT_EQ(m_page->body.find("action=\"/modules/open\""), std::string::npos);
  auto m_post = s.Client().Post("/modules/open", {{"Cookie", m_cookie}}, "csrf=" + m_csrf + "&module=mbedtls&vulnerability=OSV-A",
                                "application/x-www-form-urlencoded");
  ASSERT_TRUE(m_post);
  EXPECT_NE(m_post->status, 303);
}

// What each release shipped, from the server: the PSIRT sees every module,
// a maintainer their own, another area's maintainer none; the page too.
TEST(ModuleRoutes, ReleaseExposureForThoseWhoNeedToKnow) {
  ModuleWorld world([](testing::TestServerOptions& o, ModuleWorld& w) {
    auto shas = testing::CommitEach(w.top / "zephyr", "west.yml", {w.Manifest(w.mbed[1], w.hal[1]), w.Manifest(w.mbed[2], w.hal[1])});
    testing::Run({"git", "-C", w.top / "zephyr", "tag", "v1.0.0", shas[0]});
    testing::Run({"git", "-C", w.top / "zephyr", "tag", "v1.0.1", shas[1]});
    o.repository = w.top / "zephyr";
    o.maintainers_extra = kMbedtlsArea;
  });
  testing::TestServer& s = *world.server;
  auto rows = [](const json& h) {
    std::map<std::string, std::string> out;
    for (const json& v : h["vulnerabilities"])
      out[v["vulnerability"]] = v["first_release_without"].is_string() ? v["first_release_without"].get<std::string>() : "-";
    return out;
  };
  json all = Get(s, "psirt", "/api/v1/scan/history");
  EXPECT_EQ(rows(all), (std::map<std::string, std::string>{{"OSV-A", "v1.0.1"}, {"OSV-B", "-"}})) << all;
  EXPECT_EQ(all["releases"].size(), 2u);
  EXPECT_EQ(rows(Get(s, "maint-net", "/api/v1/scan/history")), (std::map<std::string, std::string>{{"OSV-A", "v1.0.1"}}));
  json bt = Get(s, "maint-bt", "/api/v1/scan/history");
  EXPECT_TRUE(bt["vulnerabilities"].empty());
  EXPECT_TRUE(bt["releases"][0]["vulnerable"].empty());
  auto [cookie, csrf] = s.WebLogin("maint-net");
  auto page = s.Client().Get("/modules/history", {{"Cookie", cookie}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("OSV-A"), std::string::npos);
  EXPECT_EQ(page->body.find("OSV-B"), std::string::npos);
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

TEST(ModuleRoutes, IdentityBundledCodeAndProposedPatches) {
  ModuleWorld world;
  // The HAL carries a copy of lwIP.
  std::string hal = world.top / "modules/hal";
  testing::WriteFile(hal + "/third_party/lwip/src/include/lwip/init.h",
                     "#define LWIP_VERSION_MAJOR 2\n#define LWIP_VERSION_MINOR 1\n#define LWIP_VERSION_REVISION 3\n");
  testing::Run({"git", "-C", hal, "add", "-A"});
  ASSERT_EQ(testing::Run({"git", "-C", hal, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "--amend",
                          "--no-edit"}).exit_code, 0);
  std::string head = testing::Chomp(testing::Run({"git", "-C", hal, "rev-parse", "HEAD"}).out);
  testing::WriteFile(world.top / "zephyr/west.yml", world.Manifest(world.mbed[1], head));
  testing::TestServer& s = *world.server;
  json j = Get(s, "maint-net", "/api/v1/modules/identify");
  ASSERT_EQ(j["modules"].size(), 2u) << j;
  EXPECT_EQ(j["modules"][0]["upstream"], "mbedtls");
  EXPECT_EQ(j["modules"][0]["confidence"], "low");  // a fork without release tags
  ASSERT_EQ(j["modules"][1]["bundled"].size(), 1u);
  EXPECT_EQ(j["modules"][1]["bundled"][0]["name"], "lwip");
  EXPECT_EQ(j["modules"][1]["bundled"][0]["version"], "2.1.3");
  EXPECT_EQ(j["modules"][1]["bundled"][0]["cpes"][0], "cpe:2.3:a:lwip_project:lwip:2.1.3:*:*:*:*:*:*:*");
  auto mbox = s.Client().Get("/api/v1/modules/identify/patches", {{"Authorization", "Bearer " + s.Token("psirt")}});
  ASSERT_TRUE(mbox);
  EXPECT_EQ(mbox->status, 200);
  EXPECT_EQ(mbox->get_header_value("Content-Type").rfind("application/mbox", 0), 0u);
  size_t patches = 0;
  for (size_t at = mbox->body.find("Subject: [PATCH]"); at != std::string::npos; at = mbox->body.find("Subject: [PATCH]", at + 1))
    ++patches;
  EXPECT_EQ(patches, 2u);  // neither module has a module.yml
  EXPECT_EQ(s.Client().Get("/api/v1/modules/identify")->status, 401);
  int status = 0;
  Get(s, "psirt", "/api/v1/modules/identify?all=1", &status);
  EXPECT_EQ(status, 400);

  auto [cookie, csrf] = s.WebLogin("maint-net");
  auto page = s.Client().Get("/modules/identity", {{"Cookie", cookie}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("id=\"identity\""), std::string::npos);
  EXPECT_NE(page->body.find("lwIP 2.1.3 at third_party/lwip - version header"), std::string::npos) << page->body;
  EXPECT_NE(s.Client().Get("/modules", {{"Cookie", cookie}})->body.find("href=\"/modules/identity\""), std::string::npos);

  // Constraints: the HAL needs a module the manifest does not have.
  EXPECT_EQ(Get(s, "maint-net", "/api/v1/modules/check")["problems"], 0);
  testing::WriteFile(hal + "/zephyr/module.yml", "name: hal\nrequires:\n  - module: cmsis\n    version: \">=5.9\"\n");
  json check = Get(s, "maint-net", "/api/v1/modules/check");
  EXPECT_EQ(check["problems"], 1);
  ASSERT_EQ(check["findings"].size(), 1u) << check;
  EXPECT_EQ(check["findings"][0]["kind"], "missing");
  EXPECT_EQ(check["findings"][0]["line"], 3);
  auto constraints = s.Client().Get("/modules/constraints", {{"Cookie", cookie}});
  ASSERT_TRUE(constraints);
  EXPECT_EQ(constraints->status, 200);
  EXPECT_NE(constraints->body.find("the manifest has no project cmsis"), std::string::npos) << constraints->body;
  // ... and it is on the team's agenda, not a reporter's.
  json todo = Get(s, "psirt", "/api/v1/todo");
  ASSERT_FALSE(todo["tasks"].empty()) << todo;
  EXPECT_EQ(todo["tasks"][0]["task"], "module_constraint");
  EXPECT_EQ(todo["tasks"][0]["advisory"], "");
  EXPECT_EQ(todo["tasks"][0]["text"], "Because hal requires cmsis and the manifest has no project cmsis, hal cannot be built.");
  auto agenda = s.Client().Get("/", {{"Cookie", cookie}});
  ASSERT_TRUE(agenda);
  EXPECT_NE(agenda->body.find("<a href=\"/modules/constraints\">modules</a>"), std::string::npos);
}

// modules solve through the API and on the constraints page: the same
// service as the CLI, its options from the query, bad ones a 400 naming
// the parameter.
TEST(ModuleRoutes, SolveThroughTheApiAndThePage) {
  testing::TfmWorld w;
  w.Pin("TF-Mv2.1.4", "v3.5.2");
  testing::TestServerOptions o;
  o.modules_manifest = w.manifest;
  testing::TestServer s(o);
  json sol = Get(s, "psirt", "/api/v1/modules/solve");
  ASSERT_TRUE(sol["solved"].get<bool>()) << sol;
  EXPECT_EQ(sol["changes"], 1);
  EXPECT_EQ(sol["modules"][0]["module"], "mbedtls");
  EXPECT_TRUE(sol["modules"][0]["changed"].get<bool>());
  EXPECT_NE(sol["manifest"].get<std::string>().find("revision: v3.6."), std::string::npos) << sol;

  sol = Get(s, "maint-net", "/api/v1/modules/solve?prefer=newest&with=trusted-firmware-m%401.7.0");
  ASSERT_TRUE(sol["solved"].get<bool>()) << sol;
  EXPECT_EQ(sol["modules"][0]["to"]["tag"], "v3.2.0");
  EXPECT_EQ(sol["modules"][1]["to"]["tag"], "TF-Mv1.7.0");

  sol = Get(s, "psirt", "/api/v1/modules/solve?with=trusted-firmware-m%401.3.0");
  EXPECT_FALSE(sol["solved"].get<bool>());
  EXPECT_EQ(sol["explanation"].back(), "So no choice of revisions satisfies every constraint together with the --with requests.");

  int status = 0;
  json bad = Get(s, "psirt", "/api/v1/modules/solve?prefer=oldest", &status);
  EXPECT_EQ(status, 400) << bad;
  bad = Get(s, "psirt", "/api/v1/modules/solve?with=mbedtls", &status);
  EXPECT_EQ(status, 400) << bad;
  Get(s, "psirt", "/api/v1/modules/solve?bogus=1", &status);
  EXPECT_EQ(status, 400);

  auto [cookie, csrf] = s.WebLogin("psirt");
  auto page = s.Client().Get("/modules/constraints", {{"Cookie", cookie}});
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("id=\"solve\""), std::string::npos);
  EXPECT_EQ(page->body.find("id=\"solution\""), std::string::npos);
  page = s.Client().Get("/modules/constraints?prefer=minimal-change&with=mbedtls%403.6.3&solve=1", {{"Cookie", cookie}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("1 of 2 modules change."), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("<td>3.5.2 (v3.5.2)</td><td>3.6.3 (v3.6.3)</td>"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("revision: v3.6.3"), std::string::npos);
  page = s.Client().Get("/modules/constraints?with=trusted-firmware-m%401.3.0", {{"Cookie", cookie}});
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("No solution:"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("and no revision of mbedtls on offer satisfies it"), std::string::npos);
}

}  // namespace
}  // namespace psirt
