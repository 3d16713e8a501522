// SMTP credentials never travel in clear text: AUTH only over STARTTLS,
// except to a server on this machine; credentials in URLs refused; no
// password in any error. Against the test SMTP server (no STARTTLS).
#include "net/smtp_client.h"

#include <gtest/gtest.h>

#include "testing/smtp_server.h"

namespace psirt {
namespace {

const std::string kMessage = "From: a@b.example\r\nTo: c@d.example\r\nSubject: s\r\n\r\nbody\r\n";

TEST(SmtpClient, LoopbackHosts) {
  for (const char* h : {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]"})
    EXPECT_TRUE(IsLoopbackHost(h)) << h;
  for (const char* h : {"192.0.2.2", "mail.example.org", "128.0.0.1", "10.0.0.1", "::2", ""})
    EXPECT_FALSE(IsLoopbackHost(h)) << h;
}

TEST(SmtpClient, CredentialsInTheUrlAreRefused) {
  SmtpOptions o;
  o.url = "smtp://psirt:hunter2@127.0.0.1:25";
  Status st = SendSmtp(o, "a@b.example", {"c@d.example"}, kMessage);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), Status::Code::kUsage);
  EXPECT_EQ(st.message().find("hunter2"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("--smtp-credentials"), std::string::npos);
}

TEST(SmtpClient, PlainAuthOnlyToThisMachine) {
  // Loopback without STARTTLS: allowed (the password never leaves the machine).
  testing::SmtpTestServer local("psirt", "s3cret");
  SmtpOptions o;
  o.url = local.url();
  o.username = "psirt";
  o.password = "s3cret";
  ASSERT_TRUE(SendSmtp(o, "a@b.example", {"c@d.example"}, kMessage).ok());
  EXPECT_EQ(local.messages().size(), 1u);
  // Over the network without STARTTLS: refused before AUTH is sent.
  std::string ip = testing::NonLoopbackAddress();
  if (ip.empty()) GTEST_SKIP() << "this machine has no non-loopback IPv4 address";
  testing::SmtpTestServer remote("psirt", "s3cret", ip);
  o.url = remote.url();
  Status st = SendSmtp(o, "a@b.example", {"c@d.example"}, kMessage);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("offers no STARTTLS"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find("s3cret"), std::string::npos);
  for (const std::string& line : remote.transcript()) EXPECT_NE(line, "AUTH ...") << "credentials were sent";
  EXPECT_TRUE(remote.messages().empty());
  // Without credentials, a plain server on the network is fine.
  testing::SmtpTestServer open_relay("", "", ip);
  SmtpOptions anon;
  anon.url = open_relay.url();
  EXPECT_TRUE(SendSmtp(anon, "a@b.example", {"c@d.example"}, kMessage).ok());
}

TEST(SmtpClient, AWrongShortPasswordIsNotSpelledOutByMasking) {
  // Masking each occurrence of a one-letter password in the server's
  // message would show where that letter is: the message is withheld.
  testing::SmtpTestServer server("psirt", "the right one");
  for (std::string pw : {"e", "n", "in", "zzzz-not-in-any-message"}) {
    SmtpOptions o;
    o.url = server.url();
    o.username = "psirt";
    o.password = pw;
    Status st = SendSmtp(o, "a@b.example", {"c@d.example"}, kMessage);
    ASSERT_FALSE(st.ok()) << pw;
    EXPECT_EQ(st.message().find("***"), std::string::npos) << st.message();
    if (pw.size() < 5) {
      EXPECT_NE(st.message().find("withheld"), std::string::npos) << pw << ": " << st.message();
    }
  }
}

}  // namespace
}  // namespace psirt
