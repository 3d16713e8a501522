// `psirt migrate --from LOCATION --to LOCATION`: a workspace's data from
// one database into another (sqlite:psirt.db -> postgresql://...), counted
// on both sides.
#include <iostream>

#include "app/migrate_service.h"
#include "cli/commands.h"

namespace psirt::cli {

void RegisterMigrateCommand(CLI::App& app, CliContext& ctx) {
  auto from = std::make_shared<std::string>(), to = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("migrate", "Copy a workspace's database into another (SQLite -> PostgreSQL) and verify");
  cmd->add_option("--from", *from, "Source: sqlite:PATH (or a path), or a postgresql:// URL")->required();
  cmd->add_option("--to", *to, "Destination (empty): a postgresql:// URL, or sqlite:PATH of an initialised database")->required();
  cmd->callback([&ctx, from, to] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(auto src, OpenStore(*from));
      PSIRT_ASSIGN_OR_RETURN(auto dst, OpenStore(*to));
      PSIRT_ASSIGN_OR_RETURN(MigrateReport r, MigrateStore(*src, *dst));
      if (ctx.options.json) {
        ctx.PrintJson({{"copied", r.copied}, {"verified", true}});
      } else {
        for (const auto& [kind, n] : r.copied) std::cout << kind << ": " << n << "\n";
        std::cout << "copied and verified; set `database:` in psirt.yml (or serve --database) to use it\n";
      }
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
