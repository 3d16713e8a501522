// A fresh workspace for service tests: project "p", advisory prefix "P",
// the embedded SQLite store, in a scratch directory the caller owns.
#pragma once

#include <string>

#include "app/workspace.h"

namespace psirt::testing {

// `psirt init DIR` with those defaults and psirt.yml's `team`.
inline Result<Workspace> NewTestWorkspace(const std::string& dir, Team team = {}) {
  InitOptions o;
  o.config.project = "p";
  o.config.advisory_prefix = "P";
  o.config.team = std::move(team);
  return InitWorkspace(dir, o);
}

}  // namespace psirt::testing
