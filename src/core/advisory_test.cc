// Tests of the event fold and of person parsing.
#include "core/advisory.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

using nlohmann::json;

Event Ev(int seq, EventKind k, json p, const char* time = "2026-11-01T10:00:00Z") {
  Event e;
  e.advisory = "PSIRT-2026-0007";
  e.seq = seq;
  e.actor = "alice";
  e.time = *Timestamp::Parse(time);
  e.kind = k;
  e.payload = std::move(p);
  return e;
}

std::vector<Event> History() {
  return {
      Ev(1, EventKind::kReported,
         {{"title", "Overflow"}, {"description", "d"}, {"reporter", {{"name", "Ada"}, {"email", "a@x.org"}}},
          {"reported_on", "2026-10-30"}}),
      Ev(2, EventKind::kMoved, {{"from", "New"}, {"to", "Triage"}}),
      Ev(3, EventKind::kTriaged, {{"cvss", "CVSS:3.1/AV:N"}, {"cwes", {"CWE-787"}}, {"files", {"a.c"}}}),
      Ev(4, EventKind::kAssigned, {{"assignee", "bob"}}),
      Ev(5, EventKind::kMoved, {{"from", "Triage"}, {"to", "Assigned"}}),
      Ev(6, EventKind::kFixLinked, {{"kind", "pr"}, {"ref", "42"}, {"branch", "main"}}),
      Ev(7, EventKind::kFixLinked, {{"kind", "pr"}, {"ref", "42"}, {"branch", "main"}}),
      Ev(8, EventKind::kMoved, {{"from", "Assigned"}, {"to", "Review"}}),
      Ev(9, EventKind::kMoved, {{"from", "Review"}, {"to", "Accepted"}}, "2026-11-05T12:00:00Z"),
      Ev(10, EventKind::kCveAssigned, {{"cve", "CVE-2026-1234"}}),
      Ev(11, EventKind::kCredited, {{"name", "Ada"}, {"type", "finder"}}),
      Ev(12, EventKind::kNoted, {{"text", "backport pending"}}),
      Ev(13, EventKind::kEdited, {{"ghsa", "GHSA-2345-6789-cfgh"}, {"embargo_ends", "2026-12-01"}}),
      Ev(14, EventKind::kTriaged, {{"subsystem", "Networking"}}),
  };
}

TEST(FoldTest, DerivesTheCurrentAdvisory) {
  auto events = History();
  auto a = Fold(events);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->id, "PSIRT-2026-0007");
  EXPECT_EQ(a->year, 2026);
  EXPECT_EQ(a->seq, 7);
  EXPECT_EQ(a->title, "Overflow");
  EXPECT_EQ(a->reporter.ToString(), "Ada <a@x.org>");
  EXPECT_EQ(a->state, State::kAccepted);
  EXPECT_EQ(a->assignee, "bob");
  EXPECT_EQ(a->cvss, "CVSS:3.1/AV:N");
  EXPECT_EQ(a->cwes, std::vector<std::string>{"CWE-787"});
  EXPECT_EQ(a->files, std::vector<std::string>{"a.c"});  // later triage kept them
  EXPECT_EQ(a->subsystem, "Networking");
  ASSERT_EQ(a->fixes.size(), 1u);  // the same fix twice is one fix
  EXPECT_EQ(a->cve_id, "CVE-2026-1234");
  EXPECT_EQ(a->ghsa_id, "GHSA-2345-6789-cfgh");
  ASSERT_TRUE(a->embargo_override);
  EXPECT_EQ(a->embargo_override->ToString(), "2026-12-01");
  ASSERT_TRUE(a->accepted_on);
  EXPECT_EQ(a->accepted_on->ToString(), "2026-11-05");
  ASSERT_TRUE(a->acknowledged_at);  // reaching Assigned means it was seen
  EXPECT_EQ(a->credits.size(), 1u);
  EXPECT_EQ(a->notes.size(), 1u);
  EXPECT_EQ(a->version, 14);
}

TEST(FoldTest, FoldingAPrefixGivesThePastState) {
  auto events = History();
  auto a = Fold(std::span(events).first(4));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state, State::kTriage);
  EXPECT_FALSE(a->acknowledged_at);
  EXPECT_TRUE(a->fixes.empty());
}

TEST(FoldTest, RejectsGapsAndHistoriesWithoutReport) {
  auto events = History();
  events.erase(events.begin() + 3);
  EXPECT_FALSE(Fold(events).ok());
  auto h = History();
  EXPECT_FALSE(Fold(std::span(h).subspan(1)).ok());
  EXPECT_FALSE(Fold({}).ok());
}

TEST(FoldTest, MalformedPayloadsAreErrorsNotCrashes) {
  auto events = History();
  events[3].payload = {{"assignee", 12}};
  auto a = Fold(events);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("event 4 (assigned)"), std::string::npos);
  events = History();
  events[1].payload = {{"to", "Nowhere"}};
  EXPECT_FALSE(Fold(events).ok());
  events = History();
  events[0].payload = json::array();
  EXPECT_FALSE(Fold(events).ok());
  events = History();
  events[0].payload["reported_on"] = "yesterday";
  EXPECT_FALSE(Fold(events).ok());
}

TEST(PersonTest, ParsesCommonForms) {
  EXPECT_EQ(ParsePerson("Ada Lovelace <ada@x.org>")->name, "Ada Lovelace");
  EXPECT_EQ(ParsePerson("\"Lovelace, Ada\" <ada@x.org>")->name, "Lovelace, Ada");
  EXPECT_EQ(ParsePerson("<ada@x.org>")->email, "ada@x.org");
  EXPECT_EQ(ParsePerson("ada@x.org")->email, "ada@x.org");
  EXPECT_EQ(ParsePerson("Ada")->name, "Ada");
  EXPECT_FALSE(ParsePerson("Ada <ada@x.org").ok());
  EXPECT_FALSE(ParsePerson("Ada <not-an-address>").ok());
  EXPECT_FALSE(ParsePerson("").ok());
  EXPECT_FALSE(ParsePerson("Ada <a@x.org> trailing").ok());
}

}  // namespace
}  // namespace psirt
