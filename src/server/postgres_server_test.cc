// PostgreSQL for teams: `psirt migrate` moves a SQLite workspace (events,
// accounts, attachments...) and verifies it; two `psirt serve` processes
// on one database never lose a concurrent write. Needs PSIRT_TEST_PG (the
// CI's throw-away cluster); skipped without it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <set>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "testing/pg_database.h"
#include "testing/test_server.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::Psirt;
using testing::TempDir;

TEST(PostgresServerTest, MigrateMovesEverythingAndVerifies) {
  if (testing::PgDatabase::Server().empty()) GTEST_SKIP() << "PSIRT_TEST_PG not set";
  testing::PgDatabase pg;
  TempDir dir;
  std::string ws = dir / "ws";
  ASSERT_EQ(Psirt({"demo", ws}).exit_code, 0);
  ASSERT_EQ(Psirt({"--workspace", ws, "user", "add", "lead", "--role", "psirt"}).exit_code, 0);
  ASSERT_EQ(Psirt({"--workspace", ws, "user", "token", "lead"}).exit_code, 0);
  auto r = Psirt({"--json", "migrate", "--from", "sqlite:" + ws + "/psirt.db", "--to", pg.url()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json copied = json::parse(r.out)["copied"];
  EXPECT_GT(copied["events"].get<int>(), 20);
  EXPECT_EQ(copied["users"], 1);
  EXPECT_EQ(copied["secrets"], 1);
  // A second migrate into the same database is refused: nothing doubled.
  auto again = Psirt({"migrate", "--from", "sqlite:" + ws + "/psirt.db", "--to", pg.url()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("empty database"), std::string::npos) << again.err;
  // The same workspace on PostgreSQL answers exactly as on SQLite.
  std::string ws_pg = dir / "ws-pg";
  std::filesystem::create_directories(ws_pg);
  std::string yml = testing::ReadFile(ws + "/psirt.yml");
  testing::WriteFile(ws_pg + "/psirt.yml", yml + "\ndatabase: \"" + pg.url() + "\"\n");
  for (std::vector<std::string> cmd : {std::vector<std::string>{"list"}, {"show", "TRS-2026-0003"}, {"history", "TRS-2026-0003"},
                                       {"todo", "--as-of", "2026-11-20"}, {"user", "list"}}) {
    std::vector<std::string> a = {"--json", "--workspace", ws}, b = {"--json", "--workspace", ws_pg};
    a.insert(a.end(), cmd.begin(), cmd.end());
    b.insert(b.end(), cmd.begin(), cmd.end());
    auto x = Psirt(a), y = Psirt(b);
    ASSERT_EQ(x.exit_code, 0) << x.err;
    ASSERT_EQ(y.exit_code, 0) << y.err;
    EXPECT_EQ(json::parse(x.out), json::parse(y.out)) << cmd[0];
  }
  // And it takes new writes.
  EXPECT_EQ(Psirt({"--workspace", ws_pg, "--as", "lead", "note", "TRS-2026-0003", "on PostgreSQL now"}).exit_code, 0);
}

TEST(PostgresServerTest, TwoServersOneDatabaseLoseNoConcurrentWrite) {
  if (testing::PgDatabase::Server().empty()) GTEST_SKIP() << "PSIRT_TEST_PG not set";
  testing::PgDatabase pg;
  TempDir dir;
  std::string ws = dir / "ws";
  ASSERT_EQ(Psirt({"init", ws, "--project", "p", "--prefix", "P"}).exit_code, 0);
  testing::WriteFile(ws + "/psirt.yml", testing::ReadFile(ws + "/psirt.yml") + "\ndatabase: \"" + pg.url() + "\"\n");
  ASSERT_EQ(Psirt({"--workspace", ws, "--as", "lead", "report", "--title", "Shared", "--reporter", "A <a@b.example>"}).exit_code, 0);
  ASSERT_EQ(Psirt({"--workspace", ws, "user", "add", "lead", "--role", "psirt"}).exit_code, 0);
  std::string token = testing::Chomp(Psirt({"--workspace", ws, "user", "token", "lead"}).out);
  std::string id = json::parse(Psirt({"--workspace", ws, "--json", "list"}).out)[0]["id"];
  // Without jobs: nothing but the requests below (and notifications) tells a server of changes.
  testing::ServeProcess a = testing::StartServe(ws, dir / "a.log", {"--no-jobs"}), b = testing::StartServe(ws, dir / "b.log", {"--no-jobs"});
  std::atomic<int> acknowledged{0}, reports{0};
  std::vector<std::thread> writers;
  const int kWriters = testing::Sanitized() ? 6 : 20, kEach = testing::Sanitized() ? 5 : 15;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      httplib::Client c("127.0.0.1", (w % 2 ? a : b).port);
      httplib::Headers h = {{"Authorization", "Bearer " + token}};
      for (int i = 0; i < kEach; ++i) {
        auto r = c.Post(("/api/v1/advisories/" + id + "/notes").c_str(), h,
                        json{{"text", "w" + std::to_string(w) + " n" + std::to_string(i)}}.dump(), "application/json");
        if (r && r->status == 200) ++acknowledged;
      }
      // New reports from both servers at once: distinct ids.
      auto r = c.Post("/api/v1/advisories", h, json{{"title", "new " + std::to_string(w)}}.dump(), "application/json");
      if (r && r->status == 201) ++reports;
    });
  for (auto& t : writers) t.join();
  EXPECT_EQ(acknowledged, kWriters * kEach) << "every write succeeded (serialised, retried, never refused)";
  EXPECT_EQ(reports, kWriters);
  // Each server's list shows what the other one and a CLI process wrote:
  // the list cache learns of other writers from PostgreSQL's notifications
  // (it reads the change counter only then).
  ASSERT_EQ(Psirt({"--workspace", ws, "--as", "lead", "report", "--title", "From the CLI"}).exit_code, 0);
  for (testing::ServeProcess* s : {&a, &b}) {
    httplib::Client c("127.0.0.1", s->port);
    int total = 0;
    for (int tries = 0; tries < 100 && total != kWriters + 2; ++tries) {
      auto r = c.Get("/api/v1/advisories?limit=1", {{"Authorization", "Bearer " + token}});
      ASSERT_TRUE(r && r->status == 200);
      total = json::parse(r->body)["total"];
      if (total != kWriters + 2) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(total, kWriters + 2) << "every report, whichever process wrote it";
  }
  for (testing::ServeProcess* s : {&a, &b}) {
    kill(s->pid, SIGTERM);
    int st;
    waitpid(s->pid, &st, 0);
    close(s->out);
  }
  auto hist = json::parse(Psirt({"--workspace", ws, "--json", "history", id}).out);
  int notes = 0, expect_seq = 1;
  std::set<std::string> texts;
  for (const auto& e : hist) {
    EXPECT_EQ(e["seq"], expect_seq++) << "sequence numbers without gaps";
    if (e["kind"] == "noted") {
      ++notes;
      texts.insert(e["payload"]["text"].get<std::string>());
    }
  }
  EXPECT_EQ(notes, acknowledged.load());
  EXPECT_EQ(static_cast<int>(texts.size()), notes) << "each note once";
  auto list = json::parse(Psirt({"--workspace", ws, "--json", "list"}).out);
  std::set<std::string> ids;
  for (const auto& x : list) ids.insert(x["id"].get<std::string>());
  EXPECT_EQ(static_cast<int>(ids.size()), kWriters + 2) << "no two reports got the same id";
}

TEST(PostgresServerTest, ADatabaseOutageAnswers503AndTheServerRecovers) {
  if (testing::PgDatabase::Server().empty()) GTEST_SKIP() << "PSIRT_TEST_PG not set";
  testing::PgDatabase pg;
  TempDir dir;
  std::string ws = dir / "ws";
  std::string app = "psirt-outage-" + std::to_string(getpid());
  ASSERT_EQ(Psirt({"init", ws, "--project", "p", "--prefix", "P"}).exit_code, 0);
  testing::WriteFile(ws + "/psirt.yml", testing::ReadFile(ws + "/psirt.yml") + "\ndatabase: \"" + pg.url() +
                                            "&application_name=" + app + "\"\n");
  ASSERT_EQ(Psirt({"--workspace", ws, "--as", "lead", "report", "--title", "Bug", "--reporter", "A <a@b.example>"}).exit_code, 0);
  ASSERT_EQ(Psirt({"--workspace", ws, "user", "add", "lead", "--role", "psirt"}).exit_code, 0);
  std::string token = testing::Chomp(Psirt({"--workspace", ws, "user", "token", "lead"}).out);
  std::string id = json::parse(Psirt({"--workspace", ws, "--json", "list"}).out)[0]["id"];
  testing::ServeProcess srv = testing::StartServe(ws, dir / "log");
  httplib::Client c("127.0.0.1", srv.port);
  httplib::Headers h = {{"Authorization", "Bearer " + token}};
  std::string note = "/api/v1/advisories/" + id + "/notes";
  ASSERT_EQ(c.Post(note.c_str(), h, R"({"text":"before"})", "application/json")->status, 200);
  // The database drops every connection of the server (a restart, a failover).
  ASSERT_TRUE(pg.Sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + app + "'"));
  auto during = c.Post(note.c_str(), h, R"({"text":"during"})", "application/json");
  ASSERT_TRUE(during);
  EXPECT_EQ(during->status, 503) << during->body;
  EXPECT_EQ(json::parse(during->body)["error"]["code"], "unavailable");
  EXPECT_FALSE(during->get_header_value("Retry-After").empty());
  EXPECT_EQ(during->body.find("terminat"), std::string::npos) << "no database details for clients";
  // Each connection reconnects on its next use: the server comes back by itself.
  int status = 0;
  for (int i = 0; i < 10 && status != 200; ++i) status = c.Post(note.c_str(), h, R"({"text":"after"})", "application/json")->status;
  EXPECT_EQ(status, 200);
  EXPECT_EQ(c.Get("/healthz")->status, 200);
  kill(srv.pid, SIGTERM);
  int st;
  waitpid(srv.pid, &st, 0);
  close(srv.out);
  auto hist = json::parse(Psirt({"--workspace", ws, "--json", "history", id}).out);
  int during_notes = 0;
  for (const auto& e : hist) during_notes += e["payload"].value("text", "") == "during";
  EXPECT_EQ(during_notes, 0) << "a 503 wrote nothing";
}

}  // namespace
}  // namespace psirt
