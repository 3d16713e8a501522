// The git commands end to end: `status` on a terminal shows its progress
// the first time and reads nothing old the second time; repeatable options
// take one value each, so positionals after them are not swallowed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::Psirt;
using testing::RunResult;

class GitCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_.Commit("a.c", "a\n", "init");
    repo_.Git({"tag", "v1.0.0"});
    repo_.Git({"branch", "v1.0-branch"});
    fix_ = repo_.Commit("a.c", "a fixed\n", "a: fix overflow");
    ASSERT_EQ(Psirt({"init", ws_ / "ws", "--repository", repo_.dir()}).exit_code, 0);
    RunResult r = P({"--json", "report", "--title", "overflow", "--reported-on", "2026-01-05"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    id_ = json::parse(r.out)["id"];
    ASSERT_EQ(P({"fix", id_, "--commit", fix_}).exit_code, 0);
  }
  RunResult P(std::vector<std::string> args) {
    args.insert(args.begin(), {"--workspace", ws_ / "ws"});
    return Psirt(args, ".", {{"PSIRT_USER", "alice@example.org"}});
  }
  testing::GitRepo repo_;
  testing::TempDir ws_;
  std::string fix_, id_;
};

TEST_F(GitCliTest, StatusShowsProgressOnATerminalAndReadsOnlyNewCommits) {
  // Not a terminal: no progress lines in the captured stderr.
  RunResult plain = P({"status", id_});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.err.find("reading commits"), std::string::npos) << plain.err;
  // Under a pseudo-terminal (script(1)): a first read of new commits shows
  // progress; the cache then holds them and a second status shows none.
  repo_.Commit("b.c", "b\n", "new work");
  auto on_tty = [&] {
    std::string cmd = testing::PsirtBinary() + " --workspace " + ws_ / "ws" + " status " + id_;
    return testing::Run({"script", "-qec", cmd, "/dev/null"}, ".", {{"PSIRT_USER", "alice@example.org"}});
  };
  RunResult first = on_tty();
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("reading commits from the repository: 1"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("main: merged"), std::string::npos) << first.out;
  RunResult second = on_tty();
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_EQ(second.out.find("reading commits"), std::string::npos) << second.out;
}

TEST_F(GitCliTest, RepeatableOptionsTakeOneValueEach) {
  // `--branch B SHA`: the SHA is the positional, not a second branch.
  RunResult r = P({"--json", "git", "backports", "--repo", repo_.dir(), "--branch", "v1.0-branch", fix_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["commit"], fix_);
  ASSERT_EQ(j[0]["branches"].size(), 1u);
  EXPECT_EQ(j[0]["branches"][0]["branch"], "v1.0-branch");
  // Two occurrences, two values; global options after the command too.
  repo_.Git({"branch", "v1.1-branch"});
  r = P({"git", "backports", "--branch", "v1.0-branch", "--repo", repo_.dir(), "--branch", "v1.1-branch", fix_,
         "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = json::parse(r.out);
  ASSERT_EQ(j[0]["branches"].size(), 2u);
  EXPECT_EQ(j[0]["branches"][1]["found"], true);  // v1.1 was branched after the fix
  // triage --file A --file B ID-less positionals: each --file one value.
  r = P({"--json", "triage", id_, "--file", "a.c", "--cwe", "CWE-787", "--file", "b.c", "--cwe", "CWE-125"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = json::parse(r.out);
  EXPECT_EQ(j["files"], json::array({"a.c", "b.c"}));
  EXPECT_EQ(j["cwes"], json::array({"CWE-787", "CWE-125"}));
  // A value-less repeatable option is a usage error.
  EXPECT_EQ(P({"triage", id_, "--file"}).exit_code, 2);
}

}  // namespace
}  // namespace psirt
