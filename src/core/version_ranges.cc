// Version ordering and range rules (see version_ranges.h).
#include "core/version_ranges.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace psirt {
namespace {

bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Tokens: runs of digits and runs of letters; everything else separates.
struct Token {
  bool number = false;
  std::string_view text;
};

std::vector<Token> Tokens(std::string_view v) {
  // Drop a leading word: everything before the first digit when the
  // version has one ("v1.2", "mbedtls-3.6.0", "release_1").
  size_t first_digit = 0;
  while (first_digit < v.size() && !Digit(v[first_digit])) ++first_digit;
  if (first_digit < v.size()) v.remove_prefix(first_digit);
  std::vector<Token> out;
  size_t i = 0;
  while (i < v.size()) {
    if (Digit(v[i]) || Alpha(v[i])) {
      bool number = Digit(v[i]);
      size_t j = i;
      while (j < v.size() && (number ? Digit(v[j]) : Alpha(v[j]))) ++j;
      out.push_back({number, v.substr(i, j - i)});
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

int CompareNumbers(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a[0] == '0') a.remove_prefix(1);
  while (b.size() > 1 && b[0] == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

int CompareWords(std::string_view a, std::string_view b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    int x = std::tolower(static_cast<unsigned char>(a[i])), y = std::tolower(static_cast<unsigned char>(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
}

// "2.1.*" -> true when `version` begins with the components 2 and 1.
bool MatchesSeries(std::string_view series, std::string_view version) {
  series.remove_suffix(1);  // the '*'
  std::vector<Token> s = Tokens(series), v = Tokens(version);
  if (v.size() < s.size()) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i].number != v[i].number || (s[i].number ? CompareNumbers(s[i].text, v[i].text) : CompareWords(s[i].text, v[i].text)) != 0)
      return false;
  return true;
}

// Whether `version` is below an upper bound written as lessThan.
bool Below(const std::string& bound, std::string_view version) {
  if (bound == "*") return true;
  if (!bound.empty() && bound.back() == '*') return MatchesSeries(bound, version) || CompareVersions(version, bound.substr(0, bound.size() - 1)) < 0;
  return CompareVersions(version, bound) < 0;
}

bool AtMost(const std::string& bound, std::string_view version) {
  if (bound == "*") return true;
  if (!bound.empty() && bound.back() == '*') return MatchesSeries(bound, version) || CompareVersions(version, bound.substr(0, bound.size() - 1)) <= 0;
  return CompareVersions(version, bound) <= 0;
}

}  // namespace

bool LooksLikeCommit(std::string_view s) {
  if (s.size() < 7 || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return Digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); });
}

bool IsGitCommitEntry(const VersionEntry& e) {
  if (e.version_type != "git") return false;
  const std::string& end = !e.less_than.empty() ? e.less_than : e.less_than_or_equal;
  return (e.version == "0" || LooksLikeCommit(e.version)) && (end.empty() ? e.version != "0" : LooksLikeCommit(end));
}

int CompareVersions(std::string_view a, std::string_view b) {
  std::vector<Token> x = Tokens(a), y = Tokens(b);
  size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    int c;
    if (x[i].number && y[i].number) c = CompareNumbers(x[i].text, y[i].text);
    else if (x[i].number != y[i].number) c = x[i].number ? 1 : -1;  // 1.0.1 after 1.0.rc
    else c = CompareWords(x[i].text, y[i].text);
    if (c != 0) return c;
  }
  if (x.size() == y.size()) return 0;
  // One goes on: a following word marks a pre-release (earlier), a number a later version.
  if (x.size() > y.size()) return x[n].number ? 1 : -1;
  return y[n].number ? -1 : 1;
}

bool InOsvVersionRange(const VulnRange& r, std::string_view version) {
  if (r.type != "SEMVER" && r.type != "ECOSYSTEM") return false;
  // osv-schema: sort the events, walk them in order; the version's status is
  // the one set by the last event at or below it.
  std::vector<const RangeEvent*> events;
  for (const RangeEvent& e : r.events)
    if (e.kind != RangeEvent::Kind::kLimit) events.push_back(&e);
  auto key = [](const RangeEvent* e) { return e->value == "0" ? std::string_view() : std::string_view(e->value); };
  std::stable_sort(events.begin(), events.end(), [&](const RangeEvent* a, const RangeEvent* b) {
    if (a->value == "0" || b->value == "0") return a->value == "0" && b->value != "0";
    return CompareVersions(key(a), key(b)) < 0;
  });
  bool affected = false;
  for (const RangeEvent* e : events) {
    int c = e->value == "0" ? -1 : CompareVersions(e->value, version);
    switch (e->kind) {
      case RangeEvent::Kind::kIntroduced:
        if (c <= 0) affected = true;
        break;
      case RangeEvent::Kind::kFixed:
        if (c <= 0) affected = false;
        break;
      case RangeEvent::Kind::kLastAffected:
        if (c < 0) affected = false;
        break;
      case RangeEvent::Kind::kLimit:
        break;
    }
  }
  return affected;
}

bool OsvAffectsVersion(const VulnAffected& a, std::string_view version) {
  for (const std::string& v : a.versions)
    if (v == version || CompareVersions(v, version) == 0) return true;
  for (const VulnRange& r : a.ranges)
    if (InOsvVersionRange(r, version)) return true;
  return false;
}

std::string Cve5VersionStatus(const VulnAffected& a, std::string_view version) {
  std::string status = a.default_status.empty() ? "unknown" : a.default_status;
  // Single versions first, ranges after: the schema lets a range's verdict
  // stand over the default, and an exact entry is the most specific.
  std::string exact, ranged;
  for (const VersionEntry& e : a.version_entries) {
    if (IsGitCommitEntry(e)) continue;
    bool range = !e.less_than.empty() || !e.less_than_or_equal.empty();
    if (!range) {
      if (e.version == version || CompareVersions(e.version, version) == 0) exact = e.status;
      continue;
    }
    bool from = e.version == "0" || CompareVersions(e.version, version) <= 0;
    bool to = !e.less_than.empty() ? Below(e.less_than, version) : AtMost(e.less_than_or_equal, version);
    if (!from || !to) continue;
    std::string s = e.status;
    std::vector<std::pair<std::string, std::string>> changes = e.changes;
    std::stable_sort(changes.begin(), changes.end(),
                     [](const auto& x, const auto& y) { return CompareVersions(x.first, y.first) < 0; });
    for (const auto& [at, st] : changes)
      if (CompareVersions(at, version) <= 0) s = st;
    ranged = s;
  }
  if (!exact.empty()) return exact;
  if (!ranged.empty()) return ranged;
  return status;
}

}  // namespace psirt
