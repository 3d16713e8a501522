// Tests of the lifecycle use cases over a real SQLite store.
#include "app/account_service.h"
#include "app/advisory_service.h"
#include "base/strings.h"

#include <gtest/gtest.h>

#include "app/agenda_service.h"
#include "app/workspace.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

class AdvisoryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions o;
    o.config.project = "demo";
    auto ws = InitWorkspace(dir_.path(), o);
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    ws_ = std::make_unique<Workspace>(std::move(ws).value());
    svc_ = std::make_unique<AdvisoryService>(*ws_->store, ws_->config, clock_);
    // An assignee is a known person: here an account.
    ASSERT_TRUE(AccountService(*ws_->store, clock_).Add({"net-lead", Role::kMaintainer, "", "", {}}).ok());
  }
  void At(const char* day) { clock_.Set(Timestamp::StartOf(*Date::Parse(day))); }
  int EventCount(const std::string& id) {
    auto h = svc_->History(id);
    return h.ok() ? static_cast<int>(h->size()) : 0;
  }
  std::string NewReport(const char* on = "2026-01-10") {
    ReportRequest r;
    r.title = "Overflow in parser";
    r.reported_on = *Date::Parse(on);
    auto c = svc_->Report("alice", r);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c->advisory.id;
  }

  testing::TempDir dir_;
  FixedClock clock_{Timestamp::StartOf(*Date::Parse("2026-01-20"))};
  std::unique_ptr<Workspace> ws_;
  std::unique_ptr<AdvisoryService> svc_;
};

TEST_F(AdvisoryServiceTest, IdsArePrefixYearSequence) {
  EXPECT_EQ(NewReport("2026-01-10"), "PSIRT-2026-0001");
  EXPECT_EQ(NewReport("2026-01-11"), "PSIRT-2026-0002");
  EXPECT_EQ(NewReport("2025-12-31"), "PSIRT-2025-0001");
}

TEST_F(AdvisoryServiceTest, ReportValidation) {
  ReportRequest r;
  EXPECT_FALSE(svc_->Report("a", r).ok());  // no title
  r.title = "x";
  r.reported_on = *Date::Parse("2027-01-01");
  auto fut = svc_->Report("a", r);
  ASSERT_FALSE(fut.ok());
  EXPECT_NE(fut.status().message().find("in the future"), std::string::npos);
  EXPECT_TRUE(svc_->List(std::nullopt)->empty());
}

TEST_F(AdvisoryServiceTest, FullLifecycleToPublic) {
  std::string id = NewReport("2026-01-10");
  TriageRequest tr;
  tr.cvss = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  tr.cwes = std::vector<std::string>{"CWE-787"};
  tr.files = std::vector<std::string>{"subsys/net/ip/ipv4.c"};
  ASSERT_FALSE(svc_->Move("a", id, MoveRequest{State::kAssigned}).ok());  // New -> Assigned
  ASSERT_TRUE(svc_->Move("a", id, MoveRequest{State::kTriage}).ok());
  ASSERT_TRUE(svc_->Triage("a", id, tr).ok());
  auto assigned = svc_->Assign("a", id, "net-lead");
  ASSERT_TRUE(assigned.ok());
  EXPECT_EQ(assigned->advisory.state, State::kAssigned);  // assign in Triage moves
  EXPECT_EQ(assigned->events.size(), 2u);
  auto review = svc_->Move("a", id, MoveRequest{State::kReview});
  ASSERT_FALSE(review.ok());
  EXPECT_NE(review.status().message().find("no linked fix"), std::string::npos);
  ASSERT_TRUE(svc_->LinkFix("a", id, Fix{Fix::Kind::kPr, "#4242", ""}).ok());
  ASSERT_TRUE(svc_->Move("a", id, MoveRequest{State::kReview}).ok());
  ASSERT_TRUE(svc_->Move("a", id, MoveRequest{State::kAccepted}).ok());
  At("2026-03-01");
  auto early = svc_->Move("a", id, MoveRequest{State::kPublic});
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.status().message().find("no CVE id"), std::string::npos);
  ASSERT_TRUE(svc_->SetCve("a", id, "CVE-2026-1000").ok());
  early = svc_->Move("a", id, MoveRequest{State::kPublic});
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.status().message().find("under embargo until 2026-04-10"), std::string::npos);
  At("2026-04-10");
  auto pub = svc_->Move("a", id, MoveRequest{State::kPublic});
  ASSERT_TRUE(pub.ok()) << pub.status().ToString();
  auto a = svc_->Get(id);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state, State::kPublic);
  EXPECT_EQ(a->fixes[0].ref, "4242");
  EXPECT_EQ(a->fixes[0].branch, "main");  // default: the configured main branch
  EXPECT_EQ(a->public_on->ToString(), "2026-04-10");
  EXPECT_EQ(EventCount(id), 10);
  auto list = svc_->List(State::kPublic);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].cve_id, "CVE-2026-1000");
}

