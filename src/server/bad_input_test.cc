// Hostile requests: oversized bodies, malformed JSON, wrong content
// types, unknown fields, SQL- and script-looking strings, path traversal.
// Each gets a clean 4xx, writes nothing, and the server keeps serving.
#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace psirt {
namespace {

using testing::TestServer;
using nlohmann::json;

int EventCount(TestServer& s, httplib::Client& c) {
  int n = 0;
  httplib::Headers h = {{"Authorization", "Bearer " + s.Token("psirt")}};
  for (const char* t : {"bt", "net", "pub"})
    n += json::parse(c.Get(("/api/v1/advisories/" + s.Id(t) + "/events").c_str(), h)->body)["events"].size();
  return n + json::parse(c.Get("/api/v1/advisories", h)->body)["total"].get<int>();
}

TEST(ServerBadInputTest, CleanRefusalsNothingWrittenStillServing) {
  TestServer s;
  httplib::Client c = s.Client();
  httplib::Headers h = {{"Authorization", "Bearer " + s.Token("psirt")}};
  int before = EventCount(s, c);
  std::string note = "/api/v1/advisories/" + s.Id("bt") + "/notes";
  struct Case {
    std::string name, path, body, type;
    int want;
  };
  std::vector<Case> cases = {
      {"malformed json", note, "{\"text\": ", "application/json", 400},
      {"not an object", note, "[1,2]", "application/json", 400},
      {"wrong content type", note, "text=hello", "application/x-www-form-urlencoded", 400},
      {"text/plain", note, "{\"text\":\"x\"}", "text/plain", 400},
      {"unknown field", note, R"({"text":"x","admin":true})", "application/json", 400},
      {"wrong type", note, R"({"text":42})", "application/json", 400},
      {"invalid utf-8", note, "{\"text\":\"\xff\xfe\"}", "application/json", 400},
      {"control chars in one-line field", "/api/v1/advisories/" + s.Id("bt") + "/assign", "{\"user\":\"a\\u001b[2Jb\"}", "application/json", 400},
      // Past the body limit: 413 as soon as the total passes it.
      {"oversized json", note, "{\"text\":\"" + std::string(2 << 20, 'a') + "\"}", "application/json", 413},
      {"too long for a note", note, "{\"text\":\"" + std::string(70000, 'a') + "\"}", "application/json", 400},
      {"oversized body", note, std::string(7 << 20, 'a'), "application/json", 413},
      {"bad state", "/api/v1/advisories/" + s.Id("bt") + "/move", R"({"state":"Pwned"})", "application/json", 400},
      {"bad cve", "/api/v1/advisories/" + s.Id("bt") + "/cve", R"({"cve":"CVE-1' OR '1'='1"})", "application/json", 400},
      // Not canonical (dot segments once decoded): refused before routing.
      {"traversal id", "/api/v1/advisories/..%2F..%2Fetc%2Fpasswd/notes", R"({"text":"x"})", "application/json", 400},
      {"sql id", "/api/v1/advisories/PSIRT-2026-0001'%20OR%201=1--/notes", R"({"text":"x"})", "application/json", 404},
      {"no such endpoint", "/api/v1/advisories/" + s.Id("bt") + "/delete", "{}", "application/json", 404},
  };
  for (const Case& k : cases) {
    auto r = c.Post(k.path.c_str(), h, k.body, k.type.c_str());
    ASSERT_TRUE(r) << k.name;
    EXPECT_EQ(r->status, k.want) << k.name << ": " << r->body.substr(0, 300);
    // One error shape everywhere, the engine's own refusals included.
    json e = json::parse(r->body, nullptr, false);
    EXPECT_TRUE(e.contains("error") && e["error"].contains("code") && e["error"].contains("message")) << k.name;
  }
  for (const char* path : {"/../../etc/passwd", "/static/../psirt.db", "/advisories/%2e%2e%2fpsirt.db", "/psirt.db",
                           "/api/v1/advisories/%00", "/r/..%2F..%2Fpsirt.db"}) {
    auto r = c.Get(path, h);
    ASSERT_TRUE(r) << path;
    EXPECT_TRUE(r->status == 404 || r->status == 400) << path << " " << r->status;
    EXPECT_EQ(r->body.find("SQLite format"), std::string::npos) << path;
  }
  auto q = c.Get("/api/v1/advisories?q=%27%3B%20DROP%20TABLE%20events%3B--&limit=abc", h);
  EXPECT_EQ(q->status, 400) << "limit=abc";
  auto q2 = c.Get("/api/v1/advisories?q=%27%3B%20DROP%20TABLE%20events%3B--", h);
  EXPECT_EQ(q2->status, 200);
  EXPECT_EQ(json::parse(q2->body)["total"], 0);
  EXPECT_EQ(EventCount(s, c), before) << "nothing written";
  EXPECT_EQ(c.Get("/healthz")->status, 200) << "still serving";
  // Script-looking text is stored as given and escaped on every page.
  auto ok = c.Post(note.c_str(), h, R"({"text":"<img src=x onerror=alert(1)>"})", "application/json");
  ASSERT_EQ(ok->status, 200);
  auto [session, csrf] = s.WebLogin("psirt");
  auto page = c.Get(("/advisories/" + s.Id("bt")).c_str(), {{"Cookie", session}});
  EXPECT_EQ(page->body.find("<img src=x"), std::string::npos);
  EXPECT_NE(page->body.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
}

TEST(ServerBadInputTest, WrongTypesDuplicatesAndNestedKeysAre400NamingTheField) {
  TestServer s;
  httplib::Client c = s.Client();
  httplib::Headers h = {{"Authorization", "Bearer " + s.Token("psirt")}};
  std::string a = "/api/v1/advisories/" + s.Id("bt");
  struct Case {
    std::string path, body, field;
    bool anonymous = false;
  };
  std::vector<Case> cases = {
      {"/api/v1/reports", R"({"title":"t","reporter_name":"R","reporter_email":"r@x.example","attachment":{"name":5,"data_base64":""}})",
       "attachment.name", true},
      {"/api/v1/reports", R"({"title":"t","reporter_name":"R","reporter_email":"r@x.example","attachment":{"name":"a","mode":"x"}})",
       "attachment.mode", true},
      {"/api/v1/reports", R"({"title":"t","title":"u","reporter_name":"R","reporter_email":"r@x.example"})", "title", true},
      {"/api/v1/reports", R"({"title":["t"],"reporter_name":"R","reporter_email":"r@x.example"})", "title", true},
      {"/api/v1/reports", R"({"title":"t","reporter_name":"R","reporter_email":"r@x.example","attachment":"data"})", "attachment", true},
      {a + "/notes", R"({"text":"x","with_reporter":"yes"})", "with_reporter"},
      {a + "/github/push", R"({"apply":"yes"})", "apply"},
      {"/api/v1/import/cve5", R"({"files":[],"replace":"yes"})", "replace"},
      {"/api/v1/import/cve5", R"({"files":[{"name":"a","text":"x","mode":1}]})", "files[0].mode"},
      {"/api/v1/import/cve5", R"({"files":{"name":"a"}})", "files"},
      {"/api/v1/github/pull", R"({"ghsa":7})", "ghsa"},
      {a + "/triage", R"({"cwes":"CWE-787"})", "cwes"},
      {a + "/ack", R"({"now":true})", "now"},
      {"/api/v1/jobs/sync", R"({"force":true})", "force"},
  };
  for (const Case& k : cases) {
    auto r = k.anonymous ? c.Post(k.path.c_str(), k.body, "application/json") : c.Post(k.path.c_str(), h, k.body, "application/json");
    ASSERT_TRUE(r) << k.path;
    EXPECT_EQ(r->status, 400) << k.path << " " << k.body << ": " << r->body;
    json e = json::parse(r->body, nullptr, false);
    ASSERT_TRUE(e.contains("error")) << r->body;
    EXPECT_EQ(e["error"]["code"], "invalid") << r->body;
    EXPECT_EQ(e["error"].value("field", ""), k.field) << k.path << " " << k.body << ": " << r->body;
  }
  // The webhook's refusals have the same shape.
  auto hook = c.Post("/hooks/github", {{"X-Hub-Signature-256", "sha256=00"}}, "{}", "application/json");
  json he = json::parse(hook->body, nullptr, false);
  EXPECT_TRUE(he.contains("error") && he["error"].is_object() && he["error"].contains("message")) << hook->body;
  EXPECT_EQ(c.Get("/healthz")->status, 200);
}

TEST(ServerBadInputTest, BidirectionalControlsAreRefusedFromTheTeamAndKeptEscapedFromReporters) {
  TestServer s;
  httplib::Client c = s.Client();
  httplib::Headers h = {{"Authorization", "Bearer " + s.Token("psirt")}};
  std::string rlo = "\u202e";  // RIGHT-TO-LEFT OVERRIDE, as JSON escapes it
  auto edit = c.Patch(("/api/v1/advisories/" + s.Id("bt")).c_str(), h, "{\"title\":\"report" + rlo + "fdp.exe\"}", "application/json");
  EXPECT_EQ(edit->status, 400) << edit->body;
  EXPECT_NE(edit->body.find("bidirectional control"), std::string::npos);
  // A reporter's report is never refused for its characters: kept, escaped.
  std::string report = "{\"title\":\"invoice" + rlo + "gpj.exe\",\"description\":\"line\\u0007bell\\r\\nnext\","
                       "\"reporter_name\":\"R\",\"reporter_email\":\"r@x.example\","
                       "\"attachment\":{\"name\":\"poc" + rlo + "txt.sh\",\"data_base64\":\"eA==\"}}";
  ASSERT_EQ(c.Post("/api/v1/reports", report, "application/json")->status, 201);
  auto news = json::parse(c.Get("/api/v1/advisories?state=New", h)->body);
  ASSERT_EQ(news["total"], 1);
  auto a = json::parse(c.Get(("/api/v1/advisories/" + news["advisories"][0]["id"].get<std::string>()).c_str(), h)->body);
  EXPECT_EQ(a["title"], "invoice<U+202E>gpj.exe");
  EXPECT_EQ(a["description"], "line<U+0007>bell\nnext");
  EXPECT_EQ(a["attachments"][0]["name"], "poc<U+202E>txt.sh");
}

}  // namespace
}  // namespace psirt
