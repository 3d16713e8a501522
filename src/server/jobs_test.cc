// Scheduled jobs: at most one runner per job across instances (a lease in
// the shared database), every run recorded and shown on /jobs; and HTTPS
// with --tls-cert/--tls-key (Secure session cookies).
#include "server/jobs.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "testing/test_server.h"

namespace psirt {
namespace {

using testing::TestServer;

TEST(ServerJobsTest, OneRunnerAtATimeEveryRunRecorded) {
  TestServer s;
  ServerContext& ctx = s.server().context();
  // Another instance holds the notify lease: this one does not run it.
  {
    auto store = ctx.pool->Acquire();
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Write([&](StoreTx& tx) -> Status {
      auto took = tx.TakeLease("job:notify", "other-instance", ctx.clock.Now(),
                               Timestamp::FromUnix(ctx.clock.Now().unix_seconds() + 60));
      EXPECT_TRUE(took.ok() && *took);
      return Status::Ok();
    }).ok());
  }
  auto skipped = RunJob(ctx, "notify");
  ASSERT_TRUE(skipped.ok());
  EXPECT_FALSE(skipped->has_value()) << "the other instance is running it";
  // Its lease expires: now this instance runs it, records it, releases it.
  s.clock().Set(Timestamp::FromUnix(s.clock().Now().unix_seconds() + 61));
  auto ran = RunJob(ctx, "notify");
  ASSERT_TRUE(ran.ok()) << ran.status().ToString();
  ASSERT_TRUE(ran->has_value());
  EXPECT_EQ((*ran)->job, "notify");
  auto again = RunJob(ctx, "notify");
  ASSERT_TRUE(again.ok() && again->has_value()) << "released after the run";
  // A job that cannot run (no repository for sync) is recorded as failed.
  auto sync = RunJob(ctx, "sync");
  ASSERT_TRUE(sync.ok() && sync->has_value());
  EXPECT_FALSE((*sync)->ok);
  EXPECT_EQ(RunJob(ctx, "rm -rf").status().code(), Status::Code::kInvalid);
  httplib::Client c = s.Client();
  auto runs = nlohmann::json::parse(c.Get("/api/v1/jobs", {{"Authorization", "Bearer " + s.Token("psirt")}})->body)["runs"];
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0]["job"], "sync");
  EXPECT_FALSE(runs[0]["ok"]);
  EXPECT_EQ(c.Get("/api/v1/jobs", {{"Authorization", "Bearer " + s.Token("maint-bt")}})->status, 403);
  auto [session, csrf] = s.WebLogin("psirt");
  auto page = c.Get("/jobs", {{"Cookie", session}});
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<td>notify</td>"), std::string::npos);
  EXPECT_NE(page->body.find("failed: "), std::string::npos);
}

