// West manifests loaded and their self imports followed (see module_service.h).
#include "app/module_service.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>

#include "app/file_io.h"
#include "formats/west_manifest_yaml.h"
#include "formats/zephyr_module_yaml.h"
#include "git/repo_reader.h"

namespace psirt {
namespace {

namespace fs = std::filesystem;

// Where a manifest's files are read: the disk, or a commit's tree.
struct ManifestFiles {
  std::function<Result<std::string>(const std::string&)> read;
  // The submanifest files an import path names: the file, or a folder's
  // .yml files in name order (west's rule for a directory import).
  std::function<Result<std::vector<std::string>>(const std::string&)> import_files;
};

ManifestFiles DiskFiles() {
  return {ReadFileText, [](const std::string& path) -> Result<std::vector<std::string>> {
            fs::path target(path);
            std::error_code ec;
            if (fs::is_regular_file(target, ec)) return std::vector<std::string>{target.string()};
            if (!fs::is_directory(target, ec)) return Status::NotFound(target.string() + ": no such file or folder");
            std::vector<std::string> files;
            for (const auto& e : fs::directory_iterator(target, ec))
              if (e.is_regular_file() && e.path().extension() == ".yml") files.push_back(e.path().string());
            std::sort(files.begin(), files.end());
            return files;
          }};
}

ManifestFiles CommitFiles(const git::RepoReader& repo, const std::string& commit) {
  auto where = [commit](const std::string& path) { return path + " at " + commit.substr(0, 12); };
  return {[&repo, commit, where](const std::string& path) -> Result<std::string> {
            PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> text, repo.FileAt(commit, path));
            if (!text) return Status::NotFound(where(path) + ": no such file");
            return *text;
          },
          [&repo, commit, where](const std::string& path) -> Result<std::vector<std::string>> {
            std::string clean = fs::path(path).lexically_normal().generic_string();
            PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> text, repo.FileAt(commit, clean));
            if (text) return std::vector<std::string>{clean};
            PSIRT_ASSIGN_OR_RETURN(auto names, repo.FilesIn(commit, clean));
            if (!names) return Status::NotFound(where(clean) + ": no such file or folder");
            std::vector<std::string> files;
            for (const std::string& n : *names)
              if (fs::path(n).extension() == ".yml") files.push_back((fs::path(clean) / n).generic_string());
            std::sort(files.begin(), files.end());
            return files;
          }};
}

Result<LoadedManifest> LoadWestManifestFrom(const std::string& path, const ManifestFiles& io);

}  // namespace

Result<LoadedManifest> LoadWestManifest(const std::string& path) { return LoadWestManifestFrom(path, DiskFiles()); }

Result<LoadedManifest> LoadWestManifestAt(const git::RepoReader& repo, const std::string& commit, const std::string& path) {
  return LoadWestManifestFrom(path, CommitFiles(repo, commit));
}

namespace {

Result<LoadedManifest> LoadWestManifestFrom(const std::string& path, const ManifestFiles& io) {
  PSIRT_ASSIGN_OR_RETURN(std::string text, io.read(path));
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
      auto files = io.import_files((fs::path(path).parent_path() / imp->text).string());
      if (!files.ok()) {
        mi.detail = files.status().message();
      } else {
        mi.resolved = true;
        for (const std::string& f : *files) {
          PSIRT_ASSIGN_OR_RETURN(std::string sub_text, io.read(f));
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

}  // namespace

std::string FindWestTopdir(const std::string& manifest_path) {
  std::error_code ec;
  fs::path dir = fs::absolute(manifest_path, ec).parent_path();
  for (; !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / ".west", ec)) return dir.string();
    if (dir == dir.root_path()) break;
  }
  return "";
}

Result<ModuleWorkspace> OpenModuleWorkspace(const std::string& manifest_path, const std::string& west_dir) {
  ModuleWorkspace w;
  PSIRT_ASSIGN_OR_RETURN(w.manifest, LoadWestManifest(manifest_path));
  w.topdir = west_dir.empty() ? FindWestTopdir(manifest_path) : west_dir;
  if (!w.topdir.empty()) {
    PSIRT_ASSIGN_OR_RETURN(w.clones, InspectModuleClones(w.manifest, w.topdir, false));
  }
  return w;
}

Result<std::optional<ModuleWorkspace>> OptionalModuleWorkspace(const std::string& manifest_path, const std::string& west_dir) {
  if (manifest_path.empty()) return std::optional<ModuleWorkspace>();
  PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, OpenModuleWorkspace(manifest_path, west_dir));
  return std::optional<ModuleWorkspace>(std::move(w));
}

