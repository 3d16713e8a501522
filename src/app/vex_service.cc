// VEX decisions made, kept and exported (see vex_service.h).
#include "app/vex_service.h"

#include "base/strings.h"
#include "formats/sbom_writers.h"

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

namespace {

const SbomComponent* ComponentOf(const Sbom& sbom, const std::string& module) {
  for (const SbomComponent& c : sbom.components)
    if (c.ref == module) return &c;
  return nullptr;
}

Status CheckedAgainst(const char* schema, const nlohmann::json& doc, const char* what) {
  PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<SchemaValidator> v, SchemaValidator::Compile(schema));
  return v->Validate(doc, what);
}

}  // namespace

Result<nlohmann::json> VexToCycloneDx(const std::vector<VexDecision>& decisions, const Sbom& sbom) {
  using nlohmann::json;
  if (decisions.empty()) return Status::Invalid("no VEX decisions to export (psirt vex set ...)");
  json doc = SbomToCycloneDx(sbom);
  json vulns = json::array();
  for (const VexDecision& d : decisions) {
    if (!ComponentOf(sbom, d.module)) {  // a decision on a module the manifest no longer has
      if (!doc.contains("components")) doc["components"] = json::array();
      doc["components"].push_back({{"type", "library"}, {"bom-ref", d.module}, {"name", d.module}});
    }
    json analysis = {{"state", CycloneDxVexState(d.status)}, {"lastUpdated", d.time}};
    if (std::string j = CycloneDxVexJustification(d.justification); !j.empty()) analysis["justification"] = j;
    if (!d.note.empty()) analysis["detail"] = d.note;
    if (d.status == "affected") analysis["response"] = json::array({"update"});
    vulns.push_back({{"bom-ref", "vex:" + d.module + ":" + d.vulnerability},
                     {"id", d.vulnerability},
                     {"analysis", analysis},
                     {"affects", json::array({{{"ref", d.module}}})}});
  }
  doc["vulnerabilities"] = vulns;
  PSIRT_RETURN_IF_ERROR(CheckedAgainst("cyclonedx-bom-1.6.json", doc, "the CycloneDX VEX document"));
  return doc;
}

Result<nlohmann::json> VexToCsaf(const std::vector<VexDecision>& decisions, const Sbom& sbom, const std::string& publisher,
                                 const std::string& ns, const std::string& timestamp) {
  using nlohmann::json;
  if (decisions.empty()) return Status::Invalid("no VEX decisions to export (psirt vex set ...)");
  std::map<std::string, json> products;  // module -> full product name
  std::map<std::string, std::vector<const VexDecision*>> by_vuln;
  std::string digest;
  for (const VexDecision& d : decisions) {
    const SbomComponent* c = ComponentOf(sbom, d.module);
    json product = {{"name", d.module + (c && !c->version.empty() ? " " + c->version : "")}, {"product_id", "MODULE-" + d.module}};
    if (c && !c->purl.empty()) product["product_identification_helper"] = {{"purl", c->purl}};
    products.emplace(d.module, product);
    by_vuln[d.vulnerability].push_back(&d);
    digest += d.module + "\n" + d.vulnerability + "\n" + d.status + "\n" + d.time + "\n";
  }
  json names = json::array();
  for (auto& [m, p] : products) names.push_back(p);
  json vulns = json::array();
  for (const auto& [id, ds] : by_vuln) {
    json v = json::object(), status = json::object(), flags = json::array(), remediations = json::array(), notes = json::array();
    if (id.rfind("CVE-", 0) == 0) v["cve"] = id;
    else v["ids"] = json::array({{{"system_name", id.rfind("GHSA-", 0) == 0 ? "GHSA" : "OSV"}, {"text", id}}});
    for (const VexDecision* d : ds) {
      std::string pid = "MODULE-" + d->module;
      status[CsafProductStatus(d->status)].push_back(pid);
      if (d->status == "not_affected" && !d->justification.empty())
        flags.push_back({{"label", d->justification}, {"product_ids", json::array({pid})}});
      if (d->status == "affected")
        remediations.push_back({{"category", "vendor_fix"},
                                {"details", d->note.empty() ? "Update the module past the fix." : d->note},
                                {"product_ids", json::array({pid})}});
      else if (!d->note.empty())
        notes.push_back({{"category", "details"}, {"title", d->module}, {"text", d->note}});
    }
    v["product_status"] = status;
    if (!flags.empty()) v["flags"] = flags;
    if (!remediations.empty()) v["remediations"] = remediations;
    if (!notes.empty()) v["notes"] = notes;
    vulns.push_back(v);
  }
  std::string id = "psirt-vex-" + Sha256Hex(digest).substr(0, 16);
  json tracking = {{"id", id},
                   {"status", "final"},
                   {"version", "1"},
                   {"initial_release_date", timestamp},
                   {"current_release_date", timestamp},
                   {"revision_history", json::array({{{"date", timestamp}, {"number", "1"}, {"summary", "VEX decisions"}}})},
                   {"generator", {{"engine", {{"name", "psirt"}}}}}};
  json doc = {{"document", {{"category", "csaf_vex"},
                            {"csaf_version", "2.0"},
                            {"publisher", {{"category", "vendor"}, {"name", publisher}, {"namespace", ns}}},
                            {"title", publisher + ": VEX decisions on the modules"},
                            {"tracking", tracking}}},
              {"product_tree", {{"full_product_names", names}}},
              {"vulnerabilities", vulns}};
  PSIRT_RETURN_IF_ERROR(CheckedAgainst("csaf-2.0.json", doc, "the CSAF VEX document"));
  return doc;
}

Result<nlohmann::json> ExportVex(const std::string& format, const std::vector<VexDecision>& decisions, const Sbom& sbom,
                                 const WorkspaceConfig& config, const std::string& timestamp) {
  std::string author = config.project.empty() ? "psirt" : config.project + " security team";
  if (format == "openvex") return VexToOpenVex(decisions, sbom, author, timestamp);
  if (format == "cyclonedx") return VexToCycloneDx(decisions, sbom);
  if (format == "csaf") {
    std::string publisher = !config.cna.vendor.empty() ? config.cna.vendor : author;
    std::string ns = !config.publish.repository_url.empty() ? config.publish.repository_url
                                                            : "https://example.invalid/" + PercentEncode(publisher);
    return VexToCsaf(decisions, sbom, publisher, ns, timestamp);
  }
  return std::move(Status::Usage("expected openvex, cyclonedx or csaf, not '" + format + "'").Field("format"));
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
