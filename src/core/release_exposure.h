// Release exposure: from what each release of the project shipped (the
// module vulnerabilities a scan of its manifest found), the table a
// downstream vendor needs - per vulnerability, the releases that shipped
// it, the first release after them without it, and per release series the
// first release of that series without it (an LTS series is fixed by its
// own patch release, not by the next minor). Pure.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/versions.h"

namespace psirt {

// A module vulnerability: (module, vulnerability id).
using ModuleVuln = std::pair<std::string, std::string>;

// One release and the module vulnerabilities it shipped.
struct ReleaseShipped {
  ReleaseTag release;
  std::set<ModuleVuln> shipped;
};

// One vulnerability across the releases.
struct ExposureRow {
  ModuleVuln vuln;
  std::vector<std::string> shipped_in;  // release names, in version order
  std::string first_without;            // the first release after the first that shipped it without it ("" none yet)
  std::map<std::string, std::string> fixed_in_series;  // "3.6" -> first later release of that series without it
};

// Rows sorted by module, then vulnerability; `releases` in any order.
std::vector<ExposureRow> ExposureTable(std::vector<ReleaseShipped> releases);

}  // namespace psirt
