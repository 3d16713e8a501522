// Tests of the need-to-know rule: who may see an embargoed advisory, for
// each role, and the who-can-see list; no store, no repository.
#include "core/need_to_know.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

Advisory Embargoed() {
  Advisory a;
  a.id = "P-2026-0001";
  a.state = State::kAssigned;
  a.reporter = {"Ada Reporter", "Ada@Research.example"};
  a.reporter_confirmed = true;
  a.assignee = "jukkar";
  a.areas = {"Networking"};
  a.need_to_know = {"jukkar", "rlubos", "pdgendt"};
  FixFacts f;
  f.main_merged = true;
  auto branch = [](std::string name, BranchStatus st) {
    FixFacts::Branch b;
    b.facts.branch = std::move(name);
    b.status = st;
    return b;
  };
  f.branches = {branch("v3.6-branch", BranchStatus::kMissing), branch("v3.7-branch", BranchStatus::kFixed),
                branch("v3.5-branch", BranchStatus::kNotRequired), branch("v2.7-branch", BranchStatus::kNotAffected)};
  a.fix_facts = f;
  return a;
}

TEST(NeedToKnow, EachRoleSeesWhatItNeeds) {
  Advisory a = Embargoed();
  EXPECT_TRUE(MaySee(a, {Role::kPsirt, "anyone", "", {}}));
  EXPECT_FALSE(MaySee(a, {Role::kAnonymous, "", "", {}}));
  // Reporters: their own reports (e-mail, any case).
  EXPECT_TRUE(MaySee(a, {Role::kReporter, "", "ada@research.example", {}}));
  EXPECT_FALSE(MaySee(a, {Role::kReporter, "", "eve@research.example", {}}));
  EXPECT_FALSE(MaySee(a, {Role::kReporter, "", "", {}}));
  // Maintainers: of its areas only.
  EXPECT_TRUE(MaySee(a, {Role::kMaintainer, "rlubos", "", {}}));
  EXPECT_FALSE(MaySee(a, {Role::kMaintainer, "carlescufi", "", {}}));
  EXPECT_FALSE(MaySee(a, {Role::kMaintainer, "", "", {}}));
  // The assignee is a team member: a reporter, an anonymous reader or
  // anyone else with the same handle is not let in by it.
  EXPECT_TRUE(MaySee(a, {Role::kMaintainer, "jukkar", "", {}}));
  EXPECT_FALSE(MaySee(a, {Role::kReporter, "jukkar", "", {}}));
  EXPECT_FALSE(MaySee(a, {Role::kAnonymous, "jukkar", "", {}}));
  // A reporter whose address is not confirmed (anyone can type it into
  // the public form) sees nothing of the report.
  Advisory unconfirmed = a;
  unconfirmed.reporter_confirmed = false;
  EXPECT_FALSE(MaySee(unconfirmed, {Role::kReporter, "", "ada@research.example", {}}));
  // Release managers: of branches it affects under the policy.
  EXPECT_TRUE(MaySee(a, {Role::kReleaseManager, "rm", "", {"v3.6-branch"}}));
  EXPECT_TRUE(MaySee(a, {Role::kReleaseManager, "rm", "", {"v3.7-branch"}}));
  EXPECT_FALSE(MaySee(a, {Role::kReleaseManager, "rm", "", {"v3.5-branch"}}));  // outside the policy
  EXPECT_FALSE(MaySee(a, {Role::kReleaseManager, "rm", "", {"v2.7-branch"}}));  // not affected
  // Public: everyone.
  a.state = State::kPublic;
  EXPECT_TRUE(MaySee(a, {Role::kAnonymous, "", "", {}}));
  // Rejected is not public.
  a.state = State::kRejected;
  EXPECT_FALSE(MaySee(a, {Role::kAnonymous, "", "", {}}));
  EXPECT_FALSE(MaySee(a, {Role::kMaintainer, "carlescufi", "", {}}));
}

TEST(NeedToKnow, TheListSaysWhoAndWhy) {
  Team team;
  team.psirt = {"ceolin", "d3zd3z"};
  team.release_managers = {{"v3.6-branch", {"rm-36"}}, {"v3.5-branch", {"rm-35"}}};
  auto list = NeedToKnow(Embargoed(), team);
  std::vector<std::string> who;
  for (const auto& e : list) who.push_back(e.who);
  EXPECT_EQ(who, (std::vector<std::string>{"ceolin", "d3zd3z", "Ada Reporter <Ada@Research.example>", "jukkar",
                                          "rlubos", "pdgendt", "rm-36"}));
  EXPECT_EQ(list[3].why, "assignee");  // listed once, first reason
  EXPECT_EQ(list.back().why, "release manager of v3.6-branch");
  EXPECT_EQ(NeedToKnow(Embargoed(), Team{})[0].who, "the PSIRT");
  EXPECT_EQ(ParseRole("release-manager"), Role::kReleaseManager);
  EXPECT_FALSE(ParseRole("admin"));
}

TEST(NeedToKnow, WhoMayDoWhat) {
  Visibility v = VisibilityOf(Embargoed());
  Viewer psirt{Role::kPsirt, "lead", "", {}}, maint{Role::kMaintainer, "rlubos", "", {}},
      other{Role::kMaintainer, "carlescufi", "", {}}, rm{Role::kReleaseManager, "rm", "", {"v3.6-branch"}},
      reporter{Role::kReporter, "", "ada@research.example", {}}, anon{};
  for (Action a : {Action::kComment, Action::kFix, Action::kStatus, Action::kManage}) EXPECT_TRUE(MayDo(a, v, psirt));
  for (Action a : {Action::kComment, Action::kFix, Action::kStatus}) {
    EXPECT_TRUE(MayDo(a, v, maint)) << ActionName(a);
    EXPECT_TRUE(MayDo(a, v, rm)) << ActionName(a);
    EXPECT_FALSE(MayDo(a, v, other)) << ActionName(a);
    EXPECT_FALSE(MayDo(a, v, anon)) << ActionName(a);
  }
  EXPECT_FALSE(MayDo(Action::kManage, v, maint));
  EXPECT_FALSE(MayDo(Action::kManage, v, rm));
  EXPECT_TRUE(MayDo(Action::kComment, v, reporter));
  EXPECT_FALSE(MayDo(Action::kFix, v, reporter));
  // Public: everyone reads it, only its own people act on it.
  v.state = State::kPublic;
  EXPECT_TRUE(MaySee(v, other));
  EXPECT_FALSE(MayDo(Action::kComment, v, other));
  EXPECT_TRUE(MayDo(Action::kFix, v, maint));
  EXPECT_FALSE(MayDo(Action::kComment, v, anon));
}

}  // namespace
}  // namespace psirt
