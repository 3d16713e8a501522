// `psirt modules list [MANIFEST] [--all]`: the projects of a west manifest
// as west resolves them (URL, revision, path, groups, active or not), its
// imports and whether they were followed. `psirt modules identify
// [MANIFEST] [--write [--out DIR]]`: each module's identity for
// vulnerability databases (declared or inferred, and how sure), the other
// projects' code it bundles, and the security: block proposed as a patch
// for each module.yml lacking one. No workspace needed.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/constraint_service.h"
#include "app/file_io.h"
#include "app/module_insight.h"
#include "app/module_service.h"
#include "app/solve_service.h"
#include "cli/commands.h"
#include "base/strings.h"

namespace psirt::cli {
namespace {

// The manifest given, else west.yml here; a --west-dir that is no folder is refused.
Result<std::string> ModulesManifestPath(const std::string& manifest, const std::string& west_dir, const char* command) {
  std::string path = manifest.empty() ? "west.yml" : manifest;
  std::error_code ec;
  if (manifest.empty() && !std::filesystem::exists(path, ec))
    return Status::Usage(std::string("modules ") + command + ": give a manifest file (no west.yml here)");
  if (!west_dir.empty() && !std::filesystem::is_directory(west_dir, ec))
    return Status::Invalid("--west-dir " + west_dir + ": no such folder");
  return path;
}

Result<ModuleWorkspace> OpenForModules(const std::string& manifest, const std::string& west_dir, const char* command) {
  PSIRT_ASSIGN_OR_RETURN(std::string path, ModulesManifestPath(manifest, west_dir, command));
  return OpenModuleWorkspace(path, west_dir);
}

void PrintInsights(const std::vector<ModuleInsight>& all) {
  for (const ModuleInsight& in : all) {
    const ModuleIdentity& id = in.identity;
    std::string line = in.project + "  " + (id.version.empty() ? "-" : id.version) + " (" + id.version_source + ")  " +
                       id.purl + (id.cpes.empty() ? "" : "  " + Join(id.cpes, " ")) + "  [" + id.confidence + "]";
    std::cout << EscapeControls(line, false) << "\n";
    for (const std::string& r : id.reasons) std::cout << "    " << EscapeControls(r, false) << "\n";
    for (const BundledCopy& b : in.bundled)
      std::cout << "    bundles " << EscapeControls(b.display + " " + (b.version.empty() ? "(version unknown)" : b.version) +
                                              " at " + b.path + "  (" + b.found_by + ": " + b.evidence + ")",
                                          false)
                << "\n";
    for (const std::string& n : in.notes) std::cout << "    note: " << EscapeControls(n, false) << "\n";
  }
}

void RegisterIdentify(CLI::App* modules, CliContext& ctx) {
  struct Args {
    std::string manifest, west_dir, out = "module-patches";
    bool write = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* identify = modules->add_subcommand(
      "identify", "Each module's identity (PURL, CPE, version; declared or inferred) and the code it bundles");
  identify->add_option("manifest", a->manifest, "The manifest file (default: west.yml here)");
  identify->add_option("--west-dir", a->west_dir, "The west topdir with the clones (default: found from the manifest)");
  auto* write = identify->add_flag("--write", a->write,
                                   "Write the proposed security: block of each module.yml lacking one as a patch");
  identify->add_option("--out", a->out, "With --write: the folder for the patches (default: module-patches)")->needs(write);
  identify->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, OpenForModules(a->manifest, a->west_dir, "identify"));
      std::vector<ModuleInsight> all = InspectModules(w.manifest, w.clones);
      nlohmann::json j = InsightsToJson(all);
      std::vector<std::string> written;
      if (a->write) {
        if (w.topdir.empty()) return Status::Usage("modules identify --write needs the module clones: give --west-dir");
        std::vector<IdentityPatch> patches = ProposeIdentityPatches(all, w.clones, ctx.clock.Now());
        if (!patches.empty()) PSIRT_RETURN_IF_ERROR(PrepareOutputDirectory(a->out));
        for (const IdentityPatch& p : patches) {
          std::string file = (std::filesystem::path(a->out) / p.file_name).string();
          PSIRT_RETURN_IF_ERROR(WriteFileAtomic(file, p.text));
          written.push_back(file);
        }
        j["patches"] = written;
      }
      if (ctx.options.json) {
        ctx.PrintJson(j);
        return Status::Ok();
      }
      PrintInsights(all);
      for (const std::string& f : written) std::cout << "wrote " << EscapeControls(f, false) << "\n";
      if (a->write && written.empty()) std::cout << "every cloned module's module.yml has a security: block; nothing to propose\n";
      return Status::Ok();
    }();
  });
}