TEST_F(AdvisoryServiceTest, RefusedCommandsWriteNothing) {
  std::string id = NewReport();
  int before = EventCount(id);
  EXPECT_FALSE(svc_->Move("a", id, MoveRequest{State::kPublic}).ok());
  EXPECT_FALSE(svc_->SetCve("a", id, "CVE-1").ok());
  EXPECT_FALSE(svc_->LinkFix("a", id, Fix{Fix::Kind::kCommit, "zzz", ""}).ok());
  EXPECT_FALSE(svc_->AddCredit("a", id, Credit{"Ada", "hero"}).ok());
  EXPECT_FALSE(svc_->AddNote("a", id, "   ").ok());
  EXPECT_FALSE(svc_->Edit("a", id, EditRequest{.embargo_ends = *Date::Parse("2026-02-01")}).ok());
  EXPECT_EQ(EventCount(id), before);
  auto missing = svc_->AddNote("a", "PSIRT-2026-0099", "hello");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  auto bad = svc_->Get("not-an-id");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("expected PREFIX-YYYY-NNNN"), std::string::npos);
}

TEST_F(AdvisoryServiceTest, RepeatedCommandsAreNoOps) {
  std::string id = NewReport();
  ASSERT_TRUE(svc_->SetCve("a", id, "CVE-2026-1000").ok());
  auto again = svc_->SetCve("a", id, "CVE-2026-1000");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->events.empty());
  ASSERT_TRUE(svc_->AddCredit("a", id, Credit{"Ada", "finder"}).ok());
  EXPECT_TRUE(svc_->AddCredit("a", id, Credit{"Ada", "finder"})->events.empty());
  EXPECT_EQ(EventCount(id), 3);
}

TEST_F(AdvisoryServiceTest, EmbargoOverrideMovesDeadlineAndAgenda) {
  std::string id = NewReport("2026-01-10");
  EditRequest e;
  e.embargo_ends = *Date::Parse("2026-02-01");
  e.reason = "coordinated with vendor X";
  ASSERT_TRUE(svc_->Edit("a", id, e).ok());
  auto a = svc_->Get(id);
  EXPECT_EQ(DateOr(svc_->DeadlinesOf(*a).embargo_ends), "2026-02-01");
  AgendaService agenda(*ws_->store, ws_->config);
  auto tasks = agenda.Todo(*Date::Parse("2026-01-25"));
  ASSERT_TRUE(tasks.ok());
  bool ending = false;
  for (const Task& t : *tasks) ending = ending || t.kind == TaskKind::kEmbargoEnding;
  EXPECT_TRUE(ending);
  EditRequest clear;
  clear.clear_embargo = true;
  clear.reason = "vendor fixed";
  ASSERT_TRUE(svc_->Edit("a", id, clear).ok());
  EXPECT_EQ(DateOr(svc_->DeadlinesOf(*svc_->Get(id)).embargo_ends), "2026-04-10");
}

