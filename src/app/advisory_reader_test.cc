// AdvisoryReader: one advisory as each kind of caller is shown it, from one
// read - the team gets attachments and who needs to know (accounts
// included), a reporter their portal's view, others nothing hidden.
#include "app/advisory_reader.h"

#include <gtest/gtest.h>

#include "app/workspace.h"
#include "testing/test_support.h"
#include "testing/workspace_fixture.h"

namespace psirt {
namespace {

struct ReaderFixture : ::testing::Test {
  void SetUp() override {
    Team team;
    team.psirt = {"lead"};
    auto w = testing::NewTestWorkspace(dir / "ws", team);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    ws.emplace(std::move(*w));
    AdvisoryService svc = ws->Advisories(clock);
    ReportRequest r;
    r.title = "Overflow";
    r.description = "steps";
    r.reporter = Person{"Rae", "rae@lab.example"};
    r.reporter_confirmed = true;
    auto c = svc.Report("lead", r);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    id = c->advisory.id;
    ASSERT_TRUE(svc.AddNote("lead", id, "internal: looks real", false).ok());
    ASSERT_TRUE(svc.AddNote("lead", id, "thanks, we are on it", true).ok());
    ASSERT_TRUE(svc.SetCve("lead", id, "CVE-2026-1234", "").ok());
    ASSERT_TRUE(ws->store->Write([&](StoreTx& tx) -> Status {
      AttachmentRecord a{0, id, "poc.c", "text/x-c", "int main(){}", 12, clock.Now()};
      PSIRT_ASSIGN_OR_RETURN(attachment, tx.PutAttachment(a));
      UserRecord u;
      u.name = "second-lead";
      u.role = Role::kPsirt;
      u.github = "second-lead";
      return tx.PutUser(u);
    }).ok());
  }
  testing::TempDir dir;
  FixedClock clock{Timestamp::StartOf(*Date::Parse("2026-11-18"))};
  std::optional<Workspace> ws;
  std::string id;
  std::int64_t attachment = 0;
};

TEST_F(ReaderFixture, TheTeamSeesEverythingInOneRead) {
  AdvisoryReader reader(*ws->store, ws->config);
  auto r = reader.Read(id, Viewer{Role::kPsirt, "lead", "", {}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->sight, Sight::kInsider);
  EXPECT_EQ(r->advisory.id, id);
  auto history = ws->Advisories(clock).History(id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(r->shown_history.size(), history->size());
  ASSERT_EQ(r->attachments.size(), 1u);
  EXPECT_EQ(r->attachments[0].name, "poc.c");
  EXPECT_TRUE(r->attachments[0].data.empty()) << "a listing carries no bytes";
  std::vector<std::string> who;
  for (const NeedToKnowEntry& e : r->need_to_know) who.push_back(e.who);
  EXPECT_NE(std::find(who.begin(), who.end(), "lead"), who.end()) << "psirt.yml's team";
  EXPECT_NE(std::find(who.begin(), who.end(), "second-lead"), who.end()) << "a PSIRT account";
  EXPECT_FALSE(r->reporter_view);
  // By its CVE id, the same advisory.
  auto by_cve = reader.Read("CVE-2026-1234", Viewer{Role::kPsirt, "lead", "", {}});
  ASSERT_TRUE(by_cve.ok()) << by_cve.status().ToString();
  EXPECT_EQ(by_cve->advisory.id, id);
}

TEST_F(ReaderFixture, AReporterGetsTheirPortalOnly) {
  AdvisoryReader reader(*ws->store, ws->config);
  Viewer rae{Role::kReporter, "", "rae@lab.example", {}};
  auto r = reader.Read(id, rae);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->sight, Sight::kOwnReport);
  EXPECT_TRUE(r->attachments.empty());
  EXPECT_TRUE(r->need_to_know.empty());
  ASSERT_TRUE(r->reporter_view);
  ASSERT_EQ(r->reporter_view->conversation.size(), 1u) << "the internal note is not theirs to read";
  EXPECT_EQ(r->reporter_view->conversation[0].text, "thanks, we are on it");
  for (const Event& e : r->shown_history) EXPECT_TRUE(IsPublishedStep(e.kind)) << EventKindName(e.kind);
  auto file = reader.Attachment(id, attachment, rae);
  EXPECT_EQ(file.status().code(), Status::Code::kNotFound);
}

TEST_F(ReaderFixture, HiddenAndMissingAnswerAlike) {
  AdvisoryReader reader(*ws->store, ws->config);
  auto hidden = reader.Read(id, Viewer{});
  auto missing = reader.Read("P-2026-0999", Viewer{});
  EXPECT_EQ(hidden.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  auto other = reader.Read(id, Viewer{Role::kReporter, "", "someone@else.example", {}});
  EXPECT_EQ(other.status().code(), Status::Code::kNotFound);
  // The quick check is asked before any history is read, and obeyed.
  std::vector<std::string> asked;
  auto refused = reader.Read(id, Viewer{Role::kPsirt, "lead", "", {}}, [&](const std::string& x) {
    asked.push_back(x);
    return false;
  });
  EXPECT_EQ(refused.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(asked, std::vector<std::string>{id});
}

TEST_F(ReaderFixture, AnAttachmentOnlyOfItsOwnAdvisory) {
  AdvisoryReader reader(*ws->store, ws->config);
  Viewer lead{Role::kPsirt, "lead", "", {}};
  auto file = reader.Attachment(id, attachment, lead);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->data, "int main(){}");
  ReportRequest r;
  r.title = "Another";
  r.description = "x";
  auto other = ws->Advisories(clock).Report("lead", r);
  ASSERT_TRUE(other.ok());
  auto wrong = reader.Attachment(other->advisory.id, attachment, lead);
  EXPECT_EQ(wrong.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(wrong.status().field(), "attachment") << "about the attachment, not the advisory";
}

}  // namespace
}  // namespace psirt
