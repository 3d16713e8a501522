// Checking module compatibility constraints (see module_constraints.h).
#include "core/module_constraints.h"

#include <algorithm>
#include <functional>
#include <map>

#include "core/west_manifest.h"

namespace psirt {
namespace {

using Kind = ConstraintFinding::Kind;

std::string NamedAt(const std::string& module, const std::string& version) {
  return version.empty() ? module + " (version unknown)" : module + " " + version;
}

struct RequirementEdge {
  std::string from, to, file;
  int line;
};

// Cycles among the requirements, each once (from its smallest module name).
std::vector<ConstraintFinding> RequirementCycles(const std::vector<RequirementEdge>& edges) {
  std::map<std::string, std::vector<const RequirementEdge*>> out;
  for (const RequirementEdge& e : edges) out[e.from].push_back(&e);
  std::vector<ConstraintFinding> found;
  std::set<std::string> seen_cycles;
  std::vector<const RequirementEdge*> path;
  std::set<std::string> on_path;
  std::set<std::string> done;
  std::function<void(const std::string&)> visit = [&](const std::string& m) {
    on_path.insert(m);
    for (const RequirementEdge* e : out[m]) {
      if (on_path.count(e->to)) {
        // The cycle: from e->to along the path back to e.
        std::vector<const RequirementEdge*> cycle;
        size_t start = 0;
        while (start < path.size() && path[start]->from != e->to) ++start;
        cycle.assign(path.begin() + static_cast<long>(start), path.end());
        cycle.push_back(e);
        std::string key;
        std::vector<std::string> names;
        for (const RequirementEdge* c : cycle) names.push_back(c->from);
        std::rotate(names.begin(), std::min_element(names.begin(), names.end()), names.end());
        for (const std::string& n : names) key += n + ">";
        if (!seen_cycles.insert(key).second) continue;
        ConstraintFinding f;
        f.kind = Kind::kCycle;
        f.module = e->to, f.required = e->to, f.file = cycle.front()->file, f.line = cycle.front()->line;
        std::string chain;
        for (const RequirementEdge* c : cycle) {
          f.derivation.push_back(c->from + " requires " + c->to + " (" + SourceAt(c->file, c->line) + ")");
          chain += c->from + " -> ";
        }
        f.derivation.push_back("so the requirements go round in a cycle: " + chain + e->to);
        found.push_back(std::move(f));
      } else if (!done.count(e->to)) {
        path.push_back(e);
        visit(e->to);
        path.pop_back();
      }
    }
    on_path.erase(m);
    done.insert(m);
  };
  for (const auto& [m, list] : out)
    if (!done.count(m)) visit(m);
  return found;
}

}  // namespace

std::string SourceAt(const std::string& file, int line) { return file + (line > 0 ? ":" + std::to_string(line) : ""); }

bool RequirementHolds(const std::string& when, const ConstraintContext& ctx, std::string& note) {
  if (when.empty()) return true;
  if (when.rfind("CONFIG_", 0) == 0) {
    if (!ctx.kconfig_known) {
      note = "assumed " + when + " is set (no configuration given)";
      return true;
    }
    return ctx.kconfig.count(when) > 0;
  }
  return WestGroupEnabled(ctx.group_filter, when);
}

const char* ConstraintKindName(Kind k) {
  switch (k) {
    case Kind::kSatisfied: return "satisfied";
    case Kind::kConflict: return "conflict";
    case Kind::kInactive: return "inactive";
    case Kind::kMissing: return "missing";
    case Kind::kUnknownVersion: return "unknown_version";
    case Kind::kNotApplicable: return "not_applicable";
    case Kind::kCycle: return "cycle";
  }
  return "?";
}

std::string VersionSourceWords(const std::string& source) {
  if (source == "cpe") return "from its CPE";
  if (source == "purl") return "from its package URL";
  if (source == "tag") return "from its release tag";
  if (source == "header") return "from its version header";
  return "its revision only";
}

std::vector<ConstraintFinding> CheckModuleConstraints(const std::vector<ModuleVersionFact>& modules,
                                                      const std::vector<ConstraintRule>& rules,
                                                      const ConstraintContext& context) {
  std::map<std::string, const ModuleVersionFact*> by_name;
  for (const ModuleVersionFact& m : modules) by_name[m.module] = &m;
  std::vector<ConstraintFinding> out;
  std::vector<RequirementEdge> edges;
  for (const ConstraintRule& rule : rules)
    if (!by_name.count(rule.module)) {
      ConstraintFinding f;
      f.kind = Kind::kMissing;
      f.module = rule.module, f.file = rule.file, f.line = rule.line;
      f.derivation.push_back("a rule about " + rule.module + " (" + SourceAt(rule.file, rule.line) +
                             "), which is no project of the manifest: check its name");
      out.push_back(std::move(f));
    }
  for (const ModuleVersionFact& m : modules) {
    if (!m.active) continue;
    std::vector<const ModuleRequirement*> reqs;
    for (const ModuleRequirement& r : m.needs) reqs.push_back(&r);
    for (const ConstraintRule& rule : rules)
      if (rule.module == m.module && (!rule.applies_to || (!m.version.empty() && rule.applies_to->Allows(m.version))))
        for (const ModuleRequirement& r : rule.needs) reqs.push_back(&r);
    for (const ModuleRequirement* r : reqs) {
      ConstraintFinding f;
      f.module = m.module, f.module_version = m.version, f.required = r->module;
      f.constraint = r->constraint.text(), f.when = r->when, f.file = r->file, f.line = r->line;
      std::string note;
      std::string needs = NamedAt(m.module, m.version) + " requires " + r->module + " " + r->constraint.text() +
                          (r->when.empty() ? "" : " when " + r->when) + " (" + SourceAt(r->file, r->line) + ")";
      if (!RequirementHolds(r->when, context, note)) {
        f.kind = Kind::kNotApplicable;
        f.derivation = {needs, r->when + " does not hold here, so it does not apply"};
        out.push_back(std::move(f));
        continue;
      }
      f.derivation.push_back(needs);
      if (!note.empty()) f.derivation.push_back(note);
      auto it = by_name.find(r->module);
      std::string cannot = ", " + m.module + " cannot be built.";
      if (it == by_name.end()) {
        f.kind = Kind::kMissing;
        f.derivation.push_back("Because " + m.module + " requires " + r->module + " and the manifest has no project " +
                               r->module + cannot);
      } else if (!it->second->active) {
        f.kind = Kind::kInactive;
        edges.push_back({m.module, r->module, r->file, r->line});
        f.derivation.push_back("the manifest's group filter leaves " + r->module + " out (" +
                               SourceAt(it->second->manifest_file, it->second->manifest_line) + ")");
        f.derivation.push_back("Because " + m.module + " requires " + r->module + " and the manifest leaves " + r->module +
                               " out" + cannot);
      } else if (it->second->version.empty()) {
        f.kind = Kind::kUnknownVersion;
        edges.push_back({m.module, r->module, r->file, r->line});
        f.derivation.push_back(r->module + "'s version is unknown (" + VersionSourceWords(it->second->version_source) +
                               "), so " + r->constraint.text() + " cannot be checked");
      } else {
        const ModuleVersionFact& t = *it->second;
        f.required_version = t.version;
        edges.push_back({m.module, r->module, r->file, r->line});
        std::string pins = "the manifest pins " + r->module + " at " + t.version + " (" +
                           VersionSourceWords(t.version_source) + "; " + SourceAt(t.manifest_file, t.manifest_line) + ")";
        f.derivation.push_back(pins);
        if (r->constraint.Allows(t.version)) {
          f.kind = Kind::kSatisfied;
        } else {
          f.kind = Kind::kConflict;
          f.derivation.push_back("Because " + NamedAt(m.module, m.version) + " requires " + r->module + " " +
                                 r->constraint.text() + " and the manifest pins " + r->module + " at " + t.version + cannot);
        }
      }
      out.push_back(std::move(f));
    }
  }
  for (ConstraintFinding& c : RequirementCycles(edges)) out.push_back(std::move(c));
  return out;
}

}  // namespace psirt
