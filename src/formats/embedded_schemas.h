// The official JSON schemas compiled into the binary (schemas/*.json, by
// cmake/embed_schemas.cmake): name -> text.
#pragma once

#include <string_view>
#include <vector>

namespace psirt {

// A JSON schema compiled into the binary.
struct EmbeddedSchema {
  std::string_view name;  // file name, e.g. "osv.json"
  std::string_view text;
};

const std::vector<EmbeddedSchema>& EmbeddedSchemas();

}  // namespace psirt
