// The CLI against a team server (--server URL, PSIRT_TOKEN): every
// command that writes works remotely and is recorded with the token's
// account; reads show only what that account may see; errors keep the
// local exit statuses.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "testing/test_server.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::Psirt;
using testing::TempDir;

TEST(RemoteCliTest, EveryWriteWorksThroughTheServer) {
  TempDir dir;
  std::string ws = dir / "ws";
  ASSERT_EQ(Psirt({"init", ws, "--project", "p", "--prefix", "P"}).exit_code, 0);
  ASSERT_EQ(Psirt({"--workspace", ws, "user", "add", "lead", "--role", "psirt"}).exit_code, 0);
  std::string token = testing::Chomp(Psirt({"--workspace", ws, "user", "token", "lead"}).out);
  testing::ServeProcess srv = testing::StartServe(ws, dir / "log");
  std::string url = "http://127.0.0.1:" + std::to_string(srv.port);
  std::map<std::string, std::string> env = {{"PSIRT_TOKEN", token}};
  auto remote = [&](std::vector<std::string> args, int want = 0) {
    args.insert(args.begin(), {"--server", url});
    auto r = Psirt(args, dir.path(), env);  // no workspace here: everything goes to the server
    EXPECT_EQ(r.exit_code, want) << args[2] << ": " << r.err << r.out;
    return r;
  };
  auto rep = remote({"--json", "report", "--title", "Remote overflow", "--reporter", "Ann <ann@x.example>", "--triage"});
  std::string id = json::parse(rep.out)["id"];
  remote({"triage", id, "--cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "--cwe", "CWE-787"});
  remote({"assign", id, "lead"});
  remote({"fix", id, "--pr", "4321"});
  remote({"note", id, "from far away"});
  remote({"cve", id, "CVE-2026-41000"});
  remote({"credit", id, "Ann", "--type", "finder"});
  remote({"ack", id});
  remote({"edit", id, "--title", "Remote overflow in parser"});
  remote({"move", id, "Review"});
  remote({"move", id, "Public"}, 1);  // the lifecycle still decides: exit 1 with its reason
  auto shown = json::parse(remote({"--json", "show", id}).out);
  EXPECT_EQ(shown["title"], "Remote overflow in parser");
  EXPECT_EQ(shown["state"], "Review");
  EXPECT_EQ(shown["cve_id"], "CVE-2026-41000");
  EXPECT_EQ(shown["cvss_severity"], "Critical");
  EXPECT_NE(remote({"show", id}).out.find("Remote overflow in parser"), std::string::npos) << "human rendering";
  EXPECT_EQ(json::parse(remote({"--json", "list"}).out).size(), 1u);
  json remote_todo = json::parse(remote({"--json", "todo", "--as-of", "2030-01-01"}).out);
  remote({"user", "add", "mia", "--role", "maintainer", "--github", "mia"});
  std::string mia = testing::Chomp(remote({"user", "token", "mia"}).out);
  ASSERT_EQ(mia.rfind("psirt_", 0), 0u);
  // Every event recorded with the token's account.
  auto hist = json::parse(remote({"--json", "history", id}).out);
  EXPECT_GE(hist.size(), 10u);
  for (const auto& e : hist) EXPECT_EQ(e["actor"], "lead") << e.dump();
  // A maintainer of no area: the advisory does not exist for them.
  std::map<std::string, std::string> env_mia = {{"PSIRT_TOKEN", mia}};
  auto hidden = Psirt({"--server", url, "show", id}, dir.path(), env_mia);
  EXPECT_EQ(hidden.exit_code, 1);
  EXPECT_NE(hidden.err.find("no such advisory"), std::string::npos) << hidden.err;
  EXPECT_EQ(Psirt({"--server", url, "--json", "list"}, dir.path(), env_mia).out, "[]\n");
  // No token, a wrong one, --as: clear errors.
  EXPECT_EQ(Psirt({"--server", url, "note", id, "x"}, dir.path()).exit_code, 1);
  auto bad = Psirt({"--server", url, "list"}, dir.path(), {{"PSIRT_TOKEN", "psirt_wrong"}});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("PSIRT_TOKEN"), std::string::npos);
  EXPECT_EQ(bad.err.find("psirt_wrong"), std::string::npos) << "the token is never printed";
  EXPECT_EQ(Psirt({"--server", url, "--as", "x", "list"}, dir.path(), env).exit_code, 2);
  EXPECT_EQ(Psirt({"--server", "ftp://x", "list"}, dir.path(), env).exit_code, 2);
  remote({"user", "disable", "mia"});
  EXPECT_EQ(Psirt({"--server", url, "list"}, dir.path(), env_mia).exit_code, 1);
  // One's own password through the server: the first one with the token
  // alone; after that only with the current one - and a new password
  // signs the account out everywhere, its token too.
  auto passwd = [&](const std::string& input) {
    return Psirt({"--server", url, "user", "passwd", "lead"}, dir.path(), env, input);
  };
  EXPECT_EQ(passwd("\nfirst passphrase 1\n").exit_code, 0);
  EXPECT_EQ(Psirt({"--server", url, "list"}, dir.path(), env).exit_code, 1) << "the token ended with the new password";
  env["PSIRT_TOKEN"] = testing::Chomp(Psirt({"--workspace", ws, "user", "token", "lead"}).out);
  auto wrong = passwd("not it at all\nsecond passphrase 2\n");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("current password is wrong"), std::string::npos) << wrong.err;
  ASSERT_EQ(passwd("first passphrase 1\nsecond passphrase 2\n").exit_code, 0);
  EXPECT_EQ(Psirt({"--server", url, "list"}, dir.path(), env).exit_code, 1) << "and again";
  kill(srv.pid, SIGTERM);
  int st;
  waitpid(srv.pid, &st, 0);
  close(srv.out);
  // The same facts in the workspace itself.
  auto local = json::parse(Psirt({"--workspace", ws, "--json", "show", id}).out);
  EXPECT_EQ(local["notes"][0]["text"], "from far away");
  EXPECT_EQ(local["notes"][0]["actor"], "lead");
  json local_todo = json::parse(Psirt({"--workspace", ws, "--json", "todo", "--as-of", "2030-01-01"}).out);
  EXPECT_FALSE(local_todo["tasks"].empty());
  EXPECT_EQ(remote_todo, local_todo) << "the PSIRT's agenda is the same through the server";
}

