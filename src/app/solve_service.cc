// Module revisions solved on a west workspace (see solve_service.h).
#include "app/solve_service.h"

#include <map>

#include "app/constraint_service.h"
#include "app/file_io.h"
#include "app/module_insight.h"
#include "core/known_upstreams.h"
#include "core/west_manifest.h"
#include "formats/west_manifest_edit.h"
#include "formats/zephyr_module_yaml.h"
#include "git/repo_reader.h"

namespace psirt {
namespace {

using nlohmann::json;

// The release a tag stands for: upstream's spellings for a known upstream,
// else "v1.2.3" / "1.2.3". Pre-releases are no candidates.
std::optional<std::string> ReleaseOfTag(const KnownUpstream* u, const std::string& tag) {
  std::optional<std::string> v;
  if (u) v = VersionOfTag(*u, tag);
  if (!v) {
    std::string_view t = tag;
    if (!t.empty() && (t.front() == 'v' || t.front() == 'V')) t.remove_prefix(1);
    if (IsConstraintVersion(t)) v = std::string(t);
  }
  if (!v || v->find('-') != std::string::npos || v->find('+') != std::string::npos) return std::nullopt;
  return v;
}

// module.yml's requirements at `commit` ("" when it has none); an error for a malformed one.
Result<std::vector<ModuleRequirement>> RequirementsAt(const git::RepoReader& r, const std::string& dir,
                                                      const std::string& commit, const std::string& tag) {
  for (const char* path : {"zephyr/module.yml", "zephyr/module.yaml"}) {
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> text, r.FileAt(commit, path));
    if (!text) continue;
    PSIRT_ASSIGN_OR_RETURN(ZephyrModuleMeta meta, ReadZephyrModule(*text, dir + "@" + tag + ":" + path));
    return meta.requirements;
  }
  return std::vector<ModuleRequirement>{};
}

// The module's release tags as candidates, the pin among them (or beside them).
SolveModule CandidatesOf(const WestProject& p, const ModuleClone* clone, std::vector<std::string>& notes) {
  SolveModule m;
  m.module = p.name, m.manifest_line = p.line;
  ModuleInsight in = InspectModule(p, clone);
  ModuleCandidate pin;
  if (in.identity.version_source != "revision") pin.version = in.identity.version;
  pin.commit = clone && !clone->pinned.empty() ? clone->pinned : clone ? clone->head : p.revision;
  if (clone && clone->meta) pin.needs = clone->meta->requirements;
  if (clone && clone->cloned) {
    auto reader = git::RepoReader::Open(clone->dir);
    auto refs = reader.ok() ? reader->Refs() : Result<std::vector<git::RefInfo>>(reader.status());
    if (!refs.ok()) notes.push_back(p.name + ": its tags could not be read: " + refs.status().ToString());
    const KnownUpstream* u = UpstreamOf(p.url, p.name);
    std::map<std::string, size_t> by_version;
    for (const git::RefInfo& ref : refs.ok() ? *refs : std::vector<git::RefInfo>{}) {
      if (ref.kind != git::RefInfo::Kind::kTag) continue;
      std::optional<std::string> v = ReleaseOfTag(u, ref.short_name);
      if (!v || by_version.count(*v)) continue;
      auto needs = RequirementsAt(*reader, clone->dir, ref.commit, ref.short_name);
      if (!needs.ok()) {
        notes.push_back(p.name + " " + ref.short_name + " left out: " + needs.status().ToString());
        continue;
      }
      by_version[*v] = m.candidates.size();
      m.candidates.push_back({*v, ref.short_name, ref.commit, std::move(*needs)});
    }
    auto same = by_version.find(pin.version);
    if (same != by_version.end() && m.candidates[same->second].commit == pin.commit) {
      m.current = static_cast<int>(same->second);
      m.candidates[same->second].needs = pin.needs;  // as the check reads them: the clone's module.yml
      return m;
    }
  }
  m.current = static_cast<int>(m.candidates.size());
  m.candidates.push_back(std::move(pin));
  return m;
}

Result<SolveWith> ParseWith(const std::string& text) {
  size_t at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size())
    return Status::Usage("--with " + text + ": expected MODULE@VERSION (e.g. mbedtls@3.6.3, or a constraint: mbedtls@>=3.6.3)");
  auto c = VersionConstraint::Parse(text.substr(at + 1));
  if (!c.ok()) return Status::Usage("--with " + text + ": " + c.status().message());
  return SolveWith{text.substr(0, at), std::move(*c), text};
}

}  // namespace

