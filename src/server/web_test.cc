// The dashboard: sign-in with sessions, CSRF on every form, throttled
// failed sign-ins, sign-out, cookies' attributes, escaping of stored
// text, refused forms that come back filled in, the agenda and the
// advisory page.
#include <gtest/gtest.h>

#include <regex>

#include "app/advisory_service.h"
#include "app/workspace.h"
#include "testing/raw_client.h"
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

// A browser on another machine: 127.0.0.2 is another address to the server.
struct Browser {
  int port;
  std::string from;
  std::string cookie, csrf;
  testing::RawResponse Get(const std::string& path) {
    auto r = testing::RawRequest(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" +
                                           (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") + "\r\n", from);
    EXPECT_TRUE(r) << path;
    return r.value_or(testing::RawResponse{});
  }
  testing::RawResponse Post(const std::string& path, const std::string& form) {
    auto r = testing::RawRequest(port, "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" +
                                           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                                           std::to_string(form.size()) + "\r\n" +
                                           (cookie.empty() ? "" : "Cookie: " + cookie + "\r\n") + "\r\n" + form,
                                 from);
    EXPECT_TRUE(r) << path;
    return r.value_or(testing::RawResponse{});
  }
  void OpenLogin() {
    auto form = Get("/login");
    cookie = form.headers["set-cookie"].substr(0, form.headers["set-cookie"].find(';'));
    csrf = Csrf(form.body);
  }
  testing::RawResponse SignIn(const std::string& name, const std::string& password) {
    return Post("/login", "name=" + name + "&password=" + password + "&csrf=" + csrf);
  }
};

std::string ErrorOf(const std::string& page) {
  std::smatch m;
  std::regex_search(page, m, std::regex("<p class=\"error\" role=\"alert\">([^<]*)</p>"));
  return m[1].str();
}

TEST(ServerWebTest, FailedSignInsSlowTheGuesserNotTheAccountsOwner) {
  TestServer s;
  Browser guesser{s.port(), "127.0.0.2"}, owner{s.port(), "127.0.0.1"};
  guesser.OpenLogin();
  owner.OpenLogin();
  // Three free failures, then growing delays - for the guesser's address.
  for (int i = 0; i < 3; ++i) {
    auto r = guesser.SignIn("maint-net", "wrong");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(ErrorOf(r.body), "wrong account name or password");
  }
  auto held = guesser.SignIn("maint-net", "correct+horse+battery");
  EXPECT_EQ(held.status, 401) << "held even with the right password: it is not looked at";
  EXPECT_EQ(ErrorOf(held.body), "too many failed sign-ins for this account from your address: wait 2 seconds");
  EXPECT_EQ(held.headers["set-cookie"].find("psirt_session"), std::string::npos);
  // The owner, from their own address, is not locked out.
  auto in = owner.SignIn("maint-net", "correct+horse+battery");
  EXPECT_EQ(in.status, 303);
  EXPECT_EQ(in.headers["set-cookie"].rfind("psirt_session=s_", 0), 0u);
  // An unknown account is throttled exactly alike: the answer tells nothing.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ErrorOf(guesser.SignIn("nobody", "x").body), "wrong account name or password");
  EXPECT_EQ(ErrorOf(guesser.SignIn("nobody", "x").body), "too many failed sign-ins for this account from your address: wait 2 seconds");
  // The delay grows with each failure after it, and passes.
  s.clock().Set(Timestamp::FromUnix(s.clock().Now().unix_seconds() + 2));
  EXPECT_EQ(ErrorOf(guesser.SignIn("maint-net", "wrong").body), "wrong account name or password");
  EXPECT_EQ(ErrorOf(guesser.SignIn("maint-net", "wrong").body), "too many failed sign-ins for this account from your address: wait 4 seconds");
  s.clock().Set(Timestamp::FromUnix(s.clock().Now().unix_seconds() + 4));
  EXPECT_EQ(guesser.SignIn("maint-net", "correct+horse+battery").status, 303) << "the right password, once the wait is over";
}

TEST(ServerWebTest, RefusedFormsComeBackFilledInWithTheMessageBesideTheField) {
  TestServer s;
  Browser b{s.port(), "127.0.0.1"};
  b.OpenLogin();
  // Sign-in: the account name stays.
  auto login = b.SignIn("maint-net", "wrong");
  EXPECT_NE(login.body.find("name=\"name\" autocomplete=\"username\" value=\"maint-net\""), std::string::npos) << login.body;
  // The report form: every field as typed (multi-line as the browser sent
  // it, CRLF), the message beside the field it is about.
  auto form = b.Get("/report");
  std::string csrf = Csrf(form.body);
  std::string bad = "csrf=" + csrf + "&title=Heap+overflow&description=line+one%0D%0Aline+two&affected=v3.6&reporter_name=Rae" +
                    "&reporter_email=not-an-address";
  auto refused = b.Post("/report", bad);
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("value=\"Heap overflow\""), std::string::npos);
  EXPECT_NE(refused.body.find(">line one\nline two</textarea>"), std::string::npos) << "kept, line breaks as LF";
  EXPECT_NE(refused.body.find("value=\"not-an-address\"><span class=\"field-error\""), std::string::npos) << refused.body;
  // Multi-line text from a browser (CRLF) is taken.
  std::string good = "csrf=" + csrf + "&title=Heap+overflow&description=line+one%0D%0Aline+two%0D%0A&affected=v3.6" +
                     "&reporter_name=Rae&reporter_email=rae%40lab.example";
  EXPECT_EQ(b.Post("/report", good).status, 201);
  auto news = nlohmann::json::parse(
      s.Client().Get("/api/v1/advisories?state=New", {{"Authorization", "Bearer " + s.Token("psirt")}})->body);
  ASSERT_EQ(news["total"], 1);
  auto a = nlohmann::json::parse(s.Client()
                                     .Get(("/api/v1/advisories/" + news["advisories"][0]["id"].get<std::string>()).c_str(),
                                          {{"Authorization", "Bearer " + s.Token("psirt")}})
                                     ->body);
  EXPECT_EQ(a["description"], "line one\nline two\n\nAffected versions or files: v3.6");
  // A refused action on the advisory page: the page again, the note as typed.
  auto [session, scsrf] = s.WebLogin("psirt");
  Browser team{s.port(), "127.0.0.1", session, scsrf};
  std::string page = "/advisories/" + s.Id("bt");
  // In Triage without an assignee: Assigned is offered, and refused by its guard.
  auto move = team.Post(page + "/move", "csrf=" + scsrf + "&state=Assigned&reason=keep+me");
  EXPECT_EQ(move.status, 400) << move.body.substr(0, 300);
  EXPECT_NE(move.body.find("<h1>" + s.Id("bt")), std::string::npos) << "the advisory page, not a bare error page";
  EXPECT_NE(move.body.find("value=\"keep me\""), std::string::npos);
  EXPECT_NE(move.body.find("<option selected>Assigned</option>"), std::string::npos);
  EXPECT_EQ(move.body.find(">Public</option>"), std::string::npos) << "only the moves allowed from Triage";
  auto none = team.Post(page + "/move", "csrf=" + scsrf + "&reason=x");
  EXPECT_EQ(none.status, 400);
  EXPECT_NE(none.body.find("choose the state to move to"), std::string::npos) << none.body.substr(0, 300);
  // A Public advisory offers no move at all.
  EXPECT_EQ(team.Get("/advisories/" + s.Id("pub")).body.find("name=\"state\""), std::string::npos);
  EXPECT_NE(move.body.find("class=\"error\""), std::string::npos);
  auto note = team.Post(page + "/note", "csrf=" + scsrf + "&text=first%0D%0Asecond");
  EXPECT_EQ(note.status, 303) << "a multi-line note from a browser is taken";
}

TEST(ServerWebTest, ThePageAgreesWithTheAgenda) {
  TestServer s;
  auto ws = OpenWorkspace(s.root());
  ASSERT_TRUE(ws.ok());
  AdvisoryService svc = ws->Advisories(s.clock());
  std::string id = s.Id("bt");
  ASSERT_TRUE(svc.Acknowledge("lead", id).ok());
  auto [session, csrf] = s.WebLogin("psirt");
  httplib::Client c = s.Client();
  auto page = c.Get(("/advisories/" + id).c_str(), {{"Cookie", session}})->body;
  EXPECT_EQ(page.find("Acknowledge reporter"), std::string::npos) << "no acknowledgement offered once given";
  EXPECT_NE(page.find("<th>Acknowledge by</th><td>acknowledged"), std::string::npos);
  // Accepted with the fix merged: no fix target, as on the agenda.
  ASSERT_TRUE(svc.Assign("lead", id, "maint-bt").ok());
  ASSERT_TRUE(svc.LinkFix("lead", id, Fix{Fix::Kind::kPr, "87", "main"}).ok());
  ASSERT_TRUE(svc.Move("lead", id, MoveRequest{State::kReview}).ok());
  FixFacts merged;
  merged.main_merged = true;
  ASSERT_TRUE(svc.RecordSync("sync", id, merged).ok());
  s.clock().Set(Timestamp::StartOf(*Date::Parse("2027-01-20")));  // past the fix target
  session = s.WebLogin("psirt").first;
  page = c.Get(("/advisories/" + id).c_str(), {{"Cookie", session}})->body;
  EXPECT_NE(page.find("<th>Fix due</th><td>fix merged (Accepted)"), std::string::npos) << page;
  EXPECT_EQ(page.find("fix_due"), std::string::npos);
  auto todo = nlohmann::json::parse(c.Get("/api/v1/todo", {{"Authorization", "Bearer " + s.Token("psirt")}})->body);
  for (const auto& t : todo["tasks"])
    if (t["advisory"] == id) {
      EXPECT_NE(t["task"], "fix_due") << t.dump();
    }
}

TEST(ServerWebTest, TheAgendaHasAnOverviewAndTitles) {
  TestServer s;
  httplib::Client api = s.Client();
  ASSERT_EQ(api.Post(("/api/v1/advisories/" + s.Id("bt") + "/assign").c_str(),
                     {{"Authorization", "Bearer " + s.Token("psirt")}}, R"({"user":"maint-bt"})", "application/json")
                ->status,
            200);
  auto [session, csrf] = s.WebLogin("maint-bt");
  Browser b{s.port(), "127.0.0.1", session, csrf};
  std::string page = b.Get("/").body;
  ASSERT_NE(page.find("id=\"overview\""), std::string::npos) << page;
  // maint-bt sees the Bluetooth advisories: one Public, one now Assigned to them.
  EXPECT_NE(page.find("<strong>1</strong> Public"), std::string::npos) << page;
  EXPECT_NE(page.find("<strong>1</strong> Assigned"), std::string::npos) << page;
  EXPECT_NE(page.find("<strong>1</strong> assigned to you"), std::string::npos) << page;
  EXPECT_NE(page.find("<h2>Assigned to you</h2>"), std::string::npos);
  EXPECT_EQ(page.find("psirt cve"), std::string::npos) << "tasks in words, not commands";
  auto [lead, lead_csrf] = s.WebLogin("psirt");
  Browser l{s.port(), "127.0.0.1", lead, lead_csrf};
  std::string all = l.Get("/").body;
  EXPECT_NE(all.find("<td>Networking flaw "), std::string::npos) << "titles beside the ids: " << all;
  EXPECT_NE(all.find("<strong>0</strong> assigned to you"), std::string::npos);
}

TEST(ServerWebTest, TheListFiltersLikeTheCliAndHidesWhatAViewerMayNotFilterOn) {
  TestServer s;
  httplib::Client api = s.Client();
  auto ids = [&](const std::string& who, const std::string& query) {
    auto r = api.Get(("/api/v1/advisories?" + query).c_str(), {{"Authorization", "Bearer " + s.Token(who)}});
    EXPECT_EQ(r->status, 200) << r->body;
    std::vector<std::string> out;
    nlohmann::json page = nlohmann::json::parse(r->body);
    for (const auto& a : page["advisories"]) out.push_back(a["id"]);
    return out;
  };
  EXPECT_EQ(ids("psirt", "state=Public"), std::vector<std::string>{s.Id("pub")});
  EXPECT_EQ(ids("psirt", "assignee=usb-lead"), std::vector<std::string>{s.Id("usb")});
  EXPECT_EQ(ids("psirt", "assignee=lead&state=Public&state=Triage"), std::vector<std::string>{s.Id("pub")});
  // A reporter sees the Public advisory as an outsider: it may be found by
  // its published fields, never by its assignee.
  std::vector<std::string> ada = ids("ada", "");
  EXPECT_NE(std::find(ada.begin(), ada.end(), s.Id("pub")), ada.end());
  EXPECT_TRUE(ids("ada", "assignee=lead").empty());
  EXPECT_EQ(ids("ada", "state=Public"), std::vector<std::string>{s.Id("pub")});
  auto bad = api.Get("/api/v1/advisories?severity=severe", {{"Authorization", "Bearer " + s.Token("psirt")}});
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(nlohmann::json::parse(bad->body)["error"]["field"], "severity") << bad->body;
  // The dashboard's form offers the same filters and keeps them on the next page.
  auto [lead, lead_csrf] = s.WebLogin("psirt");
  Browser l{s.port(), "127.0.0.1", lead, lead_csrf};
  std::string page = l.Get("/advisories?assignee=usb-lead").body;
  for (const char* field : {"name=\"state\"", "name=\"severity\"", "name=\"area\"", "name=\"assignee\"",
                            "name=\"unfixed\"", "name=\"sort\"", "name=\"text\""})
    EXPECT_NE(page.find(field), std::string::npos) << field;
  EXPECT_NE(page.find("/advisories/" + s.Id("usb")), std::string::npos);
  EXPECT_EQ(page.find("/advisories/" + s.Id("pub") + "\""), std::string::npos) << page;
  EXPECT_NE(page.find("<p>1 advisories.</p>"), std::string::npos);
}

TEST(ServerWebTest, APreSignInTokenTheServerDidNotIssueIsRefused) {
  TestServer s;
  Browser b{s.port(), "127.0.0.1"};
  // A cookie and a form field that match, but that this server never made
  // (set through a sibling site, say): refused.
  b.cookie = "psirt_form=forged0123456789012345678901234567890";
  auto forged = b.Post("/login", "name=psirt&password=correct+horse+battery&csrf=forged0123456789012345678901234567890");
  EXPECT_EQ(forged.status, 400);
  EXPECT_EQ(forged.headers["set-cookie"].find("psirt_session"), std::string::npos);
  // The same shape with the nonce changed after signing: refused too.
  b.OpenLogin();
  std::string tampered = (b.csrf[0] == 'X' ? "Y" : "X") + b.csrf.substr(1);  // always a change
  b.cookie = "psirt_form=" + tampered;
  EXPECT_EQ(b.Post("/login", "name=psirt&password=correct+horse+battery&csrf=" + tampered).status, 400);
  // What the server issued works.
  b.OpenLogin();
  EXPECT_EQ(b.SignIn("psirt", "correct+horse+battery").status, 303);
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
