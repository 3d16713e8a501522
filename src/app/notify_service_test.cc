// Notifications end to end: the demo workspace's due notifications sent
// through libcurl to a real SMTP server on 127.0.0.1 (with and without
// AUTH), written to an mbox and read back with the e-mail reader, never
// sent twice, and nothing recorded when delivery fails.
#include "app/notify_service.h"

#include <gtest/gtest.h>

#include "app/advisory_service.h"
#include "app/demo.h"
#include "app/workspace.h"
#include "formats/email_report.h"
#include "testing/smtp_server.h"
#include "testing/test_support.h"

namespace psirt {
namespace {

class NotifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(CreateDemoWorkspace(dir_ / "demo", *Date::Parse("2026-11-24")).ok());
    auto ws = OpenWorkspace(dir_ / "demo");
    ASSERT_TRUE(ws.ok());
    ws_ = std::make_unique<Workspace>(std::move(ws).value());
  }
  Result<NotifyReport> Run(const NotifyOptions& o) {
    NotifyService svc(*ws_->store, ws_->config, clock_);
    return svc.Run(o);
  }
  int Notified(const std::string& id) {
    AdvisoryService a(*ws_->store, ws_->config, clock_);
    return static_cast<int>(a.Get(id)->notified.size());
  }
  static const testing::SmtpTestServer::Received* To(const std::vector<testing::SmtpTestServer::Received>& all,
                                                     const std::string& rcpt) {
    for (const auto& m : all)
      for (const auto& r : m.rcpts)
        if (r == rcpt) return &m;
    return nullptr;
  }

  testing::TempDir dir_;
  FixedClock clock_{Timestamp::StartOf(*Date::Parse("2026-11-24"))};
  std::unique_ptr<Workspace> ws_;
};

TEST_F(NotifyTest, SendsWhatIsDueOverSmtpOnce) {
  testing::SmtpTestServer server;
  NotifyOptions o;
  o.smtp.url = server.url();
  auto r = Run(o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto got = server.messages();
  // The reporter of the public advisory, four assignments, the alerts list.
  EXPECT_EQ(got.size(), 6u);
  const auto* pub = To(got, "ada@research.example");
  ASSERT_NE(pub, nullptr);
  EXPECT_EQ(pub->from, "security@tinyrtos.example");
  EXPECT_NE(pub->data.find("Subject: CVE-2026-10001 is now public: Out-of-bounds read in L2CAP"), std::string::npos);
  EXPECT_NE(pub->data.find("Message-Id: <psirt.published.TRS-2026-0001."), std::string::npos);
  EXPECT_NE(pub->data.find("Date: Tue, 24 Nov 2026 00:00:00 +0000"), std::string::npos);
  EXPECT_NE(pub->data.find("Content-Type: text/plain; charset=utf-8"), std::string::npos);
  // Assignment: to the assignee and the need-to-know list, embargo date, no details.
  const auto* assigned = To(got, "net-lead@tinyrtos.example");
  ASSERT_NE(assigned, nullptr);
  EXPECT_EQ(assigned->rcpts.size(), 2u);  // net-lead and ip-dev
  EXPECT_NE(assigned->data.find("Embargo:   until 2026-11-19"), std::string::npos) << assigned->data;
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  Advisory a3 = *adv.Get("TRS-2026-0003");
  ASSERT_FALSE(a3.description.empty());
  EXPECT_EQ(assigned->data.find(a3.description.substr(0, 30)), std::string::npos) << "details leaked";
  // The alerts report: embargoed advisories, CVE -> PR mapping and backports once merged.
  const auto* alerts = To(got, "vulnerability-alerts@lists.tinyrtos.example");
  ASSERT_NE(alerts, nullptr);
  EXPECT_NE(alerts->data.find("TRS-2026-0003  CVE-2026-10002  Accepted"), std::string::npos);
  EXPECT_NE(alerts->data.find("    v2.0-branch: fixed in v2.0.1"), std::string::npos) << alerts->data;
  EXPECT_NE(alerts->data.find("PR 101 for main"), std::string::npos);
  EXPECT_EQ(alerts->data.find("TRS-2026-0001 "), std::string::npos);  // public: not embargoed
  EXPECT_GE(Notified("TRS-2026-0003"), 2);  // assignment and alerts

  // Recorded: a second run sends nothing.
  auto again = Run(o);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->sent.empty());
  EXPECT_EQ(server.messages().size(), 6u);
  // The next day, the alerts report is due again (and only it).
  clock_.Set(Timestamp::StartOf(*Date::Parse("2026-11-25")));
  auto next = Run(o);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->sent.size(), 1u);
  EXPECT_EQ(next->sent[0].kind, "alerts");
}

