// Embargoed fixes through the CLI on the demo workspace: a fix made on a
// private branch of the clone is attached (bad and truncated files refused
// with nothing stored), checked on main and the policy branches - applies,
// conflicts with the hunk, already present after a cherry-pick - with the
// results cached per tip, on the agenda, and rebased as format-patch files
// (or conflict files); the clone's work tree is never touched.
#include "app/patch_service.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::RunResult;

class PatchCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(testing::Psirt({"demo", ws_}).exit_code, 0);
    // The fix, on a private branch of the clone: a check in l2cap.c, then
    // its first line changed (which the old release branches also changed).
    Git({"checkout", "-q", "-b", "private-fix", "main"});
    std::string file = repo_ + "/subsys/bluetooth/host/l2cap.c";
    std::string text = testing::Chomp(testing::Run({"cat", file}).out) + "\n";
    size_t ret = text.find("\treturn 0;");
    ASSERT_NE(ret, std::string::npos);
    testing::WriteFile(file, text.substr(0, ret) + "\tif (!chan) {\n\t\treturn -EINVAL;\n\t}\n" + text.substr(ret));
    Git({"commit", "-q", "-am", "bluetooth: l2cap: check the channel"});
    std::string now = testing::Chomp(testing::Run({"cat", file}).out) + "\n";
    testing::WriteFile(file, "/* l2cap - patched header */\n" + now.substr(now.find('\n') + 1));
    Git({"commit", "-q", "-am", "bluetooth: l2cap: header"});
    first_ = Git({"rev-parse", "private-fix~1"});
    second_ = Git({"rev-parse", "private-fix"});
    Git({"checkout", "-q", "main"});
  }
  std::string Git(std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", repo_, "-c", "user.name=T", "-c", "user.email=t@example.org"});
    RunResult r = testing::Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return testing::Chomp(r.out);
  }
  RunResult P(std::vector<std::string> args) { return testing::Psirt(args, ws_, {{"PSIRT_USER", "alice@example.org"}}); }
  json J(std::vector<std::string> args, int exit_code = 0) {
    args.insert(args.begin(), "--json");
    RunResult r = P(args);
    EXPECT_EQ(r.exit_code, exit_code) << r.err;
    return json::parse(r.out, nullptr, false);
  }
  static json ByBranch(const json& results, const std::string& branch) {
    for (const json& r : results)
      if (r["branch"] == branch) return r;
    return json();
  }
  testing::TempDir dir_;
  std::string ws_ = dir_ / "ws", repo_ = dir_ / "ws/tinyrtos";
  std::string first_, second_;
  const std::string id_ = "TRS-2026-0006";  // Assigned, embargoed
};

