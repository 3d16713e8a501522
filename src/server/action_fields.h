// The HTTP carriers of lifecycle actions' fields (app/action_binder.h): an
// API request's JSON body and a dashboard form.
#pragma once

#include <memory>

#include "app/action_binder.h"
#include "server/http_message.h"

namespace psirt {

// The JSON body of an API request for `action` (Content-Type, UTF-8, no key
// twice, only the action's keys), refusals naming the field.
Result<std::unique_ptr<ActionFields>> JsonActionFields(const http::Request& req, const ActionSpec& action);
// A dashboard form's fields: empty is absent, lists comma-separated, flags "1".
std::unique_ptr<ActionFields> FormActionFields(const http::Request& req);

}  // namespace psirt
