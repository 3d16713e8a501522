// `psirt osv affected RECORD --repo DIR`: one OSV record's GIT ranges
// evaluated on a local clone - the affected commits and tags, the commits
// the clone lacks, and fixes found cherry-picked under another SHA. No
// workspace needed. Exit 0 when evaluated (affected or not), 1 on bad input.
#include <iostream>

#include "app/file_io.h"
#include "app/osv_affected.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "formats/osv_record.h"

namespace psirt::cli {
namespace {

void PrintText(const OsvAffectedResult& r) {
  std::cout << EscapeControls(r.id, false) << " in " << EscapeControls(r.repository, false) << " ("
            << r.graph_commits << " commits)\n";
  for (const GitRangeReport& g : r.ranges) {
    std::cout << "range " << g.affected << "." << g.range << " " << EscapeControls(g.repo, false) << ": "
              << g.affected_commits << " affected commits\n";
    for (const auto& [from, to] : g.equivalents)
      std::cout << "  " << from.substr(0, 12) << " is also in this clone as " << to.substr(0, 12)
                << " (same patch-id)\n";
    for (const std::string& m : g.missing)
      std::cout << "  " << EscapeControls(m, false) << ": not in this clone\n";
    if (!g.cherry_picks_checked && g.affected_commits > 0)
      std::cout << "  cherry-picked fixes not looked for (a limit event, or --no-cherry-picks)\n";
  }
  std::cout << "affected tags (" << r.tags.size() << "):";
  for (const std::string& t : r.tags) std::cout << " " << EscapeControls(t, false);
  std::cout << "\naffected commits (" << r.commits.size() << "):\n";
  for (const std::string& c : r.commits) std::cout << c << "\n";
}

}  // namespace

void RegisterOsvCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* osv = app.add_subcommand("osv", "OSV records evaluated on local repositories");
  osv->require_subcommand(1);
  struct Args {
    std::string record, repo;
    bool no_cherry_picks = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* affected = osv->add_subcommand("affected", "The commits and tags of a clone one OSV record affects");
  affected->add_option("record", a->record, "The OSV record (JSON or YAML file)")->required();
  affected->add_option("--repo", a->repo, "The clone to evaluate the record's GIT ranges on")->required();
  affected->add_flag("--no-cherry-picks", a->no_cherry_picks,
                     "Do not look for fixes cherry-picked under another SHA (by patch-id)");
  affected->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(a->record));
      PSIRT_ASSIGN_OR_RETURN(VulnRecord record, ReadOsvRecord(text, a->record));
      PSIRT_ASSIGN_OR_RETURN(OsvAffectedResult r, OsvAffected(record, a->repo, !a->no_cherry_picks));
      if (ctx.options.json)
        ctx.PrintJson(OsvAffectedToJson(r));
      else
        PrintText(r);
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
