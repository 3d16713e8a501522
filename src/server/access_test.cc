// Every endpoint x role x advisory (own area, other area, public,
// embargoed, nonexistent): status codes from the need-to-know rule, hidden
// advisories answered byte for byte like missing ones, no embargoed field
// in any response, list, count, search or agenda of those who may not see
// it - and reporter accounts, which see exactly what their private link
// shows, never the team's side.
#include <gtest/gtest.h>

#include <set>

#include "app/account_service.h"
#include "app/advisory_service.h"
#include "app/workspace.h"
#include "testing/raw_client.h"
#include "testing/test_server.h"

namespace psirt {
namespace {

using testing::TestServer;
using nlohmann::json;

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
    {"psirt", {"bt", "net", "pub", "usb"}}, {"maint-bt", {"bt", "pub"}}, {"maint-net", {"net", "pub"}},
    {"rm", {"bt", "pub"}},                  {"ada", {"bt", "pub"}},      {"", {"pub"}},
};
// What each role may do on the advisories it works on ("pub" is in the
// Bluetooth area: maint-bt works on it, maint-net only reads it).
const std::map<std::string, std::map<std::string, std::set<Endpoint::Need>>> kMayDo = {
    {"psirt", {{"bt", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus, Endpoint::kManage}},
               {"net", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus, Endpoint::kManage}},
               {"pub", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus, Endpoint::kManage}},
               {"usb", {Endpoint::kComment, Endpoint::kFix, Endpoint::kStatus, Endpoint::kManage}}}},
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
      // Anonymous clients are asked to sign in for any write or
      // attachment, whatever the id: that tells nothing either.
      bool sign_in_first = user.empty() && (e.need != Endpoint::kSee || e.name == "attachment");
      EXPECT_EQ(none.status, sign_in_first ? 401 : 404) << user << " " << e.name << " missing: " << none.body;
      for (const std::string target : {"bt", "net", "pub", "usb"}) {
        SCOPED_TRACE(user + " " + e.name + " " + target);
        ++cells;
        Answer a = Call(s, user, e, s.Id(target));
        bool sees = kSees.at(user).count(target) > 0;
        if (sign_in_first) {
          EXPECT_EQ(a.status, 401) << a.body;
          EXPECT_EQ(a.body, none.body);
          continue;
        }
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
          bool reporter_own = user == "ada" && target == "bt";
          if (e.name == "attachment") EXPECT_EQ(a.status, 404) << "no attachment 1 on these advisories";
          else if (reporter_own && e.name == "export") EXPECT_EQ(a.status, 404) << "no draft records for a reporter";
          else EXPECT_EQ(a.status, 200) << a.body;
          continue;
        }
        auto& allowed = kMayDo.at(user);
        bool may = allowed.count(target) && allowed.at(target).count(e.need);
        if (may) {
          // Past the access rule: done, or refused by the lifecycle (400/409), never 401/403/404.
          EXPECT_TRUE(a.status == 200 || a.status == 201 || a.status == 400 || a.status == 409) << a.status << " " << a.body;
        } else {
          EXPECT_EQ(a.status, 403) << a.body;
        }
      }
    }
  }
  EXPECT_EQ(cells, 6 * static_cast<int>(Endpoints().size()) * 4);
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
    auto j = json::parse(list->body);
    std::set<std::string> ids;
    for (const auto& a : j["advisories"]) ids.insert(a["id"]);
    std::set<std::string> want;
    for (const std::string& t : kSees.at(user)) want.insert(s.Id(t));
    EXPECT_EQ(ids, want);
    EXPECT_EQ(j["total"], want.size());
    bool team = user != "ada" && !user.empty();
    for (const auto& a : j["advisories"]) {
      // Outsiders and reporters never see who works on what: only team
      // members who would see the advisory under embargo get those fields.
      bool insider = team && (a["id"] != s.Id("pub") || user == "psirt" || user == "maint-bt");
      EXPECT_EQ(a.contains("assignee"), insider) << a.dump();
      EXPECT_EQ(a.contains("updated_at"), insider) << a.dump();
    }
    bool sees_net = kSees.at(user).count("net") > 0;
    // Search for a word only the hidden advisory has: nothing, not even a count.
    auto search = c.Get("/api/v1/advisories?q=ZZSECRETNETWORKING", h);
    EXPECT_EQ(json::parse(search->body)["total"], sees_net ? 1 : 0);
    auto todo = c.Get("/api/v1/todo", h);
    ASSERT_EQ(todo->status, 200);
    auto agenda = json::parse(todo->body);
    for (const auto& t : agenda["tasks"])
      EXPECT_TRUE(want.count(t["advisory"].get<std::string>())) << t.dump();
    if (!team) {
      EXPECT_TRUE(agenda["tasks"].empty()) << "the agenda is the team's";
    }
    for (const std::string path : {"/", "/advisories", "/advisories?q=ZZSECRET", "/api/v1/advisories?state=Triage"}) {
      auto r = c.Get(path, h);
      ASSERT_TRUE(r) << path;
      // The agenda names (and titles) only advisories with a task due.
      EXPECT_EQ(r->body.find(TestServer::kSecret) != std::string::npos,
                sees_net && (path != "/" || user == "psirt" || user == "maint-net"))
          << path;
      EXPECT_EQ(r->body.find(s.Id("net")) != std::string::npos, sees_net && (path != "/" || user == "psirt" || user == "maint-net")) << path;
    }
  }
}

