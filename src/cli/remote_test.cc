// The CLI against a team server (--server URL, PSIRT_TOKEN): every
// command that writes works remotely and is recorded with the token's
// account; reads show only what that account may see; errors keep the
// local exit statuses.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/html.h"
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
  // The accounts: the same JSON locally and through the server.
  auto remote_users = Psirt({"--server", url, "--json", "user", "list"}, dir.path(), env);
  ASSERT_EQ(remote_users.exit_code, 0) << remote_users.err;
  auto local_users = Psirt({"--workspace", ws, "--json", "user", "list"});
  EXPECT_EQ(json::parse(remote_users.out), json::parse(local_users.out));
  EXPECT_TRUE(json::parse(local_users.out)["users"][0].contains("created_at"));
  auto bad = Psirt({"--server", url, "list", "--severity", "severe"}, dir.path(), env);
  EXPECT_EQ(bad.exit_code, 2) << "checked before anything is sent";
  // One client interface (cli/client.h): every read command prints the same
  // thing here and through the server, JSON and human, for every advisory.
  auto both = [&](std::vector<std::string> args) {
    std::vector<std::string> r_args = {"--server", url};
    r_args.insert(r_args.end(), args.begin(), args.end());
    std::vector<std::string> l_args = {"--workspace", ws};
    l_args.insert(l_args.end(), args.begin(), args.end());
    auto r = Psirt(r_args, dir.path(), env);
    auto l = Psirt(l_args, dir.path(), {{"PSIRT_USER", "lead"}});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(l.exit_code, 0) << l.err;
    return std::pair{r.out, l.out};
  };
  for (const std::string& id : ids(all)) {
    for (const char* cmd : {"show", "history", "who-can-see"}) {
      auto [r, l] = both({"--json", cmd, id});
      EXPECT_EQ(json::parse(r), json::parse(l)) << cmd << " " << id;
      auto [rh, lh] = both({cmd, id});
      EXPECT_EQ(rh, lh) << cmd << " " << id << " (human)";
      const std::string says = cmd == std::string("show") ? id : cmd == std::string("history") ? "reported: " : "(";
      EXPECT_NE(lh.find(says), std::string::npos) << cmd << " " << lh;
    }
  }
  EXPECT_EQ(json::parse(both({"--json", "show", "TRS-2026-0003"}).first)["people_who_need_to_know"].size(),
            json::parse(both({"--json", "who-can-see", "TRS-2026-0003"}).second)["need_to_know"].size());
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"list"}, {"list", "--sort", "severity"}, {"todo", "--as-of", "2026-12-01"}, {"user", "list"},
           {"status", "TRS-2026-0001"}, {"--json", "status", "TRS-2026-0001"}}) {
    auto [r, l] = both(args);
    EXPECT_EQ(r, l) << args[0] << " (human)";
    EXPECT_FALSE(l.empty());
  }
  kill(srv.pid, SIGTERM);
  int st;
  waitpid(srv.pid, &st, 0);
  close(srv.out);
}

