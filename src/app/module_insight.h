// ModuleInsight: what psirt reads about a module from its clone at the
// pinned commit beyond the manifest - its identity (core/module_identity:
// declared in module.yml, else inferred from the known upstream it is, the
// nearest upstream release tag, its version header) and the other
// projects' code it carries (core/bundled_code). `psirt modules identify`,
// the SBOM and the scan all read it from here. The git facts of a clone at
// a commit are cached for the process (the scan of every release reads the
// same pins again); module.yml is applied on top each time.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/module_service.h"
#include "base/time.h"
#include "core/bundled_code.h"
#include "core/module_identity.h"

namespace psirt {

struct ModuleInsight {
  std::string project, path;
  ModuleIdentity identity;
  std::vector<BundledCopy> bundled;
  std::string module_yml;          // the module.yml's path inside the module ("" when it has none)
  std::vector<std::string> notes;  // what could not be read, and why
};

// One project (`clone` may be null: not cloned).
ModuleInsight InspectModule(const WestProject& p, const ModuleClone* clone);
// Every active project of `m`, in manifest order.
std::vector<ModuleInsight> InspectModules(const LoadedManifest& m, const std::vector<ModuleClone>& clones);

// `psirt modules identify --json` and GET /api/v1/modules/identify.
nlohmann::json InsightsToJson(const std::vector<ModuleInsight>& all);

// The proposed security: block of one module lacking one, as a patch.
struct IdentityPatch {
  std::string module;
  std::string file_name;  // 0001-<module>-declare-identity.patch
  std::string text;       // a mail in git format-patch form; `git am` or `git apply` take it
};
// One patch per cloned module whose module.yml lacks a security: block
// (or that has no module.yml), dated `now`.
std::vector<IdentityPatch> ProposeIdentityPatches(const std::vector<ModuleInsight>& all,
                                                  const std::vector<ModuleClone>& clones, Timestamp now);
// All of them as one mbox (`git am` takes it).
std::string PatchesMbox(const std::vector<IdentityPatch>& patches);

}  // namespace psirt