TEST_F(NotifyTest, AuthenticatesAndRecordsNothingWhenDeliveryFails) {
  testing::SmtpTestServer server("psirt", "s3cret-pw");
  NotifyOptions o;
  o.smtp.url = server.url();
  o.smtp.username = "psirt";
  o.smtp.password = "wrong-pw";
  auto bad = Run(o);
  ASSERT_TRUE(bad.ok()) << bad.status().ToString();
  EXPECT_EQ(bad->failed, 6);  // each reported, each stays due
  for (const SentNotice& s : bad->sent) {
    EXPECT_EQ(s.error.find("wrong-pw"), std::string::npos) << "password in an error";
    EXPECT_NE(s.error.find("sending to smtp://127.0.0.1:"), std::string::npos) << s.error;
  }
  EXPECT_EQ(Notified("TRS-2026-0001"), 0);
  EXPECT_TRUE(server.messages().empty());
  o.smtp.password = "s3cret-pw";
  auto ok = Run(o);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_EQ(server.messages().size(), 6u);
  EXPECT_EQ(server.messages()[0].user, "psirt");
  for (const std::string& line : server.transcript()) EXPECT_EQ(line.find("s3cret"), std::string::npos);
  // Nobody listening: an error, nothing recorded.
  int port = server.port();
  NotifyOptions closed;
  closed.smtp.url = "smtp://127.0.0.1:1";
  clock_.Set(Timestamp::StartOf(*Date::Parse("2026-11-26")));
  auto refused = Run(closed);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->failed, 1);  // the alerts report of the day, not sent, still due
  (void)port;
}

