// Published records against git, on a generated repository shaped like
// Mbed TLS: the main line "development" makes patch releases of its own
// (mbedtls-3.5.2 from development, after the fix), release branches come
// in two shapes (mbedtls-3.6, archive/mbedtls-2.28) and the 2.28 LTS gets a
// cherry-picked backport. Every release tag's status in the CVE 5 record
// and the OSV record is checked against `git tag --contains`; a changed
// release model is seen by sync; a fix on a branch that does not exist is
// listed as unresolved.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "app/account_service.h"
#include "app/advisory_service.h"
#include "app/publish_service.h"
#include "app/sync_service.h"
#include "app/workspace.h"
#include "core/versions.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;

// "3.6.0" -> comparable triple.
std::tuple<int, int, int> Triple(const std::string& v) {
  int a = 0, b = 0, c = 0;
  std::sscanf(v.c_str(), "%d.%d.%d", &a, &b, &c);
  return {a, b, c};
}

// The status a CVE 5 `affected` entry gives a version: the first range
// that holds it, else the default.
std::string StatusIn(const json& entry, const std::string& version) {
  auto v = Triple(version);
  for (const json& r : entry["versions"]) {
    if (r["versionType"] != "semver") continue;
    auto from = Triple(r["version"]);
    bool in = v >= from && (r.contains("lessThan") ? v < Triple(r["lessThan"]) : v <= Triple(r["lessThanOrEqual"]));
    if (in) return r["status"];
  }
  return entry["defaultStatus"];
}

class RecordsFromGitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // development: 3.5.0, 3.5.1, the fix, 3.5.2; mbedtls-3.6 from after the
    // fix (3.6.0, 3.6.1); development goes on to 4.1.0; the 2.28 LTS
    // branched before it all gets 2.28.1 (without) and, after a
    // cherry-picked backport, 2.28.2.
    Git({"checkout", "-q", "-b", "development"});
    Commit("lib/ssl.c", "base\n", "Initial import");
    Git({"branch", "archive/mbedtls-2.28"});
    Commit("lib/x509.c", "a\n", "x509: parse");
    Git({"tag", "mbedtls-3.5.0"});
    Commit("lib/x509.c", "a\nb\n", "x509: more");
    Git({"tag", "mbedtls-3.5.1"});
    fix_ = Commit("lib/ssl.c", "base\nchecked\n", "ssl: check the record length");
    Git({"tag", "mbedtls-3.5.2"});
    Git({"branch", "mbedtls-3.6"});
    Commit("lib/aes.c", "x\n", "aes: speed");
    Git({"tag", "mbedtls-4.1.0"});
    Git({"checkout", "-q", "mbedtls-3.6"});
    Commit("ChangeLog", "3.6.0\n", "Release 3.6.0");
    Git({"tag", "mbedtls-3.6.0"});
    Commit("ChangeLog", "3.6.0\n3.6.1\n", "Release 3.6.1");
    Git({"tag", "mbedtls-3.6.1"});
    Git({"checkout", "-q", "archive/mbedtls-2.28"});
    Commit("ChangeLog", "2.28.0\n", "Release 2.28.0");
    Git({"tag", "mbedtls-2.28.0"});
    Commit("ChangeLog", "2.28.0\n2.28.1\n", "Release 2.28.1");
    Git({"tag", "mbedtls-2.28.1"});
    Git({"cherry-pick", "-x", fix_});
    backport_ = Git({"rev-parse", "HEAD"});
    Commit("ChangeLog", "2.28.0\n2.28.1\n2.28.2\n", "Release 2.28.2");
    Git({"tag", "mbedtls-2.28.2"});
    Git({"checkout", "-q", "development"});

    InitOptions o;
    o.config.project = "mbedtls";
    o.config.advisory_prefix = "MBEDTLS";
    o.config.repository = repo_.dir();
    o.config.publish.repository_url = "https://github.com/Mbed-TLS/mbedtls";
    o.config.cna = {"Mbed TLS", "Mbed TLS", "e2e69745-5e70-4e92-8431-deb5529a81ad", "", "mbedtls", {}};
    o.config.releases.main_branch = "development";
    o.config.releases.tag_pattern = "mbedtls-{major}.{minor}.{patch}";
    o.config.releases.branch_pattern = "mbedtls-{major}.{minor}";
    o.config.releases.more_branch_patterns = {"archive/mbedtls-{major}.{minor}"};
    o.config.releases.lts_branches = {"archive/mbedtls-2.28"};
    o.config.releases.backport_latest = 1;
    ASSERT_TRUE(InitWorkspace(dir_.path(), o).ok());
    Reopen();
    AdvisoryService svc = ws_->Advisories(clock_);
    ASSERT_TRUE(AccountService(*ws_->store, clock_).Add({"dev", Role::kMaintainer, "", "", {}}).ok());
    ReportRequest r;
    r.title = "TLS record length not checked";
    r.reported_on = *Date::Parse("2026-01-02");
    r.to_triage = true;
    id_ = svc.Report("lead", r)->advisory.id;
    ASSERT_TRUE(svc.Assign("lead", id_, "dev").ok());
    ASSERT_TRUE(svc.LinkFix("lead", id_, Fix{Fix::Kind::kCommit, fix_, "development"}).ok());
    for (State s : {State::kReview, State::kAccepted}) ASSERT_TRUE(svc.Move("lead", id_, MoveRequest{s}).ok());
    ASSERT_TRUE(svc.SetCve("lead", id_, "CVE-2026-0100").ok());
    ASSERT_TRUE(svc.Move("lead", id_, MoveRequest{State::kPublic, "", "", "published for the test"}).ok());
  }
  void Reopen() {
    auto ws = OpenWorkspace(dir_.path());
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    ws_ = std::make_unique<Workspace>(std::move(ws).value());
  }
  std::string Git(std::vector<std::string> args) { return repo_.Git(std::move(args)); }
  std::string Commit(const std::string& f, const std::string& c, const std::string& m) { return repo_.Commit(f, c, m); }
  Result<SyncReport> Sync() {
    SyncService s(*ws_->store, ws_->config, repo_.dir(), clock_);
    return s.Sync();
  }
  json Export(ExportFormat f) {
    PublishService pub(*ws_->store, ws_->config, clock_, repo_.dir());
    auto doc = pub.Export(id_, f, false);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    return json::parse(doc.ok() ? *doc : "{}");
  }
  // Every release tag -> whether git says it has the fix (any fix commit).
  std::map<std::string, bool> FixedByGit(const std::vector<std::string>& fix_commits) {
    std::map<std::string, bool> fixed;
    std::string tags = Git({"tag", "--list", "mbedtls-*"});
    for (size_t pos = 0; pos < tags.size();) {
      size_t nl = tags.find('\n', pos);
      fixed[tags.substr(pos, nl - pos)] = false;
      pos = nl == std::string::npos ? tags.size() : nl + 1;
    }
    for (const std::string& c : fix_commits) {
      std::string contains = Git({"tag", "--contains", c, "--list", "mbedtls-*"});
      for (size_t pos = 0; pos < contains.size();) {
        size_t nl = contains.find('\n', pos);
        fixed[contains.substr(pos, nl - pos)] = true;
        pos = nl == std::string::npos ? contains.size() : nl + 1;
      }
    }
    return fixed;
  }

  testing::GitRepo repo_;
  testing::TempDir dir_;
  FixedClock clock_{Timestamp::StartOf(*Date::Parse("2026-06-01"))};
  std::unique_ptr<Workspace> ws_;
  std::string fix_, backport_, id_;
};

