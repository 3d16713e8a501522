// `psirt modules list [MANIFEST] [--all]`: the projects of a west manifest
// as west resolves them (URL, revision, path, groups, active or not), its
// imports and whether they were followed. No workspace needed.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/module_service.h"
#include "cli/commands.h"
#include "base/strings.h"

namespace psirt::cli {

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
      std::string path = a->manifest.empty() ? "west.yml" : a->manifest;
      std::error_code ec;
      if (a->manifest.empty() && !std::filesystem::exists(path, ec))
        return Status::Usage("modules list: give a manifest file (no west.yml here)");
      PSIRT_ASSIGN_OR_RETURN(LoadedManifest m, LoadWestManifest(path));
      std::string topdir = a->west_dir.empty() ? FindWestTopdir(path) : a->west_dir;
      std::error_code dir_ec;
      if (!a->west_dir.empty() && !std::filesystem::is_directory(a->west_dir, dir_ec))
        return Status::Invalid("--west-dir " + a->west_dir + ": no such folder");
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
}

}  // namespace psirt::cli
