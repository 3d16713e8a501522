// The dashboard: sign-in with sessions, CSRF on every form, lockout,
// sign-out, cookies' attributes, escaping of stored text, the agenda and
// the advisory page.
#include <gtest/gtest.h>

#include <regex>

#include "testing/test_server.h"

namespace psirt {
namespace {

using testing::TestServer;

std::string Csrf(const std::string& page) {
  std::smatch m;
  std::regex_search(page, m, std::regex("name=\"csrf\" value=\"([^\"]+)\""));
  return m[1].str();
}

TEST(ServerWebTest, SignInSessionCookieAndSignOut) {
  TestServer s;
  httplib::Client c = s.Client();
  auto form = c.Get("/login");
  ASSERT_EQ(form->status, 200);
  std::string form_cookie = form->get_header_value("Set-Cookie");
  EXPECT_NE(form_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(form_cookie.find("SameSite=Strict"), std::string::npos);
  std::string cookie = form_cookie.substr(0, form_cookie.find(';'));
  std::string csrf = Csrf(form->body);
  ASSERT_FALSE(csrf.empty());
  // No CSRF token: refused, no session.
  auto bad = c.Post("/login", {{"Cookie", cookie}}, "name=psirt&password=correct+horse+battery", "application/x-www-form-urlencoded");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(bad->get_header_value("Set-Cookie").find("psirt_session"), std::string::npos);
  auto ok = c.Post("/login", {{"Cookie", cookie}}, "name=psirt&password=correct+horse+battery&csrf=" + csrf,
                   "application/x-www-form-urlencoded");
  ASSERT_EQ(ok->status, 303);
  std::string set = ok->get_header_value("Set-Cookie");
  EXPECT_EQ(set.rfind("psirt_session=s_", 0), 0u) << set;
  EXPECT_NE(set.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(set.find("Max-Age=43200"), std::string::npos) << "12 h sessions by default";
  EXPECT_EQ(set.find("Secure"), std::string::npos) << "plain HTTP on loopback";
  std::string session = set.substr(0, set.find(';'));
  auto agenda = c.Get("/", {{"Cookie", session}});
  EXPECT_NE(agenda->body.find("<h1>Agenda</h1>"), std::string::npos);
  EXPECT_NE(agenda->body.find(s.Id("net")), std::string::npos) << "PSIRT sees every open advisory's tasks";
  // The session expires.
  s.clock().Set(Timestamp::FromUnix(s.clock().Now().unix_seconds() + 12 * 3600 + 1));
  auto later = c.Get("/", {{"Cookie", session}});
  EXPECT_EQ(later->body.find("<h1>Agenda</h1>"), std::string::npos);
  s.clock().Set(Timestamp::FromUnix(s.clock().Now().unix_seconds() - 12 * 3600 - 1));
  // Sign-out needs the session's CSRF token, then ends the session for good.
  std::string session_csrf = Csrf(agenda->body);
  auto out = c.Post("/logout", {{"Cookie", session}}, "csrf=" + session_csrf, "application/x-www-form-urlencoded");
  EXPECT_EQ(out->status, 303);
  auto after = c.Get("/", {{"Cookie", session}});
  EXPECT_EQ(after->body.find("<h1>Agenda</h1>"), std::string::npos);
}

TEST(ServerWebTest, WrongPasswordsLockTheAccount) {
  TestServer s;
  httplib::Client c = s.Client();
  auto form = c.Get("/login");
  std::string cookie = form->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  std::string csrf = Csrf(form->body);
  auto attempt = [&](const std::string& pw) {
    return c.Post("/login", {{"Cookie", cookie}}, "name=maint-net&password=" + pw + "&csrf=" + csrf,
                  "application/x-www-form-urlencoded");
  };
  std::string unknown_user_body =
      c.Post("/login", {{"Cookie", cookie}}, "name=nobody&password=x&csrf=" + csrf, "application/x-www-form-urlencoded")->body;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(attempt("wrong")->status, 401);
  auto locked = attempt("correct+horse+battery");
  EXPECT_EQ(locked->status, 401) << "locked even with the right password";
  EXPECT_EQ(locked->body, unknown_user_body) << "a locked account looks like a wrong password";
  s.clock().Set(Timestamp::FromUnix(s.clock().Now().unix_seconds() + 901));
  EXPECT_EQ(attempt("correct+horse+battery")->status, 303) << "unlocked after 15 minutes";
}

TEST(ServerWebTest, FormsNeedTheSessionsCsrfToken) {
  TestServer s;
  auto [session, csrf] = s.WebLogin("psirt");
  ASSERT_FALSE(csrf.empty());
  httplib::Client c = s.Client();
  std::string path = "/advisories/" + s.Id("bt") + "/note";
  auto forged = c.Post(path.c_str(), {{"Cookie", session}}, "text=forged", "application/x-www-form-urlencoded");
  EXPECT_EQ(forged->status, 400);
  auto wrong = c.Post(path.c_str(), {{"Cookie", session}}, "text=forged&csrf=abc", "application/x-www-form-urlencoded");
  EXPECT_EQ(wrong->status, 400);
  auto ok = c.Post(path.c_str(), {{"Cookie", session}}, "text=%3Cscript%3Ealert(1)%3C%2Fscript%3E&csrf=" + csrf,
                   "application/x-www-form-urlencoded");
  EXPECT_EQ(ok->status, 303);
  auto page = c.Get(("/advisories/" + s.Id("bt")).c_str(), {{"Cookie", session}});
  EXPECT_EQ(page->body.find("forged"), std::string::npos) << "no forged note was recorded";
  EXPECT_EQ(page->body.find("<script>alert"), std::string::npos) << "stored text is escaped";
  EXPECT_NE(page->body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
}

TEST(ServerWebTest, AdvisoryPageShowsTimelineBackportsNeedToKnowAndForms) {
  TestServer s;
  auto [session, csrf] = s.WebLogin("maint-bt");
  httplib::Client c = s.Client();
  auto page = c.Get(("/advisories/" + s.Id("bt")).c_str(), {{"Cookie", session}});
  ASSERT_EQ(page->status, 200);
  const std::string& b = page->body;
  EXPECT_NE(b.find("id=\"backports\""), std::string::npos);
  EXPECT_NE(b.find("v3.6-branch"), std::string::npos);
  EXPECT_NE(b.find("id=\"need-to-know\""), std::string::npos);
  EXPECT_NE(b.find("maint-bt"), std::string::npos);
  EXPECT_NE(b.find("rm <span class=\"muted\">release manager of v3.6-branch"), std::string::npos) << "accounts join the team";
  EXPECT_NE(b.find("action=\"/advisories/" + s.Id("bt") + "/note\""), std::string::npos);
  EXPECT_NE(b.find("action=\"/advisories/" + s.Id("bt") + "/fix\""), std::string::npos);
  EXPECT_EQ(b.find("action=\"/advisories/" + s.Id("bt") + "/cve\""), std::string::npos) << "a maintainer has no CVE form";
  EXPECT_NE(b.find("data-deadline=\""), std::string::npos) << "embargo countdown";
  // A maintainer of another area: the page does not exist for them.
  auto [other, other_csrf] = s.WebLogin("maint-net");
  auto hidden = c.Get(("/advisories/" + s.Id("bt")).c_str(), {{"Cookie", other}});
  auto missing = c.Get("/advisories/PSIRT-2026-0999", {{"Cookie", other}});
  EXPECT_EQ(hidden->status, 404);
  EXPECT_EQ(hidden->body, missing->body);
}

}  // namespace
}  // namespace psirt
