// A list's filters as query parameters (the API's GET /api/v1/advisories,
// the dashboard's filter form, `psirt list --server`): writer and reader,
// so the CLI and the server speak the same words. Repeatable filters take
// one value per occurrence (state=Triage&state=Review).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "core/list_query.h"

namespace psirt {

// name=value pairs (not yet percent-encoded), in a fixed order.
std::vector<std::pair<std::string, std::string>> ListQueryToParams(const ListQuery& q);
// The query string of those pairs, percent-encoded, without '?'.
std::string ListQueryString(const ListQuery& q);

// Reads a ListQuery from a parameter source: `values(name)` gives every
// value of one parameter. "q" is read as "text"; "open=1" adds the open
// states. An error names the parameter and what it expects.
Result<ListQuery> ListQueryFromParams(const std::function<std::vector<std::string>(std::string_view)>& values);

}  // namespace psirt