std::map<std::string, std::string> ModuleWorkspace::Paths() const {
  std::map<std::string, std::string> out;
  for (const WestProject& p : manifest.manifest.projects) out[p.name] = p.path;
  return out;
}

Result<std::map<std::string, std::string>> ProjectPaths(const std::string& manifest_path) {
  if (manifest_path.empty()) return std::map<std::string, std::string>{};
  PSIRT_ASSIGN_OR_RETURN(LoadedManifest m, LoadWestManifest(manifest_path));
  return ModuleWorkspace{std::move(m), "", {}}.Paths();
}

namespace {

// The clone's HEAD and the manifest revision as one of its commits.
void ReadClone(const WestProject& p, ModuleClone& c) {
  auto reader = git::RepoReader::Open(c.dir);
  if (!reader.ok()) {
    c.state = "not cloned";
    return;
  }
  c.cloned = true;
  if (auto head = reader->ResolveCommit("HEAD"); head.ok()) c.head = *head;
  // A SHA, tag or branch as git resolves it; a pull/N/head pseudo-branch
  // only through west's manifest-rev (what `west update` last fetched).
  std::vector<std::string> tries = {p.revision, "refs/tags/" + p.revision, "refs/remotes/origin/" + p.revision};
  if (WestRevisionKind(p.revision) == "pull") tries = {"refs/heads/manifest-rev"};
  for (const std::string& rev : tries)
    if (auto commit = reader->ResolveCommit(rev); commit.ok()) {
      c.pinned = *commit;
      break;
    }
  c.state = c.pinned.empty() ? "revision unknown" : c.pinned == c.head ? "matches" : "differs";
}

}  // namespace

Result<std::vector<ModuleClone>> InspectModuleClones(const LoadedManifest& m, const std::string& topdir, bool all) {
  std::vector<ModuleClone> out;
  for (const WestProject& p : m.manifest.projects) {
    if (!all && !p.active) continue;
    ModuleClone c{p.name, (fs::path(topdir) / p.path).string()};
    std::error_code ec;
    if (!fs::is_directory(c.dir, ec)) {
      c.state = "not cloned";
      out.push_back(std::move(c));
      continue;
    }
    ReadClone(p, c);
    for (const char* name : {"zephyr/module.yml", "zephyr/module.yaml"}) {
      std::string file = (fs::path(c.dir) / name).string();
      if (!fs::is_regular_file(file, ec)) continue;
      PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(file));
      PSIRT_ASSIGN_OR_RETURN(c.meta, ReadZephyrModule(text, file));
      break;
    }
    out.push_back(std::move(c));
  }
  return out;
}

namespace {

nlohmann::json CloneToJson(const ModuleClone& c) {
  nlohmann::json j = {{"dir", c.dir}, {"cloned", c.cloned}, {"state", c.state}};
  if (c.cloned) {
    j["head"] = c.head;
    j["pinned_commit"] = c.pinned;
  }
  if (c.meta) {
    std::vector<std::string> cpes, purls;
    for (const ModuleReference& r : c.meta->external_references)
      (r.text.rfind("cpe:", 0) == 0 ? cpes : purls).push_back(r.text);
    j["module_yml"] = {{"file", c.meta->file}, {"name", c.meta->name}, {"depends", c.meta->depends},
                       {"cpes", cpes},         {"purls", purls}};
  }
  return j;
}

}  // namespace

nlohmann::json ModulesToJson(const LoadedManifest& m, bool all, const std::vector<ModuleClone>* clones,
                             const std::string& topdir) {
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
    if (clones)
      for (const ModuleClone& c : *clones)
        if (c.project == p.name) j["clone"] = CloneToJson(c);
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
          {"imports", imports},
          {"west_dir", topdir}};
}

}  // namespace psirt