TEST(ServerAccessTest, OutsidersSeeOnlyPublishedFieldsOfPublicAdvisories) {
  TestServer s;
  httplib::Client c = s.Client();
  std::string path = "/api/v1/advisories/" + s.Id("pub");
  auto anon = json::parse(c.Get(path.c_str())->body);
  // An allowlist of published fields: nothing of the team's side, and
  // nothing (version, update time) that moves when a hidden note is added.
  for (const char* k : {"reporter", "notes", "people_who_need_to_know", "assignee", "areas", "need_to_know",
                        "suggested_assignee", "version", "updated_at", "acknowledged_at", "files", "early_reason",
                        "no_cve_reason", "state_reason", "attachments", "permissions"})
    EXPECT_FALSE(anon.contains(k)) << k << " in " << anon.dump();
  EXPECT_EQ(anon["state"], "Public");
  EXPECT_EQ(anon["title"], "Public Bluetooth bug");
  auto events_before = c.Get((path + "/events").c_str())->body;
  auto insider = json::parse(c.Get(path.c_str(), {{"Authorization", "Bearer " + s.Token("maint-bt")}})->body);
  EXPECT_EQ(insider["reporter"]["email"], "bo@research.example");
  EXPECT_FALSE(insider["people_who_need_to_know"].empty());
  // A team note changes nothing outsiders see.
  ASSERT_EQ(c.Post((path + "/notes").c_str(), {{"Authorization", "Bearer " + s.Token("psirt")}}, R"({"text":"internal"})",
                   "application/json")->status, 200);
  EXPECT_EQ(json::parse(c.Get(path.c_str())->body), anon);
  auto events_after = c.Get((path + "/events").c_str())->body;
  EXPECT_EQ(events_after, events_before);
  json after_events = json::parse(events_after);  // not a range-for over a temporary's member
  for (const auto& e : after_events["events"]) {
    EXPECT_FALSE(e.contains("actor")) << e.dump();
    EXPECT_FALSE(e.contains("seq")) << e.dump();
  }
  // The page likewise: no assignee, no team member's name.
  auto page = c.Get(("/advisories/" + s.Id("pub")).c_str());
  EXPECT_EQ(page->body.find("Assignee"), std::string::npos);
  EXPECT_EQ(page->body.find("lead"), std::string::npos) << "team handles stay inside";
}

