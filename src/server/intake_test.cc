// Private intake: the public form and POST /api/v1/reports, the
// reporter's private link, attachments served only to those who may see
// the advisory, rate limiting per address.
#include <gtest/gtest.h>

#include <regex>

#include "testing/test_server.h"

namespace psirt {
namespace {

using testing::TestServer;
using testing::TestServerOptions;
using nlohmann::json;

json Report(const std::string& title) {
  return {{"title", title}, {"description", "heap overflow when parsing"}, {"affected", "v3.6.0, subsys/bluetooth/"},
          {"reporter_name", "Rae Searcher"}, {"reporter_email", "rae@lab.example"},
          {"attachment", {{"name", "poc.py"}, {"content_type", "text/x-python"}, {"data_base64", "cHJpbnQoJ3BvYycpCg=="}}}};
}

TEST(ServerIntakeTest, ApiReportLinkAttachmentAndConversation) {
  TestServer s;
  httplib::Client c = s.Client();
  auto r = c.Post("/api/v1/reports", Report("Overflow in the HCI parser").dump(), "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  json sub = json::parse(r->body);
  std::string token = sub["token"];
  EXPECT_GE(token.size(), 40u);
  // An anonymous reporter is not told the advisory id: ids are numbered,
  // and would tell how many reports came in.
  EXPECT_FALSE(sub.contains("id")) << r->body;
  EXPECT_EQ(r->body.find("PSIRT-2026"), std::string::npos);
  // The team sees it as New, reported today, with the attachment.
  httplib::Headers team = {{"Authorization", "Bearer " + s.Token("psirt")}};
  json news = json::parse(c.Get("/api/v1/advisories?state=New", team)->body);
  ASSERT_EQ(news["total"], 1);
  std::string id = news["advisories"][0]["id"];
  json a = json::parse(c.Get(("/api/v1/advisories/" + id).c_str(), team)->body);
  EXPECT_EQ(a["state"], "New");
  EXPECT_EQ(a["reported_on"], "2026-11-20");
  EXPECT_EQ(a["acknowledge_by"].is_string(), true) << "the acknowledgement clock runs from submission";
  EXPECT_EQ(a["reporter"]["email"], "rae@lab.example");
  EXPECT_NE(a["description"].get<std::string>().find("Affected versions or files: v3.6.0, subsys/bluetooth/"), std::string::npos);
  ASSERT_EQ(a["attachments"].size(), 1u);
  EXPECT_EQ(a["attachments"][0]["name"], "poc.py");
  EXPECT_EQ(a["attachments"][0]["size"], 13);
  std::string file = "/api/v1/advisories/" + id + "/attachments/" + std::to_string(a["attachments"][0]["id"].get<int>());
  auto got = c.Get(file.c_str(), team);
  EXPECT_EQ(got->body, "print('poc')\n");
  EXPECT_EQ(got->get_header_value("Content-Type"), "application/octet-stream");
  EXPECT_NE(got->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  // Nobody else: not the attachment, not the advisory (an anonymous
  // client is asked to sign in, for every id alike).
  EXPECT_EQ(c.Get(file.c_str())->status, 401);
  EXPECT_EQ(c.Get(file.c_str(), {{"Authorization", "Bearer " + s.Token("maint-net")}})->status, 404);
  // The team asks the reporter; the reporter answers through the link.
  auto q = c.Post(("/api/v1/advisories/" + id + "/notes").c_str(), team,
                  R"({"text":"Which board?","with_reporter":true})", "application/json");
  ASSERT_EQ(q->status, 200);
  c.Post(("/api/v1/advisories/" + id + "/notes").c_str(), team, R"({"text":"internal: looks real"})", "application/json");
  auto answer = c.Post(("/api/v1/reports/" + token + "/comments").c_str(), R"({"text":"nRF52840"})", "application/json");
  ASSERT_EQ(answer->status, 201) << answer->body;
  json view = json::parse(c.Get(("/api/v1/reports/" + token).c_str())->body);
  EXPECT_TRUE(view["id"].is_null()) << "no id for a link holder before the advisory is Public";
  ASSERT_EQ(view["conversation"].size(), 2u) << view.dump();
  EXPECT_EQ(view["conversation"][0]["text"], "Which board?");
  EXPECT_EQ(view["conversation"][1]["from"], "you");
  EXPECT_EQ(view.dump().find("internal"), std::string::npos) << "team notes never reach the reporter";
  EXPECT_EQ(c.Get("/api/v1/reports/r_wrongtoken")->status, 404);
  // The link never reaches the access log.
  EXPECT_EQ(s.AccessLog().find(token), std::string::npos);
  EXPECT_NE(s.AccessLog().find("/api/v1/reports/<secret>"), std::string::npos);
}

TEST(ServerIntakeTest, WebFormThenPrivatePage) {
  TestServer s;
  httplib::Client c = s.Client();
  auto form = c.Get("/report");
  ASSERT_EQ(form->status, 200);
  std::string cookie = form->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  std::smatch m;
  std::regex_search(form->body, m, std::regex("name=\"csrf\" value=\"([^\"]+)\""));
  httplib::MultipartFormDataItems items = {
      {"csrf", m[1].str(), "", ""},
      {"title", "<b>Bold</b> title", "", ""},
      {"description", "steps", "", ""},
      {"affected", "main", "", ""},
      {"reporter_name", "Web Person", "", ""},
      {"reporter_email", "web@lab.example", "", ""},
      {"attachment", "crash log", "log.txt", "text/plain"},
  };
  auto r = c.Post("/report", {{"Cookie", cookie}}, items);
  ASSERT_EQ(r->status, 201) << r->body;
  std::regex_search(r->body, m, std::regex("id=\"private-link\" href=\"(/r/[^\"]+)\""));
  std::string link = m[1].str();
  ASSERT_FALSE(link.empty());
  auto page = c.Get(link.c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("&lt;b&gt;Bold&lt;/b&gt; title"), std::string::npos);
  EXPECT_EQ(page->get_header_value("Referrer-Policy"), "no-referrer");
  // Without the form's token nothing is recorded.
  items[0].content = "forged";
  EXPECT_EQ(c.Post("/report", {{"Cookie", cookie}}, items)->status, 400);
}

TEST(ServerIntakeTest, AReporterMayStayAnonymous) {
  TestServerOptions o;
  o.psirt_yml = "server:\n  public_url: https://security.example.org/\n";
  TestServer s(o);
  httplib::Client c = s.Client();
  // The API: a title is all that is needed.
  auto r = c.Post("/api/v1/reports", json{{"title", "Overflow, no name given"}}.dump(), "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  std::string token = json::parse(r->body)["token"];
  httplib::Headers team = {{"Authorization", "Bearer " + s.Token("psirt")}};
  json news = json::parse(c.Get("/api/v1/advisories?state=New", team)->body);
  ASSERT_EQ(news["total"], 1);
  json a = json::parse(c.Get(("/api/v1/advisories/" + news["advisories"][0]["id"].get<std::string>()).c_str(), team)->body);
  EXPECT_EQ(a["reporter"]["name"], nullptr) << a.dump();
  EXPECT_EQ(a["reporter"]["email"], nullptr);
  EXPECT_EQ(c.Get(("/r/" + token).c_str())->status, 200) << "the private link is their channel";
  // The form says what a good report holds and that name and address are
  // optional; the page after it shows the whole link to keep, with a copy button.
  auto form = c.Get("/report");
  EXPECT_NE(form->body.find("Your e-mail (optional"), std::string::npos);
  EXPECT_NE(form->body.find("how to reproduce it"), std::string::npos);
  std::string cookie = form->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  std::smatch m;
  std::regex_search(form->body, m, std::regex("name=\"csrf\" value=\"([^\"]+)\""));
  httplib::MultipartFormDataItems items = {{"csrf", m[1].str(), "", ""}, {"title", "Anonymous form report", "", ""}};
  auto sent = c.Post("/report", {{"Cookie", cookie}}, items);
  ASSERT_EQ(sent->status, 201) << sent->body;
  EXPECT_TRUE(std::regex_search(sent->body, m, std::regex(">https://security\\.example\\.org/r/r_[A-Za-z0-9_-]+</a>")))
      << sent->body;
  EXPECT_NE(sent->body.find("data-copy=\"private-link\""), std::string::npos);
}

TEST(ServerIntakeTest, BadReportsRefused) {
  TestServer s;
  httplib::Client c = s.Client();
  json bad = Report("x");
  bad["reporter_email"] = "not an address";
  EXPECT_EQ(c.Post("/api/v1/reports", bad.dump(), "application/json")->status, 400);
  json huge = Report("big");
  huge["attachment"]["data_base64"] = std::string(8 << 20, 'A');
  auto too_big = c.Post("/api/v1/reports", huge.dump(), "application/json");
  EXPECT_TRUE(too_big->status == 400 || too_big->status == 413) << too_big->status;
  auto list = json::parse(c.Get("/api/v1/advisories?state=New", {{"Authorization", "Bearer " + s.Token("psirt")}})->body);
  EXPECT_EQ(list["total"], 0);
}

TEST(ServerIntakeTest, RateLimitedPerAddress) {
  TestServer s;
  httplib::Client c = s.Client();
  int created = 0, limited = 0;
  for (int i = 0; i < 7; ++i) {
    int st = c.Post("/api/v1/reports", Report("report " + std::to_string(i)).dump(), "application/json")->status;
    created += st == 201;
    limited += st == 429;
  }
  EXPECT_EQ(created, 5) << "5 per hour (server.reports_per_hour)";
  EXPECT_EQ(limited, 2);
  auto list = json::parse(c.Get("/api/v1/advisories?state=New", {{"Authorization", "Bearer " + s.Token("psirt")}})->body);
  EXPECT_EQ(list["total"], created);
}

}  // namespace
}  // namespace psirt
