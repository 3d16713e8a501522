// CVE 5 records read for the vulnerability database (see cve5_record.h).
#include "formats/cve5_record.h"

#include "core/version_ranges.h"
#include "formats/schema_validator.h"

namespace psirt {
namespace {

using nlohmann::json;

const SchemaValidator* Cve5RecordSchema() {
  static const std::unique_ptr<SchemaValidator> v = [] {
    auto c = SchemaValidator::Compile("cve-5.1.1-bundled.json");
    return c.ok() ? std::move(c).value() : nullptr;
  }();
  return v.get();
}

std::string CveText(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// An entry of `versions`, and its GIT range when it spans two commits.
void AddCveVersion(const json& v, VulnAffected& a) {
  VersionEntry e{CveText(v, "version"), CveText(v, "status"), CveText(v, "versionType"), CveText(v, "lessThan"),
                 CveText(v, "lessThanOrEqual"), {}};
  for (const json& c : v.value("changes", json::array()))
    if (c.is_object()) e.changes.emplace_back(CveText(c, "at"), CveText(c, "status"));
  if (IsGitCommitEntry(e) && e.status == "affected" && !a.repo.empty()) {
    VulnRange r{"GIT", a.repo, {{RangeEvent::Kind::kIntroduced, e.version}}};
    if (!e.less_than.empty()) r.events.push_back({RangeEvent::Kind::kFixed, e.less_than});
    else if (!e.less_than_or_equal.empty()) r.events.push_back({RangeEvent::Kind::kLastAffected, e.less_than_or_equal});
    a.ranges.push_back(std::move(r));
  }
  a.version_entries.push_back(std::move(e));
}

void AddCveAffected(const json& container, VulnRecord& rec) {
  for (const json& x : container.value("affected", json::array())) {
    if (!x.is_object()) continue;
    VulnAffected a;
    a.vendor = CveText(x, "vendor");
    a.product = CveText(x, "product");
    a.name = CveText(x, "packageName");
    a.ecosystem = CveText(x, "collectionURL");
    a.repo = CveText(x, "repo");
    a.default_status = CveText(x, "defaultStatus");
    for (const json& c : x.value("cpes", json::array()))
      if (c.is_string()) a.cpes.push_back(c.get<std::string>());
    for (const json& v : x.value("versions", json::array()))
      if (v.is_object()) AddCveVersion(v, a);
    rec.affected.push_back(std::move(a));
  }
}

}  // namespace

Result<VulnRecord> Cve5JsonToRecord(const json& j, const std::string& file) {
  if (const SchemaValidator* v = Cve5RecordSchema()) PSIRT_RETURN_IF_ERROR(v->Validate(j, file));
  const json& meta = j.at("cveMetadata");
  VulnRecord rec;
  rec.id = CveText(meta, "cveId");
  rec.published = CveText(meta, "datePublished");
  rec.modified = CveText(meta, "dateUpdated");
  if (rec.modified.empty()) rec.modified = rec.published;
  if (CveText(meta, "state") == "REJECTED") rec.withdrawn = CveText(meta, "dateRejected").empty() ? rec.modified : CveText(meta, "dateRejected");
  const json& containers = j.at("containers");
  const json& cna = containers.at("cna");
  rec.summary = CveText(cna, "title");
  for (const json& d : cna.value("descriptions", json::array()))
    if (d.is_object() && CveText(d, "lang").rfind("en", 0) == 0) {
      rec.details = CveText(d, "value");
      break;
    }
  AddCveAffected(cna, rec);
  for (const json& adp : containers.value("adp", json::array()))
    if (adp.is_object()) AddCveAffected(adp, rec);
  return rec;
}

}  // namespace psirt
