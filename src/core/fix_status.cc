// Per-branch fix status rules.
#include "core/fix_status.h"

namespace psirt {

std::string_view BranchStatusName(BranchStatus s) {
  switch (s) {
    case BranchStatus::kFixed: return "fixed";
    case BranchStatus::kMerged: return "merged";
    case BranchStatus::kMissing: return "missing";
    case BranchStatus::kProbable: return "probable";
    case BranchStatus::kNotAffected: return "not-affected";
    case BranchStatus::kNotRequired: return "not-required";
  }
  return "?";
}

BranchStatus DecideBranchStatus(const BranchFacts& f) {
  if (!f.commits.empty()) return f.release ? BranchStatus::kFixed : BranchStatus::kMerged;
  if (!f.affected) return BranchStatus::kNotAffected;
  if (!f.required) return BranchStatus::kNotRequired;
  return f.probable ? BranchStatus::kProbable : BranchStatus::kMissing;
}

bool SyncStatusStillHolds(bool stale, bool has_last_status, bool last_main_merged,
                          bool last_unresolved_empty, RefChange change) {
  if (stale || !has_last_status) return false;
  switch (change) {
    case RefChange::kNone:
      return true;
    case RefChange::kMainFastForward:
      return last_main_merged && last_unresolved_empty;
    case RefChange::kOther:
      return false;
  }
  return false;
}

std::optional<BranchStatus> ParseBranchStatus(std::string_view name) {
  for (BranchStatus s : {BranchStatus::kFixed, BranchStatus::kMerged, BranchStatus::kMissing, BranchStatus::kProbable,
                         BranchStatus::kNotAffected, BranchStatus::kNotRequired})
    if (BranchStatusName(s) == name) return s;
  return std::nullopt;
}

std::vector<std::string> FixFacts::BackportsMissing() const {
  std::vector<std::string> out;
  if (!main_merged) return out;  // backports are due once the fix is on main
  for (const Branch& b : branches)
    if (b.status == BranchStatus::kMissing) out.push_back(b.facts.branch);
  return out;
}

std::vector<std::string> FixFacts::Unreleased() const {
  std::vector<std::string> out;
  for (const Branch& b : branches)
    if (b.status == BranchStatus::kMerged) out.push_back(b.facts.branch);
  return out;
}

std::vector<std::string> FixFacts::FixedIn() const {
  std::vector<std::string> out;
  if (main_first_release) out.push_back(*main_first_release);
  for (const Branch& b : branches)
    if (b.status == BranchStatus::kFixed && b.facts.release) out.push_back(*b.facts.release);
  return out;
}

bool FixFacts::IsFinal() const {
  if (!main_merged || !main_first_release || !unresolved.empty()) return false;
  for (const Branch& b : branches)
    if (b.status != BranchStatus::kFixed && b.status != BranchStatus::kNotAffected &&
        b.status != BranchStatus::kNotRequired)
      return false;
  return true;
}

nlohmann::json FixFactsToJson(const FixFacts& s) {
  using nlohmann::json;
  json branches = json::array();
  for (const auto& b : s.branches)
    branches.push_back({{"branch", b.facts.branch},
                        {"required", b.facts.required},
                        {"status", BranchStatusName(b.status)},
                        {"commits", b.facts.commits},
                        {"release", b.facts.release ? json(*b.facts.release) : json(nullptr)},
                        {"method", b.facts.method ? json(BackportMethodName(*b.facts.method)) : json(nullptr)},
                        {"probable", b.facts.probable && b.status == BranchStatus::kProbable
                                         ? json{{"commit", b.facts.probable->commit},
                                                {"percent", b.facts.probable->percent}}
                                         : json(nullptr)}});
  json release = s.main_first_release ? json(*s.main_first_release) : json(nullptr);
  return {{"fix_commits", s.fix_commits},
          {"unresolved", s.unresolved},
          {"main", {{"merged", s.main_merged}, {"first_release", release}}},
          {"main_merged", s.main_merged},
          {"main_first_release", release},
          {"branches", branches}};
}

namespace {

bool Strings(const nlohmann::json& j, const char* key, std::vector<std::string>& out) {
  if (!j.contains(key) || j[key].is_null()) return true;
  if (!j[key].is_array()) return false;
  for (const auto& x : j[key]) {
    if (!x.is_string()) return false;
    out.push_back(x.get<std::string>());
  }
  return true;
}

bool OptString(const nlohmann::json& j, const char* key, std::optional<std::string>& out) {
  if (!j.contains(key) || j[key].is_null()) return true;
  if (!j[key].is_string()) return false;
  out = j[key].get<std::string>();
  return true;
}

}  // namespace

Result<FixFacts> FixFactsFromJson(const nlohmann::json& j) {
  auto bad = [](const std::string& what) { return Status::Invalid("fix status: " + what); };
  if (!j.is_object()) return bad("not an object");
  FixFacts f;
  if (!Strings(j, "fix_commits", f.fix_commits) || !Strings(j, "unresolved", f.unresolved))
    return bad("fix_commits and unresolved must be lists of strings");
  if (j.contains("main_merged") && !j["main_merged"].is_boolean()) return bad("main_merged must be true or false");
  f.main_merged = j.value("main_merged", false);
  if (!OptString(j, "main_first_release", f.main_first_release)) return bad("main_first_release must be a string");
  if (j.contains("branches") && !j["branches"].is_array()) return bad("branches must be a list");
  for (const auto& b : j.value("branches", nlohmann::json::array())) {
    if (!b.is_object() || !b.contains("branch") || !b["branch"].is_string() || !b.contains("status") ||
        !b["status"].is_string())
      return bad("a branch entry needs branch and status");
    FixFacts::Branch x;
    x.facts.branch = b["branch"].get<std::string>();
    auto st = ParseBranchStatus(b["status"].get<std::string>());
    if (!st) return bad("unknown branch status '" + b["status"].get<std::string>() + "'");
    x.status = *st;
    x.facts.required = b.value("required", false);
    x.facts.affected = x.status != BranchStatus::kNotAffected;
    if (!Strings(b, "commits", x.facts.commits) || !OptString(b, "release", x.facts.release))
      return bad("bad commits or release of " + x.facts.branch);
    std::optional<std::string> method;
    if (!OptString(b, "method", method)) return bad("bad method of " + x.facts.branch);
    if (method) {
      for (BackportMethod m : {BackportMethod::kAncestor, BackportMethod::kTrailer, BackportMethod::kUpstreamLine,
                               BackportMethod::kPatchId})
        if (BackportMethodName(m) == *method) x.facts.method = m;
      if (!x.facts.method) return bad("unknown method '" + *method + "'");
    }
    if (b.contains("probable") && !b["probable"].is_null()) {
      const auto& p = b["probable"];
      if (!p.is_object() || !p.contains("commit") || !p["commit"].is_string() || !p.contains("percent") ||
          !p["percent"].is_number_integer())
        return bad("bad probable backport of " + x.facts.branch);
      x.facts.probable = ProbableMatch{p["commit"].get<std::string>(), p["percent"].get<int>()};
    }
    f.branches.push_back(std::move(x));
  }
  return f;
}

}  // namespace psirt
