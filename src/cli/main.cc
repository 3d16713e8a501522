// psirt's command-line entry point: global options, command registration,
// and the mapping of outcomes to exit statuses (0 ok, 1 failure or
// findings, 2 usage). Everything printed passes the terminal-safe filter;
// with --json a failure is also a JSON error object on stdout.
#include <sys/stat.h>

#include <CLI/CLI.hpp>

#include <iostream>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/context.h"
#include "cli/safe_output.h"

namespace {

using psirt::Status;


// One line on stderr; with --json also {"error": {...}} on stdout.
int Fail(const Status& st, bool json, int exit_override = 0) {
  const int exit_status = exit_override ? exit_override : st.ExitCode();
  // However a value got into a message, the message stays readable.
  std::string text = st.ToString();
  if (text.size() > 4096) text = psirt::TruncateUtf8(text, 4000) + "... (" + std::to_string(text.size()) + " bytes)";
  std::cerr << "psirt: " << text << "\n";
  if (st.code() == Status::Code::kUsage)
    std::cerr << "Run 'psirt --help' or 'psirt COMMAND --help' for usage.\n";
  if (json) {
    nlohmann::json e = {{"message", st.message()}, {"code", Status::CodeName(st.code())}, {"exit_status", exit_status}};
    e["file"] = st.file().empty() ? nlohmann::json(nullptr) : nlohmann::json(st.file());
    e["line"] = st.line() > 0 ? nlohmann::json(st.line()) : nlohmann::json(nullptr);
    e["field"] = st.field().empty() ? nlohmann::json(nullptr) : nlohmann::json(st.field());
    std::cout << nlohmann::json{{"error", e}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return exit_status;
}

constexpr const char* kGlobalHelp =
    "Global options (before or after the command):\n"
    "  --json             print one JSON document (errors too: {\"error\": {...}})\n"
    "  --workspace DIR    the workspace (default: PSIRT_WORKSPACE, else the nearest psirt.yml)\n"
    "  --as USER          the acting user (default: PSIRT_USER, else git's user.email)\n"
    "  --server URL       work on a team server instead (default: PSIRT_SERVER)\n"
    "  --version          print psirt's version\n"
    "  --token-file F     the API token for --server (default: PSIRT_TOKEN)\n"
    "Exit status: 0 ok, 1 failure or findings, 2 usage error.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace psirt::cli;
  ::umask(077);  // everything psirt creates is private: it may hold embargoed data
  SafeOutput safe_output;
  bool json = false;
  for (int i = 1; i < argc; ++i) json = json || std::string_view(argv[i]) == "--json";
  // Text is valid UTF-8 or refused, before anything else looks at it.
  for (int i = 1; i < argc; ++i)
    if (!psirt::IsValidUtf8(argv[i]))
      return Fail(Status::Usage("argument " + std::to_string(i) + " ('" + psirt::Shown(argv[i]) +
                                "') is not valid UTF-8: psirt takes UTF-8 text only"),
                  json);

  CliContext ctx;
  CLI::App app{"psirt - run an open-source project's vulnerability process (PSIRT)", "psirt"};
  app.set_help_all_flag("--help-all", "Show help for every command");
  app.set_version_flag("--version", std::string("psirt ") + PSIRT_VERSION);
  app.add_option("--workspace", ctx.options.workspace,
                 "Workspace directory (default: PSIRT_WORKSPACE, else the current directory "
                 "or the nearest one above it with a psirt.yml)");
  app.add_option("--as", ctx.options.as, "Acting user (default: PSIRT_USER, else git user.email)");
  app.add_flag("--json", ctx.options.json, "Print one JSON document instead of text");
  app.add_option("--server", ctx.options.server,
                 "Work on a team server (psirt serve) at this URL instead of a local workspace (default: PSIRT_SERVER)");
  app.add_option("--token-file", ctx.options.token_file, "File holding the API token for --server (default: PSIRT_TOKEN)");
  app.require_subcommand(1);
  app.footer(kGlobalHelp);

  RegisterWorkspaceCommands(app, ctx);
  RegisterReportCommand(app, ctx);
  RegisterAdvisoryCommands(app, ctx);
  RegisterTodoCommand(app, ctx);
  RegisterCvssCommand(app, ctx);
  RegisterModulesCommands(app, ctx);
  RegisterOsvCommands(app, ctx);
  RegisterSbomCommand(app, ctx);
  RegisterVulndbCommands(app, ctx);
  RegisterScanCommand(app, ctx);
  RegisterVexCommands(app, ctx);
  RegisterUpstreamCommands(app, ctx);
  RegisterPatchCommands(app, ctx);
  RegisterOwnersCommand(app, ctx);
  RegisterGitCommands(app, ctx);
  RegisterPublishCommands(app, ctx);
  RegisterNotifyCommand(app, ctx);
  RegisterUserCommands(app, ctx);
  RegisterServeCommand(app, ctx);
  RegisterIntakeCommand(app, ctx);
  RegisterMigrateCommand(app, ctx);
  RegisterGithubCommands(app, ctx);
  // The global options are described once, in the footer every command's
  // help inherits from this one; their own entries are kept out of the
  // option list so no help prints them twice.
  for (const char* name : {"--workspace", "--as", "--json", "--server", "--token-file", "--version"})
    if (CLI::Option* o = app.get_option_no_throw(name)) o->group("");
  auto with_footer = [](CLI::App* sub) {
    // A command inherits this footer when made; one that set its own gets
    // the global block after it.
    std::string f = sub->get_footer();
    if (f.find(kGlobalHelp) == std::string::npos) sub->footer(f.empty() ? kGlobalHelp : f + "\n\n" + kGlobalHelp);
    // git's convention: a repeatable option takes one value per occurrence
    // (--branch A --branch B), so positionals after it are never swallowed.
    for (CLI::Option* o : sub->get_options())
      if (o->nonpositional() && o->get_allow_extra_args()) o->allow_extra_args(false);
  };
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->fallthrough();
    with_footer(sub);
    for (CLI::App* subsub : sub->get_subcommands([](CLI::App*) { return true; })) {
      subsub->fallthrough();
      with_footer(subsub);
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return Fail(Status::Usage(e.what()), json);
  }
  if (!ctx.status.ok()) return Fail(ctx.status, ctx.options.json || json, ctx.failure_exit_code);
  return ctx.exit_code;
}
