// CVE Services on the team server, against the local stand-in
// (testing/cve_services_stub.h): the API's endpoints and the dashboard's
// /cve-services page and advisory section call the CLI's CveService, with
// the service and credentials from psirt.yml; PSIRT members only; the
// cve-update job republishes what changed, on its schedule in a real
// `psirt serve` after a backport and `psirt sync`; no response, request
// line or log line holds the API key.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "server/jobs.h"
#include "testing/cve_services_stub.h"
#include "testing/test_server.h"

namespace psirt {
namespace {

using nlohmann::json;

// psirt.yml's cve_services for `stub`, its credentials in a 0600 file.
std::string CveSettings(const testing::CveServicesStub& stub, const std::string& file, int update_minutes) {
  std::ofstream(file) << "ORG=" << stub.org() << "\nUSER=" << stub.user() << "\nKEY=" << stub.key() << "\n";
  ::chmod(file.c_str(), 0600);
  return "cve_services:\n  api_url: " + stub.url() + "\n  credentials_file: " + file +
         "\n  update_minutes: " + std::to_string(update_minutes) + "\n";
}

struct CveAnswer {
  int status = 0;
  json body;
  std::string text;
};

CveAnswer Ask(testing::TestServer& s, const std::string& user, const std::string& method, const std::string& path,
            const json& body = json::object()) {
  httplib::Headers h = {{"Authorization", "Bearer " + s.Token(user)}};
  auto r = method == "GET" ? s.Client().Get(path, h) : s.Client().Post(path, h, body.dump(), "application/json");
  if (!r) return {};
  return {r->status, json::parse(r->body, nullptr, false), r->body};
}

TEST(ServerCveServices, ApiAndPagesReservePublishUpdateAndReject) {
  testing::CveServicesStub stub;
  testing::TempDir creds;
  testing::TestServerOptions o;
  o.psirt_yml = CveSettings(stub, creds / "cve-api", 0);
  o.cna.vendor = o.cna.product = "testproj";
  o.cna.org_id = "00000000-0000-4000-8000-000000000000";
  testing::TestServer s(o);
  std::string pub = s.Id("pub"), bt = s.Id("bt");

  // PSIRT members only: a maintainer and anyone signed out are refused.
  EXPECT_EQ(Ask(s, "maint-bt", "GET", "/api/v1/cve-services/pool").status, 403);
  EXPECT_EQ(Ask(s, "maint-bt", "POST", "/api/v1/cve-services/reserve", {{"count", 1}}).status, 403);
  EXPECT_EQ(s.Client().Get("/api/v1/cve-services/pool")->status, 401);
  EXPECT_TRUE(stub.Requests().empty());

  CveAnswer reserved = Ask(s, "psirt", "POST", "/api/v1/cve-services/reserve", {{"count", 2}, {"sequential", true}});
  ASSERT_EQ(reserved.status, 200) << reserved.text;
  ASSERT_EQ(reserved.body["cve_ids"].size(), 2u);
  std::string first = reserved.body["cve_ids"][0]["cve_id"], second = reserved.body["cve_ids"][1]["cve_id"];
  EXPECT_EQ(stub.Id(first)["state"], "RESERVED");
  EXPECT_EQ(Ask(s, "psirt", "POST", "/api/v1/cve-services/reserve", {{"count", "2"}}).status, 400) << "a string is not a count";
  EXPECT_EQ(Ask(s, "psirt", "POST", "/api/v1/cve-services/reserve", {{"count", 0}}).status, 400);
  CveAnswer pool = Ask(s, "psirt", "GET", "/api/v1/cve-services/pool");
  ASSERT_EQ(pool.body["cve_ids"].size(), 2u) << pool.text;

  // The Public advisory gets the first free id, then is published.
  CveAnswer assigned = Ask(s, "psirt", "POST", "/api/v1/advisories/" + pub + "/cve/assign-reserved");
  ASSERT_EQ(assigned.status, 200) << assigned.text;
  EXPECT_EQ(assigned.body["advisory"]["cve_id"], first) << assigned.text;
  CveAnswer dry = Ask(s, "psirt", "POST", "/api/v1/advisories/" + pub + "/cve/publish", {{"dry_run", true}});
  ASSERT_EQ(dry.status, 200) << dry.text;
  EXPECT_EQ(dry.body["records"][0]["action"], "dry-run");
  json container = dry.body["records"][0]["request"]["cnaContainer"];
  EXPECT_EQ(container["providerMetadata"]["orgId"], stub.org_uuid());
  EXPECT_EQ(stub.Id(first)["state"], "RESERVED") << "a dry run sends nothing";
  CveAnswer sent = Ask(s, "psirt", "POST", "/api/v1/advisories/" + pub + "/cve/publish");
  ASSERT_EQ(sent.status, 200) << sent.text;
  EXPECT_EQ(sent.body["records"][0]["action"], "created");
  EXPECT_EQ(stub.Id(first)["state"], "PUBLISHED");
  EXPECT_EQ(stub.Id(first)["record"], container) << "the dry run showed what was sent";
  // Under embargo: refused, as in the CLI.
  ASSERT_EQ(Ask(s, "psirt", "POST", "/api/v1/advisories/" + bt + "/cve/assign-reserved").status, 200);
  CveAnswer early = Ask(s, "psirt", "POST", "/api/v1/advisories/" + bt + "/cve/publish");
  EXPECT_EQ(early.status, 400) << early.text;
  EXPECT_NE(early.text.find("under embargo"), std::string::npos) << early.text;
  EXPECT_EQ(stub.Id(second)["state"], "RESERVED");

  // update-all: nothing changed, then a credit changes the record.
  CveAnswer same = Ask(s, "psirt", "POST", "/api/v1/cve-services/update-all");
  ASSERT_EQ(same.status, 200) << same.text;
  ASSERT_EQ(same.body["records"].size(), 1u);
  EXPECT_EQ(same.body["records"][0]["action"], "unchanged");
  ASSERT_EQ(Ask(s, "psirt", "POST", "/api/v1/advisories/" + pub + "/credits", {{"name", "Bo"}, {"type", "finder"}}).status, 200);
  // The job the scheduler runs (and POST /api/v1/jobs/cve-update).
  CveAnswer job = Ask(s, "psirt", "POST", "/api/v1/jobs/cve-update");
  ASSERT_EQ(job.status, 200) << job.text;
  EXPECT_TRUE(job.body["ok"].get<bool>()) << job.text;
  EXPECT_EQ(job.body["message"], "1 CVE records updated, 0 unchanged");
  EXPECT_EQ(job.body["report"]["records"][0]["action"], "updated");
  EXPECT_NE(stub.Id(first)["record"]["credits"].dump().find("Bo"), std::string::npos) << stub.Id(first)["record"].dump();

  CveAnswer ids = Ask(s, "psirt", "GET", "/api/v1/cve-services/ids?state=published");
  ASSERT_EQ(ids.status, 200) << ids.text;
  ASSERT_EQ(ids.body["cve_ids"].size(), 1u);
  EXPECT_EQ(ids.body["cve_ids"][0]["cve_id"], first);
  EXPECT_EQ(Ask(s, "psirt", "GET", "/api/v1/cve-services/ids?state=lost").status, 400);
  CveAnswer quota = Ask(s, "psirt", "GET", "/api/v1/cve-services/quota");
  EXPECT_EQ(quota.body["total_reserved"], 1) << quota.text;  // the published one no longer counts
  CveAnswer rejected = Ask(s, "psirt", "POST", "/api/v1/cve-services/reject", {{"cve", second}, {"reason", "not needed"}});
  ASSERT_EQ(rejected.status, 200) << rejected.text;
  EXPECT_EQ(stub.Id(second)["state"], "REJECTED");
  EXPECT_EQ(Ask(s, "psirt", "POST", "/api/v1/cve-services/reject", {{"cve", second}}).status, 400) << "a reason is required";

  // The dashboard: the page with the pool, update-all's dry run, the
  // advisory page's section; none of it for a maintainer.
  auto [cookie, csrf] = s.WebLogin("psirt");
  httplib::Client c = s.Client();
  auto page = c.Get("/cve-services", {{"Cookie", cookie}});
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<td>" + first + "</td><td>RESERVED</td>"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("<td>" + second + "</td><td>REJECTED</td>"), std::string::npos);
  auto asked = c.Get("/cve-services?ask=1&state=published", {{"Cookie", cookie}});
  EXPECT_NE(asked->body.find("id=\"cve-quota\">Quota"), std::string::npos) << asked->body;
  EXPECT_NE(asked->body.find("<td>" + first + "</td><td>PUBLISHED</td>"), std::string::npos);
  auto update = c.Post("/cve-services/update-all", {{"Cookie", cookie}}, "csrf=" + csrf + "&dry_run=1", "application/x-www-form-urlencoded");
  ASSERT_EQ(update->status, 200);
  EXPECT_NE(update->body.find("<td>unchanged</td>"), std::string::npos) << update->body;
  auto forged = c.Post("/cve-services/update-all", {{"Cookie", cookie}}, "dry_run=1", "application/x-www-form-urlencoded");
  EXPECT_NE(forged->status, 200) << "no CSRF token, no action";
  auto advisory = c.Get("/advisories/" + pub, {{"Cookie", cookie}});
  EXPECT_NE(advisory->body.find(first + ": updated at CVE Services"), std::string::npos) << advisory->body;
  auto shown = c.Post("/advisories/" + pub + "/cve-publish", {{"Cookie", cookie}}, "csrf=" + csrf + "&dry_run=1",
                      "application/x-www-form-urlencoded");
  EXPECT_NE(shown->body.find("&quot;cnaContainer&quot;"), std::string::npos) << shown->body;
  auto [mcookie, mcsrf] = s.WebLogin("maint-bt");
  EXPECT_NE(c.Get("/cve-services", {{"Cookie", mcookie}})->status, 200);
  auto theirs = c.Get("/advisories/" + bt, {{"Cookie", mcookie}});
  ASSERT_EQ(theirs->status, 200);
  EXPECT_EQ(theirs->body.find("id=\"cve-record\""), std::string::npos) << "the section is the PSIRT's";

  // The key: in no request line or body the service saw, no answer, no log line.
  for (const auto& r : stub.Requests()) {
    EXPECT_EQ((r.path + r.query + r.body).find(stub.key()), std::string::npos);
    EXPECT_TRUE(r.key_in_header);
  }
  for (const std::string& text : {reserved.text, pool.text, sent.text, job.text, ids.text, quota.text, page->body, asked->body})
    EXPECT_EQ(text.find(stub.key()), std::string::npos);
  EXPECT_EQ(s.AccessLog().find(stub.key()), std::string::npos);
  EXPECT_NE(s.AccessLog().find("/api/v1/cve-services/reserve"), std::string::npos) << "the log is written";
}

// The scheduled job in a real `psirt serve`: after a backport and `psirt
// sync`, the server republishes the record on its own; the service's
// failure is a failed run with a clear message and no key.
TEST(ServerCveServices, TheScheduledJobUpdatesRecordsAfterABackport) {
  testing::CveServicesStub stub;
  testing::TempDir dir;
  std::string ws = dir / "demo", repo = ws + "/tinyrtos";
  ASSERT_EQ(testing::Psirt({"demo", ws}).exit_code, 0);
  std::ofstream(ws + "/psirt.yml", std::ios::app) << CveSettings(stub, dir / "cve-api", 1);
  stub.AddReserved("CVE-2026-10001");
  std::map<std::string, std::string> env = {{"PSIRT_USER", "alice@example.org"}};
  auto created = testing::Psirt({"--workspace", ws, "cve", "publish", "TRS-2026-0001"}, dir.path(), env);
  ASSERT_EQ(created.exit_code, 0) << created.err;
  json before = stub.Id("CVE-2026-10001")["record"];
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", repo, "-c", "user.name=T", "-c", "user.email=t@example.org"});
    auto r = testing::Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return testing::Chomp(r.out);
  };
  std::string fix = git({"log", "main", "--format=%H", "--grep=check echo request length"});
  git({"checkout", "-q", "v1.2-branch"});
  git({"cherry-pick", "-x", fix});
  git({"tag", "v1.2.1"});
  git({"checkout", "-q", "main"});
  ASSERT_EQ(testing::Psirt({"--workspace", ws, "sync"}, dir.path(), env).exit_code, 0);
  ASSERT_EQ(testing::Psirt({"--workspace", ws, "user", "add", "lead", "--role", "psirt"}).exit_code, 0);
  std::string token = testing::Chomp(testing::Psirt({"--workspace", ws, "user", "token", "lead"}).out);

