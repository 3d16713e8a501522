// List filters and orders over projection rows.
#include "core/list_query.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

AdvisorySummary Row(const std::string& id, int seq, State st) {
  AdvisorySummary s;
  s.id = id;
  s.year = 2026;
  s.seq = seq;
  s.state = st;
  s.title = "title of " + id;
  s.updated_at = Timestamp::FromUnix(1700000000 + seq);
  return s;
}

std::vector<std::string> Ids(const std::vector<AdvisorySummary>& rows, const ListQuery& q) {
  std::vector<std::string> out;
  for (const auto& r : rows)
    if (Matches(r, q)) out.push_back(r.id);
  return out;
}

class ListQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AdvisorySummary a = Row("A-2026-0001", 1, State::kTriage);
    a.areas = {"Bluetooth", "Bluetooth Host"};
    a.assignee = "ada";
    a.cvss_score = 9.8;
    a.cvss_severity = "Critical";
    a.title = "BLE stack overflow in L2CAP";
    AdvisorySummary b = Row("A-2026-0002", 2, State::kAssigned);
    b.areas = {"Networking"};
    b.cvss_score = 5.3;
    b.cvss_severity = "Medium";
    b.has_fix = true;
    b.cve_id = "CVE-2026-1111";
    AdvisorySummary c = Row("A-2026-0003", 3, State::kPublic);
    c.areas = {"USB"};
    c.assignee = "lead";
    c.has_fix = true;
    c.backports_missing = {"v3.7-branch"};
    c.ghsa_id = "GHSA-2222-3333-4444";
    c.reported_on = *Date::Parse("2026-01-01");
    AdvisorySummary d = Row("A-2026-0004", 4, State::kRejected);
    rows_ = {a, b, c, d};
  }
  std::vector<AdvisorySummary> rows_;
};

TEST_F(ListQueryTest, EachFilterAndTheirCombination) {
  ListQuery q;
  EXPECT_EQ(Ids(rows_, q).size(), 4u) << "no filter: everything";
  q.states = {State::kTriage, State::kPublic};
  EXPECT_EQ(Ids(rows_, q), (std::vector<std::string>{"A-2026-0001", "A-2026-0003"})) << "values of one filter: any";
  q.areas = {"USB"};
  EXPECT_EQ(Ids(rows_, q), std::vector<std::string>{"A-2026-0003"}) << "filters together: all";
  q = {};
  q.areas = {"Bluetooth Host"};
  EXPECT_EQ(Ids(rows_, q), std::vector<std::string>{"A-2026-0001"}) << "an area by its exact name";
  q.areas = {"Bluetooth H"};
  EXPECT_TRUE(Ids(rows_, q).empty());
  q = {};
  q.assignees = {"none"};
  EXPECT_EQ(Ids(rows_, q), (std::vector<std::string>{"A-2026-0002", "A-2026-0004"})) << "'none': unassigned";
  q.assignees = {"lead", "ada"};
  EXPECT_EQ(Ids(rows_, q), (std::vector<std::string>{"A-2026-0001", "A-2026-0003"}));
  q = {};
  q.severities = {"Critical", "Medium"};
  EXPECT_EQ(Ids(rows_, q), (std::vector<std::string>{"A-2026-0001", "A-2026-0002"}));
  q.severities = {"None"};
  EXPECT_EQ(Ids(rows_, q), (std::vector<std::string>{"A-2026-0003", "A-2026-0004"})) << "unscored counts as None";
  q = {};
  q.text = "l2cap BLE";
  EXPECT_EQ(Ids(rows_, q), std::vector<std::string>{"A-2026-0001"}) << "every word, any case, any order";
  q.text = "cve-2026-1111";
  EXPECT_EQ(Ids(rows_, q), std::vector<std::string>{"A-2026-0002"});
  q.text = "GHSA-2222";
  EXPECT_EQ(Ids(rows_, q), std::vector<std::string>{"A-2026-0003"});
  q.text = "a-2026-0004";
  EXPECT_EQ(Ids(rows_, q), std::vector<std::string>{"A-2026-0004"});
  q = {};
  q.unfixed = true;
  EXPECT_EQ(Ids(rows_, q), (std::vector<std::string>{"A-2026-0001", "A-2026-0003"}))
      << "no fix, or a backport missing; never a rejected report";
}

TEST_F(ListQueryTest, OrdersAndTheirTies) {
  Policy policy;
  auto order = [&](ListSort sort) {
    std::vector<AdvisorySummary> rows = rows_;
    SortList(rows, sort, policy, [](const AdvisorySummary& s) -> const AdvisorySummary& { return s; });
    std::vector<std::string> ids;
    for (const auto& r : rows) ids.push_back(r.id);
    return ids;
  };
  EXPECT_EQ(order(ListSort::kId), (std::vector<std::string>{"A-2026-0001", "A-2026-0002", "A-2026-0003", "A-2026-0004"}));
  EXPECT_EQ(order(ListSort::kUpdated), (std::vector<std::string>{"A-2026-0004", "A-2026-0003", "A-2026-0002", "A-2026-0001"}));
  EXPECT_EQ(order(ListSort::kSeverity), (std::vector<std::string>{"A-2026-0001", "A-2026-0002", "A-2026-0003", "A-2026-0004"}))
      << "highest first; unscored last, in id order";
  EXPECT_EQ(order(ListSort::kDeadline).front(), "A-2026-0003") << "the only one with an embargo end comes first";
  EXPECT_TRUE(ParseListSort("Severity").ok());
  EXPECT_EQ(ParseListSort("cvss").status().code(), Status::Code::kUsage);
  EXPECT_EQ(*ParseSeverityFilter("HIGH"), "High");
  EXPECT_FALSE(ParseSeverityFilter("severe").ok());
}

}  // namespace
}  // namespace psirt
