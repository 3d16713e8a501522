// Tests of the GitHub client over libcurl against the local GitHub stand-in:
// pagination, ETags, rate limits, retries, errors that name the permission,
// and a token that never leaves the Authorization header.
#include "net/github_client.h"

#include <gtest/gtest.h>

#include <map>

#include "testing/github_stub.h"

namespace psirt {
namespace {

using nlohmann::json;

class MemoryCache : public AnswerCache {
 public:
  std::optional<CachedAnswer> Get(const std::string& url) override {
    auto it = m.find(url);
    if (it == m.end()) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& url, const CachedAnswer& a) override { m[url] = a; }
  std::map<std::string, CachedAnswer> m;
};

class GithubClientTest : public ::testing::Test {
 protected:
  GithubClient Client(const std::string& token) {
    GithubOptions o;
    o.api_url = stub_.url();
    o.token = token;
    return GithubClient(o, &SendHttp, &cache_, [this](double s) { waits_.push_back(s); }, [] { return now_; });
  }
  testing::GithubStub stub_;
  MemoryCache cache_;
  std::vector<double> waits_;
  static inline std::int64_t now_ = 1'800'000'000;
};

TEST_F(GithubClientTest, PagesThroughLinkHeaders) {
  for (int i = 0; i < 7; ++i) {
    std::string id = "GHSA-" + std::string(4, "23456789"[i]) + "-3333-4444";
    stub_.AddAdvisory("o/r", {{"ghsa_id", id}});
  }
  stub_.SetPageSize(3);
  GithubClient c = Client(stub_.token());
  auto pages = c.GetPages("/repos/o/r/security-advisories?per_page=100");
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 3u);
  EXPECT_EQ(json::parse((*pages)[0]).size(), 3u);
  EXPECT_EQ(json::parse((*pages)[2]).size(), 1u);
  EXPECT_EQ(json::parse((*pages)[2])[0]["ghsa_id"], "GHSA-8888-3333-4444");
  auto reqs = stub_.Requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_NE(reqs[2].query.find("page=3"), std::string::npos);
}

TEST_F(GithubClientTest, UnchangedAnswersAre304FromTheCache) {
  stub_.AddAdvisory("o/r", {{"ghsa_id", "GHSA-2222-3333-4444"}});
  GithubClient c = Client(stub_.token());
  auto first = c.Get("/repos/o/r/security-advisories/GHSA-2222-3333-4444");
  ASSERT_TRUE(first.ok());
  int remaining = stub_.RateLimitRemaining();
  auto second = c.Get("/repos/o/r/security-advisories/GHSA-2222-3333-4444");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(c.stats().not_modified, 1);
  EXPECT_EQ(stub_.RateLimitRemaining(), remaining);  // cost nothing
  EXPECT_EQ(stub_.Requests().back().status, 304);
  EXPECT_FALSE(stub_.Requests().back().if_none_match.empty());
  stub_.EditAdvisory("GHSA-2222-3333-4444", {{"summary", "changed"}});
  auto third = c.Get("/repos/o/r/security-advisories/GHSA-2222-3333-4444");
  EXPECT_EQ(json::parse(*third)["summary"], "changed");
}

TEST_F(GithubClientTest, RateLimitWaitsForTheReset) {
  stub_.AddAdvisory("o/r", {{"ghsa_id", "GHSA-2222-3333-4444"}});
  stub_.Script("/security-advisories", 403,
               {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", std::to_string(now_ + 42)}},
               R"({"message":"API rate limit exceeded for user ID 1."})");
  GithubClient c = Client(stub_.token());
  auto got = c.Get("/repos/o/r/security-advisories/GHSA-2222-3333-4444");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(waits_.size(), 1u);
  EXPECT_EQ(waits_[0], 43);  // until the reset, plus a second
  EXPECT_EQ(stub_.Requests().size(), 2u);
}

TEST_F(GithubClientTest, SecondaryLimitHonoursRetryAfter) {
  stub_.AddAdvisory("o/r", {{"ghsa_id", "GHSA-2222-3333-4444"}});
  stub_.Script("/security-advisories", 403, {{"Retry-After", "7"}},
               R"({"message":"You have exceeded a secondary rate limit."})");
  GithubClient c = Client(stub_.token());
  ASSERT_TRUE(c.Get("/repos/o/r/security-advisories/GHSA-2222-3333-4444").ok());
  EXPECT_EQ(waits_, std::vector<double>{7});
}

TEST_F(GithubClientTest, TooLongAWaitIsAnError) {
  stub_.Script("/security-advisories", 403,
               {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", std::to_string(now_ + 7200)}},
               R"({"message":"API rate limit exceeded"})");
  GithubClient c = Client(stub_.token());
  auto got = c.Get("/repos/o/r/security-advisories/GHSA-2222-3333-4444");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("rate limit"), std::string::npos);
  EXPECT_TRUE(waits_.empty());
}

TEST_F(GithubClientTest, RetriesServerErrorsWithBackoff) {
  stub_.AddAdvisory("o/r", {{"ghsa_id", "GHSA-2222-3333-4444"}});
  stub_.Script("/security-advisories", 502, {}, "<html>Bad Gateway</html>");
  stub_.Script("/security-advisories", 503, {}, "");
  GithubClient c = Client(stub_.token());
  auto got = c.Get("/repos/o/r/security-advisories/GHSA-2222-3333-4444");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(waits_, (std::vector<double>{1, 2}));
  EXPECT_EQ(c.stats().retries, 2);
  for (int i = 0; i < 6; ++i) stub_.Script("/security-advisories", 502, {}, "");
  auto failed = c.Get("/repos/o/r/security-advisories/GHSA-2222-3333-4444");
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("502"), std::string::npos);
}

TEST_F(GithubClientTest, NetworkErrorsAreRetriedThenReported) {
  GithubOptions o;
  o.api_url = "http://127.0.0.1:1";  // nothing listens there
  o.token = "ghp_secret_never_shown";
  o.max_retries = 2;
  std::vector<double> waits;
  GithubClient c(o, &SendHttp, nullptr, [&](double s) { waits.push_back(s); });
  auto got = c.Get("/repos/o/r/security-advisories");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find("cannot reach 127.0.0.1:1"), std::string::npos);
  EXPECT_EQ(got.status().message().find("ghp_secret"), std::string::npos);
  EXPECT_EQ(waits, (std::vector<double>{1, 2}));
}