  // The scheduler runs each job once at start, then every update_minutes.
  testing::ServeProcess srv = testing::StartServe(ws, dir / "log");
  httplib::Client c("127.0.0.1", srv.port);
  json runs;
  for (int i = 0; i < 200; ++i) {
    auto r = c.Get("/api/v1/jobs", {{"Authorization", "Bearer " + token}});
    ASSERT_TRUE(r);
    runs = json::parse(r->body)["runs"];
    if (!runs.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(runs.size(), 1u) << runs;
  EXPECT_EQ(runs[0]["job"], "cve-update");
  EXPECT_TRUE(runs[0]["ok"].get<bool>()) << runs;
  EXPECT_EQ(runs[0]["message"], "1 CVE records updated, 0 unchanged");
  json after = stub.Id("CVE-2026-10001")["record"];
  EXPECT_NE(after["affected"], before["affected"]);
  EXPECT_NE(after["affected"].dump().find("\"1.2.1\""), std::string::npos) << after["affected"];
  auto history = testing::Psirt({"--workspace", ws, "history", "TRS-2026-0001"});
  EXPECT_NE(history.out.find("psirt-cve-update"), std::string::npos) << history.out;

  // The service refuses the key: a failed run that says why, without it.
  ASSERT_EQ(testing::Psirt({"--workspace", ws, "credit", "TRS-2026-0001", "Bo", "--type", "finder"}, dir.path(), env).exit_code, 0);
  stub.Script("/cve/", 401, R"({"error":"UNAUTHORIZED","message":"Unauthorized"})");
  auto job = c.Post("/api/v1/jobs/cve-update", {{"Authorization", "Bearer " + token}}, "{}", "application/json");
  ASSERT_TRUE(job);
  json failed = json::parse(job->body);
  EXPECT_FALSE(failed["ok"].get<bool>()) << job->body;
  EXPECT_NE(failed["message"].get<std::string>().find("401"), std::string::npos) << job->body;
  EXPECT_EQ(job->body.find(stub.key()), std::string::npos);
  kill(srv.pid, SIGTERM);
  int st;
  waitpid(srv.pid, &st, 0);
  close(srv.out);
  std::ifstream log(dir / "log");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("/api/v1/jobs/cve-update"), std::string::npos) << "the access log was written";
  EXPECT_EQ(text.find(stub.key()), std::string::npos);
  for (const auto& r : stub.Requests()) EXPECT_EQ((r.path + r.query + r.body).find(stub.key()), std::string::npos);
}

}  // namespace
}  // namespace psirt
