// `psirt intake --maildir DIR`: security@'s new mail into reports (and
// replies into notes on their advisory), idempotent by Message-ID.
#include <iostream>

#include "app/intake_service.h"
#include "cli/commands.h"

namespace psirt::cli {

void RegisterIntakeCommand(CLI::App& app, CliContext& ctx) {
  auto dir = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("intake", "Read new mail of a Maildir into reports (replies become notes)");
  cmd->add_option("--maildir", *dir, "Maildir that security@ is delivered to (new/ is read, messages move to cur/)")->required();
  cmd->callback([&ctx, dir] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      IntakeService intake(*ws->store, ws->config, ctx.clock);
      PSIRT_ASSIGN_OR_RETURN(MaildirOutcome r, intake.FromMaildir(*dir));
      if (ctx.options.json) {
        ctx.PrintJson({{"created", r.created}, {"replies", r.replies}, {"already_seen", r.already_seen}, {"failed", r.failed}});
      } else {
        for (const std::string& id : r.created) std::cout << "new report " << id << "\n";
        for (const std::string& id : r.replies) std::cout << "reply added to " << id << "\n";
        if (r.already_seen) std::cout << r.already_seen << " already read before\n";
        for (const std::string& f : r.failed) std::cerr << "psirt: not read: " << f << "\n";
      }
      if (!r.failed.empty()) ctx.exit_code = 1;
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