// A name like "ACME Corp: PSIRT" (RFC 5322 group syntax if written raw)
// used to make every notify of the workspace fail; an address that is no
// address fails only its own message.
TEST_F(NotifyTest, AnyNameIsAddressableAndOneBadAddressBlocksNothing) {
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  EditRequest e;
  e.reporter = Person{"ACME Corp: PSIRT", "psirt@acme.example"};
  auto pub = adv.List(State::kPublic);
  ASSERT_TRUE(pub.ok() && !pub->empty());
  ASSERT_TRUE(adv.Edit("team", (*pub)[0].id, e).ok());  // its reporter is told when it is public
  // An address book entry that is no address: only that message fails.
  auto assigned = adv.List(State::kAssigned);
  ASSERT_TRUE(assigned.ok() && !assigned->empty());
  std::string who = (*assigned)[0].assignee;
  ws_->config.notify.addresses[who] = "Someone <bad;address@tinyrtos.example>";
  testing::SmtpTestServer server;
  NotifyOptions o;
  o.smtp.url = server.url();
  auto r = Run(o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  bool acme = false;
  for (const auto& m : server.messages())
    if (m.rcpts == std::vector<std::string>{"psirt@acme.example"}) {
      acme = true;
      EXPECT_NE(m.data.find("To: \"ACME Corp: PSIRT\" <psirt@acme.example>\r\n"), std::string::npos) << m.data;
    }
  EXPECT_TRUE(acme);
  // The entry that is no address: that person is reported as not
  // addressed (the run fails), the others on the same notice get it.
  EXPECT_EQ(r->failed, 1);
  EXPECT_EQ(server.messages().size(), 6u);
  int unaddressed = 0;
  for (const SentNotice& s : r->sent)
    for (const std::string& u : s.unknown) unaddressed += u == who;
  EXPECT_EQ(unaddressed, 1);
}

TEST_F(NotifyTest, MboxMessagesReadBackWithUtf8AndFromQuoting) {
  AdvisoryService adv(*ws_->store, ws_->config, clock_);
  EditRequest e;
  e.title = "Überlauf im Parser: From here on the résumé is broken";
  ASSERT_TRUE(adv.Edit("team", "TRS-2026-0001", e).ok());
  std::string mbox = dir_ / "out.mbox";
  NotifyOptions dry;
  dry.dry_run = true;
  auto d = Run(dry);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->sent.size(), 6u);
  EXPECT_EQ(Notified("TRS-2026-0001"), 0);  // a dry run records nothing
  NotifyOptions o;
  o.mbox = mbox;
  ASSERT_TRUE(Run(o).ok());
  std::string text = testing::ReadFile(mbox);
  // Six entries, each starting with a "From " separator.
  size_t count = 0;
  for (size_t p = 0; (p = text.find("\nFrom ", p)) != std::string::npos; ++p) ++count;
  EXPECT_EQ(count + (text.rfind("From ", 0) == 0), 6u);
  // The first entry parses back: RFC 2047 subject decoded to UTF-8.
  std::string first = text.substr(0, text.find("\nFrom ", 1));
  auto mail = ParseEmailReport(first, "out.mbox");
  ASSERT_TRUE(mail.ok()) << mail.status().ToString();
  EXPECT_NE(mail->subject.find("Überlauf im Parser: From here on the résumé is broken"), std::string::npos)
      << mail->subject;
  EXPECT_NE(mail->body.find("Überlauf"), std::string::npos);
  EXPECT_EQ(mail->from.email, "security@tinyrtos.example");
}

TEST_F(NotifyTest, UnknownAddressesStayDue) {
  WorkspaceConfig c = ws_->config;
  c.notify.addresses.clear();
  NotifyService svc(*ws_->store, c, clock_);
  std::string mbox = dir_ / "x.mbox";
  NotifyOptions o;
  o.mbox = mbox;
  auto r = svc.Run(o);
  ASSERT_TRUE(r.ok());
  int unsent = 0;
  for (const auto& s : r->sent) unsent += s.to.empty();
  EXPECT_EQ(unsent, 4);  // the four assignments
  EXPECT_EQ(r->failed, 4) << "not addressed is not delivered: the run reports it (psirt notify exits 1)";
  EXPECT_EQ(Notified("TRS-2026-0004"), 1);  // only the alerts report
  NotifyOptions none;
  auto usage = svc.Run(none);
  ASSERT_FALSE(usage.ok());
  EXPECT_EQ(usage.status().code(), Status::Code::kUsage);
}

TEST_F(NotifyTest, AReporterWithoutAnAddressIsReportedNotForgotten) {
  AdvisoryService a(*ws_->store, ws_->config, clock_);
  auto pub = a.List(State::kPublic);
  ASSERT_TRUE(pub.ok() && !pub->empty());
  std::string id = (*pub)[0].id;
  EditRequest e;
  e.reporter = Person{"Pat Caller", ""};  // reported by phone: a name, no address
  ASSERT_TRUE(a.Edit("lead", id, e).ok());
  NotifyOptions o;
  o.mbox = dir_ / "b.mbox";
  auto r = Run(o);
  ASSERT_TRUE(r.ok());
  bool reported = false;
  for (const auto& s : r->sent)
    if (s.kind == "published" && s.advisories == std::vector<std::string>{id}) {
      reported = true;
      EXPECT_TRUE(s.to.empty());
      ASSERT_EQ(s.unknown.size(), 1u);
      EXPECT_NE(s.unknown[0].find("Pat Caller"), std::string::npos);
    }
  EXPECT_TRUE(reported) << "a reporter without an address is reported, not silently skipped";
  EXPECT_GE(r->failed, 1);
}

}  // namespace
}  // namespace psirt