void PrintConstraintCheck(const ConstraintCheck& c) {
  for (const ConstraintFinding& f : c.findings) {
    if (f.kind == ConstraintFinding::Kind::kSatisfied) {
      std::cout << EscapeControls("ok  " + f.module + " requires " + f.required + " " + f.constraint + ": " + f.required_version, false)
                << "\n";
      continue;
    }
    std::cout << EscapeControls(std::string(ConstraintKindName(f.kind)) + "  " + f.module +
                                    (f.required.empty() || f.kind == ConstraintFinding::Kind::kCycle ? "" : " -> " + f.required),
                                false)
              << "\n";
    for (const std::string& d : f.derivation) std::cout << "    " << EscapeControls(d, false) << "\n";
  }
  size_t requirements = 0;
  for (const ModuleVersionFact& m : c.modules) requirements += m.needs.size();
  for (const ConstraintRule& r : c.rules) requirements += r.needs.size();
  std::cout << c.Problems() << " problems in " << requirements << " requirements\n";
}

// The options check and solve share: the manifest, the west topdir, the
// constraints file and the Kconfig the conditions are evaluated under.
void AddConstraintOptions(CLI::App* cmd, std::string& manifest, std::string& west_dir, std::string& constraints,
                          std::string& kconfig) {
  cmd->add_option("manifest", manifest, "The manifest file (default: west.yml here)");
  cmd->add_option("--west-dir", west_dir, "The west topdir with the clones (default: found from the manifest)");
  cmd->add_option("--constraints", constraints, "A constraints file for modules the project does not control");
  cmd->add_option("--kconfig", kconfig,
                  "A .config or prj.conf: requirements `when: CONFIG_X` apply only when it sets X (default: assumed set)");
}

void RegisterCheck(CLI::App* modules, CliContext& ctx) {
  struct Args {
    std::string manifest, west_dir;
    ConstraintCheckOptions options;
  };
  auto a = std::make_shared<Args>();
  CLI::App* check = modules->add_subcommand(
      "check", "Check the version constraints between modules (module.yml requires:, a constraints file) against the manifest");
  AddConstraintOptions(check, a->manifest, a->west_dir, a->options.constraints_file, a->options.kconfig_file);
  check->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, OpenForModules(a->manifest, a->west_dir, "check"));
      PSIRT_ASSIGN_OR_RETURN(ConstraintCheck c, CheckWorkspaceConstraints(w, a->options));
      if (ctx.options.json) ctx.PrintJson(ConstraintCheckToJson(c));
      else PrintConstraintCheck(c);
      if (c.Problems() > 0) ctx.exit_code = 1;
      return Status::Ok();
    }();
  });
}

// Human output: the manifest on stdout (to redirect into a file), what
// changed and why on stderr; or the explanation when there is no solution.
void PrintSolution(const WorkspaceSolution& s) {
  if (!s.outcome.solved) {
    std::cout << "no solution:\n";
    for (const std::string& e : s.outcome.explanation) std::cout << "    " << EscapeControls(e, false) << "\n";
  } else {
    std::cout << s.manifest_text;
    for (const ModuleMove& m : s.moves)
      if (m.changed)
        std::cerr << EscapeControls(m.module + ": " + (m.from_version.empty() ? "?" : m.from_version) + " (" + m.from_revision +
                                        ") -> " + m.to_version + " (" + m.to_revision + ")",
                                    false)
                  << "\n";
    std::cerr << (s.Changes() == 0 ? std::string("no change needed") : std::to_string(s.Changes()) + " revisions changed")
              << " (" << s.moves.size() << " modules)\n";
  }
  for (const std::string& n : s.notes) std::cerr << "note: " << EscapeControls(n, false) << "\n";
}

