// valijson over nlohmann::json, with embedded schemas.
#include "formats/schema_validator.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "formats/embedded_schemas.h"

#include <mutex>

namespace psirt {

struct SchemaValidator::Impl {
  valijson::Schema schema;
  // One validator for every document: it keeps the compiled `pattern`
  // regexes, which would otherwise be rebuilt on each validation.
  valijson::Validator validator;
  std::mutex mu;  // the regex cache is not thread-safe
};

SchemaValidator::SchemaValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaValidator::~SchemaValidator() = default;

namespace {

void FormatsToPatterns(nlohmann::json& j);

const EmbeddedSchema* FindByName(std::string_view name) {
  for (const EmbeddedSchema& s : EmbeddedSchemas())
    if (s.name == name) return &s;
  return nullptr;
}

// The embedded schema whose $id is `uri` (fragment dropped). valijson
// passes a relative reference ("spdx.schema.json", as CycloneDX writes
// them) as written: it names the schema whose $id ends in "/" + it.
const nlohmann::json* FetchById(const std::string& uri) {
  std::string base = uri.substr(0, uri.find('#'));
  bool relative = base.find("://") == std::string::npos;
  for (const EmbeddedSchema& s : EmbeddedSchemas()) {
    auto doc = nlohmann::json::parse(s.text, nullptr, false);
    std::string id = doc.is_object() ? doc.value("$id", "") : "";
    bool match = id == base || (relative && id.size() > base.size() &&
                                id.compare(id.size() - base.size() - 1, std::string::npos, "/" + base) == 0);
    if (match) {
      FormatsToPatterns(doc);
      return new nlohmann::json(std::move(doc));
    }
  }
  return nullptr;
}

// valijson checks "format": "date-time" (and "date") with a std::regex it
// builds on every check, which made validation dominate exports. The same
// regexes as "pattern" constraints are compiled once and cached, so the
// formats are rewritten into patterns (kept beside an existing pattern with
// allOf). Same checks, compiled once.
void FormatsToPatterns(nlohmann::json& j) {
  static const std::pair<const char*, const char*> kFormats[] = {
      {"date-time",
       "^([0-9]+)-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)"
       "(\\.[0-9]+)?(([Zz])|([\\+|\\-]([01][0-9]|2[0-3]):[0-5][0-9]))$"},
      {"date", "^([0-9]+)-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$"},
  };
  if (j.is_object()) {
    auto f = j.find("format");
    if (f != j.end() && f->is_string()) {
      for (const auto& [name, pattern] : kFormats) {
        if (*f != name) continue;
        j.erase("format");
        if (j.contains("pattern")) j["allOf"].push_back({{"pattern", pattern}});
        else j["pattern"] = pattern;
        break;
      }
    }
    for (auto& [k, v] : j.items()) FormatsToPatterns(v);
  } else if (j.is_array()) {
    for (auto& v : j) FormatsToPatterns(v);
  }
}

}  // namespace

Result<std::unique_ptr<SchemaValidator>> SchemaValidator::Compile(std::string_view name) {
  const EmbeddedSchema* s = FindByName(name);
  if (!s) return Status::Internal("no embedded schema " + std::string(name));
  auto doc = nlohmann::json::parse(s->text, nullptr, false);
  if (doc.is_discarded()) return Status::Internal("embedded schema " + std::string(name) + " is not JSON");
  FormatsToPatterns(doc);
  auto impl = std::make_unique<Impl>();
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, impl->schema, FetchById,
                          [](const nlohmann::json* d) { delete d; });
  } catch (const std::exception& e) {
    return Status::Internal("compiling schema " + std::string(name) + ": " + e.what());
  }
  return std::unique_ptr<SchemaValidator>(new SchemaValidator(std::move(impl)));
}

Status SchemaValidator::Validate(const nlohmann::json& doc, const std::string& what) const {
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (impl_->validator.validate(impl_->schema, adapter, &results)) return Status::Ok();
  }
  // The deepest error is the most specific one.
  valijson::ValidationResults::Error err, best;
  size_t depth = 0;
  while (results.popError(err)) {
    if (err.context.size() >= depth) {
      depth = err.context.size();
      best = err;
    }
  }
  std::string path;
  for (const std::string& c : best.context) {
    if (c == "<root>") continue;
    std::string part = c;
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']') part = part.substr(1, part.size() - 2);
    if (part.size() >= 2 && part.front() == '"' && part.back() == '"') part = part.substr(1, part.size() - 2);
    path += "/" + part;
  }
  return Status::Invalid(what + " does not match its schema at " + (path.empty() ? "/" : path) + ": " +
                         best.description);
}

}  // namespace psirt
