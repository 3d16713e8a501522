// VulndbService: the workspace's offline vulnerability database. Import
// reads OSV records (JSON or YAML files, folders of them, osv.dev's
// per-ecosystem all.zip archives) and CVE 5 records, and stores each with
// the keys scanning finds it by (core/vuln_keys). All files are read and
// checked first and written in one transaction: a bad record anywhere
// leaves the database as it was. A record already stored is replaced only
// by one with a later `modified` time.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/vuln_record.h"
#include "store/store.h"

namespace psirt {

// What an import did.
struct VulnImportReport {
  size_t files = 0;      // records read (archive members count one each)
  size_t added = 0;      // new ids
  size_t updated = 0;    // a later `modified` replaced the stored record
  size_t unchanged = 0;  // the stored record is as new or newer
  size_t skipped = 0;    // files that are no records (not .json/.yaml/.yml)
  size_t osv = 0, cve5 = 0;
  std::int64_t total = 0;  // records in the database afterwards
};

// Called as records are read: (done, total) with total 0 while unknown.
using ImportProgress = std::function<void(size_t done, size_t total)>;

Result<VulnImportReport> ImportVulns(Store& store, const std::vector<std::string>& paths,
                                     const ImportProgress& progress = nullptr);

nlohmann::json VulnImportReportToJson(const VulnImportReport& r);

// The records that name any of `keys` of `kind` ("repo", "purl", "cpe",
// "commit", "alias"), decoded.
Result<std::vector<VulnRecord>> FindVulnRecords(StoreTx& tx, const std::string& kind,
                                                const std::vector<std::string>& keys);

}  // namespace psirt
