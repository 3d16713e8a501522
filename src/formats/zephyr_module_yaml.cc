// zephyr/module.yml reading (see zephyr_module_yaml.h).
#include "formats/zephyr_module_yaml.h"

#include <cctype>

#include "core/vex.h"
#include "formats/module_constraints_yaml.h"

#include <algorithm>
#include <set>

#include <yaml-cpp/yaml.h>

namespace psirt {
namespace {

int Line(const YAML::Node& n) { return n.Mark().line + 1; }

Status Error(const std::string& file, const YAML::Node& n, const std::string& field, const std::string& msg) {
  return std::move(Status::Invalid(msg).Field(field).At(file, Line(n)));
}

Status ReadStringList(const std::string& file, const YAML::Node& n, const std::string& field,
                      std::vector<ModuleReference>& out) {
  if (!n.IsSequence()) return Error(file, n, field, "expected a list of strings");
  for (const YAML::Node& e : n) {
    if (!e.IsScalar()) return Error(file, e, field, "expected a string");
    out.push_back({e.Scalar(), Line(e)});
  }
  return Status::Ok();
}

Status ReadAssessments(const std::string& file, const YAML::Node& list, std::vector<VulnAssessment>& out) {
  const std::string field = "security.vulnerability-assessments";
  if (!list.IsSequence()) return Error(file, list, field, "expected a list of assessments");
  for (const YAML::Node& e : list) {
    if (!e.IsMap()) return Error(file, e, field, "expected a mapping (vulnerability, status, justification, ...)");
    VulnAssessment a;
    a.line = Line(e);
    for (auto it = e.begin(); it != e.end(); ++it) {
      std::string key = it->first.as<std::string>("");
      if (!it->second.IsScalar()) return Error(file, it->second, field + "." + key, "expected a string");
      std::string v = it->second.Scalar();
      if (key == "vulnerability") a.vulnerability = v;
      else if (key == "status") a.status = v;
      else if (key == "justification") a.justification = v;
      else if (key == "status-notes" || key == "status_notes") a.status_notes = v;
      else if (key == "impact-statement" || key == "impact_statement") a.impact_statement = v;
      else
        return Error(file, it->first, field + "." + key,
                     "unknown key (expected vulnerability, status, justification, status-notes, impact-statement)");
    }
    if (a.vulnerability.empty()) return Error(file, e, field + ".vulnerability", "expected the vulnerability's id");
    std::string status = NormalizeVexStatus(a.status);
    if (status.empty())
      return Error(file, e["status"] ? e["status"] : e, field + ".status",
                   "expected not_affected, affected, fixed or under_investigation (or CSAF's known_not_affected, known_affected)");
    a.status = status;
    const auto& justifications = VexJustifications();
    if (!a.justification.empty() &&
        std::find(justifications.begin(), justifications.end(), a.justification) == justifications.end())
      return Error(file, e["justification"], field + ".justification",
                   "expected one of OpenVEX's justifications (component_not_present, vulnerable_code_not_present, "
                   "vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, "
                   "inline_mitigations_already_exist)");
    if (a.status == "not_affected" && a.justification.empty() && a.impact_statement.empty())
      return Error(file, e, field + ".justification", "not_affected needs a justification or an impact-statement (OpenVEX)");
    out.push_back(std::move(a));
  }
  return Status::Ok();
}

// A list of external references, each a CPE 2.3 name or a package URL.
Status ReadReferences(const std::string& file, const YAML::Node& n, const std::string& field,
                      std::vector<ModuleReference>& refs, std::vector<Cpe>& cpes, std::vector<Purl>& purls) {
  PSIRT_RETURN_IF_ERROR(ReadStringList(file, n, field, refs));
  for (const ModuleReference& r : refs) {
    if (r.text.rfind("cpe:", 0) == 0) {
      auto cpe = ParseCpe23(r.text);
      if (!cpe.ok()) return std::move(Status::Invalid(cpe.status().message()).Field(field).At(file, r.line));
      cpes.push_back(*cpe);
    } else if (r.text.rfind("pkg:", 0) == 0) {
      auto purl = ParsePurl(r.text);
      if (!purl.ok()) return std::move(Status::Invalid(purl.status().message()).Field(field).At(file, r.line));
      purls.push_back(*purl);
    } else {
      return std::move(Status::Invalid("'" + r.text + "': expected a CPE 2.3 name (cpe:2.3:...) or a package URL (pkg:...)")
                           .Field(field)
                           .At(file, r.line));
    }
  }
  return Status::Ok();
}

// security.bundled (a psirt extension): the other projects' code a module
// carries, each with its name, its folder in the module and what it is.
Status ReadBundled(const std::string& file, const YAML::Node& list, std::vector<DeclaredCopy>& out) {
  const std::string field = "security.bundled";
  if (!list.IsSequence()) return Error(file, list, field, "expected a list of copies (name, path, version, external-references)");
  for (const YAML::Node& e : list) {
    if (!e.IsMap()) return Error(file, e, field, "expected a mapping (name, path, version, external-references)");
    DeclaredCopy d;
    d.line = e.Mark().line + 1;
    for (auto it = e.begin(); it != e.end(); ++it) {
      std::string key = it->first.as<std::string>();
      if (key == "external-references") {
        PSIRT_RETURN_IF_ERROR(ReadReferences(file, it->second, field + ".external-references", d.references, d.cpes, d.purls));
        continue;
      }
      if (key != "name" && key != "path" && key != "version")
        return Error(file, it->first, field + "." + key, "unknown key (expected name, path, version, external-references)");
      if (!it->second.IsScalar()) return Error(file, it->second, field + "." + key, "expected a string");
      (key == "name" ? d.name : key == "path" ? d.path : d.version) = it->second.as<std::string>();
    }
    if (d.name.empty()) return Error(file, e, field + ".name", "expected the bundled project's name");
    while (!d.path.empty() && d.path.back() == '/') d.path.pop_back();
    if (d.path.empty() || d.path.front() == '/' || d.path.find("..") != std::string::npos)
      return Error(file, e, field + ".path", "expected the copy's folder, relative to the module");
    out.push_back(std::move(d));
  }
  return Status::Ok();
}

// security.version-header (a psirt extension): {file, define}.
Result<DeclaredVersionHeader> ReadVersionHeader(const std::string& file, const YAML::Node& n) {
  const std::string field = "security.version-header";
  if (!n.IsMap()) return Error(file, n, field, "expected a mapping (file, define)");
  DeclaredVersionHeader h;
  h.line = n.Mark().line + 1;
  for (auto it = n.begin(); it != n.end(); ++it) {
    std::string key = it->first.as<std::string>("");
    if (key != "file" && key != "define") return Error(file, it->first, field + "." + key, "unknown key (expected file, define)");
    if (!it->second.IsScalar()) return Error(file, it->second, field + "." + key, "expected a string");
    (key == "file" ? h.file : h.define) = it->second.Scalar();
  }
  if (h.file.empty() || h.file.front() == '/' || h.file.find("..") != std::string::npos)
    return Error(file, n, field + ".file", "expected the header's path, relative to the module");
  bool identifier = !h.define.empty() && !std::isdigit(static_cast<unsigned char>(h.define[0]));
  for (char c : h.define) identifier = identifier && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!identifier) return Error(file, n, field + ".define", "expected the name of the #define that states the version");
  return h;
}

}  // namespace

