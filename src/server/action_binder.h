// The one binder of lifecycle actions' inputs, whatever carries them: a
// JSON body (the API) or a submitted form (the dashboard). Each action's
// fields and their types are declared once here; a missing, mistyped or
// unknown field is Invalid naming it, and a service's refusal is tied to
// the field it is about, so both front ends answer 400 naming the field
// and the dashboard shows the message beside it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/advisory_service.h"
#include "base/status.h"
#include "server/http_message.h"

namespace psirt {

// The actions: note, ack, triage, assign, fix, cve, credit, move, edit.
bool IsBoundAction(std::string_view action);

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

// The JSON body of an API request for `action`: keys outside the action's
// fields are refused, naming them.
Result<std::unique_ptr<ActionFields>> JsonActionFields(const http::Request& req, std::string_view action);
// A dashboard form's fields.
std::unique_ptr<ActionFields> FormActionFields(const http::Request& req);

// Binds `action`'s fields from `f` and runs it on the advisory `id`.
Result<Change> RunBoundAction(AdvisoryService& svc, const std::string& actor, const std::string& id,
                              std::string_view action, const ActionFields& f);

}  // namespace psirt