TEST_F(PatchCli, BadFilesAreRefusedWithNothingStored) {
  size_t events = J({"history", id_}).size();
  testing::WriteFile(dir_ / "notes.txt", "just notes\n");
  RunResult bad = P({"patch", "add", id_, dir_ / "notes.txt"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("notes.txt:1: not a patch"), std::string::npos) << bad.err;
  std::string mbox = Git({"format-patch", "-1", "--stdout", first_});
  testing::WriteFile(dir_ / "cut.patch", mbox.substr(0, mbox.find("+\t\treturn -EINVAL;")));
  RunResult cut = P({"patch", "add", id_, dir_ / "cut.patch"});
  EXPECT_EQ(cut.exit_code, 1);
  EXPECT_NE(cut.err.find("cut.patch:"), std::string::npos) << cut.err;
  EXPECT_NE(cut.err.find("truncated patch"), std::string::npos) << cut.err;
  // A good file with a bad one: nothing of either.
  testing::WriteFile(dir_ / "good.patch", mbox);
  EXPECT_EQ(P({"patch", "add", id_, dir_ / "good.patch", dir_ / "cut.patch"}).exit_code, 1);
  EXPECT_EQ(J({"history", id_}).size(), events);
  EXPECT_TRUE(J({"patch", "list", id_})["series"].empty());
  EXPECT_EQ(P({"patch", "add", id_}).exit_code, 2) << "files or --commit";
  EXPECT_EQ(P({"patch", "check", id_}).exit_code, 1) << "no series yet";
  EXPECT_EQ(testing::Psirt({"--server", "http://127.0.0.1:1", "patch", "list", id_}, ws_).exit_code, 2);
}

TEST_F(PatchCli, CheckedOnEveryPolicyBranchCachedAndRebased) {
  // Attached from the private branch's commits (git format-patch files work the same).
  json added = J({"patch", "add", id_, "--commit", first_, "--commit", second_});
  EXPECT_EQ(added["series"], 1);
  ASSERT_EQ(added["patches"].size(), 2u);
  EXPECT_EQ(added["patches"][0]["subject"], "bluetooth: l2cap: check the channel");
  EXPECT_EQ(added["patches"][0]["commit"], first_);
  EXPECT_EQ(added["patches"][0]["files"], json::array({"subsys/bluetooth/host/l2cap.c"}));
  std::string patch_id = testing::Chomp(
      testing::Run({"sh", "-c", "git -C " + repo_ + " show " + first_ + " | git patch-id --stable | cut -d' ' -f1"}).out);
  EXPECT_EQ(added["patches"][0]["patch_id"], patch_id) << "git's own patch-id";
  std::string text = P({"patch", "show", id_}).out;
  EXPECT_NE(text.find("+\tif (!chan) {"), std::string::npos);

  std::string status_before = Git({"status", "--porcelain"});
  json checked = J({"patch", "check", id_}, 1);  // exit 1: conflicts somewhere
  json results = checked["results"];
  ASSERT_EQ(results.size(), 4u) << checked;  // main and the policy's v1.0 (LTS), v1.2, v2.0
  EXPECT_EQ(ByBranch(results, "main")["result"], "applies");
  EXPECT_EQ(ByBranch(results, "v2.0-branch")["result"], "applies");
  for (const char* b : {"v1.0-branch", "v1.2-branch"}) {
    json r = ByBranch(results, b);
    EXPECT_EQ(r["result"], "conflicts") << r;
    ASSERT_EQ(r["conflicts"].size(), 1u);
    EXPECT_EQ(r["conflicts"][0]["patch"], 2);
    EXPECT_EQ(r["conflicts"][0]["file"], "subsys/bluetooth/host/l2cap.c");
    EXPECT_EQ(r["conflicts"][0]["hunks"][0].get<std::string>().substr(0, 14), "@@ -1,4 +1,4 @");
    EXPECT_FALSE(r["cached"].get<bool>());
  }
  EXPECT_EQ(Git({"status", "--porcelain"}), status_before) << "no work tree touched";
  EXPECT_EQ(Git({"rev-parse", "--abbrev-ref", "HEAD"}), "main");
  EXPECT_EQ(Git({"worktree", "list", "--porcelain"}).find("worktree", 10), std::string::npos) << "no worktree made";
  // On the agenda; in the history.
  json todo = J({"todo"});
  int tasks = 0;
  for (const json& t : todo["tasks"])
    if (t["task"] == "patch_conflicts" && t["advisory"] == id_) ++tasks;
  EXPECT_EQ(tasks, 2) << todo;
  EXPECT_NE(P({"history", id_}).out.find("patch checked: main applies"), std::string::npos);
  // psirt status shows them beside the fix status.
  RunResult status = P({"status", id_});
  EXPECT_NE(status.out.find("embargoed fix on v1.0-branch: conflicts: 1 hunk of subsys/bluetooth/host/l2cap.c (patch 2)"), std::string::npos)
      << status.out;
  EXPECT_EQ(J({"status", id_})["patch_checks"].size(), 4u);

  // The same series on the same tips: cached, no new event.
  size_t events = J({"history", id_}).size();
  json again = J({"patch", "check", id_, "--branch", "main", "--branch", "v1.0-branch"}, 1);
  EXPECT_TRUE(again["results"][0]["cached"].get<bool>());
  EXPECT_TRUE(again["results"][1]["cached"].get<bool>());
  EXPECT_EQ(J({"history", id_}).size(), events);

  // Cherry-picked onto v2.0-branch: already there, with the commits.
  Git({"checkout", "-q", "v2.0-branch"});
  Git({"cherry-pick", "-x", first_, second_});
  std::string picked = Git({"rev-parse", "HEAD"});
  Git({"checkout", "-q", "main"});
  json present = J({"patch", "check", id_, "--branch", "v2.0-branch"});
  EXPECT_EQ(present["results"][0]["result"], "present") << present;
  EXPECT_EQ(present["results"][0]["present"][1], picked);
  EXPECT_FALSE(present["results"][0]["cached"].get<bool>()) << "the tip moved";

  // Rebased onto main: format-patch files with the trailers.
  json bp = J({"patch", "backport", id_, "--branch", "main", "-o", dir_ / "out"});
  ASSERT_EQ(bp["files"].size(), 2u);
  std::string one = testing::Chomp(testing::Run({"cat", bp["files"][0].get<std::string>()}).out);
  EXPECT_NE(one.find("Subject: [PATCH 1/2] bluetooth: l2cap: check the channel"), std::string::npos) << one;
  EXPECT_NE(one.find("(cherry picked from commit " + first_ + ")"), std::string::npos);
  // ...which git itself applies on main.
  Git({"checkout", "-q", "-b", "try", "main"});
  Git({"am", "-q", bp["files"][0].get<std::string>(), bp["files"][1].get<std::string>()});
  EXPECT_NE(testing::Run({"cat", repo_ + "/subsys/bluetooth/host/l2cap.c"}).out.find("return -EINVAL;"), std::string::npos);
  Git({"checkout", "-q", "main"});
  // Onto v1.2-branch: the conflict, the merged file with markers, exit 1.
  RunResult conflict = P({"patch", "backport", id_, "--branch", "v1.2-branch", "--mbox", dir_ / "v1.2/fix.mbox"});
  EXPECT_EQ(conflict.exit_code, 1);
  EXPECT_NE(conflict.err.find("patch 2  subsys/bluetooth/host/l2cap.c  @@ -1,4 +1,4 @@"), std::string::npos) << conflict.err;
  std::string merged = testing::Run({"cat", dir_ / "v1.2/l2cap.c.conflict"}).out;
  EXPECT_NE(merged.find("<<<<<<< branch"), std::string::npos) << merged;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "v1.2/fix.mbox"));
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

