// Registration of the CLI's command groups. Each group lives in its own
// file and only parses input, calls one application service and renders.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"

namespace psirt::cli {

void RegisterWorkspaceCommands(CLI::App& app, CliContext& ctx);  // init, demo
void RegisterReportCommand(CLI::App& app, CliContext& ctx);      // report
void RegisterAdvisoryCommands(CLI::App& app, CliContext& ctx);   // list, show, triage, ...
void RegisterTodoCommand(CLI::App& app, CliContext& ctx);        // todo
void RegisterCvssCommand(CLI::App& app, CliContext& ctx);        // cvss
void RegisterOwnersCommand(CLI::App& app, CliContext& ctx);      // owners
void RegisterGitCommands(CLI::App& app, CliContext& ctx);        // git contains, git backports
void RegisterPublishCommands(CLI::App& app, CliContext& ctx);    // import, export
void RegisterNotifyCommand(CLI::App& app, CliContext& ctx);      // notify
void RegisterUserCommands(CLI::App& app, CliContext& ctx);       // user add|token|passwd|list|disable
void RegisterServeCommand(CLI::App& app, CliContext& ctx);       // serve
void RegisterIntakeCommand(CLI::App& app, CliContext& ctx);      // intake --maildir
void RegisterMigrateCommand(CLI::App& app, CliContext& ctx);     // migrate --from --to
void RegisterGithubCommands(CLI::App& app, CliContext& ctx);     // github pull|prs|push|request-cve|publish|resolve
void RegisterModulesCommands(CLI::App& app, CliContext& ctx);    // modules list
void RegisterOsvCommands(CLI::App& app, CliContext& ctx);        // osv affected
void RegisterSbomCommand(CLI::App& app, CliContext& ctx);        // sbom
void RegisterVulndbCommands(CLI::App& app, CliContext& ctx);    // vulndb import
void RegisterScanCommand(CLI::App& app, CliContext& ctx);       // scan
void RegisterVexCommands(CLI::App& app, CliContext& ctx);       // vex set|list|export
void RegisterUpstreamCommands(CLI::App& app, CliContext& ctx);  // forward, upstream
void RegisterPatchCommands(CLI::App& app, CliContext& ctx);     // patch add|list|show|check|backport|test
// cve reserve|publish|update-all|reject|list|quota|pool, under `cve`.
void RegisterCveServices(CLI::App* cve, CliContext& ctx);
// `psirt cve ID --assign-reserved`: the pool's next free id; the id given.
Result<std::string> AssignReservedCve(CliContext& ctx, const std::string& id);

}  // namespace psirt::cli
