// Module constraints from YAML (see module_constraints_yaml.h).
#include "formats/module_constraints_yaml.h"

#include "base/strings.h"


namespace psirt {
namespace {

int ConstraintLine(const YAML::Node& n) { return n.Mark().line + 1; }

Status ConstraintError(const std::string& file, const YAML::Node& n, const std::string& field, const std::string& msg) {
  return std::move(Status::Invalid(msg).Field(field).At(file, ConstraintLine(n)));
}

// A scalar's text, or an error naming the field.
Result<std::string> Scalar(const std::string& file, const YAML::Node& n, const std::string& field) {
  if (!n || !n.IsScalar()) return ConstraintError(file, n, field, "expected a string");
  return n.Scalar();
}

Result<VersionConstraint> Constraint(const std::string& file, const YAML::Node& n, const std::string& field) {
  PSIRT_ASSIGN_OR_RETURN(std::string text, Scalar(file, n, field));
  auto c = VersionConstraint::Parse(text);
  if (!c.ok()) return ConstraintError(file, n, field, c.status().message());
  return c;
}

Status OnlyKeys(const std::string& file, const YAML::Node& map, const std::string& field,
                std::initializer_list<const char*> keys) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    std::string k = it->first.IsScalar() ? it->first.Scalar() : "";
    bool known = false;
    std::string list;
    for (const char* key : keys) known = known || k == key, list += (list.empty() ? "" : ", ") + std::string(key);
    if (!known) return ConstraintError(file, it->first, field.empty() ? k : field + "." + k, "unknown key (expected " + list + ")");
  }
  return Status::Ok();
}

bool ValidModuleName(const std::string& s) {
  if (s.empty() || s.size() > 200 || !IsValidUtf8(s)) return false;
  for (unsigned char c : s)
    if (c <= ' ' || c == 0x7f || c == '/' || c == '\\' || c == ',') return false;
  return true;
}

}  // namespace

Status ReadRequirements(const std::string& file, const YAML::Node& node, const std::string& field,
                        std::vector<ModuleRequirement>& out) {
  if (!node.IsSequence()) return ConstraintError(file, node, field, "expected a list of requirements (module, version, when)");
  for (const YAML::Node& e : node) {
    if (!e.IsMap()) return ConstraintError(file, e, field, "expected a mapping (module, version, when)");
    PSIRT_RETURN_IF_ERROR(OnlyKeys(file, e, field, {"module", "version", "when"}));
    ModuleRequirement r;
    r.file = file, r.line = ConstraintLine(e);
    if (!e["module"]) return ConstraintError(file, e, field + ".module", "expected the required module's name");
    PSIRT_ASSIGN_OR_RETURN(r.module, Scalar(file, e["module"], field + ".module"));
    if (!ValidModuleName(r.module)) return ConstraintError(file, e["module"], field + ".module", "expected a project name");
    if (!e["version"]) return ConstraintError(file, e, field + ".version", "expected a version constraint (e.g. \">=3.6.0, <3.7.0\")");
    PSIRT_ASSIGN_OR_RETURN(r.constraint, Constraint(file, e["version"], field + ".version"));
    if (e["when"]) {
      PSIRT_ASSIGN_OR_RETURN(r.when, Scalar(file, e["when"], field + ".when"));
      if (!ValidModuleName(r.when)) return ConstraintError(file, e["when"], field + ".when", "expected a Kconfig symbol or a group name");
    }
    out.push_back(std::move(r));
  }
  return Status::Ok();
}

Result<std::vector<ConstraintRule>> ReadConstraintsFile(std::string_view text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return std::move(Status::Invalid("not valid YAML: " + e.msg).At(file, e.mark.line + 1));
  }
  if (root.IsNull()) return std::vector<ConstraintRule>{};
  if (!root.IsMap()) return std::move(Status::Invalid("expected a mapping with 'constraints:'").At(file, 1));
  PSIRT_RETURN_IF_ERROR(OnlyKeys(file, root, "", {"constraints"}));
  std::vector<ConstraintRule> rules;
  const YAML::Node list = root["constraints"];
  if (!list) return rules;
  if (!list.IsSequence()) return ConstraintError(file, list, "constraints", "expected a list of rules (module, version, requires)");
  for (const YAML::Node& e : list) {
    if (!e.IsMap()) return ConstraintError(file, e, "constraints", "expected a mapping (module, version, requires)");
    PSIRT_RETURN_IF_ERROR(OnlyKeys(file, e, "constraints", {"module", "version", "requires"}));
    ConstraintRule rule;
    rule.file = file, rule.line = ConstraintLine(e);
    if (!e["module"]) return ConstraintError(file, e, "constraints.module", "expected the module the rule is about");
    PSIRT_ASSIGN_OR_RETURN(rule.module, Scalar(file, e["module"], "constraints.module"));
    if (!ValidModuleName(rule.module)) return ConstraintError(file, e["module"], "constraints.module", "expected a project name");
    if (e["version"]) {
      PSIRT_ASSIGN_OR_RETURN(VersionConstraint c, Constraint(file, e["version"], "constraints.version"));
      rule.applies_to = std::move(c);
    }
    if (!e["requires"]) return ConstraintError(file, e, "constraints.requires", "expected what the module requires");
    PSIRT_RETURN_IF_ERROR(ReadRequirements(file, e["requires"], "constraints.requires", rule.needs));
    rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace psirt
