// Tests of e-mail report parsing on real-shaped messages and malformed ones.
#include "formats/email_report.h"

#include <gtest/gtest.h>

#include "testing/test_support.h"

namespace psirt {
namespace {

Result<EmailReport> Parse(const std::string& name) {
  std::string path = testing::TestData("email/" + name);
  return ParseEmailReport(testing::ReadFile(path), name);
}

TEST(EmailReportTest, PlainMessage) {
  auto r = Parse("plain.eml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, "Stack overflow in USB descriptor parsing");
  EXPECT_EQ(r->from.name, "Ada Finder");
  EXPECT_EQ(r->from.email, "ada@research.example");
  EXPECT_EQ(r->date.ToString(), "2026-11-11T07:30:00Z");  // -0800 converted to UTC: next day
  EXPECT_EQ(r->message_id, "abc123@research.example");
  EXPECT_EQ(r->body,
            "Hello PSIRT,\n\nusb_get_descriptor() copies wLength bytes into a 64-byte stack "
            "buffer.\n\nRegards, Ada");
}

TEST(EmailReportTest, MultipartQuotedPrintableEncodedWordsAndListTag) {
  auto r = Parse("multipart_qp.eml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, "Heap overflow in the Bluetooth L2CAP reässembly");
  EXPECT_EQ(r->from.name, "Jürgen Müller");
  EXPECT_EQ(r->date.ToString(), "2026-11-02T07:15:00Z");
  // text/plain preferred over text/html; soft line break joined.
  EXPECT_EQ(r->body,
            "Grüße,\n\nthe L2CAP reassembly code trusts the SDU length field and writes past "
            "the end of the buffer.\n\nJürgen");
}

TEST(EmailReportTest, Base64Latin1BodyFoldedHeadersAndAttachmentSkipped) {
  auto r = Parse("base64_latin1.eml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->from.name, "François");
  EXPECT_EQ(r->from.email, "francois@example.fr");
  EXPECT_EQ(r->subject, "Boucle infinie dans le résolveur DNS");
  EXPECT_EQ(r->date.ToString(), "2026-11-01T01:59:59Z");
  EXPECT_EQ(r->body, "Bonjour,\n\nle résolveur DNS boucle sur un pointeur de compression.\n\nFrançois");
}

TEST(EmailReportTest, MboxSeparatorFoldedSubjectAndHtmlOnly) {
  auto r = Parse("mbox_html_only.eml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, "Re: Integer overflow in net_buf_add");  // folded: one line
  EXPECT_EQ(r->body, "net_buf_add() can wrap the length.");
}

TEST(EmailReportTest, MalformedMessagesNameFileLineAndProblem) {
  struct Case {
    const char* file;
    const char* want;
  } cases[] = {
      {"bad_no_from.eml", "bad_no_from.eml:1: no From header"},
      {"bad_date.eml", "bad_date.eml:3: Date header 'the day after tomorrow' is not an RFC 5322 date"},
      {"bad_no_subject.eml", "bad_no_subject.eml:1: no Subject header"},
      {"bad_from.eml", "bad_from.eml:1: From header"},
      {"bad_garbage.eml", "bad_garbage.eml:1: "},
  };
  for (const auto& c : cases) {
    auto r = Parse(c.file);
    ASSERT_FALSE(r.ok()) << c.file;
    EXPECT_EQ(r.status().ToString().rfind(c.want, 0), 0u) << r.status().ToString();
  }
  auto empty = ParseEmailReport("", "empty.eml");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().ToString(), "empty.eml:1: empty message: expected an RFC 5322 e-mail message");
}

}  // namespace
}  // namespace psirt
