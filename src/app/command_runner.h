// RunShellCommand: the project's test command (psirt.yml patch.test_command)
// run with /bin/sh in a directory, in its own process group, with a time
// limit; its output (stdout and stderr together) kept up to a cap - the
// head and the tail, the middle left out and counted. On timeout or when
// `cancel` is set (Ctrl-C), the whole group gets SIGTERM, then SIGKILL.
#pragma once

#include <atomic>
#include <string>

#include "base/status.h"

namespace psirt {

struct CommandRun {
  int exit_code = 0;      // the shell's status (128+N when killed by signal N)
  bool timed_out = false;
  bool cancelled = false;
  double seconds = 0;
  std::string output;
};

Result<CommandRun> RunShellCommand(const std::string& command, const std::string& dir, int timeout_seconds, size_t output_cap,
                                   const std::atomic<bool>* cancel);

}  // namespace psirt
