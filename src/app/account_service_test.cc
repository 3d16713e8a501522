// Accounts: validation, tokens (hashed, one per account), passwords,
// disabling, reporter links.
#include "app/account_service.h"

#include <gtest/gtest.h>

#include "app/workspace.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

TEST(AccountServiceTest, TokensAreHashedRotatedAndRevoked) {
  testing::TempDir dir;
  InitOptions o;
  o.config.project = "p";
  auto ws = InitWorkspace(dir.path(), o);
  ASSERT_TRUE(ws.ok());
  FixedClock clock(Timestamp::FromUnix(1800000000));
  AccountService a = ws->Accounts(clock);
  EXPECT_EQ(a.Add({"Bad Name", Role::kPsirt, "", "", {}}).code(), Status::Code::kInvalid);
  EXPECT_EQ(a.Add({"rep", Role::kReporter, "", "", {}}).code(), Status::Code::kInvalid) << "reporters need an e-mail";
  EXPECT_EQ(a.Add({"m", Role::kMaintainer, "", "", {"v3.6-branch"}}).code(), Status::Code::kInvalid);
  ASSERT_TRUE(a.Add({"lead", Role::kPsirt, "lead-gh", "lead@x.example", {}}).ok());
  EXPECT_EQ(a.Add({"lead", Role::kPsirt, "", "", {}}).code(), Status::Code::kConflict);
  auto t1 = a.IssueToken("lead");
  ASSERT_TRUE(t1.ok());
  EXPECT_EQ(a.ByToken(*t1)->name, "lead");
  // Only the hash is stored.
  ASSERT_TRUE(ws->store->Read([&](StoreTx& tx) -> Status {
    auto s = tx.FindSecret(Sha256Hex(*t1));
    EXPECT_TRUE(s.ok() && s->has_value());
    auto raw = tx.FindSecret(*t1);
    EXPECT_TRUE(raw.ok() && !raw->has_value());
    return Status::Ok();
  }).ok());
  auto t2 = a.IssueToken("lead");
  EXPECT_EQ(a.ByToken(*t1).status().code(), Status::Code::kDenied) << "a new token replaces the old one";
  EXPECT_TRUE(a.ByToken(*t2).ok());
  EXPECT_EQ(a.SetPassword("lead", "short").code(), Status::Code::kInvalid);
  ASSERT_TRUE(a.SetPassword("lead", "a long enough password").ok());
  auto s = a.Login("lead", "a long enough password");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(a.BySession(s->token).ok());
  ASSERT_TRUE(a.Disable("lead").ok());
  EXPECT_FALSE(a.ByToken(*t2).ok());
  EXPECT_FALSE(a.BySession(s->token).ok());
  EXPECT_FALSE(a.Login("lead", "a long enough password").ok());
  auto link = a.CreateReporterLink("P-2026-0001");
  EXPECT_EQ(*a.ReporterLink(*link), "P-2026-0001");
  EXPECT_FALSE(a.ReporterLink(*t2).ok()) << "an API token is not a reporter link";
}

}  // namespace
}  // namespace psirt
