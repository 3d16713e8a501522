// psirt's command-line entry point: global options, command registration,
// and the mapping of outcomes to exit statuses (0 ok, 1 error, 2 usage).
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/context.h"

int main(int argc, char** argv) {
  using namespace psirt::cli;
  CliContext ctx;
  CLI::App app{"psirt - run an open-source project's vulnerability process (PSIRT)", "psirt"};
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.add_option("--workspace", ctx.options.workspace,
                 "Workspace directory (default: PSIRT_WORKSPACE, else the current directory "
                 "or the nearest one above it with a psirt.yml)");
  app.add_option("--as", ctx.options.as, "Acting user (default: PSIRT_USER, else git user.email)");
  app.add_flag("--json", ctx.options.json, "Print one JSON document instead of text");
  app.require_subcommand(1);

  RegisterWorkspaceCommands(app, ctx);
  RegisterReportCommand(app, ctx);
  RegisterAdvisoryCommands(app, ctx);
  RegisterTodoCommand(app, ctx);
  RegisterCvssCommand(app, ctx);
  RegisterOwnersCommand(app, ctx);
  RegisterGitCommands(app, ctx);
  RegisterPublishCommands(app, ctx);
  RegisterNotifyCommand(app, ctx);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->fallthrough();
    for (CLI::App* subsub : sub->get_subcommands([](CLI::App*) { return true; })) subsub->fallthrough();
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help
    std::cerr << "psirt: " << e.what() << "\n"
              << "Run 'psirt --help' or 'psirt COMMAND --help' for usage.\n";
    return 2;
  }
  if (!ctx.status.ok()) {
    std::cerr << "psirt: " << ctx.status.ToString() << "\n";
    return ctx.status.ExitCode();
  }
  return 0;
}
