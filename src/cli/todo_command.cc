// `psirt todo`: the team's agenda of due process tasks.
#include <iostream>

#include "app/agenda_service.h"
#include "cli/commands.h"
#include "cli/remote.h"
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
      PSIRT_ASSIGN_OR_RETURN(RemoteClient * server, ctx.Remote());
      if (server) {  // the agenda of what the token's account may see
        PSIRT_ASSIGN_OR_RETURN(nlohmann::json j, server->Call("GET", "/api/v1/todo?as_of=" + when.ToString()));
        if (ctx.options.json) {
          ctx.PrintJson(j);
        } else {
          for (const auto& t : j["tasks"])
            std::cout << (t["due"].is_string() ? t["due"].get<std::string>() : std::string("unknown   ")) << "  "
                      << t.value("advisory", "") << "  " << t.value("text", "") << (t.value("overdue", false) ? "  OVERDUE" : "")
                      << "\n";
        }
        return Status::Ok();
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