size_t WorkspaceSolution::Changes() const {
  size_t n = 0;
  for (const ModuleMove& m : moves) n += m.changed ? 1 : 0;
  return n;
}

Result<SolveRequest::Prefer> ParsePrefer(const std::string& word) {
  if (word.empty() || word == "minimal-change") return SolveRequest::Prefer::kMinimalChange;
  if (word == "newest") return SolveRequest::Prefer::kNewest;
  return Status::Usage("--prefer " + word + ": expected minimal-change or newest");
}

Result<WorkspaceSolution> SolveWorkspace(const ModuleWorkspace& w, const SolveOptions& options) {
  SolveRequest request;
  request.prefer = options.prefer;
  for (const std::string& text : options.with) {
    PSIRT_ASSIGN_OR_RETURN(SolveWith with, ParseWith(text));
    request.with.push_back(std::move(with));
  }
  PSIRT_ASSIGN_OR_RETURN(request.rules, LoadConstraintRules(options.constraints_file));
  PSIRT_ASSIGN_OR_RETURN(request.context, LoadConstraintContext(w.manifest, options.kconfig_file));
  WorkspaceSolution s;
  s.manifest_file = w.manifest.manifest.file;
  std::map<std::string, const ModuleClone*> clone_of;
  for (const ModuleClone& c : w.clones) clone_of[c.project] = &c;
  std::vector<const WestProject*> projects;
  for (const WestProject& p : w.manifest.manifest.projects) {
    if (!p.active) continue;
    auto it = clone_of.find(p.name);
    request.modules.push_back(CandidatesOf(p, it == clone_of.end() ? nullptr : it->second, s.notes));
    request.modules.back().manifest_file = s.manifest_file;
    projects.push_back(&p);
  }
  PSIRT_ASSIGN_OR_RETURN(s.outcome, SolveModuleVersions(request));
  for (const std::string& n : s.outcome.notes) s.notes.push_back(n);
  if (!s.outcome.solved) return s;
  std::map<std::string, std::string> revisions;
  for (size_t i = 0; i < request.modules.size(); ++i) {
    const SolveModule& m = request.modules[i];
    const ModuleCandidate& to = m.candidates[static_cast<size_t>(s.outcome.chosen[i])];
    const ModuleCandidate& from = m.candidates[static_cast<size_t>(m.current)];
    ModuleMove mv;
    mv.module = m.module, mv.from_version = from.version, mv.from_revision = projects[i]->revision;
    mv.to_version = to.version, mv.to_tag = to.tag, mv.candidates = m.candidates.size();
    mv.changed = s.outcome.chosen[i] != m.current;
    mv.to_revision = !mv.changed ? mv.from_revision : WestRevisionKind(mv.from_revision) == "sha" ? to.commit : to.tag;
    if (mv.changed) revisions[m.module] = mv.to_revision;
    s.moves.push_back(std::move(mv));
  }
  PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(s.manifest_file));
  PSIRT_ASSIGN_OR_RETURN(ManifestEdit edit, SetProjectRevisions(text, s.manifest_file, revisions));
  for (const std::string& name : edit.not_found)
    s.notes.push_back(name + " comes from an imported manifest: set its revision there (" + revisions[name] + ")");
  s.manifest_text = std::move(edit.text);
  return s;
}

json SolutionToJson(const WorkspaceSolution& s) {
  json moves = json::array();
  for (const ModuleMove& m : s.moves)
    moves.push_back({{"module", m.module}, {"changed", m.changed}, {"from", {{"version", m.from_version}, {"revision", m.from_revision}}},
                     {"to", {{"version", m.to_version}, {"tag", m.to_tag}, {"revision", m.to_revision}}},
                     {"candidates", m.candidates}});
  json j = {{"manifest_file", s.manifest_file}, {"solved", s.outcome.solved}, {"notes", s.notes}};
  if (s.outcome.solved) {
    j["modules"] = moves;
    j["changes"] = s.Changes();
    j["manifest"] = s.manifest_text;
  } else {
    j["explanation"] = s.outcome.explanation;
  }
  return j;
}

}  // namespace psirt
