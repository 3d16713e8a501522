// The action table: each action once, with a route of its own, and the
// JSON carrier refusing what an action does not take, naming the field.
#include "app/action_binder.h"

#include <gtest/gtest.h>

#include <set>

namespace psirt {
namespace {

TEST(ActionTableTest, EachActionOnceWithItsOwnRoute) {
  std::set<std::string_view> names;
  std::set<std::string> routes;
  for (const ActionSpec& a : Actions()) {
    EXPECT_TRUE(names.insert(a.name).second) << a.name;
    EXPECT_TRUE(routes.insert(std::string(a.method) + " " + std::string(a.path)).second) << a.name;
    EXPECT_NE(a.run, nullptr) << a.name;
    EXPECT_EQ(FindAction(a.name), &a);
  }
  EXPECT_EQ(names.size(), 9u);
  EXPECT_EQ(FindAction("delete"), nullptr);
  EXPECT_EQ(FindAction("edit")->method, "PATCH");
}

TEST(ActionTableTest, JsonFieldsAreCheckedAndTyped) {
  const ActionSpec& triage = *FindAction("triage");
  auto unknown = JsonObjectFields(nlohmann::json{{"cvss", "x"}, {"severity", "high"}}, triage);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "severity");
  EXPECT_NE(unknown.status().message().find("expected: cvss, cwes, files, subsystem"), std::string::npos);
  EXPECT_FALSE(JsonObjectFields(nlohmann::json::array(), triage).ok());
  auto f = JsonObjectFields(nlohmann::json{{"cwes", "CWE-787"}, {"subsystem", "net\r\nstack"}}, triage);
  ASSERT_TRUE(f.ok());
  auto list = (*f)->List("cwes");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().field(), "cwes");
  EXPECT_EQ((*f)->Text("subsystem")->value(), "net\nstack") << "line breaks as LF";
  EXPECT_FALSE((*f)->Text("cvss")->has_value()) << "absent is absent";
  auto note = JsonObjectFields(nlohmann::json{{"with_reporter", "yes"}}, *FindAction("note"));
  ASSERT_TRUE(note.ok());
  EXPECT_EQ((*note)->Flag("with_reporter").status().field(), "with_reporter");
}

}  // namespace
}  // namespace psirt
