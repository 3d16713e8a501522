// Lifecycle actions bound from JSON bodies and forms (server/action_binder.h).
#include "server/action_binder.h"

#include "base/strings.h"
#include "server/http_util.h"

namespace psirt {
namespace {

class JsonFields : public ActionFields {
 public:
  explicit JsonFields(http::JsonBody b) : b_(std::move(b)) {}
  Result<std::optional<std::string>> Text(const char* name) const override { return b_.OptString(name); }
  Result<std::vector<std::string>> List(const char* name) const override { return b_.StringList(name); }
  Result<bool> Flag(const char* name) const override { return b_.Bool(name, false); }

 private:
  http::JsonBody b_;
};

class FormFields : public ActionFields {
 public:
  explicit FormFields(const http::Request& req) : req_(req) {}
  Result<std::optional<std::string>> Text(const char* name) const override {
    std::string v = req_.Param(name);
    return v.empty() ? std::optional<std::string>() : std::optional<std::string>(std::move(v));
  }
  Result<std::vector<std::string>> List(const char* name) const override {
    std::vector<std::string> out;
    const std::string v = req_.Param(name);
    for (std::string_view x : SplitViews(v, ',')) {
      std::string t = Trim(std::string(x));
      if (!t.empty()) out.push_back(std::move(t));
    }
    return out;
  }
  Result<bool> Flag(const char* name) const override { return req_.Param(name) == "1"; }

 private:
  const http::Request& req_;
};

// A service's refusal without a field of its own, tied to `field`.
Result<Change> About(Result<Change> r, const char* field) {
  if (!r.ok() && r.status().field().empty() && r.status().code() == Status::Code::kInvalid)
    return std::move(Status(r.status()).Field(field));
  return r;
}

Result<Change> Triage(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields& f) {
  TriageRequest t;
  PSIRT_ASSIGN_OR_RETURN(t.cvss, f.Text("cvss"));
  PSIRT_ASSIGN_OR_RETURN(t.subsystem, f.Text("subsystem"));
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> cwes, f.List("cwes"));
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> files, f.List("files"));
  if (!cwes.empty()) t.cwes = std::move(cwes);
  if (!files.empty()) t.files = std::move(files);
  return svc.Triage(actor, id, t);
}

Result<Change> LinkFix(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields& f) {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> pr, f.Text("pr"));
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> commit, f.Text("commit"));
  Fix fix;
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> branch, f.Text("branch"));
  fix.branch = branch.value_or("");
  bool has_pr = pr && !pr->empty(), has_commit = commit && !commit->empty();
  if (has_pr == has_commit) return std::move(Status::Invalid("give one of pr or commit").Field("pr"));
  fix.kind = has_pr ? Fix::Kind::kPr : Fix::Kind::kCommit;
  fix.ref = has_pr ? *pr : *commit;
  return svc.LinkFix(actor, id, fix);
}

Result<Change> Move(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields& f) {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> state, f.Text("state"));
  if (!state) return std::move(Status::Invalid("choose the state to move to").Field("state"));
  auto to = ParseState(*state);
  if (!to) return std::move(Status::Invalid("state: expected New, Triage, Assigned, Review, Accepted, Public or Rejected").Field("state"));
  MoveRequest r;
  r.to = *to;
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> reason, f.Text("reason"));
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> no_cve, f.Text("no_cve"));
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> early, f.Text("early"));
  r.reason = reason.value_or("");
  r.no_cve_reason = no_cve.value_or("");
  r.early_reason = early.value_or("");
  return svc.Move(actor, id, r);
}

