// CliContext: what every command shares - global options, the workspace
// (opened on first use), the actor, and output in human or JSON form.
#pragma once

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/workspace.h"
#include "base/status.h"
#include "base/time.h"

namespace psirt::cli {

// The options every command accepts (--workspace, --json, --server, ...).
struct GlobalOptions {
  std::optional<std::string> workspace;  // --workspace DIR
  std::optional<std::string> as;         // --as USER
  bool json = false;                     // --json
  std::optional<std::string> server;     // --server URL (or PSIRT_SERVER): work on a team server
  std::optional<std::string> token_file; // --token-file F (else PSIRT_TOKEN)
};

// One CLI run: its options, output, clock and lazily opened workspace or server.
class CliContext {
 public:
  CliContext();
  ~CliContext();
  GlobalOptions options;
  Status status;  // outcome of the command that ran
  int exit_code = 0;  // for a command that succeeded: 1 when it reports findings
  // For a command that failed: 0 for the status's own (1, 2 for usage);
  // `scan` sets 2 so that "vulnerabilities found" (1) and "could not scan"
  // differ, as with osv-scanner.
  int failure_exit_code = 0;
  SystemClock clock;

  // The workspace from --workspace, PSIRT_WORKSPACE or the current directory.
  Result<Workspace*> OpenedWorkspace();
  Result<std::string> Actor();
  // What commands ask (cli/client.h): the team server when --server or
  // PSIRT_SERVER names one, else the local workspace.
  Result<class Client*> Client();
  // For commands that work on the local workspace only: Usage when --server
  // or PSIRT_SERVER names a server, saying where the server has them.
  Status LocalOnly(const std::string& command, const std::string& on_server) const;

  // Invalid UTF-8 already in a database is shown replaced (U+FFFD), never a crash.
  void PrintJson(const nlohmann::json& j) const {
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }

 private:
  std::optional<Workspace> workspace_;
  std::unique_ptr<class Client> client_;
};

// Parses a YYYY-MM-DD option value, naming the option in the error.
Result<Date> ParseDateOption(const std::string& option, const std::string& value);

}  // namespace psirt::cli
