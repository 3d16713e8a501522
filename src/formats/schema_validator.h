// JSON Schema validation of the documents psirt publishes (CVE 5, OSV,
// CSAF), with valijson over the schemas compiled into the binary. A schema
// is compiled once per validator; references to other official schemas by
// URL (CSAF -> FIRST's CVSS schemas) resolve to the embedded copies, never
// to the network.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace psirt {

// Validates JSON documents against one compiled JSON schema.
class SchemaValidator {
 public:
  // `name` is an embedded schema's file name, e.g. "osv.json".
  static Result<std::unique_ptr<SchemaValidator>> Compile(std::string_view name);
  ~SchemaValidator();

  // Ok, or an error naming `what`, the failing path (/containers/cna/...)
  // and what the schema expected there.
  Status Validate(const nlohmann::json& doc, const std::string& what) const;

 private:
  struct Impl;
  explicit SchemaValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace psirt