TEST_F(RecordsFromGitTest, EveryReleaseIsAffectedOrNotExactlyAsGitSays) {
  ASSERT_TRUE(Sync().ok());
  AdvisoryService svc = ws_->Advisories(clock_);
  Advisory a = *svc.Get(id_);
  ASSERT_TRUE(a.fix_facts);
  EXPECT_EQ(a.fix_facts->main_first_release.value_or(""), "mbedtls-3.5.2") << "a patch release of the main line";
  std::vector<std::string> fix_commits = a.fix_facts->fix_commits;
  bool archive_seen = false;
  for (const auto& b : a.fix_facts->branches) {
    for (const std::string& c : b.facts.commits) fix_commits.push_back(c);
    archive_seen = archive_seen || b.facts.branch == "archive/mbedtls-2.28";
  }
  EXPECT_TRUE(archive_seen) << "a release branch of the second shape";
  std::map<std::string, bool> fixed = FixedByGit(fix_commits);
  ASSERT_EQ(fixed.size(), 9u);
  EXPECT_TRUE(fixed["mbedtls-2.28.2"]) << "the backport";
  EXPECT_FALSE(fixed["mbedtls-3.5.1"]);
  json cve = Export(ExportFormat::kCve5);
  const json* semver = nullptr;
  for (const json& e : cve["containers"]["cna"]["affected"])
    for (const json& v : e["versions"])
      if (v["versionType"] == "semver") semver = &e;
  ASSERT_NE(semver, nullptr) << cve["containers"]["cna"]["affected"].dump();
  for (const auto& [tag, has_fix] : fixed) {
    std::string version = tag.substr(std::string("mbedtls-").size());
    EXPECT_EQ(StatusIn(*semver, version), has_fix ? "unaffected" : "affected") << tag << " in " << (*semver)["versions"].dump();
  }
  for (const json& v : (*semver)["versions"]) {
    if (!v.contains("lessThan")) continue;
    EXPECT_NE(v["version"], v["lessThan"]) << "no empty range: " << v.dump();
  }
  // OSV: the affected versions are exactly the releases without the fix.
  json osv = Export(ExportFormat::kOsv);
  std::set<std::string> listed, want;
  for (const json& v : osv["affected"][0]["versions"]) listed.insert(v.get<std::string>());
  for (const auto& [tag, has_fix] : fixed)
    if (!has_fix) want.insert(tag);
  EXPECT_EQ(listed, want);
}

TEST_F(RecordsFromGitTest, AChangedReleaseModelIsSeenBySync) {
  ASSERT_TRUE(Sync().ok());
  auto second = Sync();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->changed, 0);
  // psirt.yml loses the archive/ pattern: the 2.28 branch is no release
  // branch any more, and the next sync must say so (not skip: "nothing moved").
  std::string yml = testing::ReadFile(dir_.path() + "/psirt.yml");
  size_t at = yml.find("branch_pattern:");
  size_t eol = yml.find('\n', at);
  yml.replace(at, eol - at, "branch_pattern: \"mbedtls-{major}.{minor}\"");
  at = yml.find("lts_branches:");
  eol = yml.find('\n', at);
  yml.replace(at, eol - at, "lts_branches: []");
  testing::WriteFile(dir_.path() + "/psirt.yml", yml);
  Reopen();
  auto third = Sync();
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->changed, 1);
  Advisory a = *ws_->Advisories(clock_).Get(id_);
  for (const auto& b : a.fix_facts->branches) EXPECT_NE(b.facts.branch, "archive/mbedtls-2.28");
}

TEST_F(RecordsFromGitTest, AFixOnABranchThatDoesNotExistIsUnresolvedNotGone) {
  AdvisoryService svc = ws_->Advisories(clock_);
  ASSERT_TRUE(svc.LinkFix("lead", id_, Fix{Fix::Kind::kCommit, backport_, "mbedtls-2.7"}).ok());
  ASSERT_TRUE(Sync().ok());
  Advisory a = *svc.Get(id_);
  ASSERT_TRUE(a.fix_facts);
  ASSERT_EQ(a.fix_facts->unresolved.size(), 1u);
  EXPECT_EQ(a.fix_facts->unresolved[0], "commit " + backport_.substr(0, 12) + " (mbedtls-2.7: no such branch)");
  EXPECT_FALSE(a.fix_facts->IsFinal()) << "it stays open until someone looks";
}

}  // namespace
}  // namespace psirt
