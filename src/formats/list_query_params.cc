// List filters to and from query parameters.
#include "formats/list_query_params.h"

#include "base/strings.h"

namespace psirt {

std::vector<std::pair<std::string, std::string>> ListQueryToParams(const ListQuery& q) {
  std::vector<std::pair<std::string, std::string>> out;
  for (State s : q.states) out.emplace_back("state", std::string(StateName(s)));
  for (const std::string& a : q.areas) out.emplace_back("area", a);
  for (const std::string& a : q.assignees) out.emplace_back("assignee", a);
  for (const std::string& s : q.severities) out.emplace_back("severity", s);
  if (!q.text.empty()) out.emplace_back("text", q.text);
  if (q.unfixed) out.emplace_back("unfixed", "1");
  if (q.sort != ListSort::kId) out.emplace_back("sort", std::string(ListSortName(q.sort)));
  return out;
}

std::string ListQueryString(const ListQuery& q) {
  std::string out;
  for (const auto& [name, value] : ListQueryToParams(q)) {
    if (!out.empty()) out += '&';
    out += name + "=" + PercentEncode(value);
  }
  return out;
}

namespace {

constexpr size_t kMaxValues = 64;
constexpr size_t kMaxValueLength = 256;

Status Bad(std::string_view name, const std::string& what) {
  return std::move(Status::Invalid(std::string(name) + ": " + what).Field(std::string(name)));
}

// Every non-empty value of `name`, checked for size and text.
Result<std::vector<std::string>> Values(const std::function<std::vector<std::string>(std::string_view)>& values,
                                        std::string_view name) {
  std::vector<std::string> out;
  std::vector<std::string> all = values(name);
  if (all.size() > kMaxValues) return Bad(name, "at most " + std::to_string(kMaxValues) + " values");
  for (std::string& v : all) {
    if (v.size() > kMaxValueLength || !IsValidUtf8(v))
      return Bad(name, "at most " + std::to_string(kMaxValueLength) + " bytes of text");
    if (!v.empty()) out.push_back(std::move(v));
  }
  return out;
}

Result<bool> Flag(const std::function<std::vector<std::string>(std::string_view)>& values, std::string_view name) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> v, Values(values, name));
  if (v.empty()) return false;
  if (v.size() > 1 || (v[0] != "1" && v[0] != "0" && v[0] != "true" && v[0] != "false"))
    return Bad(name, "expected 1 or 0");
  return v[0] == "1" || v[0] == "true";
}

}  // namespace

Result<ListQuery> ListQueryFromParams(const std::function<std::vector<std::string>(std::string_view)>& values) {
  ListQuery q;
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> states, Values(values, "state"));
  for (const std::string& s : states) {
    auto st = ParseState(s);
    if (!st) return Bad("state", "expected New, Triage, Assigned, Review, Accepted, Public or Rejected");
    if (std::find(q.states.begin(), q.states.end(), *st) == q.states.end()) q.states.push_back(*st);
  }
  PSIRT_ASSIGN_OR_RETURN(bool open, Flag(values, "open"));
  if (open && q.states.empty())
    for (State s : kAllStates)
      if (IsOpen(s)) q.states.push_back(s);
  PSIRT_ASSIGN_OR_RETURN(q.areas, Values(values, "area"));
  PSIRT_ASSIGN_OR_RETURN(q.assignees, Values(values, "assignee"));
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> severities, Values(values, "severity"));
  for (const std::string& s : severities) {
    auto parsed = ParseSeverityFilter(s);
    if (!parsed.ok()) return Bad("severity", "expected none, low, medium, high or critical");
    q.severities.push_back(*parsed);
  }
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> text, Values(values, "text"));
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> q_alias, Values(values, "q"));
  text.insert(text.end(), q_alias.begin(), q_alias.end());
  if (text.size() > 1) return Bad("text", "give the words in one value");
  if (!text.empty()) q.text = text[0];
  PSIRT_ASSIGN_OR_RETURN(q.unfixed, Flag(values, "unfixed"));
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> sort, Values(values, "sort"));
  if (sort.size() > 1) return Bad("sort", "one order");
  if (!sort.empty()) {
    auto s = ParseListSort(sort[0]);
    if (!s.ok()) return Bad("sort", "expected id, updated, severity or deadline");
    q.sort = *s;
  }
  return q;
}

}  // namespace psirt
