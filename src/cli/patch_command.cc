// `psirt patch`: an advisory's embargoed fix, kept privately with it.
//   psirt patch add ID FILE...            format-patch / mbox files (or a git diff)
//   psirt patch add ID --commit SHA [--commit SHA]...   commits of a private local branch
//   psirt patch list ID                   the series and the last checks
//   psirt patch show ID [N]               a series' text (the current one by default)
//   psirt patch check ID [--branch B]...  applies / conflicts / present per branch
//   psirt patch backport ID --branch B (-o DIR | --mbox FILE)
//   psirt patch test ID [--branch B]... [--jobs N]   psirt.yml's patch.test_command in a temporary worktree per branch
// `check` exits 1 when the series conflicts somewhere. Local workspace only.
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/file_io.h"
#include "app/patch_service.h"
#include "app/workspace.h"
#include "cli/commands.h"
#include "cli/safe_output.h"
#include "cli/validators.h"

namespace psirt::cli {
namespace {


Status WithPatches(CliContext& ctx, const std::function<Status(PatchService&, const std::string& actor, Workspace&)>& fn) {
  PSIRT_RETURN_IF_ERROR(ctx.LocalOnly("psirt patch", "at /api/v1/advisories/ID/patches and on the advisory page"));
  PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
  PSIRT_ASSIGN_OR_RETURN(std::string actor, ctx.Actor());
  if (ws->config.repository.empty()) return Status::Invalid("psirt.yml names no repository: patches are checked against the clone");
  AdvisoryService advisories(*ws->store, ws->config, ctx.clock);
  PatchService svc(advisories, *ws->store, ws->config, ctx.clock, ws->RepositoryDir());
  return fn(svc, actor, *ws);
}

nlohmann::json CheckToJson(const PatchCheckResult& r, bool cached) {
  nlohmann::json conflicts = nlohmann::json::array();
  for (const PatchConflict& c : r.conflicts) conflicts.push_back({{"patch", c.patch}, {"file", c.file}, {"hunks", c.hunks}});
  return {{"branch", r.branch}, {"tip", r.tip}, {"series", r.series}, {"result", std::string(PatchFitName(r.fit))},
          {"three_way", r.three_way}, {"conflicts", conflicts}, {"present", r.present}, {"cached", cached}};
}

nlohmann::json SeriesToJson(const PatchSeries& s) {
  nlohmann::json patches = nlohmann::json::array();
  for (const PatchInfo& p : s.patches)
    patches.push_back({{"subject", p.subject}, {"author", p.author}, {"patch_id", p.patch_id}, {"commit", p.commit}, {"files", p.files}});
  return {{"series", s.number}, {"patches", patches}};
}

void RegisterAddListShow(CLI::App* patch, CliContext& ctx) {
  struct Args {
    std::string id;
    std::vector<std::string> files, commits;
    int number = 0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* add = patch->add_subcommand("add", "Attach a fix series (patch files or commits) to an advisory, privately");
  add->add_option("id", a->id, "Advisory: its id, CVE id or GHSA id")->required()->check(AdvisoryIdArg());
  add->add_option("files", a->files, "git format-patch / mbox files, or a git diff");
  add->add_option("--commit", a->commits, "A commit of the clone (repeatable: --commit A --commit B, in order)");
  add->callback([&ctx, a] {
    ctx.status = WithPatches(ctx, [&](PatchService& svc, const std::string& actor, Workspace&) -> Status {
      PatchSource src;
      src.commits = a->commits;
      for (const std::string& f : a->files) {
        PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(f));
        src.files.push_back({f, std::move(text)});
      }
      PSIRT_ASSIGN_OR_RETURN(PatchSeries s, svc.Add(actor, a->id, src));
      if (ctx.options.json) return ctx.PrintJson(SeriesToJson(s)), Status::Ok();
      std::cout << "series " << s.number << ":\n";
      for (const PatchInfo& p : s.patches)
        std::cout << "  " << p.patch_id.substr(0, 12) << "  " << EscapeControls(p.subject, false) << "\n";
      return Status::Ok();
    });
  });
  CLI::App* list = patch->add_subcommand("list", "The advisory's fix series and their last checks");
  list->add_option("id", a->id, "Advisory")->required()->check(AdvisoryIdArg());
  list->callback([&ctx, a] {
    ctx.status = WithPatches(ctx, [&](PatchService&, const std::string&, Workspace& ws) -> Status {
      AdvisoryService advisories(*ws.store, ws.config, ctx.clock);
      PSIRT_ASSIGN_OR_RETURN(std::vector<Event> h, advisories.History(a->id));
      PSIRT_ASSIGN_OR_RETURN(Advisory adv, Fold(h));
      if (ctx.options.json) {
        nlohmann::json series = nlohmann::json::array(), checks = nlohmann::json::array();
        for (const PatchSeries& s : adv.patch_series) series.push_back(SeriesToJson(s));
        for (const PatchCheckResult& r : adv.patch_checks) checks.push_back(CheckToJson(r, true));
        return ctx.PrintJson({{"series", series}, {"checks", checks}}), Status::Ok();
      }
      for (const PatchSeries& s : adv.patch_series)
        std::cout << "series " << s.number << ": " << s.patches.size() << (s.patches.size() == 1 ? " patch" : " patches") << "\n";
      for (const PatchCheckResult& r : adv.patch_checks)
        std::cout << "  " << EscapeControls(r.branch + ": " + DescribePatchCheck(r), false) << "\n";
      return Status::Ok();
    });
  });
  CLI::App* show = patch->add_subcommand("show", "A series' text (default: the current one)");
  show->add_option("id", a->id, "Advisory")->required()->check(AdvisoryIdArg());
  show->add_option("number", a->number, "The series' number");
  show->callback([&ctx, a] {
    ctx.status = WithPatches(ctx, [&](PatchService&, const std::string&, Workspace& ws) -> Status {
      AdvisoryService advisories(*ws.store, ws.config, ctx.clock);
      PSIRT_ASSIGN_OR_RETURN(std::vector<Event> h, advisories.History(a->id));
      PSIRT_ASSIGN_OR_RETURN(Advisory adv, Fold(h));
      if (adv.patch_series.empty()) return Status::NotFound(adv.id + " has no patch series");
      PSIRT_ASSIGN_OR_RETURN(std::string text, PatchSeriesText(*ws.store, adv, a->number ? a->number : adv.patch_series.back().number));
      std::cout << text;
      return Status::Ok();
    });
  });
}

void RegisterCheckBackport(CLI::App* patch, CliContext& ctx) {
  struct Args {
    std::string id, out_dir, mbox, branch;
    std::vector<std::string> branches;
  };
  auto a = std::make_shared<Args>();
  CLI::App* check = patch->add_subcommand("check", "Does the current series apply on the main and policy branches? (in memory)");
  check->add_option("id", a->id, "Advisory")->required()->check(AdvisoryIdArg());
  check->add_option("--branch", a->branches, "A branch (repeatable; default: the main branch and the backport policy's)");
  check->callback([&ctx, a] {
    ctx.status = WithPatches(ctx, [&](PatchService& svc, const std::string& actor, Workspace&) -> Status {
      PSIRT_ASSIGN_OR_RETURN(PatchCheckOutcome out, svc.Check(actor, a->id, a->branches));
      bool conflicts = false;
      nlohmann::json j = nlohmann::json::array();
      for (size_t i = 0; i < out.results.size(); ++i) {
        const PatchCheckResult& r = out.results[i];
        conflicts |= r.fit == PatchFit::kConflicts;
        if (ctx.options.json) {
          j.push_back(CheckToJson(r, out.cached[i]));
          continue;
        }
        std::cout << EscapeControls(r.branch + "  " + std::string(PatchFitName(r.fit)) + (r.three_way ? " (three-way)" : ""), false) << "\n";
        for (const PatchConflict& c : r.conflicts)
          for (const std::string& h : c.hunks)
            std::cout << "    patch " << c.patch << "  " << EscapeControls(c.file + "  " + h, false) << "\n";
        for (size_t p = 0; p < r.present.size() && r.fit == PatchFit::kPresent; ++p)
          std::cout << "    patch " << p + 1 << "  in " << r.present[p].substr(0, 12) << "\n";
      }
      if (ctx.options.json) ctx.PrintJson({{"series", out.series}, {"results", j}});
      if (conflicts) ctx.exit_code = 1;
      return Status::Ok();
    });
  });
  CLI::App* backport = patch->add_subcommand("backport", "The current series rebased onto a branch, as format-patch files");
  backport->add_option("id", a->id, "Advisory")->required()->check(AdvisoryIdArg());
  backport->add_option("--branch", a->branch, "The branch")->required();
  auto* dir = backport->add_option("-o,--output-directory", a->out_dir, "Write 0001-....patch files here");
  backport->add_option("--mbox", a->mbox, "Write the series as one mbox file")->excludes(dir);
  backport->callback([&ctx, a] {
    ctx.status = WithPatches(ctx, [&](PatchService& svc, const std::string&, Workspace&) -> Status {
      if (a->out_dir.empty() == a->mbox.empty()) return Status::Usage("give -o DIR or --mbox FILE");
      PSIRT_ASSIGN_OR_RETURN(PatchBackportOutcome out, svc.Backport(a->id, a->branch));
      namespace fs = std::filesystem;
      std::string where = a->out_dir.empty() ? fs::path(a->mbox).parent_path().string() : a->out_dir;
      if (!where.empty()) PSIRT_RETURN_IF_ERROR(PrepareOutputDirectory(where));
      if (!out.applies) {
        // The files with conflict markers, and what needs hand work.
        std::string dir_out = where.empty() ? "." : where;
        std::cerr << "psirt: the series does not apply on " << EscapeControls(out.branch, false) << "; by hand:\n";
        for (const PatchBackportOutcome::Conflict& c : out.conflicts) {
          std::string file = dir_out + "/" + fs::path(c.file).filename().string() + ".conflict";
          if (!c.merged.empty()) PSIRT_RETURN_IF_ERROR(WriteFileAtomic(file, c.merged));
          for (const std::string& h : c.hunks)
            std::cerr << "  patch " << c.patch << "  " << EscapeControls(c.file + "  " + h, false) << "\n";
          if (!c.merged.empty()) std::cerr << "    three-way result with conflict markers: " << EscapeControls(file, false) << "\n";
        }
        return std::move(Status::Conflict("backport to " + out.branch + " needs hand work").Field("branch"));
      }
      std::vector<std::string> written;
      if (!a->mbox.empty()) {
        std::string all;
        for (const std::string& p : out.patches) all += p;
        PSIRT_RETURN_IF_ERROR(WriteFileAtomic(a->mbox, all));
        written.push_back(a->mbox);
      } else {
        for (size_t i = 0; i < out.patches.size(); ++i) {
          char name[32];
          std::snprintf(name, sizeof name, "%04zu-backport.patch", i + 1);
          std::string path = a->out_dir + "/" + name;
          PSIRT_RETURN_IF_ERROR(WriteFileAtomic(path, out.patches[i]));
          written.push_back(path);
        }
      }
      if (ctx.options.json) return ctx.PrintJson({{"branch", out.branch}, {"onto", out.onto}, {"files", written}}), Status::Ok();
      for (const std::string& w : written) std::cout << EscapeControls(w, false) << "\n";
      return Status::Ok();
    });
  });
}

std::atomic<bool> g_cancel{false};
void OnSignal(int) { g_cancel.store(true); }

void RegisterTest(CLI::App* patch, CliContext& ctx) {
  struct Args {
    std::string id;
    std::vector<std::string> branches;
    int jobs = 1;
  };
  auto a = std::make_shared<Args>();
  CLI::App* test = patch->add_subcommand("test", "Run psirt.yml's patch.test_command on branches with the series applied");
  test->add_option("id", a->id, "Advisory")->required()->check(AdvisoryIdArg());
  test->add_option("--branch", a->branches, "A branch (repeatable; default: the main branch and the backport policy's)");
  test->add_option("--jobs", a->jobs, "Branches tested at once (default 1)")->check(CLI::Range(1, 64));
  test->callback([&ctx, a] {
    ctx.status = WithPatches(ctx, [&](PatchService& svc, const std::string& actor, Workspace&) -> Status {
      // Ctrl-C or a TERM: the commands are stopped, the worktrees removed.
      struct sigaction sa {};
      sa.sa_handler = OnSignal;
      struct sigaction old_int {}, old_term {};
      ::sigaction(SIGINT, &sa, &old_int);
      ::sigaction(SIGTERM, &sa, &old_term);
      PatchTestOptions o;
      o.branches = a->branches;
      o.jobs = a->jobs;
      o.cancel = &g_cancel;
      Result<std::vector<PatchTestResult>> results = svc.Test(actor, a->id, o);
      ::sigaction(SIGINT, &old_int, nullptr);
      ::sigaction(SIGTERM, &old_term, nullptr);
      PSIRT_RETURN_IF_ERROR(results.status());
      bool failed = false;
      nlohmann::json j = nlohmann::json::array();
      for (const PatchTestResult& r : *results) {
        failed |= r.result != "passed";  // not applied, cancelled: not tested either
        j.push_back({{"branch", r.branch}, {"tip", r.tip}, {"result", r.result}, {"exit_code", r.exit_code}, {"seconds", r.seconds},
                     {"output", r.output}});
        if (!ctx.options.json) {
          char secs[32];
          std::snprintf(secs, sizeof secs, "%.1f", r.seconds);
          std::cout << EscapeControls(r.branch + "  " + r.result, false) << "  (" << secs << " s)\n";
        }
      }
      if (ctx.options.json) ctx.PrintJson({{"results", j}});
      if (failed) ctx.exit_code = 1;
      return Status::Ok();
    });
  });
}

}  // namespace

void RegisterPatchCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* patch = app.add_subcommand("patch", "Embargoed fixes: private patch series, checked on every policy branch");
  patch->require_subcommand(1);
  RegisterAddListShow(patch, ctx);
  RegisterCheckBackport(patch, ctx);
  RegisterTest(patch, ctx);
}

}  // namespace psirt::cli