TEST_F(AdvisoryServiceTest, ReportFromEmail) {
  auto c = svc_->ReportFromEmail("alice", testing::ReadFile(testing::TestData("email/plain.eml")),
                                 "plain.eml", std::nullopt, false);
  // The message is dated 2026-11-11, after this test's clock: refused as future.
  ASSERT_FALSE(c.ok());
  At("2026-11-20");
  c = svc_->ReportFromEmail("alice", testing::ReadFile(testing::TestData("email/plain.eml")),
                            "plain.eml", std::nullopt, true);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->size(), 1u);
  const Advisory& a = (*c)[0].advisory;
  EXPECT_EQ(a.title, "Stack overflow in USB descriptor parsing");
  EXPECT_EQ(a.reporter.email, "ada@research.example");
  EXPECT_EQ(DateOr(a.reported_on), "2026-11-11");
  EXPECT_EQ(a.state, State::kTriage);  // --triage: entered by the team
}

TEST_F(AdvisoryServiceTest, AnMboxOfSeveralMessagesGivesOneReportEach) {
  At("2026-11-20");
  std::string one = testing::ReadFile(testing::TestData("email/plain.eml"));
  std::string two = "From: \"ACME Corp: PSIRT\" <psirt@acme.example>\nSubject: Second report\n"
                    "Date: Thu, 12 Nov 2026 10:00:00 +0000\nMessage-ID: <two@acme.example>\n\n"
                    "Body of the second one.\n>From the start of a quoted line.\n";
  std::string mbox = "From ada@research.example Wed Nov 11 10:00:00 2026\n" + one + "\n" +
                     "From psirt@acme.example Thu Nov 12 10:00:00 2026\n" + two.substr(0, two.find(">From")) +
                     ">>From the start of a quoted line.\n";
  auto c = svc_->ReportFromEmail("alice", mbox, "reports.mbox", std::nullopt, false);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[0].advisory.title, "Stack overflow in USB descriptor parsing");
  EXPECT_EQ((*c)[1].advisory.title, "Second report");
  EXPECT_EQ((*c)[1].advisory.reporter.name, "ACME Corp: PSIRT");
  EXPECT_EQ((*c)[1].advisory.description, "Body of the second one.\n>From the start of a quoted line.");
  EXPECT_EQ((*c)[0].advisory.description.find("Second report"), std::string::npos);  // never merged
  // A bad message anywhere: an error at its line, and nothing recorded.
  std::string bad = mbox + "\nFrom x Thu Nov 12 10:00:00 2026\nSubject: no sender\n\nbody\n";
  size_t before = svc_->List(std::nullopt)->size();
  auto r = svc_->ReportFromEmail("alice", bad, "reports.mbox", std::nullopt, false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("reports.mbox:"), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().ToString().find("no From header"), std::string::npos) << r.status().ToString();
  EXPECT_EQ(svc_->List(std::nullopt)->size(), before);
  // A subject longer than a title: the title is cut, marked so, and the
  // whole subject kept at the top of the description - never lost.
  auto mail = [](const std::string& subject, const std::string& body) {
    return "From: a@b.example\nSubject: " + subject + "\nDate: Thu, 12 Nov 2026 10:00:00 +0000\n\n" + body + "\n";
  };
  r = svc_->ReportFromEmail("alice", mail(std::string(1000, 'x'), "body"), "long.eml", std::nullopt, false);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Advisory& long_subject = (*r)[0].advisory;
  EXPECT_EQ(Utf8Length(long_subject.title), 256u);
  EXPECT_EQ(long_subject.title.substr(252), " ...");
  EXPECT_EQ(long_subject.description, "Subject: " + std::string(1000, 'x') + "\n\nbody");
  // Too much for a description: refused with the way out, not cut.
  r = svc_->ReportFromEmail("alice", mail(std::string(100000, 'x'), "body"), "huge.eml", std::nullopt, false);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("huge.eml:1: the message body is 100015 characters"), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().ToString().find("--description"), std::string::npos);
  // Control characters, bidirectional controls and NUL bytes in a body are
  // kept, escaped: the report is never refused or cut for its content.
  r = svc_->ReportFromEmail("alice", mail("esc", std::string("a\x1b[31mred\x07 b") + '\0' + "c \xe2\x80\xae!"), "ctl.eml",
                            std::nullopt, false);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)[0].advisory.description, "a<U+001B>[31mred<U+0007> b<U+0000>c <U+202E>!");
}

}  // namespace
}  // namespace psirt