TEST(RemoteCliTest, ListFindsTheSameAdvisoriesLocallyAndThroughTheServer) {
  TempDir dir;
  std::string ws = dir / "demo";
  ASSERT_EQ(Psirt({"demo", ws}).exit_code, 0);
  ASSERT_EQ(Psirt({"--workspace", ws, "user", "add", "lead", "--role", "psirt"}).exit_code, 0);
  std::string token = testing::Chomp(Psirt({"--workspace", ws, "user", "token", "lead"}).out);
  auto local = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--workspace", ws, "--json", "list"});
    auto r = Psirt(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out.empty() ? "null" : r.out);
  };
  auto ids = [](const json& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r["id"]);
    return out;
  };
  // The filters, locally: facts of the demo workspace.
  json all = local({});
  ASSERT_EQ(all.size(), 8u);
  for (const auto& r : all) {
    EXPECT_TRUE(r.contains("ghsa_id") && r.contains("cve_id") && r.contains("areas") && r.contains("severity") &&
                r.contains("assignee") && r.contains("unfixed"))
        << r.dump();
  }
  EXPECT_EQ(ids(local({"--state", "Accepted", "--state", "review"})),
            (std::vector<std::string>{"TRS-2026-0003", "TRS-2026-0004", "TRS-2026-0005"}));
  EXPECT_EQ(ids(local({"--area", "Networking", "--area", "USB"})), (std::vector<std::string>{"TRS-2026-0003", "TRS-2026-0005"}));
  EXPECT_EQ(ids(local({"--severity", "high", "--assignee", "kernel-lead", "--assignee", "net-lead"})),
            (std::vector<std::string>{"TRS-2026-0003", "TRS-2026-0006"}));
  EXPECT_EQ(ids(local({"--text", "cve-2026-10002"})), std::vector<std::string>{"TRS-2026-0003"});
  json unfixed = local({"--unfixed"});
  for (const auto& r : unfixed) EXPECT_TRUE(r["unfixed"].get<bool>()) << r["id"];
  EXPECT_EQ(ids(unfixed), (std::vector<std::string>{"TRS-2026-0001", "TRS-2026-0003", "TRS-2026-0006", "TRS-2026-0007",
                                                     "TRS-2026-0008"}))
      << "never the rejected report";
  json by_severity = local({"--sort", "severity"});
  EXPECT_EQ(by_severity.front()["severity"], "High");
  EXPECT_TRUE(by_severity.back()["severity"].is_null());
  // Through the server: the same rows, the same JSON, for every filter.
  testing::ServeProcess srv = testing::StartServe(ws, dir / "log");
  std::string url = "http://127.0.0.1:" + std::to_string(srv.port);
  std::map<std::string, std::string> env = {{"PSIRT_TOKEN", token}};
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},
           {"--state", "Accepted", "--state", "review"},
           {"--area", "Networking", "--area", "USB"},
           {"--severity", "high", "--assignee", "kernel-lead", "--assignee", "net-lead"},
           {"--text", "cve-2026-10002"},
           {"--unfixed", "--sort", "deadline"},
           {"--sort", "severity"},
           {"--assignee", "none", "--sort", "updated"}}) {
    std::vector<std::string> remote_args = {"--server", url, "--json", "list"};
    remote_args.insert(remote_args.end(), args.begin(), args.end());
    auto r = Psirt(remote_args, dir.path(), env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json::parse(r.out), local(args)) << (args.empty() ? std::string("(no filter)") : args[0]);
  }
  auto bad = Psirt({"--server", url, "list", "--severity", "severe"}, dir.path(), env);
  EXPECT_EQ(bad.exit_code, 2) << "checked before anything is sent";
  kill(srv.pid, SIGTERM);
  int st;
  waitpid(srv.pid, &st, 0);
  close(srv.out);
}

}  // namespace
}  // namespace psirt
