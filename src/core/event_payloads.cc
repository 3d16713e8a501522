// Event payloads: each kind's JSON reading and writing, and the one-line
// description of an event.
#include "core/event_payloads.h"

#include <array>
#include <type_traits>

#include "base/strings.h"

namespace psirt::ev {
namespace {

using nlohmann::json;

Status Bad(std::string_view field) { return Status::Invalid("bad " + std::string(field)); }

// Readers of optional fields: absent or null leaves `out` unset; a value of
// the wrong type is an error naming the field.
template <class T>
bool Holds(const json& v) {
  if constexpr (std::is_same_v<T, std::string>) return v.is_string();
  else if constexpr (std::is_same_v<T, bool>) return v.is_boolean();
  else if constexpr (std::is_same_v<T, int>) return v.is_number_integer();
  else return v.is_number();
}

template <class T>
Status Read(const json& p, const char* key, std::optional<T>& out) {
  auto it = p.find(key);
  if (it == p.end() || it->is_null()) return Status::Ok();
  if (!Holds<T>(*it)) return Bad(key);
  out = it->get<T>();
  return Status::Ok();
}

Status Read(const json& p, const char* key, std::string& out) {
  std::optional<std::string> v;
  PSIRT_RETURN_IF_ERROR(Read(p, key, v));
  if (v) out = std::move(*v);
  return Status::Ok();
}

Status Read(const json& p, const char* key, std::optional<std::vector<std::string>>& out) {
  auto it = p.find(key);
  if (it == p.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Bad(key);
  std::vector<std::string> v;
  for (const json& x : *it) {
    if (!x.is_string()) return Bad(key);
    v.push_back(x.get<std::string>());
  }
  out = std::move(v);
  return Status::Ok();
}

// A date: absent, null or "" leave it unset.
Status Read(const json& p, const char* key, std::optional<Date>& out) {
  std::optional<std::string> s;
  PSIRT_RETURN_IF_ERROR(Read(p, key, s));
  if (!s || s->empty()) return Status::Ok();
  auto d = Date::Parse(*s);
  if (!d.ok()) return Bad(key);
  out = *d;
  return Status::Ok();
}

Status ReadState(const json& p, const char* key, std::optional<State>& out) {
  std::optional<std::string> s;
  PSIRT_RETURN_IF_ERROR(Read(p, key, s));
  if (!s || s->empty()) return Status::Ok();
  out = ParseState(*s);
  if (!out) return Bad(key);
  return Status::Ok();
}

Result<Person> ReadPerson(const json& p, const char* key) {
  Person person;
  auto it = p.find(key);
  if (it == p.end() || it->is_null()) return person;
  if (!it->is_object()) return Bad(key);
  PSIRT_RETURN_IF_ERROR(Read(*it, "name", person.name));
  PSIRT_RETURN_IF_ERROR(Read(*it, "email", person.email));
  return person;
}

json PersonJson(const Person& p) { return {{"name", p.name}, {"email", p.email}}; }

template <class T>
void Put(json& p, const char* key, const std::optional<T>& v) {
  if (v) p[key] = *v;
}

void PutIf(json& p, const char* key, const std::string& v) {
  if (!v.empty()) p[key] = v;
}

Result<Credit> CreditFromJson(const json& j) {
  if (!j.is_object()) return Bad("credit");
  Credit c;
  if (!Read(j, "name", c.name).ok() || !Read(j, "type", c.type).ok()) return Bad("credit");
  return c;
}

json CreditToJson(const Credit& c) { return {{"name", c.name}, {"type", c.type}}; }

}  // namespace

json FixToJson(const Fix& f) {
  return {{"kind", FixKindName(f.kind)}, {"ref", f.ref}, {"branch", f.branch},
          {"label", f.label}, {"url", f.url}, {"release", f.release}};
}

Result<Fix> FixFromJson(const json& j) {
  if (!j.is_object()) return Bad("fix");
  Fix f;
  std::string kind;
  for (auto [key, into] : {std::pair<const char*, std::string*>{"kind", &kind}, {"ref", &f.ref}, {"branch", &f.branch},
                           {"label", &f.label}, {"url", &f.url}, {"release", &f.release}})
    if (!Read(j, key, *into).ok()) return Bad("fix");
  if (kind == FixKindName(Fix::Kind::kPr)) f.kind = Fix::Kind::kPr;
  else if (kind == FixKindName(Fix::Kind::kCommit)) f.kind = Fix::Kind::kCommit;
  else return Bad("fix");
  return f;
}

// --- reported -------------------------------------------------------------

json Reported::ToJson() const {
  json p = {{"title", title}, {"description", description}, {"reporter", PersonJson(reporter)}};
  if (reported_on) p["reported_on"] = reported_on->ToString();
  p["source"] = source;
  PutIf(p, "message_id", message_id);
  Put(p, "reporter_confirmed", reporter_confirmed);
  PutIf(p, "state", state);
  return p;
}

Result<Reported> Reported::FromJson(const json& p) {
  Reported r;
  if (!Read(p, "title", r.title).ok() || !Read(p, "description", r.description).ok() ||
      !Read(p, "reported_on", r.reported_on).ok() || !Read(p, "source", r.source).ok() ||
      !Read(p, "message_id", r.message_id).ok())
    return Bad("report payload");
  auto person = ReadPerson(p, "reporter");
  if (!person.ok()) return Bad("report payload");
  r.reporter = *person;
  PSIRT_RETURN_IF_ERROR(Read(p, "reporter_confirmed", r.reporter_confirmed));
  PSIRT_RETURN_IF_ERROR(Read(p, "state", r.state));
  return r;
}

// --- triaged --------------------------------------------------------------

bool Triaged::empty() const {
  return !cvss && !cvss_score && !cvss_severity && !cvss_version && !cwes && !files && !subsystem && !areas &&
         !suggested_assignee && !need_to_know;
}

json Triaged::ToJson() const {
  json p = json::object();
  Put(p, "cvss", cvss);
  Put(p, "cvss_score", cvss_score);
  Put(p, "cvss_severity", cvss_severity);
  Put(p, "cvss_version", cvss_version);
  Put(p, "cwes", cwes);
  Put(p, "files", files);
  Put(p, "areas", areas);
  Put(p, "suggested_assignee", suggested_assignee);
  Put(p, "need_to_know", need_to_know);
  Put(p, "subsystem", subsystem);
  return p;
}

Result<Triaged> Triaged::FromJson(const json& p) {
  Triaged t;
  if (!Read(p, "cvss", t.cvss).ok() || !Read(p, "cwes", t.cwes).ok() || !Read(p, "files", t.files).ok() ||
      !Read(p, "subsystem", t.subsystem).ok() || !Read(p, "cvss_severity", t.cvss_severity).ok() ||
      !Read(p, "cvss_version", t.cvss_version).ok() || !Read(p, "areas", t.areas).ok() ||
      !Read(p, "suggested_assignee", t.suggested_assignee).ok() || !Read(p, "need_to_know", t.need_to_know).ok())
    return Bad("triage payload");
  PSIRT_RETURN_IF_ERROR(Read(p, "cvss_score", t.cvss_score));
  return t;
}

// --- small kinds ----------------------------------------------------------

json Assigned::ToJson() const { return {{"assignee", assignee}}; }

Result<Assigned> Assigned::FromJson(const json& p) {
  Assigned a;
  PSIRT_RETURN_IF_ERROR(Read(p, "assignee", a.assignee));
  return a;
}

json FixLinked::ToJson() const { return FixToJson(fix); }

Result<FixLinked> FixLinked::FromJson(const json& p) {
  auto f = FixFromJson(p);
  if (!f.ok()) return Bad("fix payload");
  return FixLinked{*f};
}

json CveAssigned::ToJson() const {
  json p = {{"cve", cve}};
  PutIf(p, "previous", previous);
  PutIf(p, "reason", reason);
  return p;
}

Result<CveAssigned> CveAssigned::FromJson(const json& p) {
  CveAssigned c;
  if (!Read(p, "cve", c.cve).ok()) return Bad("cve");
  PSIRT_RETURN_IF_ERROR(Read(p, "previous", c.previous));
  PSIRT_RETURN_IF_ERROR(Read(p, "reason", c.reason));
  return c;
}

json Credited::ToJson() const { return CreditToJson(credit); }

Result<Credited> Credited::FromJson(const json& p) {
  PSIRT_ASSIGN_OR_RETURN(Credit c, CreditFromJson(p));
  return Credited{std::move(c)};
}

json Noted::ToJson() const {
  json p = {{"text", text}};
  if (with_reporter) p["with_reporter"] = true;
  Put(p, "from_reporter", from_reporter);
  return p;
}

Result<Noted> Noted::FromJson(const json& p) {
  Noted n;
  std::optional<bool> with;
  if (!Read(p, "text", n.text).ok() || !Read(p, "with_reporter", with).ok() ||
      !Read(p, "from_reporter", n.from_reporter).ok())
    return Bad("note");
  n.with_reporter = with.value_or(false);
  return n;
}

json Moved::ToJson() const {
  json p = {{"from", StateName(from)}, {"to", StateName(to)}};
  PutIf(p, "reason", reason);
  Put(p, "no_cve_reason", no_cve_reason);
  Put(p, "early_reason", early_reason);
  return p;
}

Result<Moved> Moved::FromJson(const json& p) {
  Moved m;
  std::optional<State> from, to;
  if (!ReadState(p, "to", to).ok() || !to) return Bad("target state");
  m.to = *to;
  if (!ReadState(p, "from", from).ok()) return Bad("source state");
  m.from = from.value_or(State::kNew);
  if (!Read(p, "reason", m.reason).ok() || !Read(p, "no_cve_reason", m.no_cve_reason).ok() ||
      !Read(p, "early_reason", m.early_reason).ok())
    return Bad("reason");
  return m;
}

// --- edited ---------------------------------------------------------------

bool Edited::empty() const {
  return !title && !description && !reporter && !reporter_confirmed && !ghsa && !introduced_by && !embargo_ends;
}

json Edited::ToJson() const {
  json p = json::object();
  Put(p, "title", title);
  if (reporter_confirmed) p["reporter_confirmed"] = *reporter_confirmed;
  Put(p, "description", description);
  if (reporter) p["reporter"] = PersonJson(*reporter);
  Put(p, "ghsa", ghsa);
  Put(p, "introduced_by", introduced_by);
  if (embargo_ends) p["embargo_ends"] = *embargo_ends ? json((*embargo_ends)->ToString()) : json(nullptr);
  PutIf(p, "reason", reason);
  return p;
}

Result<Edited> Edited::FromJson(const json& p) {
  Edited e;
  if (!Read(p, "title", e.title).ok() || !Read(p, "description", e.description).ok() ||
      !Read(p, "ghsa", e.ghsa).ok() || !Read(p, "introduced_by", e.introduced_by).ok())
    return Bad("edit payload");
  if (p.contains("reporter")) {
    auto person = ReadPerson(p, "reporter");
    if (!person.ok() || !p["reporter"].is_object()) return Bad("reporter");
    e.reporter = *person;
  }
  PSIRT_RETURN_IF_ERROR(Read(p, "reporter_confirmed", e.reporter_confirmed));
  if (p.contains("embargo_ends")) {
    if (p["embargo_ends"].is_null()) {
      e.embargo_ends.emplace(std::nullopt);
    } else {
      std::optional<Date> d;
      if (!Read(p, "embargo_ends", d).ok() || !d) return Bad("embargo date");
      e.embargo_ends.emplace(d);
    }
  }
  PSIRT_RETURN_IF_ERROR(Read(p, "reason", e.reason));
  return e;
}

Result<Synced> Synced::FromJson(const json& p) {
  PSIRT_ASSIGN_OR_RETURN(FixFacts f, FixFactsFromJson(p));
  return Synced{std::move(f)};
}

// --- imported -------------------------------------------------------------

json Imported::ToJson() const {
  json p = {{"format", format}, {"file", file}};
  Put(p, "title", title);
  Put(p, "description", description);
  Put(p, "cve", cve);
  Put(p, "ghsa", ghsa);
  if (state) {
    p["state"] = StateName(*state);
    PutIf(p, "reason", reason);
  }
  if (public_on) p["public_on"] = public_on->ToString();
  Put(p, "cwes", cwes);
  Put(p, "cvss", cvss);
  Put(p, "cvss_score", cvss_score);
  Put(p, "cvss_severity", cvss_severity);
  Put(p, "cvss_version", cvss_version);
  if (credits) {
    json a = json::array();
    for (const Credit& c : *credits) a.push_back(CreditToJson(c));
    p["credits"] = a;
  }
  if (fixes) {
    json a = json::array();
    for (const Fix& f : *fixes) a.push_back(FixToJson(f));
    p["fixes"] = a;
  }
  Put(p, "fixed_release", fixed_release);
  Put(p, "fixed_releases", fixed_releases);
  Put(p, "fixed_branches", fixed_branches);
  Put(p, "fixed_statement", fixed_statement);
  if (references) {
    json a = json::array();
    for (const Reference& r : *references) a.push_back({{"kind", r.kind}, {"name", r.name}, {"url", r.url}});
    p["references"] = a;
  }
  Put(p, "page_notes", page_notes);
  if (embargo_ends) p["embargo_ends"] = embargo_ends->ToString();
  Put(p, "published_text", published_text);
  Put(p, "published_fingerprint", published_fingerprint);
  Put(p, "page_position", page_position);
  Put(p, "assigner", assigner);
  return p;
}

std::vector<std::string> Imported::FieldNames() const {
  std::vector<std::string> out;
  json p = ToJson();
  for (auto it = p.begin(); it != p.end(); ++it)
    if (it.key() != "format" && it.key() != "file") out.push_back(it.key());
  return out;
}

Result<Imported> Imported::FromJson(const json& p) {
  Imported m;
  Status st;
  for (auto [key, into] : {std::pair<const char*, std::optional<std::string>*>{"title", &m.title},
                           {"description", &m.description},
                           {"cve", &m.cve},
                           {"ghsa", &m.ghsa},
                           {"cvss", &m.cvss},
                           {"cvss_severity", &m.cvss_severity},
                           {"cvss_version", &m.cvss_version},
                           {"fixed_release", &m.fixed_release},
                           {"fixed_statement", &m.fixed_statement},
                           {"page_notes", &m.page_notes},
                           {"published_text", &m.published_text},
                           {"published_fingerprint", &m.published_fingerprint},
                           {"assigner", &m.assigner}})
    if (!Read(p, key, *into).ok()) return Bad("import payload");
  if (!Read(p, "format", m.format).ok() || !Read(p, "file", m.file).ok() || !Read(p, "cwes", m.cwes).ok() ||
      !Read(p, "fixed_releases", m.fixed_releases).ok() || !Read(p, "fixed_branches", m.fixed_branches).ok() ||
      !Read(p, "public_on", m.public_on).ok() || !Read(p, "embargo_ends", m.embargo_ends).ok())
    return Bad("import payload");
  if (!ReadState(p, "state", m.state).ok()) return Bad("state");
  PSIRT_RETURN_IF_ERROR(Read(p, "reason", m.reason));
  PSIRT_RETURN_IF_ERROR(Read(p, "cvss_score", m.cvss_score));
  PSIRT_RETURN_IF_ERROR(Read(p, "page_position", m.page_position));
  if (p.contains("fixes")) {
    if (!p["fixes"].is_array()) return Bad("fixes");
    m.fixes.emplace();
    for (const json& x : p["fixes"]) {
      auto f = FixFromJson(x);
      if (!f.ok()) return Bad("fix");
      m.fixes->push_back(std::move(f).value());
    }
  }
  if (p.contains("references")) {
    if (!p["references"].is_array()) return Bad("references");
    m.references.emplace();
    for (const json& x : p["references"]) {
      Reference r;
      if (!x.is_object() || !Read(x, "kind", r.kind).ok() || !Read(x, "name", r.name).ok() ||
          !Read(x, "url", r.url).ok())
        return Bad("reference");
      m.references->push_back(std::move(r));
    }
  }
  if (p.contains("credits")) {
    if (!p["credits"].is_array()) return Bad("credits");
    m.credits.emplace();
    for (const json& x : p["credits"]) {
      PSIRT_ASSIGN_OR_RETURN(Credit c, CreditFromJson(x));
      m.credits->push_back(std::move(c));
    }
  }
  return m;
}

// --- notified, github -----------------------------------------------------

json Notified::ToJson() const {
  return {{"key", key}, {"kind", kind}, {"to", to}, {"message_id", message_id}, {"transport", transport}};
}

Result<Notified> Notified::FromJson(const json& p) {
  Notified n;
  std::optional<std::vector<std::string>> to;
  if (!Read(p, "key", n.key).ok() || n.key.empty()) return Bad("notification key");
  if (!Read(p, "kind", n.kind).ok() || !Read(p, "to", to).ok() || !Read(p, "message_id", n.message_id).ok() ||
      !Read(p, "transport", n.transport).ok())
    return Bad("notification");
  n.to = to.value_or(std::vector<std::string>{});
  return n;
}

json CveRecordSent::ToJson() const {
  return {{"cve", cve}, {"action", action}, {"fingerprint", fingerprint}, {"service", service}};
}

Result<CveRecordSent> CveRecordSent::FromJson(const json& p) {
  CveRecordSent r;
  if (!Read(p, "cve", r.cve).ok() || r.cve.empty()) return Bad("CVE record's id");
  if (!Read(p, "action", r.action).ok() || (r.action != "created" && r.action != "updated" && r.action != "rejected"))
    return Bad("CVE record action (created, updated or rejected)");
  if (!Read(p, "fingerprint", r.fingerprint).ok() || !Read(p, "service", r.service).ok()) return Bad("CVE record");
  return r;
}

namespace {

Result<std::vector<std::string>> Strings(const json& p, const char* key) {
  std::optional<std::vector<std::string>> v;
  PSIRT_RETURN_IF_ERROR(Read(p, key, v));
  return v.value_or(std::vector<std::string>{});
}

}  // namespace

json PatchAdded::ToJson() const {
  json patches = json::array();
  for (const PatchInfo& x : series.patches)
    patches.push_back({{"subject", x.subject}, {"author", x.author}, {"patch_id", x.patch_id}, {"commit", x.commit}, {"files", x.files}});
  return {{"series", series.number}, {"attachment", series.attachment}, {"patches", patches}};
}

Result<PatchAdded> PatchAdded::FromJson(const json& p) {
  PatchAdded out;
  auto n = p.find("series");
  auto att = p.find("attachment");
  auto patches = p.find("patches");
  if (n == p.end() || !n->is_number_integer() || att == p.end() || !att->is_number_integer()) return Bad("patch series");
  if (patches == p.end() || !patches->is_array() || patches->empty()) return Bad("patch series' patches");
  out.series.number = n->get<int>();
  out.series.attachment = att->get<std::int64_t>();
  for (const json& x : *patches) {
    if (!x.is_object()) return Bad("patch");
    PatchInfo i;
    if (!Read(x, "subject", i.subject).ok() || !Read(x, "author", i.author).ok() || !Read(x, "patch_id", i.patch_id).ok() ||
        !Read(x, "commit", i.commit).ok() || i.patch_id.empty())
      return Bad("patch");
    PSIRT_ASSIGN_OR_RETURN(i.files, Strings(x, "files"));
    out.series.patches.push_back(std::move(i));
  }
  return out;
}

json PatchChecked::ToJson() const {
  json results = json::array();
  for (const PatchCheckResult& r : this->results) {
    json conflicts = json::array();
    for (const PatchConflict& c : r.conflicts) conflicts.push_back({{"patch", c.patch}, {"file", c.file}, {"hunks", c.hunks}});
    results.push_back({{"branch", r.branch}, {"tip", r.tip}, {"series", r.series}, {"series_key", r.series_key},
                       {"fit", std::string(PatchFitName(r.fit))}, {"three_way", r.three_way}, {"conflicts", conflicts},
                       {"present", r.present}});
  }
  return {{"results", results}};
}

Result<PatchChecked> PatchChecked::FromJson(const json& p) {
  PatchChecked out;
  auto results = p.find("results");
  if (results == p.end() || !results->is_array()) return Bad("patch check results");
  for (const json& x : *results) {
    if (!x.is_object()) return Bad("patch check result");
    PatchCheckResult r;
    std::string fit;
    if (!Read(x, "branch", r.branch).ok() || r.branch.empty() || !Read(x, "tip", r.tip).ok() ||
        !Read(x, "series_key", r.series_key).ok() || !Read(x, "fit", fit).ok())
      return Bad("patch check result");
    std::optional<PatchFit> f = ParsePatchFit(fit);
    if (!f) return Bad("patch check fit (applies, conflicts or present)");
    r.fit = *f;
    auto series = x.find("series");
    if (series != x.end() && series->is_number_integer()) r.series = series->get<int>();
    auto three = x.find("three_way");
    r.three_way = three != x.end() && three->is_boolean() && three->get<bool>();
    PSIRT_ASSIGN_OR_RETURN(r.present, Strings(x, "present"));
    auto conflicts = x.find("conflicts");
    if (conflicts != x.end() && conflicts->is_array())
      for (const json& c : *conflicts) {
        PatchConflict pc;
        if (!c.is_object() || !Read(c, "file", pc.file).ok()) return Bad("patch conflict");
        auto n = c.find("patch");
        if (n != c.end() && n->is_number_integer()) pc.patch = n->get<int>();
        PSIRT_ASSIGN_OR_RETURN(pc.hunks, Strings(c, "hunks"));
        r.conflicts.push_back(std::move(pc));
      }
    out.results.push_back(std::move(r));
  }
  return out;
}

json PatchTested::ToJson() const {
  const PatchTestResult& r = result;
  return {{"branch", r.branch}, {"tip", r.tip}, {"series", r.series}, {"series_key", r.series_key}, {"result", r.result},
          {"exit_code", r.exit_code}, {"seconds", r.seconds}, {"output", r.output}};
}

Result<PatchTested> PatchTested::FromJson(const json& p) {
  PatchTested out;
  PatchTestResult& r = out.result;
  if (!Read(p, "branch", r.branch).ok() || r.branch.empty() || !Read(p, "tip", r.tip).ok() || !Read(p, "series_key", r.series_key).ok() ||
      !Read(p, "result", r.result).ok() || !Read(p, "output", r.output).ok())
    return Bad("patch test");
  if (r.result != "passed" && r.result != "failed" && r.result != "timed-out" && r.result != "not-applied" && r.result != "cancelled")
    return Bad("patch test result");
  auto n = p.find("series");
  if (n != p.end() && n->is_number_integer()) r.series = n->get<int>();
  auto code = p.find("exit_code");
  if (code != p.end() && code->is_number_integer()) r.exit_code = code->get<int>();
  auto secs = p.find("seconds");
  if (secs != p.end() && secs->is_number()) r.seconds = secs->get<double>();
  return out;
}

json Github::ToJson() const {
  json p = json::object();
  Put(p, "repo", repo);
  Put(p, "base", base);
  Put(p, "facts", facts);
  Put(p, "conflicts", conflicts);
  Put(p, "pulls", pulls);
  if (resolved) p["resolved"] = {{"field", resolved->field}, {"take", resolved->take}};
  return p;
}

Result<Github> Github::FromJson(const json& p) {
  Github g;
  if (!Read(p, "repo", g.repo).ok()) return Bad("repo");
  for (auto [key, into] : {std::pair<const char*, std::optional<json>*>{"base", &g.base},
                           {"facts", &g.facts},
                           {"conflicts", &g.conflicts},
                           {"pulls", &g.pulls}}) {
    if (!p.contains(key)) continue;
    if (!p[key].is_object()) return Bad(key);
    *into = p[key];
  }
  if (p.contains("resolved")) {
    const json& r = p["resolved"];
    Resolution res;
    if (!r.is_object() || !Read(r, "field", res.field).ok() || !Read(r, "take", res.take).ok())
      return Bad("resolved");
    g.resolved = res;
  }
  return g;
}

// --- module ---------------------------------------------------------------

namespace {
// The text fields of a module event, by name, in payload order.
template <class M>
auto ModuleTexts(M& m) {
  return std::array{std::pair{"module", &m.module},       std::pair{"path", &m.path},
                    std::pair{"upstream", &m.upstream},   std::pair{"origin", &m.origin},
                    std::pair{"vuln", &m.vuln},           std::pair{"pinned", &m.pinned},
                    std::pair{"status", &m.status},       std::pair{"resolution", &m.resolution},
                    std::pair{"fix_route", &m.fix_route}, std::pair{"contact", &m.contact},
                    std::pair{"upstream_advisory", &m.upstream_advisory}};
}
template <class M>
auto ModuleDates(M& m) {
  return std::array{std::pair{"forwarded_on", &m.forwarded_on},
                    std::pair{"upstream_acknowledged_on", &m.upstream_acknowledged_on},
                    std::pair{"upstream_embargo", &m.upstream_embargo}};
}
}  // namespace

namespace {
template <class M, class L>
auto ModuleFieldPairs(M& m, L& l) {
  return std::array{std::pair{&m.module, &l.module},     std::pair{&m.path, &l.path},
                    std::pair{&m.upstream, &l.upstream}, std::pair{&m.origin, &l.origin},
                    std::pair{&m.vuln, &l.vuln},         std::pair{&m.pinned, &l.pinned},
                    std::pair{&m.status, &l.status},     std::pair{&m.resolution, &l.resolution},
                    std::pair{&m.fix_route, &l.fix_route}, std::pair{&m.contact, &l.contact},
                    std::pair{&m.upstream_advisory, &l.upstream_advisory}};
}
}  // namespace

ModuleChanged ModuleChanged::Of(const ModuleLink& l) {
  ModuleChanged m;
  for (auto [given, field] : ModuleFieldPairs(m, l)) *given = *field;
  m.aliases = l.aliases;
  m.fixed_upstream = l.fixed_upstream;
  m.forwarded_on = l.forwarded_on;
  m.upstream_acknowledged_on = l.upstream_acknowledged_on;
  m.upstream_embargo = l.upstream_embargo;
  return m;
}

void ModuleChanged::ApplyTo(ModuleLink& l) const {
  for (auto [given, field] : ModuleFieldPairs(*this, l))
    if (*given) *field = **given;
  if (aliases) l.aliases = *aliases;
  if (fixed_upstream) l.fixed_upstream = *fixed_upstream;
  if (forwarded_on) l.forwarded_on = forwarded_on;
  if (upstream_acknowledged_on) l.upstream_acknowledged_on = upstream_acknowledged_on;
  if (upstream_embargo) l.upstream_embargo = upstream_embargo;
}

json ModuleChanged::ToJson() const {
  json p = json::object();
  for (auto [key, field] : ModuleTexts(*this)) Put(p, key, *field);
  Put(p, "aliases", aliases);
  Put(p, "fixed_upstream", fixed_upstream);
  for (auto [key, field] : ModuleDates(*this))
    if (*field) p[key] = (*field)->ToString();
  return p;
}

Result<ModuleChanged> ModuleChanged::FromJson(const json& p) {
  ModuleChanged m;
  for (auto [key, field] : ModuleTexts(m))
    if (!Read(p, key, *field).ok()) return Bad(key);
  for (auto [key, field] : ModuleDates(m))
    if (!Read(p, key, *field).ok()) return Bad(key);
  if (!Read(p, "aliases", m.aliases).ok()) return Bad("aliases");
  if (!Read(p, "fixed_upstream", m.fixed_upstream).ok()) return Bad("fixed_upstream");
  if (m.status && !m.status->empty() && *m.status != "vulnerable" && *m.status != "resolved") return Bad("status");
  if (m.fix_route && !m.fix_route->empty() && *m.fix_route != "upstream" && *m.fix_route != "fork")
    return Bad("fix_route");
  return m;
}

// --- descriptions ---------------------------------------------------------

namespace {

std::string Describe(const Reported& r) { return "reported: " + r.title; }
std::string Describe(const Acknowledged&) { return "acknowledged"; }

std::string Describe(const Triaged& t) {
  std::vector<std::string> parts;
  if (t.cvss) parts.push_back("cvss=" + *t.cvss);
  if (t.subsystem) parts.push_back("subsystem=" + *t.subsystem);
  if (t.cwes) parts.push_back("cwes=" + Join(*t.cwes, ","));
  if (t.files) parts.push_back("files=" + Join(*t.files, ","));
  return "triaged: " + Join(parts, " ");
}

std::string Describe(const Assigned& a) { return "assigned to " + a.assignee; }

std::string Describe(const FixLinked& f) {
  return "fix linked: " + std::string(f.fix.kind == Fix::Kind::kPr ? "PR #" : "commit ") + f.fix.ref + " on " +
         f.fix.branch;
}

std::string Describe(const CveAssigned& c) {
  std::string s = "CVE " + c.cve;
  if (!c.previous.empty()) s += " (was " + c.previous + (c.reason.empty() ? "" : ": " + c.reason) + ")";
  return s;
}

std::string Describe(const Credited& c) { return "credited " + c.credit.name + " (" + c.credit.type + ")"; }

std::string Describe(const Moved& m, bool insider) {
  std::string s = "moved " + std::string(StateName(m.from)) + " -> " + std::string(StateName(m.to));
  if (!insider) return s;
  if (!m.reason.empty()) s += " (" + m.reason + ")";
  if (m.no_cve_reason && !m.no_cve_reason->empty()) s += " [no CVE: " + *m.no_cve_reason + "]";
  if (m.early_reason && !m.early_reason->empty()) s += " [early: " + *m.early_reason + "]";
  return s;
}

std::string Describe(const Synced& s) {
  const FixFacts& f = s.facts;
  std::vector<std::string> parts;
  parts.push_back(f.main_merged ? "merged on main" : "not merged on main");
  if (f.main_first_release) parts.push_back("first release " + *f.main_first_release);
  for (const FixFacts::Branch& b : f.branches) {
    if (b.status == BranchStatus::kNotRequired) continue;
    parts.push_back(b.facts.branch + " " + std::string(BranchStatusName(b.status)) +
                    (b.facts.release ? " " + *b.facts.release : ""));
  }
  return "synced from git: " + Join(parts, ", ");
}

std::string Describe(const Edited& e) {
  std::vector<std::string> parts;
  json p = e.ToJson();
  for (auto it = p.begin(); it != p.end(); ++it)
    if (it.key() != "reason") parts.push_back(it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump()));
  std::string s = "edited: " + Join(parts, " ");
  if (!e.reason.empty()) s += " (" + e.reason + ")";
  return s;
}

std::string Describe(const Imported& m) {
  return "imported from " + m.file + " (" + m.format + "): " + Join(m.FieldNames(), ", ");
}

std::string Describe(const CveRecordSent& r) {
  return "CVE record " + r.cve + " " + r.action + " at " + r.service;
}

std::string Describe(const PatchAdded& p) {
  std::string s = "patch series " + std::to_string(p.series.number) + " attached (" + std::to_string(p.series.patches.size()) +
                  (p.series.patches.size() == 1 ? " patch" : " patches");
  if (!p.series.patches.empty()) s += ": " + p.series.patches.front().subject + (p.series.patches.size() > 1 ? ", ..." : "");
  return s + ")";
}

std::string Describe(const PatchChecked& p) {
  std::string s = "patch checked:";
  for (size_t i = 0; i < p.results.size(); ++i)
    s += std::string(i ? ";" : "") + " " + p.results[i].branch + " " + DescribePatchCheck(p.results[i]);
  return s;
}

std::string Describe(const PatchTested& p) {
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", p.result.seconds);
  return "patch tested on " + p.result.branch + ": " + p.result.result +
         (p.result.result == "failed" ? " (exit " + std::to_string(p.result.exit_code) + ")" : "") + " in " + secs + " s";
}

std::string Describe(const Notified& n) {
  return "notified (" + n.kind + ") " + Join(n.to, ", ") + " via " + n.transport;
}

// A string member of a JSON object, or `fallback` (whatever else is there).
std::string StringIn(const json& o, const char* key, const std::string& fallback) {
  if (!o.is_object()) return fallback;
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string Describe(const Github& g) {
  std::vector<std::string> parts;
  if (g.resolved) parts.push_back("conflict on " + g.resolved->field + " resolved: took " + g.resolved->take);
  if (g.facts) parts.push_back("GHSA " + StringIn(*g.facts, "state", "?"));
  if (g.conflicts && !g.conflicts->empty()) {
    std::vector<std::string> f;
    for (auto it = g.conflicts->begin(); it != g.conflicts->end(); ++it) f.push_back(it.key());
    parts.push_back("conflicts: " + Join(f, ", "));
  }
  if (g.pulls)
    for (auto it = g.pulls->begin(); it != g.pulls->end(); ++it) {
      if (!it->is_object()) continue;
      auto merged = it->find("merged");
      bool was_merged = merged != it->end() && merged->is_boolean() && merged->get<bool>();
      parts.push_back("PR #" + it.key() + " " +
                      (was_merged ? "merged into " : StringIn(*it, "state", "?") + " against ") +
                      StringIn(*it, "base", "?"));
    }
  return "GitHub " + g.repo.value_or("") + (parts.empty() ? "" : ": " + Join(parts, "; "));
}

std::string Describe(const ModuleChanged& m) {
  std::vector<std::string> parts;
  if (m.module) parts.push_back("concerns module " + *m.module + (m.upstream ? " (upstream " + *m.upstream + ")" : ""));
  if (m.vuln) parts.push_back("upstream " + *m.vuln);
  if (m.status) parts.push_back(*m.status == "vulnerable" ? "pinned at a vulnerable revision" + (m.pinned ? " " + m.pinned->substr(0, 12) : std::string())
                                                          : "resolved" + (m.resolution ? ": " + *m.resolution : std::string()));
  if (m.forwarded_on) parts.push_back("forwarded to " + m.contact.value_or("upstream") + " on " + m.forwarded_on->ToString());
  if (m.upstream_acknowledged_on) parts.push_back("upstream acknowledged on " + m.upstream_acknowledged_on->ToString());
  if (m.upstream_advisory) parts.push_back("upstream advisory " + *m.upstream_advisory);
  if (m.upstream_embargo) parts.push_back("upstream embargo until " + m.upstream_embargo->ToString());
  if (m.fix_route) parts.push_back(*m.fix_route == "fork" ? "fix goes to the fork only" : "fix goes upstream first, then a manifest bump");
  return "module: " + (parts.empty() ? std::string("updated") : Join(parts, "; "));
}

template <class P>
std::string DescribeAs(const Event& e) {
  auto p = PayloadOf<P>(e);
  if (!p.ok()) return std::string(EventKindName(e.kind)) + " (unreadable)";
  return Describe(*p);
}

}  // namespace

std::optional<State> MovedTo(const Event& e) {
  if (e.kind != EventKind::kMoved) return std::nullopt;
  auto m = PayloadOf<Moved>(e);
  if (!m.ok()) return std::nullopt;
  return m->to;
}

std::string DescribeEvent(const Event& e, bool insider) {
  switch (e.kind) {
    case EventKind::kReported: return DescribeAs<Reported>(e);
    case EventKind::kAcknowledged: return DescribeAs<Acknowledged>(e);
    case EventKind::kTriaged: return DescribeAs<Triaged>(e);
    case EventKind::kAssigned: return DescribeAs<Assigned>(e);
    case EventKind::kFixLinked: return DescribeAs<FixLinked>(e);
    case EventKind::kCveAssigned: return DescribeAs<CveAssigned>(e);
    case EventKind::kCredited: return DescribeAs<Credited>(e);
    case EventKind::kNoted: {
      auto n = PayloadOf<Noted>(e);
      if (!n.ok()) return "note (unreadable)";
      std::string who = n->from_reporter.value_or(false) ? "reporter wrote"
                        : n->with_reporter                ? "note to the reporter"
                                                          : "note";
      return insider ? who + ": " + n->text : who;
    }
    case EventKind::kMoved: {
      auto m = PayloadOf<Moved>(e);
      return m.ok() ? Describe(*m, insider) : "moved (unreadable)";
    }
    case EventKind::kEdited: return DescribeAs<Edited>(e);
    case EventKind::kSynced: return DescribeAs<Synced>(e);
    case EventKind::kImported: return DescribeAs<Imported>(e);
    case EventKind::kNotified: return DescribeAs<Notified>(e);
    case EventKind::kGithub: return DescribeAs<Github>(e);
    case EventKind::kModule: return DescribeAs<ModuleChanged>(e);
    case EventKind::kCveRecord: return DescribeAs<CveRecordSent>(e);
    case EventKind::kPatchAdded: return DescribeAs<PatchAdded>(e);
    case EventKind::kPatchChecked: return DescribeAs<PatchChecked>(e);
    case EventKind::kPatchTested: return DescribeAs<PatchTested>(e);
  }
  return std::string(EventKindName(e.kind));
}

}  // namespace psirt::ev
