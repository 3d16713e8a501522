// West manifests loaded and their self imports followed (see module_service.h).
#include "app/module_service.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "app/file_io.h"
#include "formats/west_manifest_yaml.h"

namespace psirt {
namespace {

namespace fs = std::filesystem;

// The submanifest files an import path names: the file, or a folder's
// .yml files in name order (west's rule for a directory import).
Result<std::vector<std::string>> ImportFiles(const fs::path& target) {
  std::error_code ec;
  if (fs::is_regular_file(target, ec)) return std::vector<std::string>{target.string()};
  if (!fs::is_directory(target, ec)) return Status::NotFound(target.string() + ": no such file or folder");
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(target, ec))
    if (e.is_regular_file() && e.path().extension() == ".yml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Result<LoadedManifest> LoadWestManifest(const std::string& path) {
  PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(path));
  LoadedManifest out;
  PSIRT_ASSIGN_OR_RETURN(out.manifest, ReadWestManifest(text, path));
  out.files.push_back(path);
  std::set<std::string> names, paths;
  for (const WestProject& p : out.manifest.projects) {
    names.insert(p.name);
    paths.insert(p.path);
  }
  if (const auto& imp = out.manifest.self_import) {
    ManifestImport mi{"self", imp->text, path, imp->line};
    if (imp->text == "true" || imp->text == "(mapping)" || imp->text == "(list)") {
      mi.detail = "import filters and 'true' on self are not followed yet";
    } else {
      auto files = ImportFiles(fs::path(path).parent_path() / imp->text);
      if (!files.ok()) {
        mi.detail = files.status().message();
      } else {
        mi.resolved = true;
        for (const std::string& f : *files) {
          PSIRT_ASSIGN_OR_RETURN(std::string sub_text, ReadFileText(f));
          PSIRT_ASSIGN_OR_RETURN(WestManifest sub, ReadWestManifest(sub_text, f));
          out.files.push_back(f);
          mi.detail += (mi.detail.empty() ? "" : ", ") + f;
          // West: a project defined earlier (the importing file first) wins.
          for (WestProject& p : sub.projects) {
            if (names.count(p.name)) continue;
            if (!paths.insert(p.path).second)
              return std::move(Status::Invalid("path '" + p.path + "' of imported project '" + p.name +
                                               "' is already used by another project")
                                   .At(f, p.line));
            names.insert(p.name);
            p.active = p.groups.empty() ||
                       std::any_of(p.groups.begin(), p.groups.end(), [&](const std::string& g) {
                         return WestGroupEnabled(out.manifest.group_filter, g);
                       });
            out.manifest.projects.push_back(std::move(p));
          }
        }
      }
    }
    out.imports.push_back(std::move(mi));
  }
  for (const WestProject& p : out.manifest.projects)
    if (p.import)
      out.imports.push_back({p.name, p.import->text, out.manifest.file, p.import->line, false,
                             "imports from project '" + p.name + "' need its clone (a west topdir): not followed yet"});
  return out;
}

nlohmann::json ModulesToJson(const LoadedManifest& m, bool all) {
  using nlohmann::json;
  json projects = json::array();
  size_t active = 0;
  for (const WestProject& p : m.manifest.projects) {
    active += p.active;
    if (!all && !p.active) continue;
    json j = {{"name", p.name},         {"url", p.url},       {"revision", p.revision},
              {"revision_kind", WestRevisionKind(p.revision)}, {"path", p.path},
              {"groups", p.groups},     {"active", p.active}, {"remote", p.remote}, {"line", p.line}};
    if (p.clone_depth) j["clone_depth"] = *p.clone_depth;
    if (!p.userdata_json.empty()) j["userdata"] = json::parse(p.userdata_json);
    projects.push_back(std::move(j));
  }
  json imports = json::array();
  for (const ManifestImport& i : m.imports)
    imports.push_back({{"from", i.from}, {"import", i.import}, {"file", i.file}, {"line", i.line},
                       {"resolved", i.resolved}, {"detail", i.detail}});
  return {{"manifest", m.manifest.file},
          {"files", m.files},
          {"group_filter", m.manifest.group_filter},
          {"count", m.manifest.projects.size()},
          {"active", active},
          {"projects", projects},
          {"imports", imports}};
}

}  // namespace psirt
