// Tests of OSV GIT ranges on repositories built by the tests: a fix
// cherry-picked (`git cherry-pick -x`) to a release branch counts as fixed
// there by patch-id, tags before the introduction are not affected, a limit
// confines the range and turns the search for equivalents off, commits a
// clone lacks are reported; the real OSV records of ../shared/data load and
// validate, and malformed records are one clear error.
#include "app/osv_affected.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "app/file_io.h"
#include "formats/osv_record.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

VulnRecord Record(const std::vector<std::pair<std::string, std::string>>& events) {
  std::string json = R"({"id":"OSV-TEST-1","modified":"2026-01-01T00:00:00Z","affected":[{"ranges":[{"type":"GIT","repo":"https://example.org/x.git","events":[)";
  for (size_t i = 0; i < events.size(); ++i)
    json += (i ? "," : "") + std::string("{\"") + events[i].first + "\":\"" + events[i].second + "\"}";
  json += "]}]}]}";
  auto r = ReadOsvRecord(json, "r.json");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : VulnRecord{};
}

class OsvAffectedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base = repo.Commit("lib.c", "int f(void) { return 0; }\n", "start");
    repo.Git({"branch", "rel-0.9"});
    repo.Git({"tag", "v0.9"});
    intro = repo.Commit("lib.c", "int f(char *p) { return p[8]; }\n", "read past the end");
    middle = repo.Commit("other.c", "int g;\n", "unrelated");
    repo.Git({"tag", "v1.0"});
    repo.Git({"branch", "rel-1"});
    fix = repo.Commit("lib.c", "int f(char *p) { return p ? p[0] : 0; }\n", "fix the read");
    after = repo.Commit("other.c", "int g, h;\n", "more");
    repo.Git({"tag", "v2.0"});
    repo.Git({"checkout", "-q", "rel-1"});
    repo.Commit("notes.txt", "1.1\n", "release 1.1");
    repo.Git({"tag", "v1.1"});
    repo.Git({"cherry-pick", "-x", fix});
    picked = repo.Git({"rev-parse", "HEAD"});
    repo.Git({"tag", "v1.2"});
    repo.Git({"checkout", "-q", "main"});
  }
  testing::GitRepo repo;
  std::string base, intro, middle, fix, after, picked;
};

TEST_F(OsvAffectedTest, ACherryPickedFixCountsAsFixedOnItsBranch) {
  auto r = OsvAffected(Record({{"introduced", intro}, {"fixed", fix}}), repo.dir());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tags, (std::vector<std::string>{"v1.0", "v1.1"}));
  ASSERT_EQ(r->ranges.size(), 1u);
  EXPECT_TRUE(r->ranges[0].cherry_picks_checked);
  ASSERT_EQ(r->ranges[0].equivalents.size(), 1u);
  EXPECT_EQ(r->ranges[0].equivalents[0].first, fix);
  EXPECT_EQ(r->ranges[0].equivalents[0].second, picked);
  // intro, middle, and rel-1's own commit: full SHAs, parents first.
  ASSERT_EQ(r->commits.size(), 3u);
  EXPECT_EQ(r->commits[0], intro);
  EXPECT_EQ(r->commits[1], middle);
  EXPECT_EQ(r->commits[0].size(), 40u);

  // Without the search for equivalents, v1.2 is affected (osv.dev's view of a
  // branch where the fix has another SHA, had it no patch-ids).
  auto plain = OsvAffected(Record({{"introduced", intro}, {"fixed", fix}}), repo.dir(), false);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->tags, (std::vector<std::string>{"v1.0", "v1.1", "v1.2"}));
  EXPECT_FALSE(plain->ranges[0].cherry_picks_checked);
}

TEST_F(OsvAffectedTest, IntroducedZeroLastAffectedAndLimit) {
  auto zero = OsvAffected(Record({{"introduced", "0"}, {"fixed", fix}}), repo.dir());
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->tags, (std::vector<std::string>{"v0.9", "v1.0", "v1.1"}));
  // last_affected `middle`: its child on main (the fix) and on rel-1 are fix points.
  auto last = OsvAffected(Record({{"introduced", intro}, {"last_affected", middle}}), repo.dir());
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->tags, (std::vector<std::string>{"v1.0"}));
  EXPECT_EQ(last->commits, (std::vector<std::string>{intro, middle}));
  // limit `after`: first parents below it only, and no cherry-pick search.
  auto limit = OsvAffected(Record({{"introduced", intro}, {"limit", after}}), repo.dir());
  ASSERT_TRUE(limit.ok());
  EXPECT_EQ(limit->commits, (std::vector<std::string>{intro, middle, fix}));
  EXPECT_FALSE(limit->ranges[0].cherry_picks_checked);
}

