// Tests of outgoing messages: headers, UTF-8 bodies, bad addresses, and
// mbox framing with mboxrd "From " quoting.
#include "formats/email_message.h"

#include <gtest/gtest.h>

#include "formats/email_report.h"

namespace psirt {
namespace {

OutgoingEmail Sample() {
  OutgoingEmail m;
  m.from = "Security Team <security@example.org>";
  m.to = {{"Zoë Reporter", "zoe@example.net"}, {"", "list@example.org"}};
  m.subject = "Grüße: CVE-2026-1234 is public";
  m.body = "From the start of a line\n>From already quoted\nnaïve text\n";
  m.date = *Timestamp::Parse("2026-11-24T10:20:30Z");
  m.message_id = "psirt.1@example.org";
  return m;
}

TEST(EmailMessage, BuildsRfc5322WithUtf8) {
  auto text = BuildEmail(Sample());
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_NE(text->find("Date: Tue, 24 Nov 2026 10:20:30 +0000\r\n"), std::string::npos);
  EXPECT_NE(text->find("Message-Id: <psirt.1@example.org>\r\n"), std::string::npos);
  EXPECT_NE(text->find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(text->find("=?UTF-8?"), std::string::npos);  // encoded subject and name
  for (char c : *text) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << "8-bit byte on the wire";
  auto back = ParseEmailReport(*text, "m");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->subject, "Grüße: CVE-2026-1234 is public");
  EXPECT_NE(back->body.find("naïve text"), std::string::npos);
  EXPECT_EQ(back->message_id, "psirt.1@example.org");
}

TEST(EmailMessage, RefusesBadAddresses) {
  OutgoingEmail m = Sample();
  m.to = {{"Someone", "not an address"}};
  auto r = BuildEmail(m);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad e-mail address 'not an address'"), std::string::npos);
  m.to.clear();
  EXPECT_FALSE(BuildEmail(m).ok());
  EXPECT_EQ(*EmailAddress("A B <a@b.example>"), "a@b.example");
  EXPECT_FALSE(EmailAddress("@b.example").ok());
}

// Anything a person can write as a name is quoted or encoded correctly: the
// header parses back to the same name and address.
TEST(EmailMessage, AnyDisplayNameRoundTrips) {
  for (const char* name : {"ACME Corp: PSIRT", "Doe, John", "\"Quoted\" Name", "a <b> c", "Back\\slash",
                           "Sémi;colon (comment) @at", "Group: a@b.example;"}) {
    OutgoingEmail m = Sample();
    m.to = {{name, "x@example.org"}};
    auto text = BuildEmail(m);
    ASSERT_TRUE(text.ok()) << name << ": " << text.status().ToString();
    // The message parses back with exactly one To mailbox, that name and address.
    std::string reply = "From: " + text->substr(text->find("To: ") + 4, text->find("\r\n", text->find("To: ")) -
                                                                            text->find("To: ") - 4) +
                        "\r\nSubject: s\r\nDate: Tue, 24 Nov 2026 10:20:30 +0000\r\n\r\nbody\r\n";
    auto back = ParseEmailReport(reply, "m");
    ASSERT_TRUE(back.ok()) << name << ": " << back.status().ToString() << "\n" << reply;
    EXPECT_EQ(back->from.email, "x@example.org") << name;
    EXPECT_EQ(back->from.name, name) << reply;
  }
}

TEST(EmailMessage, MboxQuotesFromLines) {
  std::string entry = MboxEntry("Subject: x\r\n\r\nFrom the start\r\n>From quoted\r\nplain\r\n",
                                "security@example.org", *Timestamp::Parse("2026-11-24T10:20:30Z"));
  EXPECT_EQ(entry,
            "From security@example.org Tue Nov 24 10:20:30 2026\n"
            "Subject: x\n\n>From the start\n>>From quoted\nplain\n\n");
}

}  // namespace
}  // namespace psirt