// psirt patch test: the project's command in a temporary worktree per
// branch - passes, fails, times out - removed afterwards, also after
// Ctrl-C, and a killed run's worktree removed by the next run.
class PatchTestCli : public PatchCli {
 protected:
  void Configure(const std::string& command, int timeout) {
    std::string yml = testing::Run({"cat", ws_ + "/psirt.yml"}).out;
    size_t at = yml.find("\npatch:\n");
    if (at != std::string::npos) yml.resize(at + 1);
    testing::WriteFile(ws_ + "/psirt.yml", yml + "patch:\n  test_command: '" + command + "'\n  test_timeout_seconds: " +
                                              std::to_string(timeout) + "\n");
  }
  RunResult T(std::vector<std::string> args) {
    return testing::Psirt(args, ws_, {{"PSIRT_USER", "alice@example.org"}, {"TMPDIR", tmp_}});
  }
  // No worktree, no temporary branch, no directory left behind.
  void ExpectClean() {
    EXPECT_EQ(Git({"worktree", "list", "--porcelain"}).find("psirt-wt-"), std::string::npos) << Git({"worktree", "list"});
    EXPECT_EQ(Git({"branch", "--list", "psirt-wt-*"}), "");
    EXPECT_TRUE(std::filesystem::is_empty(tmp_)) << "left in TMPDIR: " << testing::Run({"find", tmp_}).out;
    EXPECT_FALSE(std::filesystem::exists(repo_ + "/.git/worktrees") && !std::filesystem::is_empty(repo_ + "/.git/worktrees"));
  }
  // Starts `psirt patch test` in the background; its pid.
  pid_t Spawn() {
    pid_t pid = fork();
    if (pid == 0) {
      setenv("PSIRT_USER", "alice@example.org", 1);
      setenv("TMPDIR", tmp_.c_str(), 1);
      std::string bin = testing::PsirtBinary();
      execl(bin.c_str(), bin.c_str(), "--workspace", ws_.c_str(), "patch", "test", id_.c_str(), "--branch", "main",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  }
  bool WaitForWorktree() {
    for (int i = 0; i < 400; ++i) {
      if (Git({"worktree", "list"}).find("psirt-wt-") != std::string::npos) return true;
      usleep(25000);
    }
    return false;
  }
  std::string tmp_ = dir_ / "tmp";
};

TEST_F(PatchTestCli, PassFailTimeoutAndCleanupAfterInterrupts) {
  std::filesystem::create_directories(tmp_);
  ASSERT_EQ(J({"patch", "add", id_, "--commit", first_, "--commit", second_})["series"], 1);
  EXPECT_EQ(T({"patch", "test", id_}).exit_code, 1) << "no test command configured";
  // Passes where the series applies, with the patched files in the worktree.
  Configure("grep -c EINVAL subsys/bluetooth/host/l2cap.c && git status --short", 60);
  RunResult pass = T({"--json", "patch", "test", id_, "--jobs", "2"});
  ASSERT_EQ(pass.exit_code, 1) << pass.err;  // two branches cannot take the series
  json results = json::parse(pass.out)["results"];
  ASSERT_EQ(results.size(), 4u) << pass.out;
  json main = ByBranch(results, "main");
  EXPECT_EQ(main["result"], "passed") << main;
  EXPECT_EQ(main["output"], "1\n M subsys/bluetooth/host/l2cap.c\n") << "the series as uncommitted changes in a worktree at the tip";
  EXPECT_EQ(main["tip"], Git({"rev-parse", "main"}));
  EXPECT_EQ(ByBranch(results, "v2.0-branch")["result"], "passed");
  EXPECT_EQ(ByBranch(results, "v1.0-branch")["result"], "not-applied");
  ExpectClean();
  EXPECT_NE(P({"history", id_}).out.find("patch tested on main: passed"), std::string::npos);

  // Fails: exit status and output kept, an agenda task.
  Configure("echo broken build; exit 3", 60);
  RunResult fail = T({"--json", "patch", "test", id_, "--branch", "main"});
  EXPECT_EQ(fail.exit_code, 1);
  json failed = json::parse(fail.out)["results"][0];
  EXPECT_EQ(failed["result"], "failed");
  EXPECT_EQ(failed["exit_code"], 3);
  EXPECT_EQ(failed["output"], "broken build\n");
  bool task = false;
  json todo = J({"todo"});
  for (const json& t : todo["tasks"]) task |= t["task"] == "patch_tests_fail" && t["text"].get<std::string>().find("on main") != std::string::npos;
  EXPECT_TRUE(task) << J({"todo"}).dump();
  ExpectClean();

  // Times out: the command's process group killed.
  Configure("sleep 30", 1);
  RunResult slow = T({"--json", "patch", "test", id_, "--branch", "main"});
  json timed = json::parse(slow.out)["results"][0];
  EXPECT_EQ(timed["result"], "timed-out");
  EXPECT_LT(timed["seconds"].get<double>(), 10);
  ExpectClean();

  // Ctrl-C while it runs: stopped, cleaned up.
  Configure("echo $$ > ../pid; exec sleep 30", 60);
  pid_t pid = Spawn();
  ASSERT_TRUE(WaitForWorktree());
  kill(pid, SIGINT);
  int st = 0;
  waitpid(pid, &st, 0);
  EXPECT_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 1) << st;
  ExpectClean();
  // Killed outright: the worktree stays until the next run removes it.
  pid = Spawn();
  ASSERT_TRUE(WaitForWorktree());
  kill(pid, SIGKILL);
  waitpid(pid, &st, 0);
  EXPECT_NE(Git({"worktree", "list"}).find("psirt-wt-"), std::string::npos);
  // The orphaned command (it wrote its pid beside the worktree) and its directory.
  testing::Run({"sh", "-c", "kill $(cat " + tmp_ + "/*/pid); rm -rf " + tmp_ + "/*"});
  Configure("true", 60);
  EXPECT_EQ(T({"patch", "test", id_, "--branch", "main"}).exit_code, 0);
  ExpectClean();
}

}  // namespace
}  // namespace psirt