// "Who may see this": psirt who-can-see (locally and through the server),
// the API's /audience and people_who_need_to_know, the dashboard's list and
// the assignment notification name the same people, for every role and
// every advisory of the demo workspace, accounts included.
TEST(RemoteCliTest, EveryFrontEndNamesTheSameNeedToKnowList) {
  TempDir dir;
  std::string ws = dir / "demo";
  ASSERT_EQ(Psirt({"demo", ws}).exit_code, 0);
  auto admin = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--workspace", ws, "user"});
    auto r = Psirt(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return testing::Chomp(r.out);
  };
  admin({"add", "lead", "--role", "psirt"});
  admin({"add", "netdev", "--role", "maintainer", "--github", "ip-dev"});
  admin({"add", "relman", "--role", "release-manager", "--branch", "v2.0-branch", "--branch", "v1.0-branch"});
  std::map<std::string, std::string> tokens;
  for (const char* who : {"lead", "netdev", "relman"}) tokens[who] = admin({"token", who});
  std::vector<std::string> ids;
  for (const auto& a : json::parse(Psirt({"--workspace", ws, "--json", "list"}).out)) ids.push_back(a["id"]);
  ASSERT_EQ(ids.size(), 8u);
  // Locally (the workspace's PSIRT view): the accounts count, so the PSIRT
  // account and the release managers are named.
  std::map<std::string, json> local;
  for (const std::string& id : ids) {
    auto r = Psirt({"--workspace", ws, "--json", "who-can-see", id});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    local[id] = json::parse(r.out)["need_to_know"];
    EXPECT_EQ(local[id][0]["who"], "lead") << "the PSIRT account, not a placeholder";
  }
  bool rm_named = false;
  for (const auto& [id, people] : local)
    for (const auto& p : people) rm_named |= p["who"] == "relman";
  EXPECT_TRUE(rm_named) << "release managers with accounts are on the lists of what needs their backport";
  testing::ServeProcess srv = testing::StartServe(ws, dir / "log");
  std::string url = "http://127.0.0.1:" + std::to_string(srv.port);
  httplib::Client http("127.0.0.1", srv.port);
  int compared = 0;
  for (const auto& [who, token] : tokens) {
    httplib::Headers auth = {{"Authorization", "Bearer " + token}};
    for (const std::string& id : ids) {
      auto audience = http.Get(("/api/v1/advisories/" + id + "/audience").c_str(), auth);
      auto advisory = http.Get(("/api/v1/advisories/" + id).c_str(), auth);
      auto cli = Psirt({"--server", url, "--json", "who-can-see", id}, dir.path(), {{"PSIRT_TOKEN", token}});
      auto page = http.Get(("/advisories/" + id).c_str(), auth);
      if (audience->status != 200) {
        // Not an insider: no list anywhere, and the same "no such advisory".
        EXPECT_EQ(audience->status, 404) << who << " " << id;
        EXPECT_EQ(cli.exit_code, 1) << who << " " << id;
        if (advisory->status == 200) EXPECT_FALSE(json::parse(advisory->body).contains("people_who_need_to_know"));
        EXPECT_EQ(page->body.find("id=\"need-to-know\""), std::string::npos) << who << " " << id;
        continue;
      }
      ++compared;
      json api = json::parse(audience->body)["need_to_know"];
      EXPECT_EQ(api, local[id]) << who << " " << id;
      ASSERT_EQ(cli.exit_code, 0) << cli.err;
      EXPECT_EQ(json::parse(cli.out)["need_to_know"], api) << who << " " << id;
      EXPECT_EQ(json::parse(advisory->body)["people_who_need_to_know"], api) << who << " " << id;
      // The dashboard: one <li> per person, in the same order.
      size_t list = page->body.find("id=\"need-to-know\"");
      ASSERT_NE(list, std::string::npos) << who << " " << id;
      size_t end = page->body.find("</ul>", list);
      size_t at = list;
      for (const auto& p : api) {
        at = page->body.find("<li>", at);
        ASSERT_LT(at, end) << who << " " << id;
        std::string shown = html::Esc(p["who"].get<std::string>()) + " <span";
        EXPECT_EQ(page->body.compare(at + 4, shown.size(), shown), 0) << page->body.substr(at, 80);
        ++at;
      }
      size_t next = page->body.find("<li>", at);
      EXPECT_TRUE(next == std::string::npos || next > end) << "no one else: " << who << " " << id;
    }
  }
  EXPECT_GE(compared, 8 + 2) << "the PSIRT sees all eight, the others some";
  kill(srv.pid, SIGTERM);
  int st;
  waitpid(srv.pid, &st, 0);
  close(srv.out);
  // The assignment notices name the same people.
  std::string mbox = dir / "out.mbox";
  auto sent = Psirt({"--workspace", ws, "notify", "--mbox", mbox});
  std::string mail = testing::ReadFile(mbox);
  int notices = 0;
  for (const std::string& id : ids) {
    // The notice's first line: "ID[ (CVE-...)] has been assigned to HANDLE."
    size_t line = mail.find("\n" + id);
    while (line != std::string::npos && mail.substr(line, mail.find('\n', line + 1) - line).find(" has been assigned to ") == std::string::npos)
      line = mail.find("\n" + id, line + 1);
    if (line == std::string::npos) continue;
    size_t at = mail.find("need-to-know list:\n", line);
    ASSERT_NE(at, std::string::npos) << id;
    ++notices;
    at += std::string("need-to-know list:\n").size();
    for (const auto& p : local[id]) {
      std::string line = "  - " + p["who"].get<std::string>() + " (" + p["why"].get<std::string>() + ")\n";
      EXPECT_EQ(mail.compare(at, line.size(), line), 0) << id << ": " << mail.substr(at, 120);
      at += line.size();
    }
  }
  EXPECT_GT(notices, 0) << sent.err << sent.out;
}

}  // namespace
}  // namespace psirt
