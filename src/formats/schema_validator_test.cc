// Schema validation against real documents: the real CVE records and the
// official CSAF examples validate; broken copies fail with the failing path.
#include "formats/schema_validator.h"

#include <gtest/gtest.h>

#include "testing/test_support.h"

namespace psirt {
namespace {

nlohmann::json LoadRecord(const std::string& rel) {
  return nlohmann::json::parse(testing::ReadFile(testing::SharedData(rel)));
}

TEST(SchemaValidator, RealCveRecordsValidate) {
  auto v = SchemaValidator::Compile("cve-5.1.1-bundled.json");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  for (const char* f : {"CVE-2023-4264.json", "CVE-2024-5754.json", "CVE-2024-6135.json",
                        "CVE-2024-11263.json", "CVE-2024-23170.json", "CVE-2023-51712.json",
                        "CVEv5_basic-example.json", "CVEv5_advanced-example.json"}) {
    Status s = (*v)->Validate(LoadRecord(std::string("records/cve/") + f), f);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  nlohmann::json broken = LoadRecord("records/cve/CVE-2024-5754.json");
  broken["containers"]["cna"]["affected"][0]["versions"][0]["status"] = "sort of";
  Status s = (*v)->Validate(broken, "CVE-2024-5754");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("CVE-2024-5754 does not match its schema at /containers/cna/affected/0/versions/0"),
            std::string::npos)
      << s.message();
}

TEST(SchemaValidator, CsafExamplesValidateWithEmbeddedCvssSchemas) {
  auto v = SchemaValidator::Compile("csaf-2.0.json");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  for (const char* f : {"bsi-2022-0001.json", "oasis_csaf_tc-csaf_2_0-2021-6-1-01-11.json"}) {
    Status s = (*v)->Validate(LoadRecord(std::string("schemas/csaf-2.0-examples/") + f), f);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  nlohmann::json broken = LoadRecord("schemas/csaf-2.0-examples/bsi-2022-0001.json");
  broken["document"].erase("tracking");
  EXPECT_FALSE((*v)->Validate(broken, "csaf").ok());
}

TEST(SchemaValidator, OpenVexSchemaHoldsItsRules) {
  auto v = SchemaValidator::Compile("openvex-0.2.0.json");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  nlohmann::json doc = nlohmann::json::parse(R"({"@context":"https://openvex.dev/ns/v0.2.0","@id":"https://openvex.dev/docs/x",
    "author":"a","timestamp":"2026-01-01T00:00:00Z","version":1,
    "statements":[{"vulnerability":{"name":"CVE-1"},"products":[{"@id":"pkg:github/a/b"}],"status":"not_affected",
                   "justification":"component_not_present"}]})");
  EXPECT_TRUE((*v)->Validate(doc, "vex").ok()) << (*v)->Validate(doc, "vex").ToString();
  nlohmann::json no_why = doc;
  no_why["statements"][0].erase("justification");  // not_affected needs a justification or impact statement
  EXPECT_FALSE((*v)->Validate(no_why, "vex").ok());
  nlohmann::json bad_status = doc;
  bad_status["statements"][0]["status"] = "maybe";
  EXPECT_FALSE((*v)->Validate(bad_status, "vex").ok());
  nlohmann::json empty = doc;
  empty["statements"] = nlohmann::json::array();
  EXPECT_FALSE((*v)->Validate(empty, "vex").ok());
}

TEST(SchemaValidator, OsvSchemaCompiles) {
  auto v = SchemaValidator::Compile("osv.json");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  nlohmann::json ok = {{"schema_version", "1.6.0"}, {"id", "x_PSIRT-2026-0001"}, {"modified", "2026-01-02T03:04:05Z"}};
  EXPECT_TRUE((*v)->Validate(ok, "osv").ok()) << (*v)->Validate(ok, "osv").ToString();
  ok["id"] = "PSIRT-2026-0001";  // not a registered OSV database prefix
  EXPECT_FALSE((*v)->Validate(ok, "osv").ok());
  ok["id"] = "x_PSIRT-2026-0001";
  ok["modified"] = 5;
  Status s = (*v)->Validate(ok, "osv");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/modified"), std::string::npos) << s.message();
  EXPECT_FALSE(SchemaValidator::Compile("nope.json").ok());
}

// A pattern checked against a very long string, or a long property name
// against CVE 5's `^x_[^.]*$`, once overflowed the stack (std::regex's
// default executor recurses per character). Long strings are checked now;
// names are bounded (4096 bytes, refused by path beyond); the rules still
// hold: x_ names are allowed, other unknown names are not.
TEST(SchemaValidator, LongStringsAndNamesAreCheckedWithoutExhaustingTheStack) {
  auto osv = SchemaValidator::Compile("osv.json");
  ASSERT_TRUE(osv.ok()) << osv.status().ToString();
  nlohmann::json rec = {{"schema_version", "1.6.0"}, {"id", "OSV-2020-1"}, {"modified", "2020-01-01T00:00:00Z"}};
  rec["affected"] = {{{"package", {{"ecosystem", "Debian:" + std::string(2'000'000, 'x')}, {"name", "a"}}}}};
  EXPECT_TRUE((*osv)->Validate(rec, "osv").ok());
  rec["affected"][0]["package"]["ecosystem"] = "Debian" + std::string(2'000'000, 'x');
  EXPECT_FALSE((*osv)->Validate(rec, "osv").ok());

  auto cve = SchemaValidator::Compile("cve-5.1.1-bundled.json");
  ASSERT_TRUE(cve.ok());
  nlohmann::json doc = LoadRecord("records/cve/CVE-2024-5754.json");
  doc["containers"]["cna"]["x_" + std::string(4000, 'n')] = 1;
  EXPECT_TRUE((*cve)->Validate(doc, "cve").ok()) << (*cve)->Validate(doc, "cve").ToString();
  nlohmann::json huge = doc;
  huge["containers"]["cna"]["x_" + std::string(2'000'000, 'n')] = 1;
  Status s = (*cve)->Validate(huge, "cve");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "cve has a property name of 2000002 bytes at /containers/cna (at most 4096 expected)");
  doc["containers"]["cna"]["x_a.b"] = 1;  // '.' is outside ^x_[^.]*$
  EXPECT_FALSE((*cve)->Validate(doc, "cve").ok());
  doc["containers"]["cna"].erase("x_a.b");
  doc["containers"]["cna"]["unknown"] = 1;
  s = (*cve)->Validate(doc, "cve");
  EXPECT_NE(s.message().find("'unknown'"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace psirt
