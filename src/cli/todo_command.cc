// `psirt todo`: the team's agenda of due process tasks.
#include <iostream>

#include "cli/commands.h"
#include "cli/client.h"
#include "cli/render.h"
#include "cli/validators.h"

namespace psirt::cli {

void RegisterTodoCommand(CLI::App& app, CliContext& ctx) {
  auto as_of = std::make_shared<std::string>();
  CLI::App* todo = app.add_subcommand("todo", "The security team's agenda: what is due");
  todo->add_option("--as-of", *as_of, "Compute the agenda for this date (YYYY-MM-DD)")->check(DateArg());
  todo->callback([&ctx, as_of] {
    ctx.status = [&]() -> Status {
      Date when = ctx.clock.Now().date();
      if (!as_of->empty()) {
        PSIRT_ASSIGN_OR_RETURN(when, ParseDateOption("--as-of", *as_of));
      }
      // The agenda of what this caller may see (on a server: the token's account).
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json agenda, client->Todo(when));
      if (ctx.options.json) ctx.PrintJson(agenda);
      else std::cout << RenderAgenda(agenda);
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
