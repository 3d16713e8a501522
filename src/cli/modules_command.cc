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
    std::string manifest;
    bool all = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* list = modules->add_subcommand("list", "Projects of a west manifest as west resolves them");
  list->add_option("manifest", a->manifest, "The manifest file (default: west.yml here)");
  list->add_flag("--all", a->all, "Also the projects the group filter makes inactive");
  list->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      std::string path = a->manifest.empty() ? "west.yml" : a->manifest;
      std::error_code ec;
      if (a->manifest.empty() && !std::filesystem::exists(path, ec))
        return Status::Usage("modules list: give a manifest file (no west.yml here)");
      PSIRT_ASSIGN_OR_RETURN(LoadedManifest m, LoadWestManifest(path));
      nlohmann::json j = ModulesToJson(m, a->all);
      if (ctx.options.json) {
        ctx.PrintJson(j);
        return Status::Ok();
      }
      for (const auto& p : j["projects"]) {
        std::string line = p["name"].get<std::string>() + "  " + p["path"].get<std::string>() + "  " +
                           p["revision"].get<std::string>() + "  " + p["url"].get<std::string>();
        if (!p["active"].get<bool>()) line += "  (inactive)";
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