// server.fetch_minutes' job: the clone's origin fetched, then the one sync
// (app/full_sync.h), so the server sees new commits without cron; the CLI's
// `sync --fetch` runs the same.
TEST(ServerJobsTest, TheFetchJobBringsNewCommitsThenSyncs) {
  testing::TempDir dir;
  std::string ws = dir / "demo", clone = ws + "/tinyrtos";
  ASSERT_EQ(testing::Psirt({"demo", ws}).exit_code, 0);
  auto git = [](std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-c", "user.name=t", "-c", "user.email=t@x.example"});
    auto r = testing::Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return testing::Chomp(r.out);
  };
  git({"clone", "-q", "--bare", clone, dir / "origin.git"});
  git({"-C", clone, "remote", "add", "origin", dir / "origin.git"});
  git({"-C", clone, "fetch", "-q", "origin"});
  git({"clone", "-q", dir / "origin.git", dir / "work"});
  git({"-C", dir / "work", "commit", "-q", "--allow-empty", "-m", "net: a new commit upstream"});
  git({"-C", dir / "work", "push", "-q", "origin", "HEAD:main"});
  std::string upstream = git({"-C", dir / "work", "rev-parse", "HEAD"});
  ASSERT_NE(git({"-C", clone, "rev-parse", "origin/main"}), upstream);
  ASSERT_EQ(testing::Psirt({"--workspace", ws, "user", "add", "lead", "--role", "psirt"}).exit_code, 0);
  std::string token = testing::Chomp(testing::Psirt({"--workspace", ws, "user", "token", "lead"}).out);
  testing::ServeProcess srv = testing::StartServe(ws, dir / "log");
  httplib::Client c("127.0.0.1", srv.port);
  auto r = c.Post("/api/v1/jobs/fetch", {{"Authorization", "Bearer " + token}}, "{}", "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto run = nlohmann::json::parse(r->body);
  EXPECT_TRUE(run["ok"].get<bool>()) << r->body;
  EXPECT_NE(run["message"].get<std::string>().find("fetched "), std::string::npos) << r->body;
  EXPECT_NE(run["message"].get<std::string>().find("advisories checked"), std::string::npos) << "then the sync";
  EXPECT_EQ(git({"-C", clone, "rev-parse", "origin/main"}), upstream) << "the clone has the new commit";
  kill(srv.pid, SIGTERM);
  int st;
  waitpid(srv.pid, &st, 0);
  close(srv.out);
  // The CLI's sync --fetch: the same steps; nothing new to fetch now.
  auto cli = testing::Psirt({"--workspace", ws, "--json", "sync", "--fetch"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  auto report = nlohmann::json::parse(cli.out);
  EXPECT_EQ(report["fetched_objects"], 0);
  EXPECT_GT(report["advisories"].get<int>(), 0);
  EXPECT_TRUE(nlohmann::json::parse(testing::Psirt({"--workspace", ws, "--json", "sync"}).out)["fetched_objects"].is_null())
      << "no fetch unless asked";
}

TEST(ServerTlsTest, HttpsWithSecureSessionCookies) {
  testing::TempDir dir;
  std::string cert = dir / "cert.pem", key = dir / "key.pem";
  auto gen = testing::Run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                           "-days", "2", "-subj", "/CN=127.0.0.1"});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::string ws = dir / "ws";
  ASSERT_EQ(testing::Psirt({"init", ws, "--project", "p"}).exit_code, 0);
  ASSERT_EQ(testing::Psirt({"--workspace", ws, "user", "add", "lead", "--role", "psirt"}).exit_code, 0);
  ASSERT_EQ(testing::Psirt({"--workspace", ws, "user", "passwd", "lead"}, ".", {}, "correct horse battery\n").exit_code, 0);
  testing::ServeProcess srv = testing::StartServe(ws, dir / "log", {"--tls-cert", cert, "--tls-key", key});
  httplib::SSLClient c("127.0.0.1", srv.port);
  c.enable_server_certificate_verification(false);  // self-signed for the test
  auto health = c.Get("/healthz");
  ASSERT_TRUE(health) << "HTTPS answers";
  EXPECT_EQ(health->status, 200);
  auto form = c.Get("/login");
  std::string cookie = form->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  std::string jar = cookie.substr(0, cookie.find(';'));
  std::string csrf = form->body.substr(form->body.find("name=\"csrf\" value=\"") + 19);
  csrf = csrf.substr(0, csrf.find('"'));
  auto login = c.Post("/login", {{"Cookie", jar}}, "name=lead&password=correct+horse+battery&csrf=" + csrf,
                      "application/x-www-form-urlencoded");
  ASSERT_EQ(login->status, 303);
  EXPECT_NE(login->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  httplib::Client plain("127.0.0.1", srv.port);
  auto refused = plain.Get("/healthz");
  EXPECT_TRUE(!refused || refused->status == 400) << "no plain HTTP on the TLS port";
  kill(srv.pid, SIGTERM);
  int st;
  waitpid(srv.pid, &st, 0);
  close(srv.out);
  // A key that does not match: a clear error, exit 1.
  auto bad = testing::Psirt({"--workspace", ws, "serve", "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", cert});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("TLS"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace psirt
