// Module identity: who a module is for vulnerability databases - its
// package URL, CPE names and upstream version - either as its module.yml
// declares it (security.external-references) or as psirt infers it: the
// known upstream it is (or forks), the version of the nearest upstream
// release tag in the pinned history or the one its version header states,
// and a package URL from the remote URL. Each inference says how sure it
// is. And the `security:` block a module.yml lacking one should carry,
// proposed as a patch its maintainers can send upstream. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/known_upstreams.h"
#include "core/zephyr_module.h"

namespace psirt {

// What identification looked at for one module.
struct IdentityEvidence {
  std::string project, url;            // the manifest's name and resolved URL
  std::string commit, revision;        // pinned commit ("" when unknown) and the revision as written
  const ZephyrModuleMeta* meta = nullptr;  // its module.yml, if any
  const KnownUpstream* upstream = nullptr;
  bool upstream_exact = false;         // the URL is upstream's own (not a fork known by name)
  std::optional<std::string> tag;      // nearest upstream release tag in the pinned history
  int tag_distance = -1;               // commits the pin is past that tag
  std::string header_version, header_file;  // what the module's version header says
  std::string any_tag;                 // the nearest tag of any kind, when no upstream tag
};

struct ModuleIdentity {
  std::string module;
  std::string upstream;                // the known upstream's key, "" when none
  std::string purl;
  std::vector<std::string> cpes;
  std::string version;                 // "" when nothing says
  std::string version_source;          // "cpe", "purl" (declared), "tag", "header", "revision"
  std::string confidence;              // "declared", "high", "medium", "low"
  double score = 0;                    // the same on CycloneDX's 0..1 scale
  bool declared = false;               // module.yml carries external references
  bool has_security_block = false;
  std::vector<std::string> reasons;    // how each part was reached, in words
};

ModuleIdentity InferIdentity(const IdentityEvidence& e);

// The `security:` block proposed for a module.yml, indented by two spaces
// per level (external-references: the CPEs and the package URL).
std::vector<std::string> ProposedSecurityLines(const ModuleIdentity& id);

// A unified diff adding `lines` to `path` (relative to the module's root)
// whose text is `old_text`: at the end of the file, as a new file when
// `old_text` is nullopt. `git apply` takes it.
std::string AppendDiff(const std::string& path, const std::optional<std::string>& old_text,
                       const std::vector<std::string>& lines);

// The proposal as a mail a maintainer can send (git format-patch's form):
// From/Subject/Date headers, why, and the diff.
std::string IdentityPatchMail(const ModuleIdentity& id, const std::string& path, const std::string& diff,
                              const std::string& date_rfc2822);

}  // namespace psirt