Result<Change> Edit(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields& f) {
  EditRequest r;
  PSIRT_ASSIGN_OR_RETURN(r.title, f.Text("title"));
  PSIRT_ASSIGN_OR_RETURN(r.description, f.Text("description"));
  PSIRT_ASSIGN_OR_RETURN(r.ghsa, f.Text("ghsa"));
  PSIRT_ASSIGN_OR_RETURN(r.introduced_by, f.Text("introduced_by"));
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> rname, f.Text("reporter_name"));
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> remail, f.Text("reporter_email"));
  if (rname || remail) r.reporter = Person{rname.value_or(""), remail.value_or("")};
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> ends, f.Text("embargo_ends"));
  if (ends) {
    auto d = Date::Parse(*ends);
    if (!d.ok()) return std::move(Status::Invalid("embargo_ends: " + d.status().message()).Field("embargo_ends"));
    r.embargo_ends = *d;
  }
  PSIRT_ASSIGN_OR_RETURN(r.clear_embargo, f.Flag("clear_embargo"));
  PSIRT_ASSIGN_OR_RETURN(r.confirm_reporter, f.Flag("reporter_confirmed"));
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> reason, f.Text("reason"));
  r.reason = reason.value_or("");
  if (!r.title && !r.description && !r.ghsa && !r.introduced_by && !r.reporter && !r.embargo_ends && !r.clear_embargo &&
      !r.confirm_reporter)
    return Status::Invalid("nothing to change");
  return svc.Edit(actor, id, r);
}

}  // namespace

bool IsBoundAction(std::string_view a) {
  for (std::string_view x : {"note", "ack", "triage", "assign", "fix", "cve", "credit", "move", "edit"})
    if (a == x) return true;
  return false;
}

Result<std::unique_ptr<ActionFields>> JsonActionFields(const http::Request& req, std::string_view action) {
  Result<http::JsonBody> b = Status::Invalid("unknown action");
  if (action == "note") b = http::JsonBody::Read(req, {"text", "with_reporter"});
  else if (action == "ack") b = http::JsonBody::Read(req, {});
  else if (action == "triage") b = http::JsonBody::Read(req, {"cvss", "cwes", "files", "subsystem"});
  else if (action == "assign") b = http::JsonBody::Read(req, {"user"});
  else if (action == "fix") b = http::JsonBody::Read(req, {"pr", "commit", "branch"});
  else if (action == "cve") b = http::JsonBody::Read(req, {"cve", "reason"});
  else if (action == "credit") b = http::JsonBody::Read(req, {"name", "type"});
  else if (action == "move") b = http::JsonBody::Read(req, {"state", "reason", "no_cve", "early"});
  else if (action == "edit")
    b = http::JsonBody::Read(req, {"title", "description", "reporter_name", "reporter_email", "reporter_confirmed", "ghsa",
                                   "introduced_by", "embargo_ends", "clear_embargo", "reason"});
  if (!b.ok()) return b.status();
  return std::unique_ptr<ActionFields>(new JsonFields(std::move(*b)));
}

std::unique_ptr<ActionFields> FormActionFields(const http::Request& req) { return std::make_unique<FormFields>(req); }

Result<Change> RunBoundAction(AdvisoryService& svc, const std::string& actor, const std::string& id,
                              std::string_view action, const ActionFields& f) {
  if (action == "note") {
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> text, f.Text("text"));
    PSIRT_ASSIGN_OR_RETURN(bool with_reporter, f.Flag("with_reporter"));
    return About(svc.AddNote(actor, id, text.value_or(""), with_reporter), "text");
  }
  if (action == "ack") return svc.Acknowledge(actor, id);
  if (action == "triage") return Triage(svc, actor, id, f);
  if (action == "assign") {
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> user, f.Text("user"));
    return About(svc.Assign(actor, id, user.value_or("")), "user");
  }
  if (action == "fix") return LinkFix(svc, actor, id, f);
  if (action == "cve") {
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> cve, f.Text("cve"));
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> reason, f.Text("reason"));
    return About(svc.SetCve(actor, id, cve.value_or(""), reason.value_or("")), "cve");
  }
  if (action == "credit") {
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> name, f.Text("name"));
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> type, f.Text("type"));
    return svc.AddCredit(actor, id, Credit{name.value_or(""), type.value_or("")});
  }
  if (action == "move") return Move(svc, actor, id, f);
  if (action == "edit") return Edit(svc, actor, id, f);
  return Status::Invalid("unknown action '" + std::string(action) + "'");
}

}  // namespace psirt