TEST(ServerAccessTest, AReporterAccountSeesExactlyWhatItsPrivateLinkShows) {
  TestServer s;
  httplib::Client c = s.Client();
  httplib::Headers team = {{"Authorization", "Bearer " + s.Token("psirt")}},
                   ada = {{"Authorization", "Bearer " + s.Token("ada")}};
  std::string bt = "/api/v1/advisories/" + s.Id("bt");
  ASSERT_EQ(c.Post((bt + "/notes").c_str(), team, R"({"text":"INTERNAL-ONLY triage notes"})", "application/json")->status, 200);
  ASSERT_EQ(c.Post((bt + "/notes").c_str(), team, R"({"text":"Which board do you use?","with_reporter":true})",
                   "application/json")->status, 200);
  auto view = c.Get(bt.c_str(), ada);
  ASSERT_EQ(view->status, 200) << view->body;
  json v = json::parse(view->body);
  // The reporter portal's view: state, dates, CVE, the conversation.
  EXPECT_EQ(v["id"], s.Id("bt"));
  EXPECT_EQ(v["state"], "Triage");
  ASSERT_EQ(v["conversation"].size(), 1u) << v.dump();
  EXPECT_EQ(v["conversation"][0]["text"], "Which board do you use?");
  EXPECT_EQ(v["conversation"][0]["from"], "security team");
  for (const std::string& path : {bt, bt + "/events", "/advisories/" + s.Id("bt")}) {
    std::string body = c.Get(path.c_str(), ada)->body;
    SCOPED_TRACE(path);
    EXPECT_EQ(body.find("INTERNAL-ONLY"), std::string::npos);
    EXPECT_EQ(body.find("need_to_know"), std::string::npos);
    EXPECT_EQ(body.find("Need to know"), std::string::npos);
    EXPECT_EQ(body.find("suggested_assignee"), std::string::npos);
    EXPECT_EQ(body.find("maint-bt"), std::string::npos) << "no team member's name";
    EXPECT_EQ(body.find("\"lead\""), std::string::npos);
  }
  // The reporter answers: it joins the conversation, as through the link.
  auto answer = c.Post((bt + "/notes").c_str(), ada, R"({"text":"nRF52840","with_reporter":false})", "application/json");
  ASSERT_EQ(answer->status, 201) << answer->body;
  json after = json::parse(c.Get((bt + "/events").c_str(), ada)->body);
  ASSERT_EQ(after["conversation"].size(), 2u);
  EXPECT_EQ(after["conversation"][1]["from"], "you");
  // What the account sees is what the link shows (bar the id).
  auto team_view = json::parse(c.Get(bt.c_str(), team)->body);
  EXPECT_EQ(team_view["notes"].back()["text"], "nRF52840");
  EXPECT_TRUE(team_view["notes"].back()["with_reporter"].get<bool>());
}

TEST(ServerAccessTest, NoReporterAccountPassesForTheTeamMemberOfTheSameName) {
  TestServer s;
  auto ws = OpenWorkspace(s.root());
  ASSERT_TRUE(ws.ok());
  AccountService accounts = ws->Accounts(s.clock());
  // "usb-lead" is the USB maintainer in MAINTAINERS.yml (no account) and
  // the assignee of "usb"; a reporter account of that name sees nothing.
  ASSERT_TRUE(accounts.Add({"usb-lead", Role::kReporter, "", "usb@elsewhere.example", {}}).ok());
  std::string token = *accounts.IssueToken("usb-lead");
  httplib::Client c = s.Client();
  httplib::Headers h = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(c.Get(("/api/v1/advisories/" + s.Id("usb")).c_str(), h)->status, 404);
  EXPECT_EQ(json::parse(c.Get("/api/v1/advisories", h)->body)["total"], 1) << "only the Public one";
  // Nor by GitHub login: handles are unique across accounts.
  auto taken = accounts.Add({"someone", Role::kReporter, "maint-net", "x@elsewhere.example", {}});
  ASSERT_FALSE(taken.ok());
  EXPECT_NE(taken.message().find("the handle 'maint-net' is taken: account maint-net"), std::string::npos) << taken.message();
  EXPECT_FALSE(accounts.Add({"lead", Role::kReporter, "", "y@elsewhere.example", {}}).ok()) << "psirt's GitHub login";
  EXPECT_FALSE(accounts.Add({"Maint-BT", Role::kMaintainer, "", "", {}}).ok()) << "names are lower case";
}

