// valijson over nlohmann::json, with embedded schemas.
#include "formats/schema_validator.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "formats/embedded_schemas.h"

namespace psirt {

struct SchemaValidator::Impl {
  valijson::Schema schema;
};

SchemaValidator::SchemaValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaValidator::~SchemaValidator() = default;

namespace {

const EmbeddedSchema* FindByName(std::string_view name) {
  for (const EmbeddedSchema& s : EmbeddedSchemas())
    if (s.name == name) return &s;
  return nullptr;
}

// The embedded schema whose $id is `uri` (fragment dropped).
const nlohmann::json* FetchById(const std::string& uri) {
  std::string base = uri.substr(0, uri.find('#'));
  for (const EmbeddedSchema& s : EmbeddedSchemas()) {
    auto doc = nlohmann::json::parse(s.text, nullptr, false);
    if (doc.is_object() && doc.value("$id", "") == base) return new nlohmann::json(std::move(doc));
  }
  return nullptr;
}

}  // namespace

Result<std::unique_ptr<SchemaValidator>> SchemaValidator::Compile(std::string_view name) {
  const EmbeddedSchema* s = FindByName(name);
  if (!s) return Status::Internal("no embedded schema " + std::string(name));
  auto doc = nlohmann::json::parse(s->text, nullptr, false);
  if (doc.is_discarded()) return Status::Internal("embedded schema " + std::string(name) + " is not JSON");
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
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  if (validator.validate(impl_->schema, adapter, &results)) return Status::Ok();
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
