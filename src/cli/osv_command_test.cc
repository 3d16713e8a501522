// Tests of `psirt osv affected` as a user runs it: JSON with the affected
// commits and tags of a repository built by the test, a malformed record
// (exit 1, the file named, nothing on stdout) and usage errors (exit 2).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/test_support.h"

namespace psirt {
namespace {

using testing::Psirt;

TEST(OsvCommand, AffectedCommitsAndTagsOfARepository) {
  testing::GitRepo repo;
  repo.Commit("a.c", "1\n", "one");
  std::string intro = repo.Commit("a.c", "2\n", "bug");
  repo.Git({"tag", "v1"});
  std::string fix = repo.Commit("a.c", "3\n", "fix");
  repo.Git({"tag", "v2"});
  std::string record = repo.tmp() / "r.yaml";
  testing::WriteFile(record, "id: OSV-T-1\nmodified: '2026-01-01T00:00:00Z'\naffected:\n- ranges:\n  - type: GIT\n"
                             "    repo: https://example.org/a\n    events:\n    - introduced: '" + intro +
                             "'\n    - fixed: '" + fix + "'\n");
  auto r = Psirt({"osv", "affected", record, "--repo", repo.dir(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["affected_commits"], nlohmann::json::array({intro}));
  EXPECT_EQ(j["affected_tags"], nlohmann::json::array({"v1"}));
  auto text = Psirt({"osv", "affected", record, "--repo", repo.dir()});
  EXPECT_NE(text.out.find("affected tags (1): v1"), std::string::npos) << text.out;

  testing::WriteFile(repo.tmp() / "bad.json", "{\"id\": 1}");
  auto bad = Psirt({"osv", "affected", repo.tmp() / "bad.json", "--repo", repo.dir()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.json"), std::string::npos) << bad.err;
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(Psirt({"osv", "affected", record}).exit_code, 2);  // --repo is required
  EXPECT_EQ(Psirt({"osv"}).exit_code, 2);
}

}  // namespace
}  // namespace psirt
