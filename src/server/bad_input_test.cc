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

}  // namespace
}  // namespace psirt
