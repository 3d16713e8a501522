// Fetching a clone's origin: new commits, tags and branches arrive; a
// missing remote or a broken URL is one clear error.
#include "git/remote_fetch.h"

#include <gtest/gtest.h>

#include "testing/test_support.h"

namespace psirt::git {
namespace {

namespace pt = psirt::testing;
using psirt::testing::TempDir;

std::string Git(const std::string& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "-C", dir, "-c", "user.name=t", "-c", "user.email=t@x.example"});
  auto r = pt::Run(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return psirt::testing::Chomp(r.out);
}

TEST(RemoteFetch, NewCommitsTagsAndBranchesArrive) {
  TempDir dir;
  std::string origin = dir / "origin", clone = dir / "clone";
  ASSERT_EQ(pt::Run({"git", "init", "-q", "-b", "main", origin}).exit_code, 0);
  Git(origin, {"commit", "-q", "--allow-empty", "-m", "first"});
  ASSERT_EQ(pt::Run({"git", "clone", "-q", origin, clone}).exit_code, 0);
  std::string second = (Git(origin, {"commit", "-q", "--allow-empty", "-m", "second"}), Git(origin, {"rev-parse", "HEAD"}));
  Git(origin, {"tag", "v1.0.0"});
  Git(origin, {"branch", "v1.0-branch"});
  EXPECT_NE(Git(clone, {"rev-parse", "origin/main"}), second) << "not there before the fetch";
  auto fetched = FetchRemote(clone);
  ASSERT_TRUE(fetched.ok()) << fetched.status().ToString();
  EXPECT_GT(fetched->objects_received, 0u);
  EXPECT_EQ(Git(clone, {"rev-parse", "origin/main"}), second);
  EXPECT_EQ(Git(clone, {"rev-parse", "v1.0.0^{commit}"}), second) << "tags too";
  EXPECT_EQ(Git(clone, {"rev-parse", "origin/v1.0-branch"}), second);
  auto again = FetchRemote(clone);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->objects_received, 0u) << "nothing new the second time";
}

TEST(RemoteFetch, AMissingRemoteOrRepositoryIsOneClearError) {
  TempDir dir;
  std::string repo = dir / "repo";
  ASSERT_EQ(pt::Run({"git", "init", "-q", repo}).exit_code, 0);
  auto none = FetchRemote(repo);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no remote 'origin'"), std::string::npos) << none.status().message();
  Git(repo, {"remote", "add", "origin", dir / "does-not-exist"});
  auto gone = FetchRemote(repo);
  ASSERT_FALSE(gone.ok());
  EXPECT_NE(gone.status().message().find("fetching 'origin'"), std::string::npos) << gone.status().message();
  EXPECT_FALSE(FetchRemote(dir / "nothing").ok());
}

}  // namespace
}  // namespace psirt::git