TEST(ServerAccessTest, ReportsFiledInSomeoneElsesNameStayOutOfTheirAccount) {
  TestServer s;
  httplib::Client c = s.Client();
  httplib::Headers ada = {{"Authorization", "Bearer " + s.Token("ada")}};
  // Anyone can type ada's address into the public form...
  json report = {{"title", "Forged in ada's name"}, {"description", "x"}, {"reporter_name", "Ada"},
                 {"reporter_email", "ada@research.example"}};
  ASSERT_EQ(c.Post("/api/v1/reports", report.dump(), "application/json")->status, 201);
  // ...it never shows up in ada's account until the address is confirmed.
  auto mine = json::parse(c.Get("/api/v1/advisories", ada)->body);
  EXPECT_EQ(mine["total"], 2) << mine.dump();  // her confirmed report and the Public one
  httplib::Headers team = {{"Authorization", "Bearer " + s.Token("psirt")}};
  auto news = json::parse(c.Get("/api/v1/advisories?state=New", team)->body);
  ASSERT_EQ(news["total"], 1);
  std::string forged = news["advisories"][0]["id"];
  EXPECT_EQ(c.Get(("/api/v1/advisories/" + forged).c_str(), ada)->status, 404);
  // The same report sent by ada herself, signed in, is hers at once.
  report["title"] = "Sent by ada";
  ASSERT_EQ(c.Post("/api/v1/reports", ada, report.dump(), "application/json")->status, 201);
  EXPECT_EQ(json::parse(c.Get("/api/v1/advisories", ada)->body)["total"], 3);
  // The team confirms the first one: now she sees it too.
  auto confirm = c.Patch(("/api/v1/advisories/" + forged).c_str(), team, R"({"reporter_confirmed":true})", "application/json");
  ASSERT_EQ(confirm->status, 200) << confirm->body;
  EXPECT_EQ(c.Get(("/api/v1/advisories/" + forged).c_str(), ada)->status, 200);
}

TEST(ServerAccessTest, AnAssigneeIsAKnownPersonWhoThenSeesTheAdvisory) {
  TestServer s;
  auto ws = OpenWorkspace(s.root());
  ASSERT_TRUE(ws.ok());
  AccountService accounts = ws->Accounts(s.clock());
  ASSERT_TRUE(accounts.Add({"netlead", Role::kMaintainer, "net-lead", "", {}}).ok());
  std::string token = *accounts.IssueToken("netlead");
  httplib::Client c = s.Client();
  httplib::Headers team = {{"Authorization", "Bearer " + s.Token("psirt")}};
  std::string net = "/api/v1/advisories/" + s.Id("net");
  // Unknown: refused, naming the field.
  auto unknown = c.Post((net + "/assign").c_str(), team, R"({"user":"nobody-here"})", "application/json");
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(json::parse(unknown->body)["error"]["field"], "assignee");
  // A reporter account is no assignee.
  EXPECT_EQ(c.Post((net + "/assign").c_str(), team, R"({"user":"ada"})", "application/json")->status, 400);
  // By account name: stored as the handle need-to-know matches.
  auto ok = c.Post((net + "/assign").c_str(), team, R"({"user":"netlead"})", "application/json");
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["advisory"]["assignee"], "net-lead");
  EXPECT_EQ(c.Get(net.c_str(), {{"Authorization", "Bearer " + token}})->status, 200) << "the assignee sees it";
  auto who = json::parse(c.Get(net.c_str(), team)->body)["people_who_need_to_know"];
  bool listed = false;
  for (const auto& p : who) listed = listed || (p["who"] == "net-lead" && p["why"] == "assignee");
  EXPECT_TRUE(listed) << who.dump();
  // A MAINTAINERS.yml handle without an account is a known person too.
  EXPECT_EQ(c.Post((net + "/assign").c_str(), team, R"({"user":"USB-LEAD"})", "application/json")->status, 200);
}

