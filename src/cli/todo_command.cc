// `psirt todo`: the team's agenda of due process tasks.
#include <iostream>

#include "app/agenda_service.h"
#include "cli/commands.h"
#include "cli/render.h"
#include "cli/validators.h"
#include "formats/psirt_json.h"

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
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      AgendaService svc = ws->Agenda();
      PSIRT_ASSIGN_OR_RETURN(auto tasks, svc.Todo(when));
      if (ctx.options.json) {
        nlohmann::json items = nlohmann::json::array();
        for (const Task& t : tasks) items.push_back(TaskToJson(t, when));
        ctx.PrintJson({{"as_of", when.ToString()}, {"tasks", items}});
      } else {
        std::cout << RenderAgenda(tasks, when);
      }
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
