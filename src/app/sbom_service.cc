// SBOMs of west workspaces (see sbom_service.h).
#include "app/sbom_service.h"

#include <filesystem>
#include <algorithm>
#include <map>

#include "app/account_service.h"
#include "core/package_ids.h"
#include "core/vuln_record.h"
#include "formats/sbom_writers.h"
#include "formats/schema_validator.h"
#include "git/repo_reader.h"

namespace psirt {
namespace {

bool Known(const std::string& v) { return !v.empty() && v != "*" && v != "-"; }

// Version and where it came from.
void IdentifyVersion(const ModuleClone* clone, SbomComponent& c) {
  if (clone && clone->meta) {
    for (const Cpe& cpe : clone->meta->cpes)
      if (Known(cpe.version)) {
        c.version = cpe.version, c.version_source = "cpe";
        return;
      }
    for (const Purl& p : clone->meta->purls)
      if (Known(p.version)) {
        c.version = p.version, c.version_source = "purl";
        return;
      }
  }
  if (clone && clone->cloned && !c.commit.empty())
    if (auto reader = git::RepoReader::Open(clone->dir); reader.ok())
      if (auto tag = reader->NearestTag(c.commit); tag.ok() && tag->has_value()) {
        c.version = **tag, c.version_source = "tag";
        return;
      }
  c.version = c.revision, c.version_source = "revision";
}

std::string PackageUrl(const ModuleClone* clone, const SbomComponent& c) {
  if (clone && clone->meta && !clone->meta->purls.empty()) return clone->meta->purls[0].ToString();
  std::string norm = NormalizeRepoUrl(c.vcs_url);
  std::string at = c.commit.empty() ? c.revision : c.commit;
  Purl p;
  if (norm.rfind("github.com/", 0) == 0 && std::count(norm.begin(), norm.end(), '/') == 2) {
    p.type = "github";
    p.ns = norm.substr(11, norm.find('/', 11) - 11);
    p.name = norm.substr(norm.rfind('/') + 1);
  } else {
    p.type = "generic";
    p.name = c.name;
    p.qualifiers["vcs_url"] = "git+" + c.vcs_url;
  }
  p.version = at;
  return p.ToString();
}

}  // namespace

Result<Sbom> BuildSbom(const LoadedManifest& m, const std::vector<ModuleClone>& clones, const std::string& created,
                       const std::string& tool) {
  Sbom s;
  s.created = created;
  s.tool = tool;
  std::filesystem::path manifest_dir = std::filesystem::absolute(m.manifest.file).parent_path();
  s.name = manifest_dir.filename().string();
  if (s.name.empty()) s.name = "workspace";
  std::map<std::string, const ModuleClone*> clone_of;
  for (const ModuleClone& c : clones) clone_of[c.project] = &c;
  // module.yml names (what build.depends lists) -> project names.
  std::map<std::string, std::string> project_of_module;
  for (const WestProject& p : m.manifest.projects) {
    project_of_module[p.name] = p.name;
    if (auto it = clone_of.find(p.name); it != clone_of.end() && it->second->meta && !it->second->meta->name.empty())
      project_of_module[it->second->meta->name] = p.name;
  }
  std::string digest_input;
  for (const WestProject& p : m.manifest.projects) {
    if (!p.active) continue;
    const ModuleClone* clone = clone_of.count(p.name) ? clone_of[p.name] : nullptr;
    SbomComponent c;
    c.ref = p.name;
    c.name = clone && clone->meta && !clone->meta->name.empty() ? clone->meta->name : p.name;
    c.revision = p.revision;
    c.path = p.path;
    c.vcs_url = p.url;
    c.commit = clone && !clone->pinned.empty() ? clone->pinned : WestRevisionKind(p.revision) == "sha" ? p.revision : "";
    IdentifyVersion(clone, c);
    c.purl = PackageUrl(clone, c);
    if (clone && clone->meta) {
      for (const ModuleReference& r : clone->meta->external_references)
        if (r.text.rfind("cpe:", 0) == 0) c.cpes.push_back(r.text);
      for (const std::string& d : clone->meta->depends) {
        auto it = project_of_module.find(d);
        if (it == project_of_module.end())
          return std::move(Status::Invalid("build.depends names '" + d + "', which is no project of the manifest")
                               .At(clone->meta->file));
        c.depends_on.push_back(it->second);
      }
    }
    digest_input += c.ref + "\n" + c.version + "\n" + c.purl + "\n" + c.commit + "\n" + c.revision + "\n";
    s.components.push_back(std::move(c));
  }
  s.id = Sha256Hex(digest_input).substr(0, 32);
  return s;
}

Result<nlohmann::json> SbomDocument(const Sbom& s, const std::string& format) {
  nlohmann::json doc;
  const char* schema = nullptr;
  if (format == "spdx") {
    doc = SbomToSpdx(s);
    schema = "spdx-2.3.json";
  } else if (format == "cyclonedx") {
    doc = SbomToCycloneDx(s);
    schema = "cyclonedx-bom-1.6.json";
  } else {
    return Status::Usage("--format: expected spdx or cyclonedx, not '" + format + "'");
  }
  PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<SchemaValidator> v, SchemaValidator::Compile(schema));
  PSIRT_RETURN_IF_ERROR(v->Validate(doc, std::string("the ") + format + " SBOM"));
  return doc;
}

}  // namespace psirt
