// The stored form of vulnerability records (see vuln_record_json.h).
#include "formats/vuln_record_json.h"

#include <nlohmann/json.hpp>

namespace psirt {
namespace {

using nlohmann::json;

const char* StoredEventName(RangeEvent::Kind k) {
  switch (k) {
    case RangeEvent::Kind::kIntroduced: return "introduced";
    case RangeEvent::Kind::kFixed: return "fixed";
    case RangeEvent::Kind::kLastAffected: return "last_affected";
    case RangeEvent::Kind::kLimit: return "limit";
  }
  return "introduced";
}

// Drops empty strings and arrays so the stored text stays small.
void PutNonEmpty(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
void PutNonEmpty(json& j, const char* key, const std::vector<std::string>& v) {
  if (!v.empty()) j[key] = v;
}

std::string StoredText(const json& j, const char* key) { return j.value(key, std::string()); }
std::vector<std::string> StoredList(const json& j, const char* key) {
  return j.contains(key) ? j[key].get<std::vector<std::string>>() : std::vector<std::string>{};
}

json StoredAffectedToJson(const VulnAffected& a) {
  json j = json::object();
  PutNonEmpty(j, "ecosystem", a.ecosystem), PutNonEmpty(j, "name", a.name), PutNonEmpty(j, "purl", a.purl);
  PutNonEmpty(j, "vendor", a.vendor), PutNonEmpty(j, "product", a.product), PutNonEmpty(j, "repo", a.repo);
  PutNonEmpty(j, "cpes", a.cpes), PutNonEmpty(j, "versions", a.versions), PutNonEmpty(j, "default_status", a.default_status);
  for (const VulnRange& r : a.ranges) {
    json events = json::array();
    for (const RangeEvent& e : r.events) events.push_back({{StoredEventName(e.kind), e.value}});
    json jr = {{"type", r.type}, {"events", events}};
    PutNonEmpty(jr, "repo", r.repo);
    j["ranges"].push_back(jr);
  }
  for (const VersionEntry& e : a.version_entries) {
    json je = json::object();
    PutNonEmpty(je, "version", e.version), PutNonEmpty(je, "status", e.status), PutNonEmpty(je, "type", e.version_type);
    PutNonEmpty(je, "lt", e.less_than), PutNonEmpty(je, "le", e.less_than_or_equal);
    for (const auto& [at, st] : e.changes) je["changes"].push_back({at, st});
    j["entries"].push_back(je);
  }
  return j;
}

VulnAffected StoredAffectedFromJson(const json& j) {
  VulnAffected a;
  a.ecosystem = StoredText(j, "ecosystem"), a.name = StoredText(j, "name"), a.purl = StoredText(j, "purl");
  a.vendor = StoredText(j, "vendor"), a.product = StoredText(j, "product"), a.repo = StoredText(j, "repo");
  a.cpes = StoredList(j, "cpes"), a.versions = StoredList(j, "versions"), a.default_status = StoredText(j, "default_status");
  for (const json& jr : j.value("ranges", json::array())) {
    VulnRange r{StoredText(jr, "type"), StoredText(jr, "repo"), {}};
    for (const json& e : jr.at("events"))
      for (auto [name, kind] : {std::pair{"introduced", RangeEvent::Kind::kIntroduced},
                                {"fixed", RangeEvent::Kind::kFixed},
                                {"last_affected", RangeEvent::Kind::kLastAffected},
                                {"limit", RangeEvent::Kind::kLimit}})
        if (e.contains(name)) r.events.push_back({kind, e[name].get<std::string>()});
    a.ranges.push_back(std::move(r));
  }
  for (const json& je : j.value("entries", json::array())) {
    VersionEntry e{StoredText(je, "version"), StoredText(je, "status"), StoredText(je, "type"), StoredText(je, "lt"), StoredText(je, "le"), {}};
    for (const json& c : je.value("changes", json::array())) e.changes.emplace_back(c.at(0), c.at(1));
    a.version_entries.push_back(std::move(e));
  }
  return a;
}

}  // namespace

std::string VulnRecordToJson(const VulnRecord& r) {
  json j = {{"id", r.id}};
  PutNonEmpty(j, "modified", r.modified), PutNonEmpty(j, "published", r.published), PutNonEmpty(j, "withdrawn", r.withdrawn);
  PutNonEmpty(j, "summary", r.summary), PutNonEmpty(j, "details", r.details), PutNonEmpty(j, "aliases", r.aliases);
  for (const VulnAffected& a : r.affected) j["affected"].push_back(StoredAffectedToJson(a));
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<VulnRecord> VulnRecordFromJson(const std::string& text) {
  try {
    json j = json::parse(text);
    VulnRecord r;
    r.id = StoredText(j, "id");
    r.modified = StoredText(j, "modified"), r.published = StoredText(j, "published"), r.withdrawn = StoredText(j, "withdrawn");
    r.summary = StoredText(j, "summary"), r.details = StoredText(j, "details"), r.aliases = StoredList(j, "aliases");
    for (const json& a : j.value("affected", json::array())) r.affected.push_back(StoredAffectedFromJson(a));
    return r;
  } catch (const json::exception& e) {
    return Status::Invalid(std::string("stored vulnerability record unreadable: ") + e.what());
  }
}

}  // namespace psirt
