// ReleaseHistory: `psirt scan --history` - the project's west manifest as
// each release tag holds it, scanned against the vulnerability database
// with the module clones of the west topdir, and the exposure table built
// from what each release shipped (core/release_exposure): per release its
// module vulnerabilities, per vulnerability the releases that shipped it
// and the first release (and the first of each series) without it.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/scan_service.h"
#include "core/config.h"
#include "core/module_need_to_know.h"
#include "core/release_exposure.h"
#include "store/store.h"

namespace psirt {

struct Workspace;

// One release as scanned.
struct ReleaseScan {
  std::string release, commit;
  std::vector<ModuleVuln> vulnerable;   // unsuppressed findings
  std::vector<ModuleVuln> suppressed;   // closed by VEX decisions
  std::vector<std::string> notes;       // no manifest at the tag, revisions the clones lack
};

// The whole history.
struct ReleaseHistory {
  std::string repository, manifest;  // the project's clone and the manifest's path in it
  std::vector<ReleaseScan> releases;  // in version order
  std::vector<ExposureRow> vulnerabilities;
};

// Scans the manifest at `manifest_path` (inside `repo_dir`, the project's
// clone) at every release tag `releases` recognises, with the clones under
// `topdir`. `progress` (may be null) is told (releases done, releases).
Result<ReleaseHistory> ScanReleaseHistory(Store& store, const std::string& repo_dir, const std::string& manifest_path,
                                          const std::string& topdir, const ReleaseModel& releases, const ScanOptions& options,
                                          const std::function<void(size_t, size_t)>& progress = nullptr);

// Keeps what `v` needs to know: the modules (by name -> path in `paths`)
// of their MAINTAINERS.yml areas, every module for the PSIRT.
void KeepVisibleTo(ReleaseHistory& h, const Viewer& v, const OwnersIndex* owners,
                   const std::map<std::string, std::string>& paths);

// The history of the project psirt.yml names (its repository, west manifest
// and clones), kept to what `v` needs to know: the server's API and page.
Result<ReleaseHistory> ProjectReleaseHistory(Store& store, Workspace& ws, const Viewer& v);

nlohmann::json ReleaseHistoryToJson(const ReleaseHistory& h);

}  // namespace psirt
