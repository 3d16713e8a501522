// psirt intake: a Maildir's new messages become reports, replies in a
// thread become notes on that advisory, Message-IDs make it idempotent,
// unreadable mail stays in new/.
#include "app/intake_service.h"
#include "app/reporter_portal.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/workspace.h"
#include "testing/test_support.h"
#include "testing/workspace_fixture.h"

namespace psirt {
namespace {

namespace fs = std::filesystem;
using testing::WriteFile;

std::string Mail(const std::string& from, const std::string& id, const std::string& subject, const std::string& body,
                 const std::string& extra = "") {
  return "From: " + from + "\r\nTo: security@example.org\r\nSubject: " + subject +
         "\r\nDate: Tue, 17 Nov 2026 10:00:00 +0000\r\n" + (id.empty() ? "" : "Message-ID: <" + id + ">\r\n") + extra +
         "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
}

TEST(IntakeServiceTest, MaildirReportsRepliesAndIdempotence) {
  testing::TempDir dir;
  auto ws = testing::NewTestWorkspace(dir / "ws");
  ASSERT_TRUE(ws.ok());
  std::string md = dir / "Maildir";
  for (const char* sub : {"new", "cur", "tmp"}) fs::create_directories(md + "/" + sub);
  WriteFile(md + "/new/1.a", Mail("Rae Searcher <rae@lab.example>", "m1@lab.example", "Overflow in the parser", "Steps: ..."));
  WriteFile(md + "/new/2.b", Mail("Rae Searcher <RAE@lab.example>", "m2@lab.example", "Re: Overflow in the parser",
                                  "It also crashes on v3.6.", "In-Reply-To: <m1@lab.example>\r\n"));
  WriteFile(md + "/new/3.c", Mail("Team Member <tm@example.org>", "m3@example.org", "Re: Overflow",
                                  "Internal: forwarding to the maintainer.", "References: <other@x> <m1@lab.example>\r\n"));
  WriteFile(md + "/new/4.d", "From: x@y.example\r\nSubject: no date\r\n\r\nbody\r\n");
  WriteFile(md + "/new/5.e", Mail("Rae Searcher <rae@lab.example>", "m1@lab.example", "Overflow in the parser", "Steps: ..."));
  FixedClock clock(Timestamp::StartOf(*Date::Parse("2026-11-18")));
  IntakeService intake(*ws->store, ws->config, clock);
  auto r = intake.FromMaildir(md);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->created.size(), 1u);
  EXPECT_EQ(r->replies, (std::vector<std::string>{r->created[0], r->created[0]}));
  EXPECT_EQ(r->already_seen, 1) << "the second copy of m1";
  ASSERT_EQ(r->failed.size(), 1u);
  EXPECT_NE(r->failed[0].find("4.d"), std::string::npos);
  EXPECT_NE(r->failed[0].find("Date"), std::string::npos);
  // The advisory: reported on the mail's date, by its sender, with the two replies as notes.
  AdvisoryService svc = ws->Advisories(clock);
  auto a = svc.Get(r->created[0]);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->title, "Overflow in the parser");
  EXPECT_EQ(a->reporter.email, "rae@lab.example");
  EXPECT_EQ(a->reported_on->ToString(), "2026-11-17");
  ASSERT_EQ(a->notes.size(), 2u);
  EXPECT_TRUE(a->notes[0].with_reporter) << "from the reporter (addresses compared without case)";
  EXPECT_TRUE(a->notes[0].from_reporter) << "the reporter's own words, though the actor is intake";
  // Their portal shows it as theirs, not as the team's.
  ReporterPortal portal(*ws->store, ws->config, clock);
  ReporterView view = portal.ViewOf(*a);
  ASSERT_EQ(view.conversation.size(), 1u);
  EXPECT_TRUE(view.conversation[0].from_reporter);
  EXPECT_NE(a->notes[0].text.find("It also crashes on v3.6."), std::string::npos);
  EXPECT_FALSE(a->notes[1].with_reporter) << "a team member's reply stays internal";
  // Files: read ones in cur/ flagged seen, the unreadable one still in new/.
  EXPECT_TRUE(fs::exists(md + "/cur/1.a:2,S"));
  EXPECT_TRUE(fs::exists(md + "/cur/5.e:2,S"));
  EXPECT_TRUE(fs::exists(md + "/new/4.d"));
  EXPECT_FALSE(fs::exists(md + "/new/1.a"));
  // Again: nothing new is recorded.
  auto again = intake.FromMaildir(md);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->created.empty());
  EXPECT_TRUE(again->replies.empty());
  EXPECT_EQ(svc.Get(r->created[0])->notes.size(), 2u);
  // A copy delivered again (crash before the move): recognised by its Message-ID.
  WriteFile(md + "/new/6.f", Mail("Rae Searcher <rae@lab.example>", "m2@lab.example", "Re: Overflow", "again"));
  auto third = intake.FromMaildir(md);
  EXPECT_EQ(third->already_seen, 1);
  EXPECT_EQ(svc.Get(r->created[0])->notes.size(), 2u);
  EXPECT_EQ(intake.FromMaildir(dir / "nope").status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace psirt
