// SPDX and CycloneDX writers (see sbom_writers.h).
#include "formats/sbom_writers.h"

#include <cctype>

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
