// `psirt scan [MANIFEST] [--west-dir DIR] [--json | --sarif | --table]`:
// every active module of a west workspace against the workspace's
// vulnerability database (`psirt vulndb import`). Exit 0 when nothing is
// found (or every finding is suppressed by a VEX decision), 1 when
// vulnerabilities are found, 2 when the scan could not run.
#include <filesystem>
#include <iostream>

#include "app/module_advisories.h"
#include "app/release_history.h"
#include "app/scan_service.h"
#include "app/workspace.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "core/event_payloads.h"
#include "formats/psirt_json.h"

namespace psirt::cli {
namespace {

// Who records what a scan found on linked advisories (like psirt-sync's facts).
constexpr const char* kScanActor = "psirt-scan";

void PrintTable(const ScanResult& r) {
  for (const ScanFinding& f : r.findings) {
    std::string at = f.version.empty() ? f.commit.substr(0, 12) : f.version;
    std::string line = f.module + "  " + f.vuln + "  " + at + "  " + f.how;
    if (!f.component.empty()) line += "  (bundled " + f.component + " " + f.component_version + " at " + f.component_path + ")";
    if (!f.fixed.empty()) line += "  fixed: " + (f.fixed.front().size() == 40 ? f.fixed.front().substr(0, 12) : f.fixed.front());
    if (f.vex) line += "  [" + std::string(f.suppressed ? "suppressed, " : "") + "VEX " + f.vex->status +
                       (f.vex->justification.empty() ? "" : ": " + f.vex->justification) + "]";
    std::cout << EscapeControls(line, false) << "\n";
    for (const std::string& d : f.detail) std::cout << "    " << EscapeControls(d, false) << "\n";
  }
  for (const ConstraintFinding& c : r.constraints.findings) {
    if (!c.Problem()) continue;
    std::cout << EscapeControls(std::string("constraint ") + ConstraintKindName(c.kind) + "  " + c.module +
                                    (c.kind == ConstraintFinding::Kind::kCycle ? "" : " -> " + c.required),
                                false)
              << "\n";
    for (const std::string& d : c.derivation) std::cout << "    " << EscapeControls(d, false) << "\n";
  }
  size_t bad = r.Unsuppressed();
  std::cout << r.modules.size() << " modules scanned against " << r.records << " records: " << bad
            << " vulnerabilities, " << r.findings.size() - bad << " suppressed by VEX decisions, "
            << r.constraints.Problems() << " module constraint problems\n";
}

// The nearest folder holding .git at or above the manifest's folder.
std::string RepositoryAbove(const std::string& manifest) {
  std::error_code ec;
  for (std::filesystem::path dir = std::filesystem::absolute(manifest, ec).parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / ".git", ec)) return dir.string();
    if (dir == dir.root_path()) break;
  }
  return "";
}

void PrintHistory(const ReleaseHistory& h) {
  for (const ReleaseScan& r : h.releases) {
    std::vector<std::string> v;
    for (const auto& [m, id] : r.vulnerable) v.push_back(m + ":" + id);
    std::cout << EscapeControls(r.release, false) << "  " << (v.empty() ? "-" : EscapeControls(Join(v, ", "), false))
              << (r.suppressed.empty() ? "" : "  (" + std::to_string(r.suppressed.size()) + " suppressed by VEX)") << "\n";
    for (const std::string& n : r.notes) std::cout << "    note: " << EscapeControls(n, false) << "\n";
  }
  if (!h.vulnerabilities.empty()) std::cout << "\n";
  for (const ExposureRow& row : h.vulnerabilities) {
    std::string series;
    for (const auto& [s, rel] : row.fixed_in_series) series += (series.empty() ? "" : ", ") + s + ": " + rel;
    std::cout << EscapeControls(row.vuln.first + "  " + row.vuln.second + "  shipped in " + Join(row.shipped_in, ", ") +
                                    "  first release without: " + (row.first_without.empty() ? "none yet" : row.first_without) +
                                    (series.empty() ? "" : "  (per series: " + series + ")"),
                                false)
              << "\n";
  }
}

}  // namespace