TEST_F(OsvAffectedTest, CommitsTheCloneLacksAreReported) {
  std::string other(40, 'a');
  auto r = OsvAffected(Record({{"introduced", other}, {"fixed", fix}}), repo.dir());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ranges[0].missing, std::vector<std::string>{other});
  EXPECT_TRUE(r->commits.empty());
  auto json = OsvAffectedToJson(*r);
  EXPECT_EQ(json["ranges"][0]["missing_commits"][0], other);
  auto no_repo = OsvAffected(Record({{"introduced", "0"}}), repo.tmp() / "absent");
  EXPECT_FALSE(no_repo.ok());
}

TEST(OsvRecord, TheRealRecordsLoadAndValidate) {
  size_t git_ranges = 0;
  for (const auto& e : std::filesystem::directory_iterator(testing::SharedData("records/osv"))) {
    auto text = ReadFileText(e.path().string());
    ASSERT_TRUE(text.ok());
    auto r = ReadOsvRecord(*text, e.path().string());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(r->id.empty());
    for (const VulnAffected& a : r->affected)
      for (const VulnRange& g : a.ranges) git_ranges += g.type == "GIT";
  }
  EXPECT_GE(git_ranges, 9u);
  auto mbed = ReadFileText(testing::SharedData("records/osv/OSV-2022-1223.yaml"));
  auto r = ReadOsvRecord(*mbed, "mbed.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->modified, "2022-11-28T13:02:09.500685Z");
  ASSERT_EQ(r->affected.size(), 1u);
  EXPECT_EQ(r->affected[0].purl, "pkg:generic/mbedtls");
  ASSERT_EQ(r->affected[0].ranges.size(), 1u);
  const VulnRange& g = r->affected[0].ranges[0];
  EXPECT_EQ(NormalizeRepoUrl(g.repo), "github.com/mbed-tls/mbedtls");
  EXPECT_EQ(g.Values(RangeEvent::Kind::kIntroduced), std::vector<std::string>{"ae79fb2c2ef1fc9f61dab91fa029d7916abff78b"});
  EXPECT_EQ(g.Values(RangeEvent::Kind::kFixed), std::vector<std::string>{"fd6cca44489255bcba6849663ede0dd212b6f8cb"});
}

TEST(OsvRecord, MalformedRecordsAreOneClearError) {
  struct Case {
    std::string text, message;
  };
  for (const Case& c : std::vector<Case>{
           {"{", "not valid JSON"},
           {"id: [", "not valid YAML"},
           {"[1]", "expected an OSV record"},
           {R"({"id":"X-1","modified":"2022-01-01T00:00:00Z","affected":[{"ranges":1e999}]})", "not valid JSON"},
           {R"({"modified":"2022-01-01T00:00:00Z"})", "/"},  // no id
           {R"({"id":"X-1","modified":"2022-01-01T00:00:00Z","affected":[{"ranges":[{"type":"GIT","events":"no"}]}]})",
            "/affected/0/ranges/0"},
       }) {
    auto r = ReadOsvRecord(c.text, "bad.json");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.status().ToString().find("bad.json"), std::string::npos) << r.status().ToString();
    EXPECT_NE(r.status().ToString().find(c.message), std::string::npos) << r.status().ToString();
  }
}

TEST(RepoUrls, NormalisedAsOsvCompares) {
  EXPECT_EQ(NormalizeRepoUrl("https://github.com/Mbed-TLS/mbedtls.git"), "github.com/mbed-tls/mbedtls");
  EXPECT_EQ(NormalizeRepoUrl("git@github.com:Mbed-TLS/mbedtls.git"), "github.com/mbed-tls/mbedtls");
  EXPECT_EQ(NormalizeRepoUrl("http://GitHub.com/mbed-tls/mbedtls/"), "github.com/mbed-tls/mbedtls");
  EXPECT_EQ(NormalizeRepoUrl("https://user@git.example.org/Some/Repo.git"), "git.example.org/Some/Repo");  // case kept elsewhere
  EXPECT_NE(NormalizeRepoUrl("https://github.com/a/b"), NormalizeRepoUrl("https://gitlab.com/a/b"));
}

}  // namespace
}  // namespace psirt
