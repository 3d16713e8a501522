// Records of either database read from text (see vuln_record_read.h).
#include "formats/vuln_record_read.h"

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "formats/cve5_record.h"
#include "formats/osv_record.h"

namespace psirt {
namespace {

// Ids are keys: they must be text. Free text with stray bytes is kept
// with them replaced (U+FFFD), as it will be stored.
Result<ReadVuln> Checked(VulnRecord r, std::string source, const std::string& file) {
  if (!IsValidUtf8(r.id)) return std::move(Status::Invalid("expected UTF-8 text").Field("id").At(file));
  for (const std::string& a : r.aliases)
    if (!IsValidUtf8(a)) return std::move(Status::Invalid("expected UTF-8 text").Field("aliases").At(file));
  r.summary = SanitizeUtf8(r.summary);
  r.details = SanitizeUtf8(r.details);
  return ReadVuln{std::move(r), std::move(source)};
}

}  // namespace

Result<ReadVuln> ReadVulnRecord(std::string_view text, const std::string& file) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      return Status::Invalid(file + ": not valid JSON: " + e.what());
    }
    if (j.is_object() && j.value("dataType", "") == "CVE_RECORD") {
      PSIRT_ASSIGN_OR_RETURN(VulnRecord r, Cve5JsonToRecord(j, file));
      return Checked(std::move(r), "cve5", file);
    }
    PSIRT_ASSIGN_OR_RETURN(VulnRecord r, OsvJsonToRecord(j, file));
    return Checked(std::move(r), "osv", file);
  }
  PSIRT_ASSIGN_OR_RETURN(VulnRecord r, ReadOsvRecord(text, file));
  return Checked(std::move(r), "osv", file);
}

}  // namespace psirt