void RegisterScanCommand(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::string manifest, west_dir;
    std::vector<std::string> open;  // MODULE VULN-ID
    std::string repo;
    bool history = false;
    bool sarif = false, table = false, no_cherry_picks = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* scan = app.add_subcommand("scan", "Match a west workspace's modules against the vulnerability database");
  scan->add_option("manifest", a->manifest, "The manifest file (default: psirt.yml's modules.manifest, else west.yml here)");
  scan->add_option("--west-dir", a->west_dir, "The west topdir with the clones (default: found from the manifest)");
  auto* sarif = scan->add_flag("--sarif", a->sarif, "SARIF 2.1.0 on standard output (code-scanning upload)");
  scan->add_flag("--table", a->table, "A table (the default without --json)")->excludes(sarif);
  scan->add_flag("--no-cherry-picks", a->no_cherry_picks, "Do not look for fixes cherry-picked under another SHA");
  auto* open = scan->add_option("--open", a->open, "Open an advisory for one finding: MODULE VULN-ID (its id or an alias)")
      ->expected(2)
      ->excludes(sarif);
  auto* history = scan->add_flag("--history", a->history, "Scan the manifest at every release tag: what each release shipped")
                      ->excludes(sarif)
                      ->excludes(open);
  scan->add_option("--repo", a->repo, "With --history: the project's clone (default: psirt.yml's repository, else the one holding the manifest)")
      ->needs(history);
  scan->callback([&ctx, a] {
    ctx.failure_exit_code = 2;
    ctx.status = [&]() -> Status {
      if (ctx.options.server) return Status::Usage("scan reads the module clones here; run it without --server");
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      std::string path = !a->manifest.empty() ? a->manifest : !ws->ModulesManifest().empty() ? ws->ModulesManifest() : "west.yml";
      std::error_code ec;
      if (!std::filesystem::exists(path, ec)) return Status::Usage("scan: give a manifest file (no " + path + ")");
      std::string west_dir = !a->west_dir.empty() ? a->west_dir : ws->WestDir();
      if (!west_dir.empty() && !std::filesystem::is_directory(west_dir, ec))
        return Status::Invalid("--west-dir " + west_dir + ": no such folder");
      PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, OpenModuleWorkspace(path, west_dir));
      if (a->history) {
        std::string repo = !a->repo.empty() ? a->repo : !ws->config.repository.empty() ? ws->RepositoryDir() : RepositoryAbove(path);
        if (repo.empty()) return Status::Usage("scan --history: give the project's clone (--repo DIR)");
        if (w.topdir.empty()) return Status::Usage("scan --history needs the module clones: give --west-dir");
        ProgressBar bar("releases");
        PSIRT_ASSIGN_OR_RETURN(ReleaseHistory h, ScanReleaseHistory(*ws->store, repo, path, w.topdir, ws->config.releases,
                                                                   ScanOptions{!a->no_cherry_picks, ws->ModulesConstraints()},
                                                                   [&](size_t d, size_t t) { bar.Update(d, t); }));
        if (ctx.options.json) ctx.PrintJson(ReleaseHistoryToJson(h));
        else PrintHistory(h);
        if (!h.vulnerabilities.empty()) ctx.exit_code = 1;
        return Status::Ok();
      }
      ProgressBar bar("scanning");
      PSIRT_ASSIGN_OR_RETURN(ScanResult r, ScanModules(*ws->store, w.manifest, w.clones, ScanOptions{!a->no_cherry_picks, ws->ModulesConstraints()},
                                                       [&](size_t d, size_t t) { bar.Update(d, t); }));
      AdvisoryService adv = ws->Advisories(ctx.clock);
      if (!a->open.empty()) {
        ctx.failure_exit_code = 1;
        PSIRT_ASSIGN_OR_RETURN(std::string actor, ctx.Actor());
        PSIRT_ASSIGN_OR_RETURN(Change c, OpenModuleAdvisory(adv, actor, r, w, a->open[0], a->open[1]));
        if (ctx.options.json) ctx.PrintJson(AdvisoryToJson(c.advisory, adv.DeadlinesOf(c.advisory)));
        else std::cout << "opened " << c.advisory.id << ": " << EscapeControls(c.advisory.title, false) << "\n";
        return Status::Ok();
      }
      // What the scan says of the advisories linked to modules (or whose
      // files lie in one): recorded as the scan's facts, so the agenda
      // follows the manifest.
      PSIRT_ASSIGN_OR_RETURN(std::vector<Change> updated, RecordModuleScan(adv, kScanActor, r, w));
      if (a->sarif) {
        ctx.PrintJson(ScanToSarif(r, PSIRT_VERSION));
      } else if (ctx.options.json) {
        nlohmann::json j = ScanToJson(r);
        j["advisories_updated"] = nlohmann::json::array();
        for (const Change& c : updated)
          j["advisories_updated"].push_back({{"id", c.advisory.id}, {"module", AdvisoryToJson(c.advisory, {})["module"]}});
        ctx.PrintJson(j);
      } else {
        PrintTable(r);
        for (const Change& c : updated)
          for (const Event& e : c.events) std::cout << c.advisory.id << ": " << EscapeControls(ev::DescribeEvent(e), false) << "\n";
      }
      if (r.Unsuppressed() > 0 || r.constraints.Problems() > 0) ctx.exit_code = 1;
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
