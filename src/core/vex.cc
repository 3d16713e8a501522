// VEX decision rules (see vex.h).
#include "core/vex.h"

#include <algorithm>

#include "core/zephyr_module.h"

namespace psirt {

const std::vector<std::string>& VexJustifications() {
  static const std::vector<std::string> j = {"component_not_present", "vulnerable_code_not_present",
                                             "vulnerable_code_not_in_execute_path",
                                             "vulnerable_code_cannot_be_controlled_by_adversary",
                                             "inline_mitigations_already_exist"};
  return j;
}

Status CheckVexDecision(const VexDecision& d) {
  if (d.module.empty()) return std::move(Status::Invalid("expected the module").Field("module"));
  if (d.vulnerability.empty()) return std::move(Status::Invalid("expected the vulnerability's id").Field("vulnerability"));
  if (NormalizeVexStatus(d.status) != d.status || d.status.empty())
    return std::move(Status::Invalid("--status: expected not_affected, affected, fixed or under_investigation, not '" +
                                     d.status + "'")
                         .Field("status"));
  const auto& js = VexJustifications();
  if (!d.justification.empty() && std::find(js.begin(), js.end(), d.justification) == js.end())
    return std::move(Status::Invalid("--justification: expected one of component_not_present, vulnerable_code_not_present, "
                                     "vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, "
                                     "inline_mitigations_already_exist")
                         .Field("justification"));
  if (!d.justification.empty() && d.status != "not_affected")
    return std::move(Status::Invalid("--justification: only for --status not_affected").Field("justification"));
  if (d.status == "not_affected" && d.justification.empty() && d.note.empty())
    return std::move(Status::Invalid("not_affected needs --justification or a --note saying why (OpenVEX)").Field("justification"));
  return Status::Ok();
}

std::optional<VexDecision> FindVexDecision(const std::vector<VexDecision>& decisions, const std::string& module,
                                           const std::string& vuln, const std::vector<std::string>& aliases) {
  std::optional<VexDecision> best;
  for (const VexDecision& d : decisions) {
    if (d.module != module) continue;
    bool names = d.vulnerability == vuln || std::find(aliases.begin(), aliases.end(), d.vulnerability) != aliases.end();
    if (names && (!best || best->time <= d.time)) best = d;
  }
  return best;
}

std::string CycloneDxVexState(const std::string& status) {
  if (status == "not_affected") return "not_affected";
  if (status == "affected") return "exploitable";
  if (status == "fixed") return "resolved";
  return "in_triage";
}

std::string CycloneDxVexJustification(const std::string& j) {
  if (j == "component_not_present" || j == "vulnerable_code_not_present") return "code_not_present";
  if (j == "vulnerable_code_not_in_execute_path") return "code_not_reachable";
  if (j == "vulnerable_code_cannot_be_controlled_by_adversary" || j == "inline_mitigations_already_exist")
    return "protected_by_mitigating_control";
  return "";
}

std::string CsafProductStatus(const std::string& status) {
  if (status == "not_affected") return "known_not_affected";
  if (status == "affected") return "known_affected";
  if (status == "fixed") return "fixed";
  return "under_investigation";
}

}  // namespace psirt