Result<ZephyrModuleMeta> ReadZephyrModule(std::string_view text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return std::move(Status::Invalid("not valid YAML: " + e.msg).At(file, e.mark.line + 1));
  }
  ZephyrModuleMeta m;
  m.file = file;
  if (root.IsNull()) return m;
  if (!root.IsMap()) return std::move(Status::Invalid("expected a mapping (name, build, security, ...)").At(file, 1));
  static const std::set<std::string> kTopLevel = {"name",  "build",  "samples", "tests",           "boards",
                                                  "blobs", "runners", "security", "package-managers", "requires"};
  for (auto it = root.begin(); it != root.end(); ++it) {
    std::string key = it->first.as<std::string>("");
    if (!kTopLevel.count(key))
      return Error(file, it->first, key, "unknown key (expected one of name, build, samples, tests, boards, blobs, "
                                         "runners, security, package-managers, requires)");
  }
  if (const YAML::Node name = root["name"]) {
    if (!name.IsScalar() || name.Scalar().empty()) return Error(file, name, "name", "expected the module's name");
    m.name = name.Scalar();
  }
  if (const YAML::Node build = root["build"]) {
    if (!build.IsMap()) return Error(file, build, "build", "expected a mapping");
    if (const YAML::Node depends = build["depends"]) {
      std::vector<ModuleReference> deps;
      PSIRT_RETURN_IF_ERROR(ReadStringList(file, depends, "build.depends", deps));
      for (const ModuleReference& d : deps) m.depends.push_back(d.text);
    }
  }
  if (const YAML::Node requires_list = root["requires"])
    PSIRT_RETURN_IF_ERROR(ReadRequirements(file, requires_list, "requires", m.requirements));
  if (const YAML::Node security = root["security"]) {
    if (!security.IsMap()) return Error(file, security, "security", "expected a mapping");
    if (const YAML::Node refs = security["external-references"])
      PSIRT_RETURN_IF_ERROR(ReadReferences(file, refs, "security.external-references", m.external_references, m.cpes, m.purls));
    if (const YAML::Node contact = security["contact"]) {
      if (!contact.IsScalar()) return Error(file, contact, "security.contact", "expected an e-mail address or URL");
      m.security_contact = contact.as<std::string>();
    }
    if (const YAML::Node assessments = security["vulnerability-assessments"])
      PSIRT_RETURN_IF_ERROR(ReadAssessments(file, assessments, m.assessments));
    if (const YAML::Node bundled = security["bundled"]) PSIRT_RETURN_IF_ERROR(ReadBundled(file, bundled, m.bundled));
    if (const YAML::Node header = security["version-header"]) {
      PSIRT_ASSIGN_OR_RETURN(DeclaredVersionHeader h, ReadVersionHeader(file, header));
      m.version_header = std::move(h);
    }
  }
  return m;
}

}  // namespace psirt
