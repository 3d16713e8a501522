// Validators over the core's checks.
#include "cli/validators.h"
#include "base/strings.h"

#include "app/advisory_service.h"
#include "base/time.h"
#include "core/cvss/cvss.h"
#include "core/identifiers.h"
#include "core/state.h"

namespace psirt::cli {
namespace {

CLI::Validator From(std::function<Status(const std::string&)> check, const std::string& name) {
  return CLI::Validator(
      [check](std::string& v) -> std::string {
        Status st = check(v);
        return st.ok() ? std::string() : st.message();
      },
      "", name);
}

}  // namespace

CLI::Validator DateArg() {
  return From([](const std::string& v) { return Date::Parse(v).status(); }, "DATE");
}
CLI::Validator AdvisoryIdArg() {
  return From([](const std::string& v) { return CheckAdvisoryRefShape(v); }, "ID");
}
CLI::Validator CveArg() { return From([](const std::string& v) { return CheckCveId(v); }, "CVE"); }
CLI::Validator CweArg() { return From([](const std::string& v) { return CheckCweId(v); }, "CWE"); }
CLI::Validator GhsaArg() { return From([](const std::string& v) { return CheckGhsaId(v); }, "GHSA"); }
CLI::Validator ShaArg() { return From([](const std::string& v) { return NormalizeSha(v).status(); }, "SHA"); }
CLI::Validator PrArg() { return From([](const std::string& v) { return NormalizePr(v).status(); }, "PR"); }
CLI::Validator BranchArg() { return From([](const std::string& v) { return CheckBranchName(v); }, "BRANCH"); }
CLI::Validator StateArg() {
  return From(
      [](const std::string& v) {
        if (ParseState(v)) return Status::Ok();
        return Status::Invalid("unknown state '" + Shown(v) +
                               "' (expected New, Triage, Assigned, Review, Accepted, Public or Rejected)");
      },
      "STATE");
}
CLI::Validator CvssArg() {
  return From([](const std::string& v) { return ScoreCvss(v).status(); }, "VECTOR");
}
CLI::Validator CreditTypeArg() {
  return From([](const std::string& v) { return NormalizeCreditType(v).status(); }, "TYPE");
}
CLI::Validator PersonArg() {
  return From(
      [](const std::string& v) -> Status {
        auto p = ParsePerson(v);
        if (!p.ok()) return p.status();
        return CheckPerson(*p, "person");
      },
      "\"NAME <EMAIL>\"");
}
CLI::Validator TextArg(const TextRule& rule) {
  return From([rule](const std::string& v) { return CheckText(rule, v); }, "TEXT");
}

}  // namespace psirt::cli
