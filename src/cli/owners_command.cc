// `psirt owners`: areas of paths (or stdin, or a commit range), Zephyr's
// assignee suggestion, and the MAINTAINERS.yml checker.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/owners_service.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "formats/psirt_json.h"
#include "formats/json_writer.h"

namespace psirt::cli {
namespace {

using nlohmann::json;

// {"path": ..., "areas": [...]} written directly (batch mode is hot).
void AppendPathJson(std::string& out, std::string_view path, const std::vector<AreaMatch>& areas) {
  out += "{\"path\":";
  AppendJsonString(out, path);
  out += ",\"areas\":[";
  for (size_t i = 0; i < areas.size(); ++i) {
    const OwnerArea& a = *areas[i].area;
    if (i) out += ',';
    out += "{\"name\":";
    AppendJsonString(out, a.name);
    out += ",\"status\":";
    if (a.status.empty())
      out += "null";
    else
      AppendJsonString(out, a.status);
    out += ",\"maintainers\":";
    AppendJsonStrings(out, a.maintainers);
    out += ",\"collaborators\":";
    AppendJsonStrings(out, a.collaborators);
    out += ",\"labels\":";
    AppendJsonStrings(out, a.labels);
    out += ",\"file_groups\":[";
    for (size_t g = 0; g < areas[i].groups.size(); ++g) {
      if (g) out += ',';
      AppendJsonString(out, areas[i].groups[g]->name);
    }
    out += "]}";
  }
  out += "]}\n";
}

std::string AreaNames(const std::vector<AreaMatch>& areas) {
  if (areas.empty()) return "(orphaned)";
  std::string s;
  for (const AreaMatch& m : areas) {
    s += (s.empty() ? "" : ", ") + m.area->name;
    for (const FileGroup* g : m.groups) s += " [" + g->name + "]";
  }
  return s;
}

}  // namespace

void RegisterOwnersCommand(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::vector<std::string> paths;
    std::string maintainers, repo, commits;
    bool suggest = false, check = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("owners", "Areas, maintainers and assignee from MAINTAINERS.yml");
  cmd->add_option("path", a->paths, "Paths relative to the repository root ('-': read stdin)");
  cmd->add_option("--maintainers", a->maintainers, "MAINTAINERS.yml (default: from psirt.yml)");
  cmd->add_option("--repo", a->repo, "Repository (default: from psirt.yml, else .)");
  cmd->add_option("--commits", a->commits, "Areas touched by a commit range (A..B)");
  cmd->add_flag("--suggest-assignee", a->suggest, "Zephyr's PR assignee rule over the paths");
  cmd->add_flag("--check", a->check, "Validate the file (with --repo: globs match files)");
  cmd->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      std::string maintainers = a->maintainers, repo = a->repo;
      if (maintainers.empty() || repo.empty()) {
        auto ws = ctx.OpenedWorkspace();
        if (ws.ok()) {
          if (maintainers.empty()) maintainers = (*ws)->Resolve((*ws)->config.maintainers);
          if (repo.empty()) repo = (*ws)->Resolve((*ws)->config.repository);
        } else if (maintainers.empty()) {
          return Status::Usage("owners needs --maintainers FILE (or a workspace with 'maintainers')");
        }
      }
      if (a->check) {
        PSIRT_ASSIGN_OR_RETURN(auto problems, OwnersService::Check(maintainers, a->repo));
        if (ctx.options.json) {
          json p = json::array();
          for (const Status& s : problems) p.push_back(s.ToString());
          ctx.PrintJson({{"file", maintainers}, {"problems", p}});
        } else {
          for (const Status& s : problems) std::cout << s.ToString() << "\n";
          if (problems.empty()) std::cout << maintainers << ": ok\n";
        }
        if (!problems.empty()) {  // findings, listed above: exit status 1
          std::cerr << "psirt: " << problems.size() << " problem(s) in " << maintainers << "\n";
          ctx.exit_code = 1;
        }
        return Status::Ok();
      }
      PSIRT_ASSIGN_OR_RETURN(auto svc, OwnersService::Load(maintainers));
      if (!a->commits.empty()) {
        if (repo.empty()) repo = ".";
        PSIRT_ASSIGN_OR_RETURN(auto paths, svc->ChangedPaths(repo, a->commits));
        std::map<std::string, json> areas;
        for (const std::string& p : paths)
          for (const AreaMatch& m : svc->Match(p)) areas.emplace(m.area->name, AreaMatchToJson(m));
        if (ctx.options.json) {
          json list = json::array();
          for (auto& [_, j] : areas) list.push_back(j);
          ctx.PrintJson({{"range", a->commits}, {"paths", paths}, {"areas", list}});
        } else {
          for (auto& [name, _] : areas) std::cout << name << "\n";
        }
        return Status::Ok();
      }
      std::vector<std::string> paths;
      for (const std::string& p : a->paths) {
        if (p != "-") {
          paths.push_back(p);
          continue;
        }
        for (std::string line; std::getline(std::cin, line);) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          if (!line.empty()) paths.push_back(line);
        }
      }
      if (paths.empty()) return Status::Usage("owners needs paths, '-', --commits or --check");
      // Relative to the repository root; directories that exist get a '/'.
      for (std::string& p : paths) {
        while (p.rfind("./", 0) == 0) p.erase(0, 2);
        std::error_code ec;
        if (!repo.empty() && p.back() != '/' &&
            std::filesystem::is_directory(std::filesystem::path(repo) / p, ec))
          p += '/';
      }
      if (a->suggest) {
        AssigneeSuggestion s = svc->Suggest(paths);
        if (ctx.options.json) {
          json w = json::array();
          for (auto& [area, weight] : s.weights) w.push_back({{"area", area->name}, {"weight", weight}});
          ctx.PrintJson({{"assignee", s.assignee.empty() ? json(nullptr) : json(s.assignee)},
                         {"area", s.area ? json(s.area->name) : json(nullptr)},
                         {"notify", s.notify},
                         {"collaborators", s.collaborators},
                         {"weights", w}});
        } else {
          std::cout << "assignee: " << (s.assignee.empty() ? "-" : s.assignee);
          if (s.area) std::cout << " (from " << s.area->name << ")";
          std::cout << "\nnotify: ";
          for (size_t i = 0; i < s.notify.size(); ++i) std::cout << (i ? ", " : "") << s.notify[i];
          std::cout << "\ncollaborators: ";
          for (size_t i = 0; i < s.collaborators.size(); ++i)
            std::cout << (i ? ", " : "") << s.collaborators[i];
          std::cout << "\n";
        }
        return Status::Ok();
      }
      std::string out;
      for (const std::string& p : paths) {
        auto areas = svc->Match(p);
        if (ctx.options.json) {
          AppendPathJson(out, p, areas);
        } else {
          out += EscapeControls(p, false) + ": " + AreaNames(areas) + "\n";
        }
        if (out.size() > (1 << 16)) {
          std::fwrite(out.data(), 1, out.size(), stdout);
          out.clear();
        }
      }
      std::fwrite(out.data(), 1, out.size(), stdout);
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
