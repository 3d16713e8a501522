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
