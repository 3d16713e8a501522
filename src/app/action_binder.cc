// Lifecycle actions, declared once and bound from any carrier of fields (app/action_binder.h).
#include "app/action_binder.h"

#include "formats/json_fields.h"
#include "formats/psirt_json.h"

namespace psirt {
namespace {

constexpr std::string_view kNoteFields[] = {"text", "with_reporter"};
constexpr std::string_view kTriageFields[] = {"cvss", "cwes", "files", "subsystem"};
constexpr std::string_view kAssignFields[] = {"user"};
constexpr std::string_view kFixFields[] = {"pr", "commit", "branch"};
constexpr std::string_view kCveFields[] = {"cve", "reason"};
constexpr std::string_view kCreditFields[] = {"name", "type"};
constexpr std::string_view kMoveFields[] = {"state", "reason", "no_cve", "early"};
constexpr std::string_view kEditFields[] = {"title", "description", "reporter_name", "reporter_email", "reporter_confirmed",
                                            "ghsa", "introduced_by", "embargo_ends", "clear_embargo", "reason"};

// The fields of a JSON object (keys already checked).
class JsonFields : public ActionFields {
 public:
  explicit JsonFields(const nlohmann::json& j) : j_(j) {}
  Result<std::optional<std::string>> Text(const char* name) const override {
    return json_fields::OptString(j_, name, name);
  }
  Result<std::vector<std::string>> List(const char* name) const override {
    return json_fields::StringList(j_, name, name);
  }
  Result<bool> Flag(const char* name) const override {
    PSIRT_ASSIGN_OR_RETURN(std::optional<bool> v, json_fields::OptBool(j_, name, name));
    return v.value_or(false);
  }

 private:
  nlohmann::json j_;
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

Result<Change> AddNoteAction(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields& f) {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> text, f.Text("text"));
  PSIRT_ASSIGN_OR_RETURN(bool with_reporter, f.Flag("with_reporter"));
  return About(svc.AddNote(actor, id, text.value_or(""), with_reporter), "text");
}

Result<Change> Ack(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields&) {
  return svc.Acknowledge(actor, id);
}

Result<Change> Assign(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields& f) {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> user, f.Text("user"));
  return About(svc.Assign(actor, id, user.value_or("")), "user");
}

Result<Change> SetCve(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields& f) {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> cve, f.Text("cve"));
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> reason, f.Text("reason"));
  return About(svc.SetCve(actor, id, cve.value_or(""), reason.value_or("")), "cve");
}

Result<Change> AddCredit(AdvisoryService& svc, const std::string& actor, const std::string& id, const ActionFields& f) {
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> name, f.Text("name"));
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> type, f.Text("type"));
  return svc.AddCredit(actor, id, Credit{name.value_or(""), type.value_or("")});
}

// Each action once: name, API route, fields, binding.
const ActionSpec kActions[] = {
    {"note", "POST", "/notes", kNoteFields, AddNoteAction},
    {"ack", "POST", "/ack", {}, Ack},
    {"triage", "POST", "/triage", kTriageFields, Triage},
    {"assign", "POST", "/assign", kAssignFields, Assign},
    {"fix", "POST", "/fixes", kFixFields, LinkFix},
    {"cve", "POST", "/cve", kCveFields, SetCve},
    {"credit", "POST", "/credits", kCreditFields, AddCredit},
    {"move", "POST", "/move", kMoveFields, Move},
    {"edit", "PATCH", "", kEditFields, Edit},
};

}  // namespace

std::span<const ActionSpec> Actions() { return kActions; }

const ActionSpec* FindAction(std::string_view name) {
  for (const ActionSpec& a : kActions)
    if (a.name == name) return &a;
  return nullptr;
}

Result<std::unique_ptr<ActionFields>> JsonObjectFields(const nlohmann::json& object, const ActionSpec& action) {
  if (!object.is_object()) return std::move(Status::Invalid("body: expected a JSON object").Field("body"));
  PSIRT_RETURN_IF_ERROR(json_fields::CheckKeys(object, "", action.fields));
  return std::unique_ptr<ActionFields>(new JsonFields(object));
}

Result<Change> RunBoundAction(AdvisoryService& svc, const std::string& actor, const std::string& id,
                              const ActionSpec& spec, const ActionFields& f) {
  return spec.run(svc, actor, id, f);
}

nlohmann::json ChangeToJson(const Change& c, const Deadlines& d) {
  nlohmann::json events = nlohmann::json::array();
  for (const Event& e : c.events) events.push_back(EventToJson(e));
  return {{"advisory", AdvisoryToJson(c.advisory, d)}, {"events", events}};
}

}  // namespace psirt
