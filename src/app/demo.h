// Demo workspace: generates realistic example data of its own - a small
// RTOS-like git repository with release branches, tags, a PR ref and a
// backport, its own MAINTAINERS.yml, and advisories in every state with
// dates relative to today - so `psirt todo` has something true to show.
#pragma once

#include <string>

#include "base/status.h"
#include "base/time.h"

namespace psirt {

// What `psirt demo` created: the workspace and its advisories.
struct DemoSummary {
  std::string workspace;
  std::string repository;
  int advisories = 0;
  int commits = 0;
};

// Creates the demo in `dir` (which must not exist or be empty), as of `today`.
Result<DemoSummary> CreateDemoWorkspace(const std::string& dir, Date today);

}  // namespace psirt
