// Loading, matching and checking MAINTAINERS.yml.
#include "app/owners_service.h"

#include "app/workspace.h"
#include "formats/maintainers_yaml.h"
#include "git/changed_paths.h"

namespace psirt {

Result<std::unique_ptr<OwnersService>> OwnersService::Load(const std::string& path) {
  if (path.empty())
    return Status::Invalid("no MAINTAINERS.yml: pass --maintainers FILE or set 'maintainers' in psirt.yml");
  PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(path));
  PSIRT_ASSIGN_OR_RETURN(std::vector<OwnerArea> areas, ParseMaintainersYaml(text, path));
  auto idx = OwnersIndex::Build(std::move(areas));
  if (!idx.ok()) return std::move(Status(idx.status()).At(path, idx.status().line()));
  auto svc = std::unique_ptr<OwnersService>(new OwnersService);
  svc->index_ = std::move(idx).value();
  return svc;
}

Result<std::vector<std::string>> OwnersService::ChangedPaths(const std::string& repo,
                                                             const std::string& range) const {
  return git::ChangedPaths(repo, range);
}

Result<std::vector<Status>> OwnersService::Check(const std::string& path, const std::string& repo) {
  PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(path));
  std::vector<Status> problems = CheckMaintainersYaml(text, path);
  if (repo.empty() || !problems.empty()) return problems;
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> files, git::TrackedFiles(repo));
  PSIRT_ASSIGN_OR_RETURN(std::vector<OwnerArea> areas, ParseMaintainersYaml(text, path));
  for (const OwnerArea& a : areas) {
    for (const auto* list : {&a.patterns.files, &a.patterns.files_exclude}) {
      for (const std::string& g : *list) {
        OwnerArea probe;
        probe.name = "probe";
        probe.patterns.files = {g};
        auto idx = OwnersIndex::Build({probe});
        if (!idx.ok()) continue;  // reported above
        bool any = false;
        for (const std::string& f : files)
          if (!(*idx)->Match(f).empty()) {
            any = true;
            break;
          }
        if (!any)
          problems.push_back(std::move(
              Status::Invalid("glob pattern '" + g + "' in '" +
                              (list == &a.patterns.files ? "files" : "files-exclude") +
                              "' in area '" + a.name + "' does not match any files")
                  .At(path, a.line)));
      }
    }
  }
  return problems;
}

}  // namespace psirt
