// Every endpoint x role x advisory (own area, other area, public,
// embargoed, nonexistent): status codes from the need-to-know rule, hidden
// advisories answered byte for byte like missing ones, and no embargoed
// field in any response, list, count, search or agenda of those who may
// not see it.
#include <gtest/gtest.h>

#include <set>

#include "testing/test_server.h"

namespace psirt {
namespace {

using testing::TestServer;

struct Endpoint {
  std::string name;
  std::string method;  // GET, POST, PATCH
  std::string path;    // {id} replaced
  std::string body;
  enum Need { kSee, kComment, kFix, kStatus, kManage } need;
};

const std::vector<Endpoint>& Endpoints() {
  static const std::vector<Endpoint> e = {
      {"show", "GET", "/api/v1/advisories/{id}", "", Endpoint::kSee},
      {"events", "GET", "/api/v1/advisories/{id}/events", "", Endpoint::kSee},
      {"page", "GET", "/advisories/{id}", "", Endpoint::kSee},
      {"export", "GET", "/api/v1/advisories/{id}/export/osv?draft=1", "", Endpoint::kSee},
      {"attachment", "GET", "/api/v1/advisories/{id}/attachments/1", "", Endpoint::kSee},
      {"note", "POST", "/api/v1/advisories/{id}/notes", R"({"text":"a note"})", Endpoint::kComment},
      {"fix", "POST", "/api/v1/advisories/{id}/fixes", R"({"pr":"777","branch":"v3.6-branch"})", Endpoint::kFix},
      {"review", "POST", "/api/v1/advisories/{id}/move", R"({"state":"Assigned"})", Endpoint::kStatus},
      {"cve", "POST", "/api/v1/advisories/{id}/cve", R"({"cve":"CVE-2026-55555"})", Endpoint::kManage},
      {"ack", "POST", "/api/v1/advisories/{id}/ack", "", Endpoint::kManage},
      {"edit", "PATCH", "/api/v1/advisories/{id}", R"({"title":"renamed"})", Endpoint::kManage},
      {"triage", "POST", "/api/v1/advisories/{id}/triage", R"({"subsystem":"x"})", Endpoint::kManage},
      {"assign", "POST", "/api/v1/advisories/{id}/assign", R"({"user":"lead"})", Endpoint::kManage},
  };
  return e;
}

// Who sees what, written out (not computed from the rule under test).
const std::map<std::string, std::set<std::string>> kSees = {
    {"psirt", {"bt", "net", "pub"}}, {"maint-bt", {"bt", "pub"}}, {"maint-net", {"net", "pub"}},
    {"rm", {"bt", "pub"}},           {"ada", {"bt", "pub"}},      {"", {"pub"}},
};
// What each role may do on the advisories it works on ("pub" is in the
// Bluetooth area: maint-bt works on it, maint-net only reads it).
const std::map<std::string, std::map<std::string, std::set<Endpoint::Need>>> kMayDo = {
    {"psirt", {{"bt", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus, Endpoint::kManage}},
               {"net", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus, Endpoint::kManage}},
               {"pub", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus, Endpoint::kManage}}}},
    {"maint-bt", {{"bt", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus}},
                  {"pub", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus}}}},
    {"maint-net", {{"net", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus}}}},
    {"rm", {{"bt", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus}}}},
    {"ada", {{"bt", {Endpoint::kComment}}}},
    {"", {}},
};

struct Answer {
  int status = 0;
  std::string body;
};

Answer Call(TestServer& s, const std::string& user, const Endpoint& e, const std::string& id) {
  httplib::Client c = s.Client();
  httplib::Headers h;
  if (!user.empty()) h.emplace("Authorization", "Bearer " + s.Token(user));
  std::string path = e.path;
  path.replace(path.find("{id}"), 4, id);
  httplib::Result r = e.method == "GET"    ? c.Get(path.c_str(), h)
                      : e.method == "POST" ? c.Post(path.c_str(), h, e.body.empty() ? "{}" : e.body, "application/json")
                                           : c.Patch(path.c_str(), h, e.body, "application/json");
  if (!r) return {-1, ""};
  return {r->status, r->body};
}

TEST(ServerAccessTest, EveryEndpointRoleAndAdvisory) {
  TestServer s;
  const std::string missing = "PSIRT-2026-0999";
  std::vector<std::string> users = {"psirt", "maint-bt", "maint-net", "rm", "ada", ""};
  int cells = 0;
  for (const std::string& user : users) {
    for (const Endpoint& e : Endpoints()) {
      Answer none = Call(s, user, e, missing);
      EXPECT_EQ(none.status, 404) << user << " " << e.name << " missing: " << none.body;
      for (const std::string target : {"bt", "net", "pub"}) {
        SCOPED_TRACE(user + " " + e.name + " " + target);
        ++cells;
        Answer a = Call(s, user, e, s.Id(target));
        bool sees = kSees.at(user).count(target) > 0;
        if (!sees) {
          EXPECT_EQ(a.status, 404) << a.body;
          EXPECT_EQ(a.body, none.body) << "a hidden advisory must answer like a missing one";
          EXPECT_EQ(a.body.find(TestServer::kSecret), std::string::npos);
          continue;
        }
        if (target == "net" && (e.name == "show" || e.name == "page")) {
          EXPECT_NE(a.body.find(TestServer::kSecret), std::string::npos);
        }
        if (e.need == Endpoint::kSee) {
          if (e.name == "attachment") EXPECT_EQ(a.status, 404) << "no attachment 1 on these advisories";
          else EXPECT_EQ(a.status, 200) << a.body;
          continue;
        }
        auto& allowed = kMayDo.at(user);
        bool may = allowed.count(target) && allowed.at(target).count(e.need);
        if (may) {
          // Past the access rule: done, or refused by the lifecycle (400/409), never 401/403/404.
          EXPECT_TRUE(a.status == 200 || a.status == 400 || a.status == 409) << a.status << " " << a.body;
        } else {
          EXPECT_EQ(a.status, user.empty() ? 401 : 403) << a.body;
        }
      }
    }
  }
  EXPECT_EQ(cells, 6 * static_cast<int>(Endpoints().size()) * 3);
}

