// Tests of the transition table (every pair) and of each guard.
#include "core/lifecycle.h"

#include <gtest/gtest.h>

#include <set>

namespace psirt {
namespace {

Advisory Ready(State s) {
  Advisory a;
  a.id = "PSIRT-2026-0001";
  a.state = s;
  a.assignee = "alice";
  a.fixes.push_back(Fix{Fix::Kind::kPr, "1", "main"});
  a.cve_id = "CVE-2026-0001";
  a.reported_on = *Date::Parse("2026-01-01");
  return a;
}

TEST(LifecycleTest, ExactlyTheTransitionsOfReportingRst) {
  const std::set<std::pair<State, State>> allowed = {
      {State::kNew, State::kTriage},       {State::kTriage, State::kRejected},
      {State::kRejected, State::kTriage},  {State::kTriage, State::kAssigned},
      {State::kAssigned, State::kReview},  {State::kReview, State::kAssigned},
      {State::kReview, State::kAccepted},  {State::kReview, State::kRejected},
      {State::kAccepted, State::kPublic}};
  Policy p;
  Date late = *Date::Parse("2027-01-01");  // embargo over
  for (State from : kAllStates) {
    for (State to : kAllStates) {
      MoveRequest r{to, "because", "", ""};
      Status st = CheckMove(Ready(from), r, p, late);
      bool want = allowed.count({from, to}) > 0;
      EXPECT_EQ(st.ok(), want) << StateName(from) << " -> " << StateName(to) << ": "
                               << st.ToString();
      if (!want) {
        EXPECT_NE(st.message().find("allowed next"), std::string::npos) << st.message();
      }
    }
  }
}

TEST(LifecycleTest, RefusalNamesTheAllowedNextStates) {
  Status st = CheckMove(Ready(State::kReview), MoveRequest{State::kPublic}, Policy{},
                        *Date::Parse("2027-01-01"));
  EXPECT_EQ(st.message(),
            "PSIRT-2026-0001 is Review; it cannot move to Public (allowed next: Assigned, "
            "Accepted, Rejected)");
  st = CheckMove(Ready(State::kPublic), MoveRequest{State::kTriage}, Policy{},
                 *Date::Parse("2027-01-01"));
  EXPECT_NE(st.message().find("none (final state)"), std::string::npos);
}

TEST(LifecycleTest, ReviewNeedsAFix) {
  Advisory a = Ready(State::kAssigned);
  a.fixes.clear();
  Status st = CheckMove(a, MoveRequest{State::kReview}, Policy{}, *a.reported_on);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no linked fix"), std::string::npos);
}

TEST(LifecycleTest, AssignedNeedsAnAssignee) {
  Advisory a = Ready(State::kTriage);
  a.assignee.clear();
  EXPECT_FALSE(CheckMove(a, MoveRequest{State::kAssigned}, Policy{}, *a.reported_on).ok());
}

TEST(LifecycleTest, RejectedNeedsAReason) {
  Advisory a = Ready(State::kTriage);
  EXPECT_FALSE(CheckMove(a, MoveRequest{State::kRejected}, Policy{}, *a.reported_on).ok());
  EXPECT_TRUE(CheckMove(a, MoveRequest{State::kRejected, "dup"}, Policy{}, *a.reported_on).ok());
}

TEST(LifecycleTest, PublicNeedsCveOrNoCveReason) {
  Advisory a = Ready(State::kAccepted);
  a.cve_id.clear();
  Date after = a.reported_on->AddDays(90);
  Status st = CheckMove(a, MoveRequest{State::kPublic}, Policy{}, after);
  EXPECT_NE(st.message().find("no CVE id"), std::string::npos);
  EXPECT_TRUE(CheckMove(a, MoveRequest{State::kPublic, "", "not a vulnerability in our code", ""},
                        Policy{}, after)
                  .ok());
}

TEST(LifecycleTest, PublicWaitsForTheEmbargoUnlessEarly) {
  Advisory a = Ready(State::kAccepted);
  Date before = a.reported_on->AddDays(89), on = a.reported_on->AddDays(90);
  Status st = CheckMove(a, MoveRequest{State::kPublic}, Policy{}, before);
  EXPECT_NE(st.message().find("under embargo until 2026-04-01"), std::string::npos)
      << st.message();
  EXPECT_TRUE(CheckMove(a, MoveRequest{State::kPublic}, Policy{}, on).ok());
  EXPECT_TRUE(
      CheckMove(a, MoveRequest{State::kPublic, "", "", "already public on a blog"}, Policy{}, before)
          .ok());
  a.embargo_override = *Date::Parse("2026-02-01");
  EXPECT_TRUE(CheckMove(a, MoveRequest{State::kPublic}, Policy{}, *Date::Parse("2026-02-01")).ok());
}

TEST(LifecycleTest, OfferedMovesAreTheAllowedOnesThisPersonMayMake) {
  auto everyone = [](Action) { return true; };
  auto status_only = [](Action a) { return a == Action::kStatus; };
  EXPECT_EQ(OfferedMoves(State::kPublic, everyone), std::vector<State>{}) << "nothing follows Public";
  for (State s : kAllStates) {
    std::vector<State> all(AllowedNext(s).begin(), AllowedNext(s).end());
    EXPECT_EQ(OfferedMoves(s, everyone), all) << StateName(s);
  }
  // A maintainer reports the fix's progress and nothing else.
  EXPECT_EQ(OfferedMoves(State::kAssigned, status_only), std::vector<State>{State::kReview});
  EXPECT_EQ(OfferedMoves(State::kReview, status_only), std::vector<State>{State::kAssigned});
  EXPECT_EQ(OfferedMoves(State::kTriage, status_only), std::vector<State>{State::kAssigned});
  EXPECT_TRUE(OfferedMoves(State::kAccepted, status_only).empty());
  EXPECT_EQ(ActionForMove(State::kPublic), Action::kManage);
  EXPECT_TRUE(IsOpen(State::kAccepted));
  EXPECT_FALSE(IsOpen(State::kRejected));
}

TEST(StateTest, NamesParseCaseInsensitively) {
  for (State s : kAllStates) EXPECT_EQ(ParseState(StateName(s)), s);
  EXPECT_EQ(ParseState("accepted"), State::kAccepted);
  EXPECT_EQ(ParseState("PUBLIC"), State::kPublic);
  EXPECT_FALSE(ParseState("Done"));
  EXPECT_FALSE(ParseState(""));
}

}  // namespace
}  // namespace psirt
