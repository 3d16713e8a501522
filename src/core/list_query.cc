// List filters and orders.
#include "core/list_query.h"

#include "base/strings.h"

namespace psirt {

std::string_view ListSortName(ListSort s) {
  switch (s) {
    case ListSort::kId: return "id";
    case ListSort::kUpdated: return "updated";
    case ListSort::kSeverity: return "severity";
    case ListSort::kDeadline: return "deadline";
  }
  return "id";
}

Result<ListSort> ParseListSort(std::string_view name) {
  for (ListSort s : {ListSort::kId, ListSort::kUpdated, ListSort::kSeverity, ListSort::kDeadline})
    if (EqualsIgnoreCaseAscii(name, ListSortName(s))) return s;
  return Status::Usage("sort: expected id, updated, severity or deadline, got '" + std::string(name.substr(0, 40)) + "'");
}

Result<std::string> ParseSeverityFilter(std::string_view value) {
  for (std::string_view s : {"None", "Low", "Medium", "High", "Critical"})
    if (EqualsIgnoreCaseAscii(value, s)) return std::string(s);
  return Status::Usage("severity: expected none, low, medium, high or critical, got '" + std::string(value.substr(0, 40)) +
                       "'");
}

namespace {

bool AnyOf(const std::vector<std::string>& wanted, const std::string& have) {
  return std::find(wanted.begin(), wanted.end(), have) != wanted.end();
}

// Every word of `text` is found, in any case, in the title or an id.
bool TextMatches(const AdvisorySummary& s, const std::string& text) {
  std::string hay = ToLowerAscii(s.title + '\n' + s.id + '\n' + s.cve_id + '\n' + s.ghsa_id);
  std::string needle = ToLowerAscii(text);
  for (std::string_view word : SplitViews(needle, ' '))
    if (!word.empty() && hay.find(word) == std::string::npos) return false;
  return true;
}

}  // namespace

bool IsUnfixed(const AdvisorySummary& s) {
  return s.state != State::kRejected && (!s.has_fix || !s.backports_missing.empty());
}

bool Matches(const AdvisorySummary& s, const ListQuery& q) {
  if (!q.states.empty() && std::find(q.states.begin(), q.states.end(), s.state) == q.states.end()) return false;
  if (!q.areas.empty() && std::none_of(s.areas.begin(), s.areas.end(), [&](const std::string& a) { return AnyOf(q.areas, a); }))
    return false;
  if (!q.assignees.empty() && !AnyOf(q.assignees, s.assignee.empty() ? std::string("none") : s.assignee)) return false;
  if (!q.severities.empty()) {
    // An unscored advisory's severity is "None" only when scored so;
    // unscored ones match the filter value "None" too.
    std::string severity = s.cvss_severity.empty() ? std::string("None") : s.cvss_severity;
    if (!AnyOf(q.severities, severity)) return false;
  }
  if (!q.text.empty() && !TextMatches(s, q.text)) return false;
  if (q.unfixed && !IsUnfixed(s)) return false;
  return true;
}

bool ListBefore(const AdvisorySummary& a, const AdvisorySummary& b, ListSort sort, const Policy& policy) {
  switch (sort) {
    case ListSort::kId: break;
    case ListSort::kUpdated:
      if (a.updated_at.unix_seconds() != b.updated_at.unix_seconds())
        return a.updated_at.unix_seconds() > b.updated_at.unix_seconds();
      break;
    case ListSort::kSeverity: {
      double sa = a.cvss_score.value_or(-1), sb = b.cvss_score.value_or(-1);
      if (sa != sb) return sa > sb;
      break;
    }
    case ListSort::kDeadline: {
      auto ends = [&](const AdvisorySummary& s) {
        auto d = DeadlinesOf(policy, s).embargo_ends;
        return d ? d->ToString() : std::string("9999");
      };
      std::string ea = ends(a), eb = ends(b);
      if (ea != eb) return ea < eb;
      break;
    }
  }
  if (a.year != b.year) return a.year < b.year;
  if (a.seq != b.seq) return a.seq < b.seq;
  return a.id < b.id;
}

}  // namespace psirt
