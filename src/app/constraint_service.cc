// Module constraints checked on a west workspace (see constraint_service.h).
#include "app/constraint_service.h"

#include <map>

#include "app/file_io.h"
#include "app/module_insight.h"
#include "base/strings.h"
#include "formats/module_constraints_yaml.h"

namespace psirt {

using nlohmann::json;

size_t ConstraintCheck::Problems() const {
  size_t n = 0;
  for (const ConstraintFinding& f : findings) n += f.Problem() ? 1 : 0;
  return n;
}

std::set<std::string> KconfigSymbolsSet(std::string_view text) {
  std::set<std::string> out;
  for (std::string_view line : SplitViews(text, '\n')) {
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.rfind("CONFIG_", 0) != 0) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = line.substr(0, eq), value = line.substr(eq + 1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    while (!value.empty() && (value.front() == ' ')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.remove_suffix(1);
    if (value.empty() || value == "n") continue;
    out.insert(std::string(name));
  }
  return out;
}

Result<std::vector<ConstraintRule>> LoadConstraintRules(const std::string& constraints_file) {
  if (constraints_file.empty()) return std::vector<ConstraintRule>{};
  PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(constraints_file));
  return ReadConstraintsFile(text, constraints_file);
}

Result<ConstraintContext> LoadConstraintContext(const LoadedManifest& m, const std::string& kconfig_file) {
  ConstraintContext ctx;
  ctx.group_filter = m.manifest.group_filter;
  if (!kconfig_file.empty()) {
    PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(kconfig_file));
    ctx.kconfig_known = true;
    ctx.kconfig = KconfigSymbolsSet(text);
  }
  return ctx;
}

Result<ConstraintCheck> CheckWorkspaceConstraints(const LoadedManifest& m, const std::vector<ModuleClone>& clones,
                                                  const ConstraintCheckOptions& options) {
  ConstraintCheck c;
  PSIRT_ASSIGN_OR_RETURN(c.rules, LoadConstraintRules(options.constraints_file));
  PSIRT_ASSIGN_OR_RETURN(ConstraintContext ctx, LoadConstraintContext(m, options.kconfig_file));
  std::map<std::string, const ModuleClone*> clone_of;
  for (const ModuleClone& cl : clones) clone_of[cl.project] = &cl;
  for (const WestProject& p : m.manifest.projects) {
    ModuleVersionFact f;
    f.module = p.name, f.active = p.active, f.manifest_file = m.manifest.file, f.manifest_line = p.line;
    const ModuleClone* clone = clone_of.count(p.name) ? clone_of[p.name] : nullptr;
    if (p.active) {
      ModuleInsight in = InspectModule(p, clone);
      if (in.identity.version_source != "revision") f.version = in.identity.version;
      f.version_source = in.identity.version_source;
      if (clone && clone->meta) f.needs = clone->meta->requirements;
    }
    c.modules.push_back(std::move(f));
  }
  c.findings = CheckModuleConstraints(c.modules, c.rules, ctx);
  return c;
}

json ConstraintCheckToJson(const ConstraintCheck& c) {
  json modules = json::array(), findings = json::array();
  for (const ModuleVersionFact& m : c.modules)
    if (m.active)
      modules.push_back({{"module", m.module}, {"version", m.version}, {"version_source", m.version_source},
                         {"requires", m.needs.size()}});
  for (const ConstraintFinding& f : c.findings)
    findings.push_back({{"kind", ConstraintKindName(f.kind)}, {"module", f.module}, {"module_version", f.module_version},
                        {"requires", f.required}, {"required_version", f.required_version}, {"constraint", f.constraint},
                        {"when", f.when}, {"file", f.file}, {"line", f.line}, {"derivation", f.derivation}});
  return {{"modules", modules}, {"findings", findings}, {"problems", c.Problems()}};
}

std::vector<std::string> ConstraintsAgainst(const ConstraintCheck& c, const std::string& module, const std::string& version) {
  std::vector<std::string> out;
  for (const ConstraintFinding& f : c.findings) {
    if (f.required != module || f.kind == ConstraintFinding::Kind::kNotApplicable || f.kind == ConstraintFinding::Kind::kCycle)
      continue;
    auto parsed = VersionConstraint::Parse(f.constraint);
    if (!parsed.ok() || parsed->Allows(version)) continue;
    out.push_back((f.module_version.empty() ? f.module : f.module + " " + f.module_version) + " requires " + module + " " +
                  f.constraint + " (" + f.file + ":" + std::to_string(f.line) + ")");
  }
  return out;
}

std::vector<Task> WorkspaceConstraintTasks(const std::string& manifest, const std::string& west_dir,
                                           const std::string& constraints_file) {
  if (manifest.empty()) return {};
  auto w = OpenModuleWorkspace(manifest, west_dir);
  Result<ConstraintCheck> c = w.ok() ? CheckWorkspaceConstraints(*w, {constraints_file, ""}) : Result<ConstraintCheck>(w.status());
  if (!c.ok())
    return {{"", TaskKind::kModuleConstraint, "module constraints could not be checked: " + c.status().ToString(), std::nullopt, false}};
  return ModuleConstraintTasks(c->findings);
}

}  // namespace psirt