TEST(ServerAccessTest, ASessionAloneCannotMakeItselfPermanent) {
  TestServer s;
  auto [session, csrf] = s.WebLogin("maint-bt");
  httplib::Client c = s.Client();
  httplib::Headers h = {{"Cookie", session}, {kCsrfHeader, csrf}};
  // A token or a new password for oneself needs the current password.
  auto mint = c.Post("/api/v1/users/maint-bt/token", h, "{}", "application/json");
  EXPECT_EQ(mint->status, 403) << mint->body;
  EXPECT_EQ(json::parse(mint->body)["error"]["field"], "current_password");
  auto pw = c.Post("/api/v1/users/maint-bt/password", h, R"({"password":"a brand new passphrase"})", "application/json");
  EXPECT_EQ(pw->status, 403);
  auto wrong = c.Post("/api/v1/users/maint-bt/password", h,
                      R"({"password":"a brand new passphrase","current_password":"guess guess guess"})", "application/json");
  EXPECT_EQ(wrong->status, 403);
  // With it: done, and every session and the old token end.
  std::string old_token = s.Token("maint-bt");
  auto token = c.Post("/api/v1/users/maint-bt/token", h, R"({"current_password":"correct horse battery"})", "application/json");
  ASSERT_EQ(token->status, 200) << token->body;
  std::string minted = json::parse(token->body)["token"];
  EXPECT_EQ(c.Get("/api/v1/me", {{"Authorization", "Bearer " + old_token}})->status, 401) << "one token at a time";
  auto changed = c.Post("/api/v1/users/maint-bt/password", h,
                        R"({"password":"a brand new passphrase","current_password":"correct horse battery"})", "application/json");
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(c.Get("/api/v1/me", {{"Authorization", "Bearer " + minted}})->status, 401) << "a new password ends the token";
  EXPECT_EQ(json::parse(c.Get("/api/v1/me", {{"Cookie", session}})->body)["role"], "anonymous") << "and the session";
  // Another account's credentials: the PSIRT only.
  auto [psirt, psirt_csrf] = s.WebLogin("psirt");
  EXPECT_EQ(c.Post("/api/v1/users/maint-net/token", {{"Authorization", "Bearer " + s.Token("rm")}}, "{}", "application/json")->status,
            403);
  auto reset = c.Post("/api/v1/users/maint-net/token", {{"Cookie", psirt}, {kCsrfHeader, psirt_csrf}}, "{}", "application/json");
  EXPECT_EQ(reset->status, 200) << reset->body;
}

