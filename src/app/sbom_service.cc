// SBOMs of west workspaces (see sbom_service.h).
#include "app/sbom_service.h"

#include <filesystem>
#include <algorithm>
#include <map>

#include "app/account_service.h"
#include "app/module_insight.h"
#include "core/package_ids.h"
#include "core/vuln_record.h"
#include "formats/sbom_writers.h"
#include "formats/schema_validator.h"

namespace psirt {

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
    ModuleInsight in = InspectModule(p, clone);
    c.version = in.identity.version.empty() ? c.revision : in.identity.version;
    c.version_source = in.identity.version_source;
    c.purl = in.identity.purl;
    c.cpes = in.identity.cpes;
    c.upstream = in.identity.upstream;
    c.identity_confidence = in.identity.confidence;
    c.identity_score = in.identity.score;
    c.identity_reasons = in.identity.reasons;
    c.bundled = std::move(in.bundled);
    if (clone && clone->meta) {
      for (const std::string& d : clone->meta->depends) {
        auto it = project_of_module.find(d);
        if (it == project_of_module.end())
          return std::move(Status::Invalid("build.depends names '" + d + "', which is no project of the manifest")
                               .At(clone->meta->file));
        c.depends_on.push_back(it->second);
      }
    }
    digest_input += c.ref + "\n" + c.version + "\n" + c.purl + "\n" + c.commit + "\n" + c.revision + "\n";
    for (const BundledCopy& b : c.bundled) digest_input += " " + b.path + "\n" + b.purl + "\n";
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
