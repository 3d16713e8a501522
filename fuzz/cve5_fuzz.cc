// libFuzzer target: the CVE 5 record reader takes any JSON (or rejects it)
// without crashing, and what it accepts names the record's CVE id.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "formats/cve5.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = nlohmann::json::parse(data, data + size, nullptr, false);
  if (doc.is_discarded()) return 0;
  auto fields = psirt::Cve5ToImportFields(doc, "fuzz.json");
  if (!fields.ok()) return 0;
  if (!fields->cve || *fields->cve != doc["cveMetadata"]["cveId"]) __builtin_trap();
  // What was read is a well-formed `imported` event.
  if (!psirt::ev::Imported::FromJson(fields->ToJson()).ok()) __builtin_trap();
  return 0;
}
