// Tests of the streaming JSON writer against nlohmann's parser.
#include "formats/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace psirt {
namespace {

TEST(JsonWriterTest, EscapesAndRoundTrips) {
  std::string tricky = "a\"b\\c\nd\te\x01 \xc3\xa9";
  std::string out;
  AppendJsonString(out, tricky);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 \xc3\xa9\"");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), tricky);
  std::string arr;
  std::vector<std::string> v = {"x", tricky, ""};
  AppendJsonStrings(arr, v);
  EXPECT_EQ(nlohmann::json::parse(arr), nlohmann::json(v));
}

}  // namespace
}  // namespace psirt
