// VEX decisions made, kept and exported (see vex_service.h).
#include "app/vex_service.h"

#include <algorithm>
#include <map>

#include "app/account_service.h"
#include "formats/schema_validator.h"

namespace psirt {
namespace {

// A YAML scalar in double quotes with JSON's escapes (a subset YAML reads).
std::string YamlQuoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Status SetVexDecision(Store& store, const VexDecision& d) {
  PSIRT_RETURN_IF_ERROR(CheckVexDecision(d));
  return store.Write([&](StoreTx& tx) { return tx.AddVexDecision(d); });
}

Status DecideVex(Store& store, const VexDecision& d, const Viewer& v, const OwnersIndex* owners,
                 const std::map<std::string, std::string>& paths) {
  auto it = paths.find(d.module);
  if (!MaySeeModule(ModulePeople(owners, d.module, it != paths.end() ? it->second : d.module), v))
    return Status::Denied("only the PSIRT and the maintainers of " + d.module + "'s areas decide on its vulnerabilities");
  return SetVexDecision(store, d);
}

Result<std::vector<VexDecision>> CurrentVexDecisions(Store& store) {
  std::vector<VexDecision> all;
  PSIRT_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(all, tx.ListVexDecisions());
    return Status::Ok();
  }));
  std::map<std::pair<std::string, std::string>, VexDecision> latest;  // rows come oldest first
  for (VexDecision& d : all) latest[{d.module, d.vulnerability}] = std::move(d);
  std::vector<VexDecision> out;
  for (auto& [key, d] : latest) out.push_back(std::move(d));
  return out;
}

nlohmann::json VexDecisionToJson(const VexDecision& d) {
  return {{"module", d.module}, {"vulnerability", d.vulnerability}, {"status", d.status},
          {"justification", d.justification}, {"note", d.note}, {"author", d.author}, {"time", d.time}};
}

Result<nlohmann::json> VexToOpenVex(const std::vector<VexDecision>& decisions, const Sbom& sbom,
                                    const std::string& author, const std::string& timestamp) {
  if (decisions.empty()) return Status::Invalid("no VEX decisions to export (psirt vex set ...)");
  std::map<std::string, const SbomComponent*> by_name;
  for (const SbomComponent& c : sbom.components) by_name[c.ref] = &c;
  nlohmann::json statements = nlohmann::json::array();
  std::string digest;
  for (const VexDecision& d : decisions) {
    auto it = by_name.find(d.module);
    std::string purl = it != by_name.end() ? it->second->purl : "pkg:generic/" + d.module;
    nlohmann::json product = {{"@id", purl}, {"identifiers", {{"purl", purl}}}};
    nlohmann::json s = {{"vulnerability", {{"name", d.vulnerability}}},
                        {"products", nlohmann::json::array({product})},
                        {"status", d.status},
                        {"timestamp", d.time}};
    if (!d.justification.empty()) s["justification"] = d.justification;
    if (!d.note.empty()) s[d.status == "not_affected" ? "impact_statement" : "status_notes"] = d.note;
    if (d.status == "affected") s["action_statement"] = d.note.empty() ? "Update the module past the fix." : d.note;
    statements.push_back(std::move(s));
    digest += d.module + "\n" + d.vulnerability + "\n" + d.status + "\n" + d.time + "\n";
  }
  nlohmann::json doc = {{"@context", "https://openvex.dev/ns/v0.2.0"},
                        {"@id", "https://openvex.dev/docs/public/psirt-" + Sha256Hex(digest).substr(0, 32)},
                        {"author", author},
                        {"timestamp", timestamp},
                        {"version", 1},
                        {"tooling", "psirt"},
                        {"statements", statements}};
  PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<SchemaValidator> v, SchemaValidator::Compile("openvex-0.2.0.json"));
  PSIRT_RETURN_IF_ERROR(v->Validate(doc, "the OpenVEX document"));
  return doc;
}

std::vector<VexDecision> VisibleVex(std::vector<VexDecision> decisions, const std::map<std::string, std::string>& paths,
                                    const Viewer& v, const OwnersIndex* owners) {
  std::erase_if(decisions, [&](const VexDecision& d) {
    auto it = paths.find(d.module);
    return !MaySeeModule(ModulePeople(owners, d.module, it != paths.end() ? it->second : d.module), v);
  });
  return decisions;
}

std::string VexToModuleYml(const std::vector<VexDecision>& decisions, const std::string& module) {
  std::string out;
  for (const VexDecision& d : decisions) {
    if (d.module != module) continue;
    out += "    - vulnerability: " + YamlQuoted(d.vulnerability) + "\n      status: " + d.status + "\n";
    if (!d.justification.empty()) out += "      justification: " + d.justification + "\n";
    if (!d.note.empty())
      out += std::string("      ") + (d.status == "not_affected" ? "impact-statement" : "status-notes") + ": " +
             YamlQuoted(d.note) + "\n";
  }
  if (out.empty()) return "";
  return "security:\n  vulnerability-assessments:\n" + out;
}

}  // namespace psirt
