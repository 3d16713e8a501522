// OSV records read and checked (see osv_record.h).
#include "formats/osv_record.h"

#include "formats/schema_validator.h"
#include "formats/yaml_json.h"

namespace psirt {
namespace {

const SchemaValidator& OsvSchema() {
  static const std::unique_ptr<SchemaValidator> v = [] {
    auto c = SchemaValidator::Compile("osv.json");
    return c.ok() ? std::move(c).value() : nullptr;
  }();
  return *v;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> Strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  if (auto it = j.find(key); it != j.end() && it->is_array())
    for (const auto& e : *it)
      if (e.is_string()) out.push_back(e.get<std::string>());
  return out;
}

VulnRange RangeOf(const nlohmann::json& r) {
  VulnRange out{Str(r, "type"), Str(r, "repo"), {}};
  for (const auto& e : r.value("events", nlohmann::json::array())) {
    for (auto [key, kind] : {std::pair{"introduced", RangeEvent::Kind::kIntroduced},
                             {"fixed", RangeEvent::Kind::kFixed},
                             {"last_affected", RangeEvent::Kind::kLastAffected},
                             {"limit", RangeEvent::Kind::kLimit}})
      if (e.contains(key) && e[key].is_string()) out.events.push_back({kind, e[key].get<std::string>()});
  }
  return out;
}

}  // namespace

Result<VulnRecord> OsvJsonToRecord(const nlohmann::json& j, const std::string& file) {
  PSIRT_RETURN_IF_ERROR(OsvSchema().Validate(j, file));
  VulnRecord rec;
  rec.id = Str(j, "id");
  rec.modified = Str(j, "modified");
  rec.published = Str(j, "published");
  rec.withdrawn = Str(j, "withdrawn");
  rec.summary = Str(j, "summary");
  rec.details = Str(j, "details");
  rec.aliases = Strings(j, "aliases");
  for (const auto& a : j.value("affected", nlohmann::json::array())) {
    VulnAffected out;
    if (auto p = a.find("package"); p != a.end() && p->is_object()) {
      out.ecosystem = Str(*p, "ecosystem");
      out.name = Str(*p, "name");
      out.purl = Str(*p, "purl");
    }
    for (const auto& r : a.value("ranges", nlohmann::json::array())) out.ranges.push_back(RangeOf(r));
    out.versions = Strings(a, "versions");
    rec.affected.push_back(std::move(out));
  }
  return rec;
}

Result<VulnRecord> ReadOsvRecord(std::string_view text, const std::string& file) {
  size_t first = text.find_first_not_of(" \t\r\n");
  nlohmann::json j;
  if (first != std::string_view::npos && text[first] == '{') {
    try {
      j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for numbers like 1e999
      return Status::Invalid(file + ": not valid JSON: " + e.what());
    }
  } else {
    PSIRT_ASSIGN_OR_RETURN(j, YamlTextToJson(text, file));
  }
  if (!j.is_object()) return std::move(Status::Invalid("expected an OSV record (a JSON object with an id)").At(file));
  return OsvJsonToRecord(j, file);
}

}  // namespace psirt
