// Records of either database read from text (see vuln_record_read.h).
#include "formats/vuln_record_read.h"

#include <nlohmann/json.hpp>

#include "formats/cve5_record.h"
#include "formats/osv_record.h"

namespace psirt {

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
      return ReadVuln{std::move(r), "cve5"};
    }
    PSIRT_ASSIGN_OR_RETURN(VulnRecord r, OsvJsonToRecord(j, file));
    return ReadVuln{std::move(r), "osv"};
  }
  PSIRT_ASSIGN_OR_RETURN(VulnRecord r, ReadOsvRecord(text, file));
  return ReadVuln{std::move(r), "osv"};
}

}  // namespace psirt
