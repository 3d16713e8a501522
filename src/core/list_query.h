// ListQuery: which advisories a list shows and in what order - the one
// definition of `psirt list`'s filters, the API's query parameters and the
// dashboard's filter form. Pure: it matches and sorts projection rows.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/policy.h"
#include "core/summary.h"

namespace psirt {

// How a list is ordered.
enum class ListSort { kId, kUpdated, kSeverity, kDeadline };

// A list's filters. Empty lists and text match everything; within one
// filter the values are alternatives (state A or B), across filters all
// must hold (state A and area X).
struct ListQuery {
  std::vector<State> states;
  std::vector<std::string> areas;       // MAINTAINERS.yml area names, exact
  std::vector<std::string> assignees;   // handles; "none" matches unassigned
  std::vector<std::string> severities;  // None/Low/Medium/High/Critical, any case; "none" matches unscored
  std::string text;                     // words found in the title or an id (advisory, CVE, GHSA), any case
  bool unfixed = false;                 // no fix yet, or a fix missing on a branch the policy requires
  ListSort sort = ListSort::kId;

  bool empty() const {
    return states.empty() && areas.empty() && assignees.empty() && severities.empty() && text.empty() && !unfixed;
  }
};

// "id", "updated", "severity", "deadline".
std::string_view ListSortName(ListSort s);
Result<ListSort> ParseListSort(std::string_view name);
// A severity filter value, its spelling checked; returned in the canonical case.
Result<std::string> ParseSeverityFilter(std::string_view value);

// No fix yet, or a fix missing on a branch the policy requires; never a
// rejected report (what --unfixed selects and list JSON's "unfixed" says).
bool IsUnfixed(const AdvisorySummary& s);

// Whether `s` passes every filter of `q` (the sort is not a filter).
bool Matches(const AdvisorySummary& s, const ListQuery& q);

// Whether `a` comes before `b` in a list ordered by `sort`, ties in id
// order. kUpdated: the latest change first; kSeverity: the highest score
// first, unscored last; kDeadline: the earliest embargo end first (from the
// policy, the report date and the override), none last.
bool ListBefore(const AdvisorySummary& a, const AdvisorySummary& b, ListSort sort, const Policy& policy);

// Sorts rows given by `summary_of(row)` in the order of `sort`.
template <typename Row, typename SummaryOf>
void SortList(std::vector<Row>& rows, ListSort sort, const Policy& policy, SummaryOf summary_of) {
  if (sort == ListSort::kId) return;  // the store's order already
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    return ListBefore(summary_of(a), summary_of(b), sort, policy);
  });
}

}  // namespace psirt
