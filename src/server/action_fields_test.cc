// The action binder: a JSON body and a form give the same request to the
// service, and a missing, mistyped or unknown field is refused naming it.
#include "server/action_fields.h"

#include <gtest/gtest.h>

#include "testing/test_support.h"
#include "testing/workspace_fixture.h"

namespace psirt {
namespace {

http::Request Json(const std::string& body) {
  http::Request r;
  r.headers.emplace("Content-Type", "application/json");
  r.body = body;
  return r;
}

http::Request Form(std::vector<std::pair<std::string, std::string>> fields) {
  http::Request r;
  for (auto& [k, v] : fields) {
    FormField f;
    f.name = k;
    f.value = v;
    r.form.push_back(f);
  }
  return r;
}

struct BinderTest : ::testing::Test {
  void SetUp() override {
    auto w = testing::NewTestWorkspace(dir / "ws");
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    ws.emplace(std::move(*w));
    for (int i = 0; i < 2; ++i) {
      ReportRequest r;
      r.title = "Overflow " + std::to_string(i);
      r.description = "d";
      auto c = ws->Advisories(clock).Report("lead", r);
      ASSERT_TRUE(c.ok());
      ids.push_back(c->advisory.id);
    }
  }
  Result<Change> Run(const std::string& id, const std::string& action, const ActionFields& f) {
    AdvisoryService svc = ws->Advisories(clock);
    return RunBoundAction(svc, "lead", id, *FindAction(action), f);
  }
  testing::TempDir dir;
  FixedClock clock{Timestamp::StartOf(*Date::Parse("2026-11-18"))};
  std::optional<Workspace> ws;
  std::vector<std::string> ids;
};

TEST_F(BinderTest, JsonAndFormBindTheSameRequest) {
  auto json = JsonActionFields(Json(R"({"cvss":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H","cwes":["CWE-787","CWE-120"]})"), *FindAction("triage"));
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  auto a = Run(ids[0], "triage", **json);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto b = Run(ids[1], "triage", *FormActionFields(Form({{"cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
                                                          {"cwes", " CWE-787, CWE-120 ,"}, {"files", ""}})));
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(a->advisory.cwes, (std::vector<std::string>{"CWE-787", "CWE-120"}));
  EXPECT_EQ(b->advisory.cwes, a->advisory.cwes);
  EXPECT_EQ(b->advisory.cvss, a->advisory.cvss);
  EXPECT_EQ(b->advisory.cvss_severity, "Critical");
  EXPECT_EQ(b->advisory.state, a->advisory.state);
}

TEST_F(BinderTest, RefusalsNameTheirField) {
  auto unknown = JsonActionFields(Json(R"({"cvss":"x","severity":"high"})"), *FindAction("triage"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "severity");
  auto typed = JsonActionFields(Json(R"({"cwes":"CWE-787"})"), *FindAction("triage"));
  ASSERT_TRUE(typed.ok());
  auto mistyped = Run(ids[0], "triage", **typed);
  ASSERT_FALSE(mistyped.ok());
  EXPECT_EQ(mistyped.status().field(), "cwes");
  auto no_state = Run(ids[0], "move", *FormActionFields(Form({{"reason", "r"}})));
  EXPECT_EQ(no_state.status().field(), "state");
  auto bad_state = Run(ids[0], "move", *FormActionFields(Form({{"state", "Done"}})));
  EXPECT_EQ(bad_state.status().field(), "state");
  auto both = Run(ids[0], "fix", *FormActionFields(Form({{"pr", "12"}, {"commit", "abc"}})));
  EXPECT_EQ(both.status().field(), "pr");
  auto date = Run(ids[0], "edit", *FormActionFields(Form({{"embargo_ends", "2026-13-01"}, {"reason", "r"}})));
  EXPECT_EQ(date.status().field(), "embargo_ends");
  auto nothing = Run(ids[0], "edit", *FormActionFields(Form({{"title", ""}})));
  EXPECT_EQ(nothing.status().code(), Status::Code::kInvalid) << "an empty form field changes nothing";
  auto empty_note = Run(ids[0], "note", *FormActionFields(Form({})));
  EXPECT_EQ(empty_note.status().field(), "text") << "the service's refusal is tied to the field";
  EXPECT_EQ(FindAction("github-push"), nullptr);
  EXPECT_EQ(FindAction("delete"), nullptr);
}

}  // namespace
}  // namespace psirt
