// valijson over nlohmann::json, with embedded schemas.
#include "formats/schema_validator.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "formats/embedded_schemas.h"

#include <mutex>
#include <regex>
#include <unordered_map>
#include <vector>

namespace psirt {

struct SchemaValidator::Impl {
  valijson::Schema schema;
  // Every `pattern` of the schema, compiled once before any validation
  // (valijson looks a pattern up here before it builds its own). They are
  // compiled for libstdc++'s breadth-first executor (`__polynomial`): the
  // default depth-first one recurses once per character matched, so a long
  // string (a 200 KB ecosystem name in an OSV record) overflowed the stack.
  std::unordered_map<std::string, std::regex> regexes;
  std::mutex mu;  // valijson may still add to the cache
};

SchemaValidator::SchemaValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaValidator::~SchemaValidator() = default;

namespace {

void FormatsToPatterns(nlohmann::json& j);

// Patterns met while the current Compile fetches referenced schemas.
thread_local std::vector<std::string>* fetched_patterns = nullptr;

void CollectPatterns(const nlohmann::json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k == "pattern" && v.is_string()) out.push_back(v.get<std::string>());
      else CollectPatterns(v, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) CollectPatterns(v, out);
  }
}

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
      if (fetched_patterns) CollectPatterns(doc, *fetched_patterns);
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

// valijson matches `patternProperties` (CVE 5's `^x_[^.]*$`) with a
// std::regex it builds itself, on the recursive executor, so a property
// name is matched one stack frame per character. Names are bounded instead:
// no record format has a name near this long.
constexpr size_t kMaxNameBytes = 4096;

// Walks the document keeping the path as a stack of names; the path is
// joined only for the message of a refusal.
Status CheckNameLengths(const nlohmann::json& j, std::vector<std::string>& path, const std::string& what) {
  auto refuse = [&](size_t bytes) {
    std::string at;
    for (const std::string& part : path) at += "/" + part;
    return Status::Invalid(what + " has a property name of " + std::to_string(bytes) + " bytes at " +
                           (at.empty() ? "/" : at) + " (at most " + std::to_string(kMaxNameBytes) + " expected)");
  };
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k.size() > kMaxNameBytes) return refuse(k.size());
      if (!v.is_structured()) continue;
      path.push_back(k);
      Status st = CheckNameLengths(v, path, what);
      path.pop_back();
      PSIRT_RETURN_IF_ERROR(st);
    }
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) {
      if (!j[i].is_structured()) continue;
      path.push_back(std::to_string(i));
      Status st = CheckNameLengths(j[i], path, what);
      path.pop_back();
      PSIRT_RETURN_IF_ERROR(st);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SchemaValidator>> SchemaValidator::Compile(std::string_view name) {
  const EmbeddedSchema* s = FindByName(name);
  if (!s) return Status::Internal("no embedded schema " + std::string(name));
  auto doc = nlohmann::json::parse(s->text, nullptr, false);
  if (doc.is_discarded()) return Status::Internal("embedded schema " + std::string(name) + " is not JSON");
  FormatsToPatterns(doc);
  auto impl = std::make_unique<Impl>();
  std::vector<std::string> patterns;
  CollectPatterns(doc, patterns);
  try {
    fetched_patterns = &patterns;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, impl->schema, FetchById,
                          [](const nlohmann::json* d) { delete d; });
    fetched_patterns = nullptr;
    for (const std::string& p : patterns)
      if (!impl->regexes.count(p))
        impl->regexes.emplace(p, std::regex(p, std::regex::ECMAScript | std::regex_constants::__polynomial));
  } catch (const std::exception& e) {
    fetched_patterns = nullptr;
    return Status::Internal("compiling schema " + std::string(name) + ": " + e.what());
  }
  return std::unique_ptr<SchemaValidator>(new SchemaValidator(std::move(impl)));
}

Status SchemaValidator::Validate(const nlohmann::json& doc, const std::string& what) const {
  std::vector<std::string> names;
  PSIRT_RETURN_IF_ERROR(CheckNameLengths(doc, names, what));
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    valijson::ValidationVisitor<valijson::adapters::NlohmannJsonAdapter> visitor(
        adapter, std::vector<std::string>(1, "<root>"), /*strictTypes=*/true, &results, impl_->regexes);
    if (visitor.validateSchema(impl_->schema)) return Status::Ok();
  }
  // The deepest error is the most specific one; among equals the first,
  // which for a oneOf is the first branch (the usual case: a published
  // CVE record rather than a rejected one).
  valijson::ValidationResults::Error err, best;
  size_t depth = 0;
  while (results.popError(err)) {
    if (err.context.size() > depth) {
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
