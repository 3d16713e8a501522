// Internal to the API's route files (server/api_*_routes.cc): the route
// adder every file registers through, and the small translations they
// share - a handler answered in the API's error shape, integer query
// parameters, one lifecycle action answered with the advisory after it,
// optional date fields.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "app/advisory_service.h"
#include "app/publish_service.h"
#include "server/http_util.h"
#include "server/server.h"

namespace psirt::api {

// The capture of an advisory reference in a route's pattern.
inline constexpr const char* kId = "([^/]+)";

// Adds one route answered in the API's error shape.
using On = std::function<void(const char* method, const std::string& pattern, Access access, BodyKind body,
                              std::function<Status(Call&)> fn)>;

// An API handler: a failure is answered in the one error shape.
CallHandler Api(std::function<Status(Call&)> fn);
// The query parameter `name` as an integer in [lo, hi]; `def` when absent.
Result<int> IntParam(const http::Request& req, const char* name, int def, int lo, int hi);
// Runs one lifecycle action and answers with the advisory after it.
Status Mutation(Call& c, const std::function<Result<Change>(AdvisoryService&, const std::string& actor)>& fn);
// An optional YYYY-MM-DD field of a JSON body.
Result<std::optional<Date>> DateField(const http::JsonBody& b, const char* name);

// A body's list of documents `[{"name", "text"}]` under `key`, each text
// as written (its bytes matter: patches, records).
Result<std::vector<InputFile>> InputFiles(const http::JsonBody& b, const char* key);

// Each resource's routes.
void AdvisoryReadRoutes(const On& on);
void AdvisoryActionRoutes(const On& on);
void ToolRoutes(const On& on);
void UserRoutes(const On& on);
void IntakeRoutes(const On& on);
void ModuleRoutes(const On& on);
void CveRoutes(const On& on);
void PatchRoutes(const On& on);

}  // namespace psirt::api
