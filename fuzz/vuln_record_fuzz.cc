// libFuzzer target: any text read as a vulnerability record (CVE 5 JSON,
// OSV JSON or YAML) is accepted or rejected without crashing; what is
// accepted survives psirt's stored form with its id, ranges and version
// entries, and the version rules (CVE 5 statuses, OSV ranges) evaluate on
// it for any version string without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/version_ranges.h"
#include "core/vuln_keys.h"
#include "formats/vuln_record_json.h"
#include "formats/vuln_record_read.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto r = psirt::ReadVulnRecord(text, "fuzz.json");
  if (!r.ok()) {
    if (r.status().ToString().find("fuzz.json") == std::string::npos) std::abort();
    return 0;
  }
  auto back = psirt::VulnRecordFromJson(psirt::VulnRecordToJson(r->record));
  if (!back.ok() || back->id != r->record.id || back->affected.size() != r->record.affected.size()) std::abort();
  for (size_t i = 0; i < back->affected.size(); ++i) {
    const auto& a = back->affected[i];
    if (a.ranges.size() != r->record.affected[i].ranges.size() ||
        a.version_entries.size() != r->record.affected[i].version_entries.size())
      std::abort();
    for (const char* v : {"0", "1.2.3", "v3.6.0-rc1", "", "2.1.*"}) {
      (void)psirt::Cve5VersionStatus(a, v);
      (void)psirt::OsvAffectsVersion(a, v);
    }
  }
  (void)psirt::VulnIndexKeys(r->record);
  return 0;
}
