// List filters as query parameters: written and read back field by field,
// and bad values named.
#include "formats/list_query_params.h"

#include <gtest/gtest.h>

#include <map>

namespace psirt {
namespace {

std::function<std::vector<std::string>(std::string_view)> From(const std::vector<std::pair<std::string, std::string>>& pairs) {
  return [pairs](std::string_view name) {
    std::vector<std::string> v;
    for (const auto& [n, value] : pairs)
      if (n == name) v.push_back(value);
    return v;
  };
}

TEST(ListQueryParams, WrittenAndReadBack) {
  ListQuery q;
  q.states = {State::kTriage, State::kReview};
  q.areas = {"Bluetooth Host", "USB, and more"};
  q.assignees = {"none", "ada"};
  q.severities = {"High", "Critical"};
  q.text = "stack overflow & more";
  q.unfixed = true;
  q.sort = ListSort::kDeadline;
  auto back = ListQueryFromParams(From(ListQueryToParams(q)));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->states, q.states);
  EXPECT_EQ(back->areas, q.areas);
  EXPECT_EQ(back->assignees, q.assignees);
  EXPECT_EQ(back->severities, q.severities);
  EXPECT_EQ(back->text, q.text);
  EXPECT_TRUE(back->unfixed);
  EXPECT_EQ(back->sort, ListSort::kDeadline);
  EXPECT_EQ(ListQueryString(q).find(' '), std::string::npos) << "percent-encoded";
  EXPECT_NE(ListQueryString(q).find("state=Triage&state=Review"), std::string::npos) << "one value per occurrence";
  // The dashboard's older words: q for text, open=1 for the open states.
  auto old = ListQueryFromParams(From({{"q", "overflow"}, {"open", "1"}}));
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->text, "overflow");
  EXPECT_EQ(old->states.size(), 5u);
  // Empty values are no filter (a form's "any").
  auto empty = ListQueryFromParams(From({{"state", ""}, {"severity", ""}, {"sort", ""}}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(ListQueryParams, BadValuesNameTheParameter) {
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"state", "Done"}, {"severity", "severe"}, {"sort", "cvss"}, {"unfixed", "yes"}, {"open", "2"},
           {"text", std::string(300, 'x')}, {"area", "\xff\xfe"}}) {
    auto r = ListQueryFromParams(From({{name, value}}));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalid) << name;
    EXPECT_EQ(r.status().field(), name);
  }
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 65; ++i) many.emplace_back("area", "a" + std::to_string(i));
  EXPECT_FALSE(ListQueryFromParams(From(many)).ok()) << "at most 64 values";
  EXPECT_FALSE(ListQueryFromParams(From({{"sort", "id"}, {"sort", "updated"}})).ok());
}

}  // namespace
}  // namespace psirt