TEST(ServerAccessTest, ListsCountsSearchAndAgendaShowOnlyWhatOneMaySee) {
  TestServer s;
  std::vector<std::string> users = {"psirt", "maint-bt", "maint-net", "rm", "ada", ""};
  for (const std::string& user : users) {
    SCOPED_TRACE("user '" + user + "'");
    httplib::Client c = s.Client();
    httplib::Headers h;
    if (!user.empty()) h.emplace("Authorization", "Bearer " + s.Token(user));
    auto list = c.Get("/api/v1/advisories", h);
    ASSERT_TRUE(list);
    auto j = nlohmann::json::parse(list->body);
    std::set<std::string> ids;
    for (const auto& a : j["advisories"]) ids.insert(a["id"]);
    std::set<std::string> want;
    for (const std::string& t : kSees.at(user)) want.insert(s.Id(t));
    EXPECT_EQ(ids, want);
    EXPECT_EQ(j["total"], want.size());
    bool sees_net = kSees.at(user).count("net") > 0;
    // Search for a word only the hidden advisory has: nothing, not even a count.
    auto search = c.Get("/api/v1/advisories?q=ZZSECRETNETWORKING", h);
    EXPECT_EQ(nlohmann::json::parse(search->body)["total"], sees_net ? 1 : 0);
    auto todo = c.Get("/api/v1/todo", h);
    ASSERT_EQ(todo->status, 200);
    auto agenda = nlohmann::json::parse(todo->body);
    for (const auto& t : agenda["tasks"])
      EXPECT_TRUE(want.count(t["advisory"].get<std::string>())) << t.dump();
    for (const std::string path : {"/", "/advisories", "/advisories?q=ZZSECRET", "/api/v1/advisories?state=Triage"}) {
      auto r = c.Get(path, h);
      ASSERT_TRUE(r) << path;
      EXPECT_EQ(r->body.find(TestServer::kSecret) != std::string::npos, sees_net && path != "/") << path;
      EXPECT_EQ(r->body.find(s.Id("net")) != std::string::npos, sees_net && (path != "/" || user == "psirt" || user == "maint-net")) << path;
    }
  }
}

TEST(ServerAccessTest, OutsidersSeeOnlyPublishedFieldsOfPublicAdvisories) {
  TestServer s;
  httplib::Client c = s.Client();
  auto anon = nlohmann::json::parse(c.Get(("/api/v1/advisories/" + s.Id("pub")).c_str())->body);
  EXPECT_TRUE(anon["reporter"]["email"].is_null());
  EXPECT_TRUE(anon["notes"].empty());
  EXPECT_TRUE(anon["people_who_need_to_know"].empty());
  auto insider = nlohmann::json::parse(
      c.Get(("/api/v1/advisories/" + s.Id("pub")).c_str(), {{"Authorization", "Bearer " + s.Token("maint-bt")}})->body);
  EXPECT_EQ(insider["reporter"]["email"], "bo@research.example");
  EXPECT_FALSE(insider["people_who_need_to_know"].empty());
}

TEST(ServerAccessTest, EveryChangeIsAnEventOfTheSignedInActor) {
  TestServer s;
  httplib::Client c = s.Client();
  httplib::Headers h = {{"Authorization", "Bearer " + s.Token("maint-bt")}};
  auto r = c.Post(("/api/v1/advisories/" + s.Id("bt") + "/notes").c_str(), h, R"({"text":"looking at it"})", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  auto events = nlohmann::json::parse(c.Get(("/api/v1/advisories/" + s.Id("bt") + "/events").c_str(), h)->body)["events"];
  EXPECT_EQ(events.back()["kind"], "noted");
  EXPECT_EQ(events.back()["actor"], "maint-bt");
}

TEST(ServerAccessTest, BadTokensAreRefusedNotAnonymous) {
  TestServer s;
  httplib::Client c = s.Client();
  for (const std::string auth : {"Bearer psirt_nope", "Basic abc", "Bearer "}) {
    auto r = c.Get("/api/v1/advisories", {{"Authorization", auth}});
    EXPECT_EQ(r->status, 401) << auth;
    EXPECT_EQ(r->body.find(TestServer::kSecret), std::string::npos);
  }
  EXPECT_EQ(s.AccessLog().find("psirt_"), std::string::npos) << "tokens never reach the log";
}

}  // namespace
}  // namespace psirt
