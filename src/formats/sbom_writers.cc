// SPDX and CycloneDX writers (see sbom_writers.h).
#include "formats/sbom_writers.h"

#include <cctype>

#include "base/strings.h"

namespace psirt {
namespace {

// SPDX ids allow letters, digits, '.' and '-'.
std::string SpdxId(const std::string& ref) {
  std::string out = "SPDXRef-";
  for (unsigned char c : ref) out += std::isalnum(c) || c == '.' || c == '-' ? static_cast<char>(c) : '-';
  return out;
}

std::string VcsLocation(const SbomComponent& c) {
  if (c.vcs_url.empty()) return "NOASSERTION";
  std::string url = c.vcs_url.rfind("git+", 0) == 0 ? c.vcs_url : "git+" + c.vcs_url;
  return c.commit.empty() ? url : url + "@" + c.commit;
}

// A UUID-shaped serial number from the document's digest (hex).
std::string SerialFromId(const std::string& id) {
  std::string h = id;
  while (h.size() < 32) h += "0";
  h[12] = '5';  // name-based, as a version-5 UUID
  const char variant[] = "89ab";
  h[16] = variant[std::isxdigit(static_cast<unsigned char>(h[16])) ? std::stoi(h.substr(16, 1), nullptr, 16) % 4 : 0];
  return "urn:uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
         h.substr(20, 12);
}

std::string BundledRef(const SbomComponent& c, const BundledCopy& b) { return c.ref + ":" + b.path; }

std::string HowFound(const SbomComponent& c, const BundledCopy& b) {
  return "bundled in " + c.ref + " at " + b.path + "; found by " + b.found_by + ": " + b.evidence;
}

// CycloneDX's analysis technique for how a copy or an identity was found.
const char* Technique(const std::string& found_by) {
  if (found_by == "module.yml" || found_by == "git submodule" || found_by == "declared") return "manifest-analysis";
  if (found_by == "licence file") return "filename";
  if (found_by == "tag" || found_by == "revision") return "other";
  return "source-code-analysis";
}

nlohmann::json IdentityEvidence(const std::string& purl, double confidence, const std::string& technique,
                                const std::string& value) {
  return {{"identity", nlohmann::json::array({{{"field", "purl"},
                                                {"confidence", confidence},
                                                {"concludedValue", purl},
                                                {"methods", nlohmann::json::array({{{"technique", technique},
                                                                                    {"confidence", confidence},
                                                                                    {"value", value}}})}}})}};
}

nlohmann::json BundledSpdxPackage(const SbomComponent& c, const BundledCopy& b) {
  using nlohmann::json;
  json refs = json::array();
  if (!b.purl.empty())
    refs.push_back({{"referenceCategory", "PACKAGE-MANAGER"}, {"referenceType", "purl"}, {"referenceLocator", b.purl}});
  for (const std::string& cpe : b.cpes)
    refs.push_back({{"referenceCategory", "SECURITY"}, {"referenceType", "cpe23Type"}, {"referenceLocator", cpe}});
  json p = {{"SPDXID", SpdxId(BundledRef(c, b))},
            {"name", b.name},
            {"downloadLocation", b.url.empty() ? "NOASSERTION" : "git+" + b.url + "@" + b.commit},
            {"filesAnalyzed", false},
            {"licenseConcluded", "NOASSERTION"},
            {"licenseDeclared", "NOASSERTION"},
            {"copyrightText", "NOASSERTION"},
            {"externalRefs", refs},
            {"sourceInfo", HowFound(c, b)}};
  if (!b.version.empty()) p["versionInfo"] = b.version;
  return p;
}

nlohmann::json BundledCycloneDx(const SbomComponent& c, const BundledCopy& b) {
  using nlohmann::json;
  json comp = {{"type", "library"}, {"bom-ref", BundledRef(c, b)}, {"name", b.name}};
  if (!b.version.empty()) comp["version"] = b.version;
  if (!b.purl.empty()) comp["purl"] = b.purl;
  if (!b.cpes.empty()) comp["cpe"] = b.cpes[0];
  comp["evidence"] = IdentityEvidence(b.purl, b.confidence, Technique(b.found_by), b.found_by + ": " + b.evidence);
  comp["evidence"]["occurrences"] = json::array({{{"location", b.path}}});
  comp["properties"] = json::array({{{"name", "psirt:bundled-in"}, {"value", c.ref}},
                                    {{"name", "psirt:found-by"}, {"value", b.found_by}}});
  return comp;
}

}  // namespace

nlohmann::json SbomToSpdx(const Sbom& s) {
  using nlohmann::json;
  json packages = json::array(), relationships = json::array();
  for (const SbomComponent& c : s.components) {
    json refs = json::array();
    if (!c.purl.empty())
      refs.push_back({{"referenceCategory", "PACKAGE-MANAGER"}, {"referenceType", "purl"}, {"referenceLocator", c.purl}});
    for (const std::string& cpe : c.cpes)
      refs.push_back({{"referenceCategory", "SECURITY"}, {"referenceType", "cpe23Type"}, {"referenceLocator", cpe}});
    json p = {{"SPDXID", SpdxId(c.ref)},
              {"name", c.name},
              {"versionInfo", c.version},
              {"downloadLocation", VcsLocation(c)},
              {"filesAnalyzed", false},
              {"licenseConcluded", "NOASSERTION"},
              {"licenseDeclared", "NOASSERTION"},
              {"copyrightText", "NOASSERTION"},
              {"externalRefs", refs},
              {"comment", "west project '" + c.ref + "' at " + c.path + ", revision " + c.revision +
                              " (version from " + c.version_source + ")"}};
    packages.push_back(std::move(p));
    relationships.push_back(
        {{"spdxElementId", "SPDXRef-DOCUMENT"}, {"relationshipType", "DESCRIBES"}, {"relatedSpdxElement", SpdxId(c.ref)}});
    for (const std::string& d : c.depends_on)
      relationships.push_back(
          {{"spdxElementId", SpdxId(c.ref)}, {"relationshipType", "DEPENDS_ON"}, {"relatedSpdxElement", SpdxId(d)}});
    for (const BundledCopy& b : c.bundled) {
      packages.push_back(BundledSpdxPackage(c, b));
      relationships.push_back({{"spdxElementId", SpdxId(c.ref)},
                               {"relationshipType", "CONTAINS"},
                               {"relatedSpdxElement", SpdxId(BundledRef(c, b))}});
    }
  }
  return {{"spdxVersion", "SPDX-2.3"},
          {"dataLicense", "CC0-1.0"},
          {"SPDXID", "SPDXRef-DOCUMENT"},
          {"name", s.name + " modules"},
          {"documentNamespace", "https://spdx.org/spdxdocs/psirt/" + s.name + "-" + s.id},
          {"creationInfo", {{"created", s.created}, {"creators", json::array({"Tool: " + s.tool})}}},
          {"packages", packages},
          {"relationships", relationships}};
}

nlohmann::json SbomToCycloneDx(const Sbom& s) {
  using nlohmann::json;
  json components = json::array(), dependencies = json::array();
  for (const SbomComponent& c : s.components) {
    json comp = {{"type", "library"}, {"bom-ref", c.ref}, {"name", c.name}, {"version", c.version}};
    if (!c.purl.empty()) comp["purl"] = c.purl;
    if (!c.cpes.empty()) comp["cpe"] = c.cpes[0];
    if (!c.vcs_url.empty())
      comp["externalReferences"] = json::array({{{"type", "vcs"}, {"url", VcsLocation(c)}}});
    json props = json::array({{{"name", "psirt:west:revision"}, {"value", c.revision}},
                              {{"name", "psirt:west:path"}, {"value", c.path}},
                              {{"name", "psirt:version-source"}, {"value", c.version_source}}});
    if (!c.commit.empty()) props.push_back({{"name", "psirt:commit"}, {"value", c.commit}});
    for (size_t i = 1; i < c.cpes.size(); ++i) props.push_back({{"name", "psirt:cpe"}, {"value", c.cpes[i]}});
    comp["properties"] = props;
    if (c.identity_confidence != "declared" && !c.purl.empty())
      comp["evidence"] = IdentityEvidence(c.purl, c.identity_score, Technique(c.version_source),
                                          c.identity_confidence + " confidence: " + Join(c.identity_reasons, "; "));
    if (!c.bundled.empty()) {
      comp["components"] = json::array();
      for (const BundledCopy& b : c.bundled) comp["components"].push_back(BundledCycloneDx(c, b));
    }
    components.push_back(std::move(comp));
    dependencies.push_back({{"ref", c.ref}, {"dependsOn", c.depends_on}});
  }
  std::string tool_version = s.tool.find(' ') == std::string::npos ? "" : s.tool.substr(s.tool.find(' ') + 1);
  return {{"bomFormat", "CycloneDX"},
          {"specVersion", "1.6"},
          {"serialNumber", SerialFromId(s.id)},
          {"version", 1},
          {"metadata",
           {{"timestamp", s.created},
            {"tools", {{"components", json::array({{{"type", "application"}, {"name", "psirt"}, {"version", tool_version}}})}}},
            {"component", {{"type", "application"}, {"bom-ref", "workspace:" + s.name}, {"name", s.name}}}}},
          {"components", components},
          {"dependencies", dependencies}};
}

}  // namespace psirt