TEST_F(GithubClientTest, ErrorsNameThePermission) {
  GithubClient bad = Client("ghp_wrong_token_value");
  auto r = bad.Get("/repos/o/r/security-advisories");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kDenied);
  EXPECT_NE(r.status().message().find("401"), std::string::npos);
  EXPECT_NE(r.status().message().find("GITHUB_TOKEN"), std::string::npos);
  EXPECT_EQ(r.status().message().find("ghp_wrong"), std::string::npos);
  GithubClient c = Client(stub_.token());
  stub_.Script("/security-advisories", 403, {{"X-Accepted-GitHub-Permissions", "repository_advisories=write"}},
               R"({"message":"Resource not accessible by personal access token"})");
  r = c.Send("PATCH", "/repos/o/r/security-advisories/GHSA-2222-3333-4444", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("repository_advisories=write"), std::string::npos);
  r = c.Get("/repos/o/r/security-advisories/GHSA-9999-9999-9999");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_NE(r.status().message().find("404"), std::string::npos);
  for (const auto& req : stub_.Requests()) EXPECT_EQ(req.path.find("ghp_"), std::string::npos);
}

TEST_F(GithubClientTest, TokenGoesOnlyToTheApiOrigin) {
  // A Link header pointing elsewhere is not followed (it would carry the token).
  stub_.Script("/security-advisories", 200, {{"Link", "<http://127.0.0.2:9/steal?page=2>; rel=\"next\""}}, "[]");
  GithubClient c = Client(stub_.token());
  auto pages = c.GetPages("/repos/o/r/security-advisories");
  ASSERT_FALSE(pages.ok());
  EXPECT_NE(pages.status().message().find("not followed"), std::string::npos);
}

TEST(NextLinkTest, Parses) {
  EXPECT_EQ(NextLink(R"(<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last")"),
            "https://api.github.com/x?page=2");
  EXPECT_EQ(NextLink(R"(<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=3>; rel="next")"),
            "https://api.github.com/x?page=3");
  EXPECT_FALSE(NextLink(R"(<https://api.github.com/x?page=1>; rel="first")"));
  EXPECT_FALSE(NextLink(""));
  EXPECT_FALSE(NextLink("<unterminated; rel=\"next\""));
}

}  // namespace
}  // namespace psirt