TEST(ServerAccessTest, ApiWritesWithASessionNeedTheCsrfHeader) {
  TestServer s;
  auto [session, csrf] = s.WebLogin("psirt");
  httplib::Client c = s.Client();
  std::string note = "/api/v1/advisories/" + s.Id("bt") + "/notes";
  auto bare = c.Post(note.c_str(), {{"Cookie", session}}, R"({"text":"cookie only"})", "application/json");
  EXPECT_EQ(bare->status, 403) << bare->body;
  EXPECT_NE(bare->body.find("X-CSRF-Token"), std::string::npos);
  auto wrong = c.Post(note.c_str(), {{"Cookie", session}, {kCsrfHeader, "nope"}}, R"({"text":"cookie only"})", "application/json");
  EXPECT_EQ(wrong->status, 403);
  auto ok = c.Post(note.c_str(), {{"Cookie", session}, {kCsrfHeader, csrf}}, R"({"text":"with the header"})", "application/json");
  EXPECT_EQ(ok->status, 200) << ok->body;
  auto events = json::parse(c.Get((std::string("/api/v1/advisories/") + s.Id("bt") + "/events").c_str(),
                                  {{"Authorization", "Bearer " + s.Token("psirt")}})->body)["events"];
  int cookie_only = 0;
  for (const auto& e : events) cookie_only += e["payload"].value("text", "") == "cookie only";
  EXPECT_EQ(cookie_only, 0) << "nothing was recorded without the header";
  // Reads need no header.
  EXPECT_EQ(c.Get("/api/v1/todo", {{"Cookie", session}})->status, 200);
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

TEST(ServerAccessTest, AdvisoriesAreFoundByTheirCveAndGhsaIdsForThoseWhoMaySeeThem) {
  TestServer s;
  httplib::Client c = s.Client();
  httplib::Headers psirt = {{"Authorization", "Bearer " + s.Token("psirt")}};
  const std::string bt = "/api/v1/advisories/" + s.Id("bt");
  ASSERT_EQ(c.Post((bt + "/cve").c_str(), psirt, R"({"cve":"CVE-2026-31337"})", "application/json")->status, 200);
  ASSERT_EQ(c.Patch(bt.c_str(), psirt, R"({"ghsa":"GHSA-2mp4-4g6f-cqcx"})", "application/json")->status, 200);
  httplib::Headers maint_bt = {{"Authorization", "Bearer " + s.Token("maint-bt")}};
  httplib::Headers maint_net = {{"Authorization", "Bearer " + s.Token("maint-net")}};
  for (const char* ref : {"CVE-2026-31337", "GHSA-2mp4-4g6f-cqcx"}) {
    std::string path = std::string("/api/v1/advisories/") + ref;
    auto r = c.Get(path.c_str(), maint_bt);
    ASSERT_EQ(r->status, 200) << ref << ": " << r->body;
    EXPECT_EQ(json::parse(r->body)["id"], s.Id("bt"));
    EXPECT_EQ(c.Get((path + "/events").c_str(), maint_bt)->status, 200);
    EXPECT_EQ(c.Get(path.c_str(), maint_net)->status, 404) << "hidden by its CVE id as by its own";
    EXPECT_EQ(c.Post((path + "/notes").c_str(), maint_net, R"({"text":"x"})", "application/json")->status, 404);
  }
  auto note = c.Post("/api/v1/advisories/CVE-2026-31337/notes", maint_bt, R"({"text":"by CVE"})", "application/json");
  EXPECT_EQ(note->status, 200) << note->body;
  EXPECT_EQ(c.Get("/api/v1/advisories/CVE-2026-99999", maint_bt)->status, 404);
  // The list's search finds an advisory by its GHSA id.
  auto found = json::parse(c.Get("/api/v1/advisories?q=GHSA-2mp4", psirt)->body);
  ASSERT_EQ(found["advisories"].size(), 1u) << found.dump();
  EXPECT_EQ(found["advisories"][0]["id"], s.Id("bt"));
}

TEST(ServerAccessTest, HiddenAndMissingAdvisoriesTakeTheSamePath) {
  // The answer for a hidden advisory is decided from the projection in
  // memory, like a missing one: neither reads a history. Timed over many
  // requests, the two cost the same within noise.
  TestServer s;
  httplib::Client c = s.Client();
  c.set_keep_alive(true);
  httplib::Headers h = {{"Authorization", "Bearer " + s.Token("maint-net")}};
  std::string hidden = "/api/v1/advisories/" + s.Id("bt"), missing = "/api/v1/advisories/PSIRT-2026-0999";
  std::vector<double> us[2];
  for (int i = 0; i < 800; ++i) {  // interleaved, so both see the same machine
    const std::string& path = i % 2 ? missing : hidden;
    auto t = std::chrono::steady_clock::now();
    auto r = c.Get(path.c_str(), h);
    double took = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t).count();
    ASSERT_EQ(r->status, 404);
    if (i >= 100) us[i % 2].push_back(took);  // after a warm-up
  }
  for (auto& v : us) std::sort(v.begin(), v.end());
  double a = us[0][us[0].size() / 2], b = us[1][us[1].size() / 2];
  EXPECT_LT(std::abs(a - b), 0.2 * std::max(a, b) + 25) << "median " << a << " us hidden, " << b << " us missing";
}

}  // namespace
}  // namespace psirt
