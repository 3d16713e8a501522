// The one binder of lifecycle actions (note, ack, triage, assign, fix, cve,
// credit, move, edit), whatever carries their inputs: the API's JSON body,
// the dashboard's form, or the CLI's options (a JSON object, run locally
// or sent to a server). Each action is declared once in one table - its
// name, its API route and its fields; a missing, mistyped or unknown field
// is Invalid naming it, and a service's refusal is tied to the field it is
// about, so every front end answers naming the field.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/advisory_service.h"
#include "base/status.h"

namespace psirt {

// Where an action's field values come from.
class ActionFields {
 public:
  virtual ~ActionFields() = default;
  // A text field; nullopt when absent (a form's empty field is absent).
  virtual Result<std::optional<std::string>> Text(const char* name) const = 0;
  // A list: a JSON array of strings, or a form's comma-separated value.
  virtual Result<std::vector<std::string>> List(const char* name) const = 0;
  // A flag: JSON true/false, or a form's "1".
  virtual Result<bool> Flag(const char* name) const = 0;
};

// One lifecycle action: its name, its API route under
// /api/v1/advisories/ID (method and path suffix) and the fields it takes.
struct ActionSpec {
  std::string_view name;
  std::string_view method;  // POST or PATCH
  std::string_view path;    // "/notes", "" (the advisory itself, for edit)
  std::span<const std::string_view> fields;
  // Binds the fields and calls the advisory service.
  Result<Change> (*run)(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields& f);
};

// Every action: note, ack, triage, assign, fix, cve, credit, move, edit.
std::span<const ActionSpec> Actions();
// The action named `name`; nullptr when there is none.
const ActionSpec* FindAction(std::string_view name);

// The fields of a JSON object for `action`: keys outside its fields are
// refused, naming them; strings get LF line breaks.
Result<std::unique_ptr<ActionFields>> JsonObjectFields(const nlohmann::json& object, const ActionSpec& action);

// Binds `action`'s fields from `f` and runs it on the advisory `id`.
Result<Change> RunBoundAction(AdvisoryService& svc, const std::string& actor, const std::string& id,
                              const ActionSpec& action, const ActionFields& f);

// What a lifecycle action changed, as the API answers it and the CLI
// prints it: {"advisory": ..., "events": [...]}.
nlohmann::json ChangeToJson(const Change& c, const Deadlines& d);

}  // namespace psirt
