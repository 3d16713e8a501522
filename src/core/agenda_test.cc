// Tests of each agenda rule, of overdue flags and of ordering.
#include "core/agenda.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

AdvisorySummary Adv(const char* id, State s, const char* reported) {
  AdvisorySummary a;
  a.id = id;
  a.state = s;
  a.reported_on = *Date::Parse(reported);
  return a;
}

std::vector<std::string> Kinds(const std::vector<Task>& tasks, const std::string& id) {
  std::vector<std::string> out;
  for (const Task& t : tasks)
    if (t.advisory == id) out.emplace_back(TaskKindName(t.kind));
  return out;
}

const Date kToday = *Date::Parse("2026-11-24");

TEST(AgendaTest, NewReportNeedsAcknowledgeAndTriage) {
  auto a = Adv("P-2026-0001", State::kNew, "2026-11-20");
  auto tasks = BuildAgenda(std::vector{a}, Policy{}, kToday);
  EXPECT_EQ(Kinds(tasks, a.id), (std::vector<std::string>{"acknowledge", "triage"}));
  EXPECT_EQ(DateOr(tasks[0].due), "2026-11-27");
  EXPECT_FALSE(tasks[0].overdue);
}

TEST(AgendaTest, UnacknowledgedAfterSevenDaysIsOverdue) {
  auto a = Adv("P-2026-0001", State::kTriage, "2026-11-10");
  auto tasks = BuildAgenda(std::vector{a}, Policy{}, kToday);
  ASSERT_FALSE(tasks.empty());
  EXPECT_EQ(tasks[0].kind, TaskKind::kAcknowledge);
  EXPECT_TRUE(tasks[0].overdue);
  a.acknowledged = true;
  tasks = BuildAgenda(std::vector{a}, Policy{}, kToday);
  EXPECT_EQ(Kinds(tasks, a.id), (std::vector<std::string>{"triage"}));
}

TEST(AgendaTest, FixDueAppearsAWeekAheadAndWhenPast) {
  auto a = Adv("P-2026-0001", State::kAssigned, "2026-11-01");  // fix due 2026-12-01
  a.acknowledged = true;
  EXPECT_EQ(Kinds(BuildAgenda(std::vector{a}, Policy{}, *Date::Parse("2026-11-23")), a.id).size(), 0u);
  auto tasks = BuildAgenda(std::vector{a}, Policy{}, kToday);
  ASSERT_EQ(Kinds(tasks, a.id), std::vector<std::string>{"fix_due"});
  EXPECT_FALSE(tasks[0].overdue);
  tasks = BuildAgenda(std::vector{a}, Policy{}, *Date::Parse("2026-12-02"));
  EXPECT_TRUE(tasks[0].overdue);
  a.state = State::kAccepted;  // merged: no longer a fix task
  a.cve_id = "CVE-2026-3";
  EXPECT_TRUE(Kinds(BuildAgenda(std::vector{a}, Policy{}, *Date::Parse("2026-12-02")), a.id).empty());
}

TEST(AgendaTest, EmbargoEndingWithinFourteenDaysAndEnded) {
  auto a = Adv("P-2026-0001", State::kAccepted, "2026-09-01");  // embargo ends 2026-11-30
  a.cve_id = "CVE-2026-1";
  a.acknowledged = true;
  auto tasks = BuildAgenda(std::vector{a}, Policy{}, kToday);
  ASSERT_EQ(Kinds(tasks, a.id), std::vector<std::string>{"embargo_ending"});
  EXPECT_EQ(DateOr(tasks[0].due), "2026-11-30");
  EXPECT_TRUE(Kinds(BuildAgenda(std::vector{a}, Policy{}, *Date::Parse("2026-11-15")), a.id).empty());
  tasks = BuildAgenda(std::vector{a}, Policy{}, *Date::Parse("2026-12-05"));
  ASSERT_EQ(Kinds(tasks, a.id), std::vector<std::string>{"embargo_ended"});
  EXPECT_TRUE(tasks[0].overdue);
}

TEST(AgendaTest, AcceptedWithoutCveNeedsOne) {
  auto a = Adv("P-2026-0001", State::kAccepted, "2026-11-01");
  a.acknowledged = true;
  a.accepted_on = *Date::Parse("2026-11-20");
  auto tasks = BuildAgenda(std::vector{a}, Policy{}, kToday);
  ASSERT_EQ(Kinds(tasks, a.id), std::vector<std::string>{"request_cve"});
  EXPECT_EQ(DateOr(tasks[0].due), "2026-11-27");
  a.cve_id = "CVE-2026-2";
  EXPECT_TRUE(BuildAgenda(std::vector{a}, Policy{}, kToday).empty());
}

TEST(AgendaTest, ClosedAdvisoriesHaveNoTasks) {
  auto a = Adv("P-2026-0001", State::kPublic, "2025-01-01");
  auto b = Adv("P-2026-0002", State::kRejected, "2025-01-01");
  EXPECT_TRUE(BuildAgenda(std::vector{a, b}, Policy{}, kToday).empty());
}

TEST(AgendaTest, SortedByDueDateThenAdvisory) {
  std::vector<AdvisorySummary> in = {Adv("P-2026-0003", State::kNew, "2026-11-22"),
                                     Adv("P-2026-0001", State::kNew, "2026-11-22"),
                                     Adv("P-2026-0002", State::kNew, "2026-11-01")};
  auto tasks = BuildAgenda(in, Policy{}, kToday);
  for (size_t i = 1; i < tasks.size(); ++i) {
    EXPECT_LE(tasks[i - 1].due, tasks[i].due);
    if (tasks[i - 1].due == tasks[i].due) {
      EXPECT_LE(tasks[i - 1].advisory, tasks[i].advisory);
    }
  }
  EXPECT_EQ(tasks.front().advisory, "P-2026-0002");
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

TEST(AgendaModuleConstraints, OneTaskPerProblemWithItsConclusion) {
  ConstraintFinding ok, conflict, skipped;
  ok.kind = ConstraintFinding::Kind::kSatisfied, ok.derivation = {"fine"};
  conflict.kind = ConstraintFinding::Kind::kConflict, conflict.derivation = {"a requires b", "Because ..., a cannot be built."};
  skipped.kind = ConstraintFinding::Kind::kNotApplicable, skipped.derivation = {"x"};
  std::vector<ConstraintFinding> all{ok, conflict, skipped};
  std::vector<Task> tasks = ModuleConstraintTasks(all);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].kind, TaskKind::kModuleConstraint);
  EXPECT_EQ(tasks[0].text, "Because ..., a cannot be built.");
  EXPECT_EQ(tasks[0].advisory, "");
  EXPECT_FALSE(tasks[0].due.has_value());
  EXPECT_EQ(TaskKindName(TaskKind::kModuleConstraint), "module_constraint");
}

}  // namespace
}  // namespace psirt
