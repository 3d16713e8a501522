// The API's embargoed fix endpoints: an advisory's patch series, their
// text, checks on the policy branches and rebased backports. Only the
// advisory's insiders (its need-to-know list) see any of it - everyone
// else gets the not-found answer of a hidden advisory; adding and checking
// need the right to link fixes. Patch text is never logged.
#include "app/patch_service.h"
#include "server/api_support.h"

namespace psirt::api {
namespace {

using nlohmann::json;

PatchService Patches(Call& c) {
  return PatchService(c.Advisories(), *c.store, c.ctx.config(), c.ctx.clock, c.ctx.workspace.RepositoryDir());
}

json CheckJson(const PatchCheckResult& r) {
  json conflicts = json::array();
  for (const PatchConflict& x : r.conflicts) conflicts.push_back({{"patch", x.patch}, {"file", x.file}, {"hunks", x.hunks}});
  return {{"branch", r.branch}, {"tip", r.tip}, {"series", r.series}, {"result", std::string(PatchFitName(r.fit))},
          {"three_way", r.three_way}, {"conflicts", conflicts}, {"present", r.present}, {"text", DescribePatchCheck(r)}};
}

json TestJson(const PatchTestResult& r) {
  return {{"branch", r.branch}, {"tip", r.tip}, {"series", r.series}, {"result", r.result}, {"exit_code", r.exit_code},
          {"seconds", r.seconds}, {"output", r.output}};
}

json SeriesJson(const PatchSeries& s) {
  json patches = json::array();
  for (const PatchInfo& p : s.patches)
    patches.push_back({{"subject", p.subject}, {"author", p.author}, {"patch_id", p.patch_id}, {"commit", p.commit}, {"files", p.files}});
  return {{"series", s.number}, {"patches", patches}};
}

Status NeedsRepository(const Call& c) {
  if (c.ctx.config().repository.empty()) return Status::Invalid("psirt.yml names no repository: patches are checked against the clone");
  return Status::Ok();
}

}  // namespace

void PatchRoutes(const On& on) {
  const std::string A = std::string("/api/v1/advisories/") + kId + "/patches";

  on("GET", A, Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(AdvisoryForCaller r, c.ReadAsInsider(c.Arg(1)));
    json series = json::array(), checks = json::array(), tests = json::array();
    for (const PatchSeries& s : r.advisory.patch_series) series.push_back(SeriesJson(s));
    for (const PatchCheckResult& x : r.advisory.patch_checks) checks.push_back(CheckJson(x));
    for (const PatchTestResult& x : r.advisory.patch_tests) tests.push_back(TestJson(x));
    http::SendJson(c.res, {{"id", r.advisory.id}, {"series", series}, {"checks", checks}, {"tests", tests}});
    return Status::Ok();
  });

  on("GET", A + "/([0-9]{1,6})", Access::kSignedIn, BodyKind::kNone, [](Call& c) -> Status {
    PSIRT_ASSIGN_OR_RETURN(AdvisoryForCaller r, c.ReadAsInsider(c.Arg(1)));
    PSIRT_ASSIGN_OR_RETURN(std::string text, PatchSeriesText(*c.store, r.advisory, std::stoi(c.Arg(2))));
    c.res.SetHeader("Content-Disposition", "attachment; filename=\"" + r.advisory.id + "-series-" + c.Arg(2) + ".mbox\"");
    c.res.SetContent(text, "application/mbox");
    return Status::Ok();
  });

  on("POST", A, Access::kSignedIn, BodyKind::kImport, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(c.ReadAsInsider(c.Arg(1)).status());
    PSIRT_RETURN_IF_ERROR(NeedsRepository(c));
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"files", "commits"}));
    PatchSource src;
    PSIRT_ASSIGN_OR_RETURN(src.commits, b.StringList("commits"));
    PSIRT_ASSIGN_OR_RETURN(src.files, InputFiles(b, "files"));
    PSIRT_ASSIGN_OR_RETURN(PatchSeries s, Patches(c).Add(c.who.actor, c.Arg(1), src));
    http::SendJson(c.res, SeriesJson(s));
    return Status::Ok();
  });

  on("POST", A + "/check", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(c.ReadAsInsider(c.Arg(1)).status());
    PSIRT_RETURN_IF_ERROR(NeedsRepository(c));
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"branches"}));
    PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> branches, b.StringList("branches"));
    PSIRT_ASSIGN_OR_RETURN(PatchCheckOutcome out, Patches(c).Check(c.who.actor, c.Arg(1), branches));
    json results = json::array();
    for (size_t i = 0; i < out.results.size(); ++i) {
      json j = CheckJson(out.results[i]);
      j["cached"] = static_cast<bool>(out.cached[i]);
      results.push_back(j);
    }
    http::SendJson(c.res, {{"series", out.series}, {"results", results}});
    return Status::Ok();
  });

  // The test command comes from psirt.yml only, and the server runs it only
  // when psirt.yml says so (patch.allow_test): nothing in the request
  // chooses what runs.
  on("POST", A + "/test", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(c.ReadAsInsider(c.Arg(1)).status());
    PSIRT_RETURN_IF_ERROR(NeedsRepository(c));
    if (!c.ctx.config().patch.allow_on_server)
      return Status::Denied("this server does not run tests (psirt.yml patch.allow_test is false): run psirt patch test locally");
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"branches"}));
    PatchTestOptions o;
    PSIRT_ASSIGN_OR_RETURN(o.branches, b.StringList("branches"));
    PSIRT_ASSIGN_OR_RETURN(std::vector<PatchTestResult> results, Patches(c).Test(c.who.actor, c.Arg(1), o));
    json out = json::array();
    for (const PatchTestResult& r : results) out.push_back(TestJson(r));
    http::SendJson(c.res, {{"results", out}});
    return Status::Ok();
  });

  on("POST", A + "/backport", Access::kSignedIn, BodyKind::kJson, [](Call& c) -> Status {
    PSIRT_RETURN_IF_ERROR(c.ReadAsInsider(c.Arg(1)).status());
    PSIRT_RETURN_IF_ERROR(NeedsRepository(c));
    PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(c.req, {"branch"}));
    PSIRT_ASSIGN_OR_RETURN(std::string branch, b.String("branch"));
    if (branch.empty()) return std::move(Status::Invalid("branch: expected a branch").Field("branch"));
    PSIRT_ASSIGN_OR_RETURN(PatchBackportOutcome out, Patches(c).Backport(c.Arg(1), branch));
    json conflicts = json::array();
    for (const auto& x : out.conflicts)
      conflicts.push_back({{"patch", x.patch}, {"file", x.file}, {"hunks", x.hunks}, {"merged", x.merged}});
    http::SendJson(c.res, {{"branch", out.branch}, {"onto", out.onto}, {"applies", out.applies}, {"patches", out.patches},
                           {"conflicts", conflicts}});
    return Status::Ok();
  });
}

}  // namespace psirt::api
