// `psirt vulndb import PATH...`: OSV and CVE 5 records (files, folders,
// osv.dev's all.zip) into the workspace's vulnerability database, for
// `psirt scan`. Works on the workspace database (SQLite, or the team's
// PostgreSQL from psirt.yml), not through --server.
#include <iostream>

#include "app/vulndb_service.h"
#include "cli/commands.h"
#include "cli/progress_bar.h"

namespace psirt::cli {

void RegisterVulndbCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* vulndb = app.add_subcommand("vulndb", "The offline vulnerability database (OSV and CVE 5 records)");
  vulndb->require_subcommand(1);
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* import = vulndb->add_subcommand("import", "Import OSV records (JSON, YAML, folders, all.zip) and CVE 5 records");
  import->add_option("path", *paths, "Record files, folders of them, or .zip archives")->required();
  import->callback([&ctx, paths] {
    ctx.status = [&]() -> Status {
      if (ctx.options.server)
        return Status::Usage("vulndb import works on the workspace database, not through --server "
                             "(a team's workspace names its PostgreSQL in psirt.yml)");
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      ProgressBar bar("importing");
      PSIRT_ASSIGN_OR_RETURN(VulnImportReport r,
                             ImportVulns(*ws->store, *paths, [&](size_t done, size_t total) { bar.Update(done, total); }));
      if (ctx.options.json) {
        ctx.PrintJson(VulnImportReportToJson(r));
        return Status::Ok();
      }
      std::cout << r.files << " records read: " << r.added << " added, " << r.updated << " updated, " << r.unchanged
                << " unchanged (" << r.osv << " OSV, " << r.cve5 << " CVE 5 written); " << r.total
                << " records in the database\n";
      if (r.skipped) std::cout << r.skipped << " files skipped (not .json, .yaml or .yml)\n";
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
