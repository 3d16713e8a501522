// Version pattern matching and ordering.
#include "core/versions.h"

#include <algorithm>
#include <cctype>

namespace psirt {
namespace {

bool ReadNumber(std::string_view& s, int& out) {
  size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  if (n == 0 || n > 6) return false;
  out = std::stoi(std::string(s.substr(0, n)));
  s.remove_prefix(n);
  return true;
}

// Splits "rc10" into ("rc", 10); a missing number is 0.
std::pair<std::string, long> SplitPre(const std::string& p) {
  size_t i = 0;
  while (i < p.size() && !std::isdigit(static_cast<unsigned char>(p[i]))) ++i;
  long n = i < p.size() ? std::stol(p.substr(i, 9)) : 0;
  return {p.substr(0, i), n};
}

}  // namespace

int Version::Compare(const Version& o) const {
  if (major != o.major) return major < o.major ? -1 : 1;
  if (minor != o.minor) return minor < o.minor ? -1 : 1;
  if (patch != o.patch) return patch < o.patch ? -1 : 1;
  if (pre == o.pre) return 0;
  if (pre.empty()) return 1;  // 1.0.0 > 1.0.0-rc1
  if (o.pre.empty()) return -1;
  auto a = SplitPre(pre), b = SplitPre(o.pre);
  if (a != b) return a < b ? -1 : 1;
  return pre < o.pre ? -1 : 1;
}

std::optional<Version> MatchVersionPattern(std::string_view pattern, std::string_view name,
                                           bool allow_pre) {
  Version v;
  bool has_patch = false;
  while (!pattern.empty()) {
    if (pattern.front() == '{') {
      size_t close = pattern.find('}');
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view field = pattern.substr(1, close - 1);
      int* target = field == "major" ? &v.major
                    : field == "minor" ? &v.minor
                    : field == "patch" ? &v.patch
                                       : nullptr;
      if (!target || !ReadNumber(name, *target)) return std::nullopt;
      has_patch = has_patch || field == "patch";
      pattern.remove_prefix(close + 1);
      continue;
    }
    if (name.empty() || name.front() != pattern.front()) return std::nullopt;
    name.remove_prefix(1);
    pattern.remove_prefix(1);
  }
  if (name.empty()) return v;
  // "-rc1", "-alpha2": a pre-release of a release tag.
  if (!allow_pre || name.front() != '-' || name.size() < 2) return std::nullopt;
  std::string pre(name.substr(1));
  for (char c : pre)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
  (void)has_patch;
  v.pre = pre;
  return v;
}

std::vector<ReleaseTag> ReleaseTags(const ReleaseModel& m, std::span<const std::string> names) {
  std::vector<ReleaseTag> out;
  for (const std::string& n : names)
    if (auto v = ReleaseTagVersion(m, n, true)) out.push_back({n, *v});
  std::sort(out.begin(), out.end(), [](const ReleaseTag& a, const ReleaseTag& b) {
    int c = a.version.Compare(b.version);
    return c != 0 ? c < 0 : a.name < b.name;
  });
  return out;
}

std::vector<ReleaseBranch> ReleaseBranches(const ReleaseModel& m,
                                           std::span<const std::string> names) {
  std::vector<ReleaseBranch> out;
  for (const std::string& n : names) {
    auto v = ReleaseBranchVersion(m, n);
    if (!v) continue;
    ReleaseBranch b{n, *v};
    b.lts = std::find(m.lts_branches.begin(), m.lts_branches.end(), n) != m.lts_branches.end();
    out.push_back(std::move(b));
  }
  std::sort(out.begin(), out.end(),
            [](const ReleaseBranch& a, const ReleaseBranch& b) { return a.version < b.version; });
  // Policy: the current LTS (the newest LTS branch) plus the latest N branches.
  int latest = m.backport_latest;
  for (auto it = out.rbegin(); it != out.rend() && latest > 0; ++it, --latest) it->required = true;
  if (m.backport_to_lts)
    for (auto it = out.rbegin(); it != out.rend(); ++it)
      if (it->lts) {
        it->required = true;
        break;
      }
  return out;
}

std::string FormatVersionPattern(std::string_view pattern, const Version& v) {
  std::string out(pattern);
  auto put = [&](std::string_view key, int value) {
    for (size_t at; (at = out.find(key)) != std::string::npos;)
      out.replace(at, key.size(), std::to_string(value));
  };
  put("{major}", v.major);
  put("{minor}", v.minor);
  put("{patch}", v.patch);
  return out;
}

namespace {
Status CheckNamedBy(std::string_view pattern, std::string_view name, bool tag, const char* what,
                    const char* key) {
  if (MatchVersionPattern(pattern, name, tag)) return Status::Ok();
  return Status::Invalid("'" + std::string(name) + "' is not a " + what + ": expected a name like " +
                         FormatVersionPattern(pattern, Version{3, 7, 0, ""}) + " (releases." + key + " " +
                         std::string(pattern) + ")");
}
}  // namespace

Status CheckReleaseTag(const ReleaseModel& m, std::string_view tag) {
  if (ReleaseTagVersion(m, tag, true)) return Status::Ok();
  return CheckNamedBy(m.tag_pattern, tag, true, "release", "tag_pattern");
}

Status CheckReleaseBranch(const ReleaseModel& m, std::string_view branch) {
  if (ReleaseBranchVersion(m, branch)) return Status::Ok();
  return CheckNamedBy(m.branch_pattern, branch, false, "release branch", "branch_pattern");
}

std::optional<Version> ReleaseTagVersion(const ReleaseModel& m, std::string_view tag, bool allow_pre) {
  if (auto v = MatchVersionPattern(m.tag_pattern, tag, allow_pre)) return v;
  for (const std::string& p : m.more_tag_patterns)
    if (auto v = MatchVersionPattern(p, tag, allow_pre)) return v;
  return std::nullopt;
}

std::optional<Version> ReleaseBranchVersion(const ReleaseModel& m, std::string_view branch) {
  if (auto v = MatchVersionPattern(m.branch_pattern, branch, false)) return v;
  for (const std::string& p : m.more_branch_patterns)
    if (auto v = MatchVersionPattern(p, branch, false)) return v;
  return std::nullopt;
}

std::string ReleaseModelKey(const ReleaseModel& m) {
  std::string k = m.main_branch + '\x1f' + m.tag_pattern + '\x1f' + m.branch_pattern;
  for (const auto* list : {&m.more_tag_patterns, &m.more_branch_patterns, &m.lts_branches}) {
    k += '\x1e';
    for (const std::string& x : *list) k += x + '\x1f';
  }
  k += '\x1e' + std::to_string(m.backport_to_lts) + '\x1f' + std::to_string(m.backport_latest) + '\x1f' + m.pr_ref_pattern;
  return k;
}

std::optional<std::string> BranchForLabel(const ReleaseModel& m, std::string_view label) {
  if (label == "main" || label == m.main_branch) return m.main_branch;
  std::string_view s = label;
  if (!s.empty() && s[0] == 'v') s.remove_prefix(1);
  int parts[3] = {-1, -1, -1};
  size_t k = 0, i = 0;
  while (k < 3 && i < s.size()) {
    if (s[i] == 'x' && k == 2 && i + 1 == s.size()) {
      ++i;
      break;
    }
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    int v = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && v < 100000) v = v * 10 + (s[i++] - '0');
    parts[k++] = v;
    if (i < s.size()) {
      if (s[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != s.size() || parts[1] < 0) return std::nullopt;
  Version v;
  v.major = parts[0];
  v.minor = parts[1];
  return FormatVersionPattern(m.branch_pattern, v);
}

std::string LabelForBranch(const ReleaseModel& m, std::string_view branch) {
  if (branch == m.main_branch) return "main";
  if (auto v = ReleaseBranchVersion(m, branch))
    return std::to_string(v->major) + "." + std::to_string(v->minor);
  return std::string(branch);
}

}  // namespace psirt