void RegisterSolve(CLI::App* modules, CliContext& ctx) {
  struct Args {
    std::string manifest, west_dir, prefer;
    SolveOptions options;
  };
  auto a = std::make_shared<Args>();
  CLI::App* solve = modules->add_subcommand(
      "solve", "Choose each module's release tag so every constraint holds; print the manifest with the revisions changed");
  AddConstraintOptions(solve, a->manifest, a->west_dir, a->options.constraints_file, a->options.kconfig_file);
  solve->add_option("--prefer", a->prefer, "minimal-change (default: keep every pin a constraint does not move) or newest");
  solve->add_option("--with", a->options.with,
                    "MODULE@VERSION (or MODULE@CONSTRAINT) the solution must take, e.g. a security update (repeatable)");
  solve->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(a->options.prefer, ParsePrefer(a->prefer));
      PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, OpenForModules(a->manifest, a->west_dir, "solve"));
      PSIRT_ASSIGN_OR_RETURN(WorkspaceSolution s, SolveWorkspace(w, a->options));
      if (ctx.options.json) ctx.PrintJson(SolutionToJson(s));
      else PrintSolution(s);
      if (!s.outcome.solved) ctx.exit_code = 1;
      return Status::Ok();
    }();
  });
}

}  // namespace

void RegisterModulesCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* modules = app.add_subcommand("modules", "The modules of a west manifest");
  modules->require_subcommand(1);
  struct Args {
    std::string manifest, west_dir;
    bool all = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* list = modules->add_subcommand("list", "Projects of a west manifest as west resolves them");
  list->add_option("manifest", a->manifest, "The manifest file (default: west.yml here)");
  list->add_flag("--all", a->all, "Also the projects the group filter makes inactive");
  list->add_option("--west-dir", a->west_dir,
                   "The west topdir with the clones (default: the one holding the manifest, found by its .west/)");
  list->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::string path, ModulesManifestPath(a->manifest, a->west_dir, "list"));
      PSIRT_ASSIGN_OR_RETURN(LoadedManifest m, LoadWestManifest(path));
      std::string topdir = a->west_dir.empty() ? FindWestTopdir(path) : a->west_dir;
      std::vector<ModuleClone> clones;
      if (!topdir.empty()) {
        PSIRT_ASSIGN_OR_RETURN(clones, InspectModuleClones(m, topdir, a->all));
      }
      nlohmann::json j = ModulesToJson(m, a->all, topdir.empty() ? nullptr : &clones, topdir);
      if (ctx.options.json) {
        ctx.PrintJson(j);
        return Status::Ok();
      }
      for (const auto& p : j["projects"]) {
        std::string line = p["name"].get<std::string>() + "  " + p["path"].get<std::string>() + "  " +
                           p["revision"].get<std::string>() + "  " + p["url"].get<std::string>();
        if (!p["active"].get<bool>()) line += "  (inactive)";
        if (p.contains("clone")) {
          const auto& c = p["clone"];
          std::string state = c["state"].get<std::string>();
          if (state == "differs")
            line += "  [clone at " + c["head"].get<std::string>().substr(0, 12) + ", the manifest pins " +
                    c["pinned_commit"].get<std::string>().substr(0, 12) + "]";
          else if (state != "matches")
            line += "  [" + state + "]";
          if (c.contains("module_yml"))
            for (const auto& r : c["module_yml"]["cpes"]) line += "  " + r.get<std::string>();
        }
        std::cout << EscapeControls(line, false) << "\n";
      }
      std::cout << j["active"].get<size_t>() << " active of " << j["count"].get<size_t>() << " projects\n";
      for (const auto& i : j["imports"])
        if (!i["resolved"].get<bool>())
          std::cerr << "psirt: " << EscapeControls(i["file"].get<std::string>(), false) << ":" << i["line"].get<int>()
                    << ": import not followed: " << EscapeControls(i["detail"].get<std::string>(), false) << "\n";
      return Status::Ok();
    }();
  });
  RegisterIdentify(modules, ctx);
  RegisterCheck(modules, ctx);
  RegisterSolve(modules, ctx);
}

}  // namespace psirt::cli
