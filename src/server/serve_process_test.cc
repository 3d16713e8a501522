// `psirt serve` as a process: it prints where it listens, SIGTERM stops it
// gracefully (requests in flight finish, every acknowledged write is in
// the database, nothing half-written), and the access log never holds
// tokens, cookies or bodies.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "testing/raw_client.h"
#include "testing/test_server.h"
#include "testing/test_support.h"


namespace psirt {
namespace {

using testing::Psirt;
using testing::TempDir;

TEST(ServeProcessTest, SigtermFinishesInFlightWritesAndLogsNoSecrets) {
  TempDir dir;
  std::string ws = dir / "ws";
  ASSERT_EQ(Psirt({"init", ws, "--project", "p", "--prefix", "P"}).exit_code, 0);
  ASSERT_EQ(Psirt({"--workspace", ws, "--as", "lead", "report", "--title", "Bug", "--reporter", "A <a@b.example>"}).exit_code, 0);
  ASSERT_EQ(Psirt({"--workspace", ws, "user", "add", "lead", "--role", "psirt"}).exit_code, 0);
  std::string token = Psirt({"--workspace", ws, "user", "token", "lead"}).out;
  token = testing::Chomp(token);
  ASSERT_EQ(token.rfind("psirt_", 0), 0u);
  std::string log = dir / "access.log";
  testing::ServeProcess srv = testing::StartServe(ws, log);
  std::string id = nlohmann::json::parse(Psirt({"--workspace", ws, "--json", "list"}).out)[0]["id"];
  std::atomic<int> acknowledged{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", srv.port);
      for (int i = 0; !stop && i < 10000; ++i) {
        auto r = c.Post(("/api/v1/advisories/" + id + "/notes").c_str(), {{"Authorization", "Bearer " + token}},
                        nlohmann::json{{"text", "note " + std::to_string(t) + "/" + std::to_string(i)}}.dump(), "application/json");
        if (!r) break;  // the server has stopped listening
        if (r->status == 200) ++acknowledged;
      }
    });
  while (acknowledged < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(kill(srv.pid, SIGTERM), 0);
  for (auto& w : writers) w.join();
  stop = true;
  int status = 0;
  ASSERT_EQ(waitpid(srv.pid, &status, 0), srv.pid);
  EXPECT_TRUE(WIFEXITED(status)) << "stopped by itself, not killed";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::string rest;
  char buf[256];
  ssize_t n;
  while ((n = read(srv.out, buf, sizeof buf)) > 0) rest.append(buf, n);
  close(srv.out);
  EXPECT_NE(rest.find("psirt: stopped"), std::string::npos);
  // Every acknowledged note is in the log of events, and nothing else was half-done.
  auto hist = nlohmann::json::parse(Psirt({"--workspace", ws, "--json", "history", id}).out);
  int notes = 0;
  for (const auto& e : hist) notes += e["kind"] == "noted";
  EXPECT_EQ(notes, acknowledged.load());
  std::string access = testing::ReadFile(log);
  EXPECT_NE(access.find("\"user\":\"lead\""), std::string::npos);
  EXPECT_EQ(access.find(token), std::string::npos);
  EXPECT_EQ(access.find("note 0/"), std::string::npos) << "no bodies in the log";
}

TEST(ServeProcessTest, SigtermDoesNotWaitForSlowClients) {
  TempDir dir;
  std::string ws = dir / "ws";
  ASSERT_EQ(Psirt({"init", ws, "--project", "p", "--prefix", "P"}).exit_code, 0);
  testing::ServeProcess srv = testing::StartServe(ws, dir / "access.log", {"--stop-grace", "10"});
  // Ten slow clients: half a head, a body that never comes, nothing at all.
  std::vector<testing::RawConnection> slow;
  for (int i = 0; i < 10; ++i) {
    slow.emplace_back(srv.port, "127.0.0.2");
    if (i % 3 == 0) slow.back().Send("GET /healthz HTTP/1.1\r\nHo");
    if (i % 3 == 1) slow.back().Send("POST /api/v1/reports HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 99\r\n\r\n{");
  }
  ASSERT_TRUE(testing::RawRequest(srv.port, "GET /healthz HTTP/1.1\r\n\r\n"));
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(kill(srv.pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(srv.pid, &status, 0), srv.pid);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_LT(took, 2.0) << "no request was in flight: the slow connections are dropped at once";
  for (auto& c : slow) EXPECT_TRUE(c.ClosedWithin(std::chrono::milliseconds(100)));
  close(srv.out);
}

}  // namespace
}  // namespace psirt
