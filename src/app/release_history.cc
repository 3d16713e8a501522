// The release history scan (see release_history.h).
#include "app/release_history.h"

#include <filesystem>

#include "app/module_service.h"
#include "app/workspace.h"
#include "core/versions.h"
#include "git/repo_reader.h"

namespace psirt {

namespace fs = std::filesystem;

Result<ReleaseHistory> ScanReleaseHistory(Store& store, const std::string& repo_dir, const std::string& manifest_path,
                                          const std::string& topdir, const ReleaseModel& model, const ScanOptions& options,
                                          const std::function<void(size_t, size_t)>& progress) {
  PSIRT_ASSIGN_OR_RETURN(git::RepoReader repo, git::RepoReader::Open(repo_dir));
  std::error_code ec;
  fs::path root = fs::weakly_canonical(repo_dir, ec), manifest = fs::weakly_canonical(manifest_path, ec);
  std::string rel = manifest.lexically_relative(root).generic_string();
  if (rel.empty() || rel.rfind("..", 0) == 0)
    return Status::Invalid(manifest_path + " is not inside the project's repository " + repo_dir + " (--repo)");
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::RefInfo> refs, repo.Refs(model.pr_ref_pattern));
  std::vector<std::string> tag_names;
  std::map<std::string, std::string> commit_of;
  for (const git::RefInfo& r : refs)
    if (r.kind == git::RefInfo::Kind::kTag) {
      tag_names.push_back(r.short_name);
      commit_of[r.short_name] = r.commit;
    }
  std::vector<ReleaseTag> tags;  // releases, not pre-releases
  for (ReleaseTag& t : ReleaseTags(model, tag_names))
    if (!t.version.IsPreRelease()) tags.push_back(std::move(t));
  if (tags.empty()) return Status::NotFound("no release tags in " + repo_dir + " (releases.tag_pattern: " + model.tag_pattern + ")");
  ReleaseHistory h{repo_dir, rel, {}, {}};
  std::vector<ReleaseShipped> shipped;
  for (size_t i = 0; i < tags.size(); ++i) {
    if (progress) progress(i, tags.size());
    ReleaseScan rs{tags[i].name, commit_of[tags[i].name], {}, {}, {}};
    ReleaseShipped s{tags[i], {}};
    auto loaded = LoadWestManifestAt(repo, rs.commit, rel);
    if (!loaded.ok()) {
      rs.notes.push_back(loaded.status().ToString());
    } else {
      for (const ManifestImport& imp : loaded->imports)
        if (!imp.resolved) rs.notes.push_back("import " + imp.import + " (" + imp.from + "): " + imp.detail);
      PSIRT_ASSIGN_OR_RETURN(std::vector<ModuleClone> clones, InspectModuleClones(*loaded, topdir, false));
      for (const ModuleClone& c : clones)
        if (c.cloned && c.pinned.empty()) rs.notes.push_back(c.project + ": the clone lacks the pinned revision");
      PSIRT_ASSIGN_OR_RETURN(ScanResult r, ScanModules(store, *loaded, clones, options));
      for (const ScanFinding& f : r.findings) {
        (f.suppressed ? rs.suppressed : rs.vulnerable).push_back({f.module, f.vuln});
        if (!f.suppressed) s.shipped.insert({f.module, f.vuln});
      }
    }
    h.releases.push_back(std::move(rs));
    shipped.push_back(std::move(s));
  }
  if (progress) progress(tags.size(), tags.size());
  h.vulnerabilities = ExposureTable(std::move(shipped));
  return h;
}

void KeepVisibleTo(ReleaseHistory& h, const Viewer& v, const OwnersIndex* owners,
                   const std::map<std::string, std::string>& paths) {
  std::map<std::string, bool> seen;
  auto visible = [&](const std::string& module) {
    auto it = seen.find(module);
    if (it != seen.end()) return it->second;
    auto p = paths.find(module);
    return seen[module] = MaySeeModule(ModulePeople(owners, module, p == paths.end() ? "" : p->second), v);
  };
  auto hidden = [&](const ModuleVuln& mv) { return !visible(mv.first); };
  for (ReleaseScan& r : h.releases) {
    std::erase_if(r.vulnerable, hidden);
    std::erase_if(r.suppressed, hidden);
  }
  std::erase_if(h.vulnerabilities, [&](const ExposureRow& row) { return hidden(row.vuln); });
}

Result<ReleaseHistory> ProjectReleaseHistory(Store& store, Workspace& ws, const Viewer& v) {
  std::string manifest = ws.ModulesManifest();
  if (manifest.empty()) return Status::NotFound("psirt.yml names no west manifest (modules: manifest:)");
  if (ws.config.repository.empty()) return Status::NotFound("psirt.yml names no repository (the project's clone)");
  PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, OpenModuleWorkspace(manifest, ws.WestDir()));
  if (w.topdir.empty()) return Status::NotFound("no west topdir with the module clones (modules: west_dir:)");
  PSIRT_ASSIGN_OR_RETURN(ReleaseHistory h, ScanReleaseHistory(store, ws.RepositoryDir(), manifest, w.topdir, ws.config.releases,
                                                             ScanOptions{true, ws.ModulesConstraints()}));
  PSIRT_ASSIGN_OR_RETURN(const OwnersService* owners, ws.Owners());
  KeepVisibleTo(h, v, owners ? &owners->index() : nullptr, w.Paths());
  return h;
}

nlohmann::json ReleaseHistoryToJson(const ReleaseHistory& h) {
  using nlohmann::json;
  auto pairs = [](const std::vector<ModuleVuln>& v) {
    json out = json::array();
    for (const auto& [m, id] : v) out.push_back({{"module", m}, {"vulnerability", id}});
    return out;
  };
  json releases = json::array();
  for (const ReleaseScan& r : h.releases)
    releases.push_back({{"release", r.release}, {"commit", r.commit}, {"vulnerable", pairs(r.vulnerable)},
                        {"suppressed", pairs(r.suppressed)}, {"notes", r.notes}});
  json vulns = json::array();
  for (const ExposureRow& row : h.vulnerabilities)
    vulns.push_back({{"module", row.vuln.first}, {"vulnerability", row.vuln.second}, {"shipped_in", row.shipped_in},
                     {"first_release_without", row.first_without.empty() ? json(nullptr) : json(row.first_without)},
                     {"fixed_in_series", row.fixed_in_series}});
  return {{"repository", h.repository}, {"manifest", h.manifest}, {"releases", releases}, {"vulnerabilities", vulns}};
}

}  // namespace psirt
