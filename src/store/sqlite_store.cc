// SQLite implementation of Store: WAL journal, BEGIN IMMEDIATE writers with a
// busy timeout (so concurrent CLI processes queue instead of failing), and
// migrations applied on open under the write lock.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <set>
#include <thread>

#include "base/strings.h"
#include "store/columns.h"
#include "store/migrations.h"
#include "store/store.h"

namespace psirt {
namespace {

using columns::JoinList;
using columns::SplitList;
using columns::ProbableFromJson;
using columns::ProbableToJson;

constexpr int kBusyTimeoutMs = 60000;

Status SqlError(sqlite3* db, std::string_view what) {
  return Status::Io(std::string(what) + ": " + sqlite3_errmsg(db));
}

// A prepared statement with RAII finalisation.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Status prepared() const {
    return rc_ == SQLITE_OK ? Status::Ok() : SqlError(db_, "preparing statement");
  }
  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& BindBlob(int i, std::string_view v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& BindNull(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  Stmt& Bind(int i, const std::optional<Date>& d) {
    return d ? Bind(i, d->ToString()) : BindNull(i);
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(s_); }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::string Text(int c) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
    return p ? std::string(p, sqlite3_column_bytes(s_, c)) : std::string();
  }
  std::int64_t Int(int c) const { return sqlite3_column_int64(s_, c); }
  double Double(int c) const { return sqlite3_column_double(s_, c); }
  bool IsNull(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
  int rc_;
};

Status Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    Status st = Status::Io("database: " + std::string(err ? err : "error") + " in: " + sql);
    sqlite3_free(err);
    return st;
  }
  return Status::Ok();
}

// Payload text some other tool stored: invalid UTF-8 as U+FFFD, raw control
// characters inside strings escaped. What psirt writes never needs it.
std::string RepairJsonText(const std::string& text) {
  std::string in = SanitizeUtf8(text), out;
  bool in_string = false, escaped = false;
  for (char ch : in) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (in_string && !escaped && c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
      continue;
    }
    out += ch;
    if (escaped) escaped = false;
    else if (in_string && ch == '\\') escaped = true;
    else if (ch == '"') in_string = !in_string;
  }
  return out;
}

Result<std::optional<Date>> OptDate(const Stmt& s, int c) {
  if (s.IsNull(c)) return std::optional<Date>();
  auto d = Date::Parse(s.Text(c));
  if (!d.ok()) return Status::Internal("corrupt date in database: " + s.Text(c));
  return std::optional<Date>(*d);
}

class SqliteTx : public StoreTx {
 public:
  explicit SqliteTx(sqlite3* db) : db_(db) {}

  Result<std::vector<std::pair<std::string, std::string>>> Pairs(const char* sql) {
    Stmt s(db_, sql);
    PSIRT_RETURN_IF_ERROR(s.prepared());
    std::vector<std::pair<std::string, std::string>> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.emplace_back(s.Text(0), s.Text(1));
    if (rc != SQLITE_DONE) return SqlError(db_, "reading git cache");
    return out;
  }
  Status PutPairs(const char* sql, std::span<const std::pair<std::string, std::string>> rows) {
    Stmt s(db_, sql);
    PSIRT_RETURN_IF_ERROR(s.prepared());
    for (const auto& [a, b] : rows) {
      s.Bind(1, a).Bind(2, b);
      if (s.Step() != SQLITE_DONE) return SqlError(db_, "writing git cache");
      s.Reset();
    }
    return Status::Ok();
  }

  // The one value a keyed lookup finds, if any.
  Result<std::optional<std::string>> OptionalValue(const char* sql, std::string_view key) {
    Stmt s(db_, sql);
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, key);
    int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<std::string>(s.Text(0));
    if (rc != SQLITE_DONE) return SqlError(db_, "reading cache");
    return std::optional<std::string>();
  }

  Result<std::vector<Event>> LoadEvents(std::string_view advisory) override {
    Stmt s(db_,
           "SELECT seq, actor, time, kind, payload FROM events WHERE advisory = ?1 ORDER BY seq");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, advisory);
    std::vector<Event> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      Event e;
      e.advisory = std::string(advisory);
      e.seq = static_cast<int>(s.Int(0));
      e.actor = s.Text(1);
      if (!IsValidUtf8(e.actor)) e.actor = SanitizeUtf8(e.actor);  // stored before it was checked
      auto t = Timestamp::Parse(s.Text(2));
      auto k = ParseEventKind(s.Text(3));
      if (!t.ok() || !k) return Status::Internal("corrupt event " + e.advisory + "#" +
                                                 std::to_string(e.seq) + " in database");
      e.time = *t;
      e.kind = *k;
      std::string text = s.Text(4);
      e.payload = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (e.payload.is_discarded())  // stored by another tool: shown repaired, never a crash
        e.payload = nlohmann::json::parse(RepairJsonText(text), nullptr, false);
      if (e.payload.is_discarded())
        return Status::Internal("corrupt payload of event " + e.advisory + "#" +
                                std::to_string(e.seq));
      out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "reading events");
    return out;
  }

  Status AppendEvent(const Event& e) override {
    Stmt s(db_,
           "INSERT INTO events (advisory, seq, actor, time, kind, payload) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, e.advisory)
        .Bind(2, std::int64_t{e.seq})
        .Bind(3, e.actor)
        .Bind(4, e.time.ToString())
        .Bind(5, EventKindName(e.kind))
        .Bind(6, e.payload.dump());
    int rc = s.Step();
    if (rc == SQLITE_CONSTRAINT)
      return Status::Conflict("event " + std::to_string(e.seq) + " of " + e.advisory +
                              " already exists (concurrent change)");
    if (rc != SQLITE_DONE) return SqlError(db_, "appending event");
    return Status::Ok();
  }

  Status PutSummary(const AdvisorySummary& a) override {
    Stmt s(db_,
           "INSERT OR REPLACE INTO advisories (id, year, seq, state, title, assignee, cvss, "
           "cve_id, reported_on, embargo_override, accepted_on, acknowledged, has_fix, "
           "updated_at, version, cvss_score, cvss_severity, backports_missing, unreleased, "
           "backports_probable, reporter_email, need_to_know, backport_branches, ghsa_id, areas, pull_requests, module, "
           "patch_conflicts, patch_test_failures) "
           "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29)");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, a.id)
        .Bind(2, std::int64_t{a.year})
        .Bind(3, std::int64_t{a.seq})
        .Bind(4, StateName(a.state))
        .Bind(5, a.title)
        .Bind(6, a.assignee)
        .Bind(7, a.cvss)
        .Bind(8, a.cve_id)
        .Bind(9, a.reported_on ? a.reported_on->ToString() : std::string())
        .Bind(10, a.embargo_override)
        .Bind(11, a.accepted_on)
        .Bind(12, std::int64_t{a.acknowledged})
        .Bind(13, std::int64_t{a.has_fix})
        .Bind(14, a.updated_at.ToString())
        .Bind(15, std::int64_t{a.version})
        .Bind(17, a.cvss_severity)
        .Bind(18, JoinList(a.backports_missing))
        .Bind(19, JoinList(a.unreleased))
        .Bind(20, ProbableToJson(a.backports_probable))
        .Bind(21, a.reporter_email)
        .Bind(22, JoinList(a.need_to_know))
        .Bind(23, JoinList(a.backport_branches))
        .Bind(24, a.ghsa_id)
        .Bind(25, columns::ListToJson(a.areas))
        .Bind(26, JoinList(a.pull_requests))
        .Bind(27, columns::ModuleToJson(a.module))
        .Bind(28, JoinList(a.patch_conflicts))
        .Bind(29, JoinList(a.patch_test_failures));
    if (a.cvss_score) s.Bind(16, *a.cvss_score); else s.BindNull(16);
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "updating advisory projection");
    Stmt del(db_, "DELETE FROM advisory_prs WHERE advisory = ?1");
    PSIRT_RETURN_IF_ERROR(del.prepared());
    del.Bind(1, a.id);
    if (del.Step() != SQLITE_DONE) return SqlError(db_, "updating pull request index");
    for (const std::string& pr : a.pull_requests) {
      Stmt ins(db_, "INSERT OR IGNORE INTO advisory_prs (advisory, pr) VALUES (?1, ?2)");
      PSIRT_RETURN_IF_ERROR(ins.prepared());
      ins.Bind(1, a.id).Bind(2, pr);
      if (ins.Step() != SQLITE_DONE) return SqlError(db_, "updating pull request index");
    }
    return Status::Ok();
  }

  Result<std::vector<AdvisorySummary>> ListSummaries(const SummaryFilter& f) override {
    std::string sql =
        "SELECT id, year, seq, state, title, assignee, cvss, cve_id, reported_on, "
        "embargo_override, accepted_on, acknowledged, has_fix, updated_at, version, "
        "cvss_score, cvss_severity, backports_missing, unreleased, backports_probable, "
        "reporter_email, need_to_know, backport_branches, ghsa_id, areas, pull_requests, module, patch_conflicts, patch_test_failures FROM advisories";
    if (f.changed_since)
      sql += " WHERE id IN (SELECT advisory FROM events WHERE events.id > ?1)";
    else if (f.state)
      sql += " WHERE state = ?1";
    else if (f.open_only)
      sql += " WHERE state NOT IN ('Public', 'Rejected')";
    sql += " ORDER BY year, seq, id";
    Stmt s(db_, sql.c_str());
    PSIRT_RETURN_IF_ERROR(s.prepared());
    if (f.changed_since) s.Bind(1, *f.changed_since);
    else if (f.state) s.Bind(1, StateName(*f.state));
    std::vector<AdvisorySummary> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      AdvisorySummary a;
      a.id = s.Text(0);
      a.year = static_cast<int>(s.Int(1));
      a.seq = static_cast<int>(s.Int(2));
      auto st = ParseState(s.Text(3));
      std::string reported = s.Text(8);
      auto rep = Date::Parse(reported);
      auto upd = Timestamp::Parse(s.Text(13));
      if (!st || (!reported.empty() && !rep.ok()) || !upd.ok())
        return Status::Internal("corrupt projection row for " + a.id);
      a.state = *st;
      a.title = s.Text(4);
      a.assignee = s.Text(5);
      a.cvss = s.Text(6);
      a.cve_id = s.Text(7);
      if (!reported.empty()) a.reported_on = *rep;
      PSIRT_ASSIGN_OR_RETURN(a.embargo_override, OptDate(s, 9));
      PSIRT_ASSIGN_OR_RETURN(a.accepted_on, OptDate(s, 10));
      a.acknowledged = s.Int(11) != 0;
      a.has_fix = s.Int(12) != 0;
      a.updated_at = *upd;
      a.version = static_cast<int>(s.Int(14));
      if (!s.IsNull(15)) a.cvss_score = s.Double(15);
      a.cvss_severity = s.Text(16);
      a.backports_missing = SplitList(s.Text(17));
      a.unreleased = SplitList(s.Text(18));
      a.backports_probable = ProbableFromJson(s.Text(19));
      a.reporter_email = s.Text(20);
      a.need_to_know = SplitList(s.Text(21));
      a.backport_branches = SplitList(s.Text(22));
      a.ghsa_id = s.Text(23);
      a.areas = columns::ListFromJson(s.Text(24));
      a.pull_requests = SplitList(s.Text(25));
      a.module = columns::ModuleFromJson(s.Text(26));
      a.patch_conflicts = SplitList(s.Text(27));
      a.patch_test_failures = SplitList(s.Text(28));
      out.push_back(std::move(a));
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "listing advisories");
    return out;
  }

  Result<int> LastSequence(int year) override {
    Stmt s(db_, "SELECT COALESCE(MAX(seq), 0) FROM advisories WHERE year = ?1");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, std::int64_t{year});
    if (s.Step() != SQLITE_ROW) return SqlError(db_, "reading sequence");
    return static_cast<int>(s.Int(0));
  }

  Result<std::vector<std::string>> FindByPullRequest(std::string_view number) override {
    Stmt s(db_, "SELECT advisory FROM advisory_prs WHERE pr = ?1 ORDER BY advisory");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, number);
    std::vector<std::string> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
    if (rc != SQLITE_DONE) return SqlError(db_, "finding a pull request's advisories");
    return out;
  }

  Result<std::optional<std::string>> FindByCve(std::string_view cve) override {
    Stmt s(db_, "SELECT id FROM advisories WHERE cve_id = ?1 ORDER BY id LIMIT 1");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, cve);
    int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<std::string>(s.Text(0));
    if (rc != SQLITE_DONE) return SqlError(db_, "finding CVE");
    return std::optional<std::string>();
  }

  Result<std::optional<std::string>> FindByGhsa(std::string_view ghsa) override {
    Stmt s(db_, "SELECT id FROM advisories WHERE ghsa_id = ?1 ORDER BY id LIMIT 1");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, ghsa);
    int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<std::string>(s.Text(0));
    if (rc != SQLITE_DONE) return SqlError(db_, "finding GHSA");
    return std::optional<std::string>();
  }

  Result<std::vector<std::pair<std::string, std::string>>> LoadGitCommits() override {
    return Pairs("SELECT sha, parents FROM git_commits ORDER BY seq");
  }
  Result<std::vector<std::pair<std::string, std::string>>> LoadPatchIds() override {
    return Pairs("SELECT sha, COALESCE(patch_id, '') FROM git_patch_ids");
  }
  Status PutPatchIds(std::span<const std::pair<std::string, std::string>> rows) override {
    return PutPairs("INSERT OR REPLACE INTO git_patch_ids (sha, patch_id) VALUES (?1, ?2)", rows);
  }
  Result<std::optional<std::string>> GetState(std::string_view key) override {
    return OptionalValue("SELECT value FROM git_state WHERE key = ?1", key);
  }
  Status PutState(std::string_view key, std::string_view value) override {
    std::pair<std::string, std::string> row{std::string(key), std::string(value)};
    return PutPairs("INSERT OR REPLACE INTO git_state (key, value) VALUES (?1, ?2)", {&row, 1});
  }

  Result<std::optional<std::string>> GetBlob(std::string_view key) override {
    return OptionalValue("SELECT value FROM git_blobs WHERE key = ?1", key);
  }
  Status PutBlob(std::string_view key, std::string_view value) override {
    Stmt s(db_, "INSERT OR REPLACE INTO git_blobs (key, value) VALUES (?1, ?2)");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, key).BindBlob(2, value);
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "writing cache");
    return Status::Ok();
  }

  Result<std::int64_t> ChangeCounter() override {
    Stmt s(db_, "SELECT COALESCE(MAX(id), 0) FROM events");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    if (s.Step() != SQLITE_ROW) return SqlError(db_, "reading change counter");
    return s.Int(0);
  }

  static UserRecord UserFrom(const Stmt& s, int c = 0) {
    UserRecord u;
    u.name = s.Text(c + 0);
    u.role = ParseRole(s.Text(c + 1)).value_or(Role::kAnonymous);
    u.github = s.Text(c + 2);
    u.email = s.Text(c + 3);
    u.branches = SplitList(s.Text(c + 4));
    u.password_hash = s.Text(c + 5);
    u.disabled = s.Int(c + 6) != 0;
    u.failed_logins = static_cast<int>(s.Int(c + 7));
    if (!s.IsNull(c + 8))
      if (auto t = Timestamp::Parse(s.Text(c + 8)); t.ok()) u.locked_until = *t;
    if (auto t = Timestamp::Parse(s.Text(c + 9)); t.ok()) u.created_at = *t;
    return u;
  }
  static SecretRecord SecretFrom(const Stmt& s, int c = 0) {
    SecretRecord r{s.Text(c + 0), s.Text(c + 1), s.Text(c + 2), s.Text(c + 3), std::nullopt, {}};
    if (!s.IsNull(c + 4))
      if (auto t = Timestamp::Parse(s.Text(c + 4)); t.ok()) r.expires_at = *t;
    if (auto t = Timestamp::Parse(s.Text(c + 5)); t.ok()) r.created_at = *t;
    return r;
  }
  static constexpr const char* kUserColumns =
      "SELECT name, role, github, email, branches, password_hash, disabled, failed_logins, "
      "locked_until, created_at FROM users";

  Result<std::optional<UserRecord>> GetUser(std::string_view name) override {
    Stmt s(db_, (std::string(kUserColumns) + " WHERE name = ?1").c_str());
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, name);
    int rc = s.Step();
    if (rc == SQLITE_ROW) return std::optional<UserRecord>(UserFrom(s));
    if (rc != SQLITE_DONE) return SqlError(db_, "reading account");
    return std::optional<UserRecord>();
  }
  Result<std::vector<UserRecord>> ListUsers() override {
    Stmt s(db_, (std::string(kUserColumns) + " ORDER BY name").c_str());
    PSIRT_RETURN_IF_ERROR(s.prepared());
    std::vector<UserRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(UserFrom(s));
    if (rc != SQLITE_DONE) return SqlError(db_, "listing accounts");
    return out;
  }
  Status PutUser(const UserRecord& u) override {
    Stmt s(db_,
           "INSERT OR REPLACE INTO users (name, role, github, email, branches, password_hash, disabled,"
           " failed_logins, locked_until, created_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, u.name).Bind(2, RoleName(u.role)).Bind(3, u.github).Bind(4, u.email);
    s.Bind(5, JoinList(u.branches)).Bind(6, u.password_hash).Bind(7, std::int64_t{u.disabled});
    s.Bind(8, std::int64_t{u.failed_logins}).Bind(10, u.created_at.ToString());
    if (u.locked_until) s.Bind(9, u.locked_until->ToString()); else s.BindNull(9);
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "writing account");
    return Status::Ok();
  }

  Status PutSecret(const SecretRecord& r) override {
    Stmt s(db_,
           "INSERT OR REPLACE INTO secrets (hash, kind, subject, data, expires_at, created_at)"
           " VALUES (?1,?2,?3,?4,?5,?6)");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, r.hash).Bind(2, r.kind).Bind(3, r.subject).Bind(4, r.data).Bind(6, r.created_at.ToString());
    if (r.expires_at) s.Bind(5, r.expires_at->ToString()); else s.BindNull(5);
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "writing secret");
    return Status::Ok();
  }
  Result<std::optional<SecretRecord>> FindSecret(std::string_view hash) override {
    Stmt s(db_, "SELECT hash, kind, subject, data, expires_at, created_at FROM secrets WHERE hash = ?1");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, hash);
    int rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<SecretRecord>();
    if (rc != SQLITE_ROW) return SqlError(db_, "reading secret");
    return std::optional<SecretRecord>(SecretFrom(s));
  }
  Result<std::optional<std::pair<SecretRecord, UserRecord>>> FindSecretWithUser(std::string_view hash) override {
    Stmt s(db_,
           "SELECT s.hash, s.kind, s.subject, s.data, s.expires_at, s.created_at, u.name, u.role, u.github, u.email,"
           " u.branches, u.password_hash, u.disabled, u.failed_logins, u.locked_until, u.created_at"
           " FROM secrets s JOIN users u ON u.name = s.subject WHERE s.hash = ?1");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, hash);
    int rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<std::pair<SecretRecord, UserRecord>>();
    if (rc != SQLITE_ROW) return SqlError(db_, "reading secret");
    return std::optional<std::pair<SecretRecord, UserRecord>>(std::make_pair(SecretFrom(s), UserFrom(s, 6)));
  }
  Status DeleteSecret(std::string_view hash) override {
    Stmt s(db_, "DELETE FROM secrets WHERE hash = ?1");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, hash);
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "deleting secret");
    return Status::Ok();
  }
  Status DeleteSecrets(std::string_view kind, std::string_view subject) override {
    Stmt s(db_, "DELETE FROM secrets WHERE kind = ?1 AND subject = ?2");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, kind).Bind(2, subject);
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "deleting secrets");
    return Status::Ok();
  }

  Result<std::int64_t> PutAttachment(const AttachmentRecord& a) override {
    Stmt s(db_,
           "INSERT INTO attachments (advisory, name, content_type, data, size, created_at)"
           " VALUES (?1,?2,?3,?4,?5,?6)");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, a.advisory).Bind(2, a.name).Bind(3, a.content_type).BindBlob(4, a.data);
    s.Bind(5, static_cast<std::int64_t>(a.data.size())).Bind(6, a.created_at.ToString());
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "storing attachment");
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
  }
  static AttachmentRecord AttachmentFrom(const Stmt& s, bool with_data) {
    AttachmentRecord a;
    a.id = s.Int(0);
    a.advisory = s.Text(1);
    a.name = s.Text(2);
    a.content_type = s.Text(3);
    a.size = s.Int(4);
    if (auto t = Timestamp::Parse(s.Text(5)); t.ok()) a.created_at = *t;
    if (with_data) a.data = s.Text(6);
    return a;
  }
  Result<std::optional<AttachmentRecord>> GetAttachment(std::int64_t id) override {
    Stmt s(db_, "SELECT id, advisory, name, content_type, size, created_at, data FROM attachments WHERE id = ?1");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, id);
    int rc = s.Step();
    if (rc == SQLITE_DONE) return std::optional<AttachmentRecord>();
    if (rc != SQLITE_ROW) return SqlError(db_, "reading attachment");
    return std::optional<AttachmentRecord>(AttachmentFrom(s, true));
  }
  Result<std::vector<AttachmentRecord>> ListAttachments(std::string_view advisory) override {
    Stmt s(db_, "SELECT id, advisory, name, content_type, size, created_at FROM attachments"
                " WHERE advisory = ?1 ORDER BY id");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, advisory);
    std::vector<AttachmentRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(AttachmentFrom(s, false));
    if (rc != SQLITE_DONE) return SqlError(db_, "listing attachments");
    return out;
  }

  Status PutVuln(const VulnRow& v) override {
    Stmt put(db_, "INSERT OR REPLACE INTO vulns (id, source, modified, record) VALUES (?1, ?2, ?3, ?4)");
    PSIRT_RETURN_IF_ERROR(put.prepared());
    put.Bind(1, v.id).Bind(2, v.source).Bind(3, v.modified).Bind(4, v.record);
    if (put.Step() != SQLITE_DONE) return SqlError(db_, "writing vulnerability record");
    Stmt del(db_, "DELETE FROM vuln_keys WHERE vuln = ?1");
    PSIRT_RETURN_IF_ERROR(del.prepared());
    del.Bind(1, v.id);
    if (del.Step() != SQLITE_DONE) return SqlError(db_, "replacing vulnerability keys");
    Stmt key(db_, "INSERT OR IGNORE INTO vuln_keys (kind, key, vuln) VALUES (?1, ?2, ?3)");
    PSIRT_RETURN_IF_ERROR(key.prepared());
    for (const auto& [kind, k] : v.keys) {
      key.Bind(1, kind).Bind(2, k).Bind(3, v.id);
      if (key.Step() != SQLITE_DONE) return SqlError(db_, "writing vulnerability keys");
      key.Reset();
    }
    return Status::Ok();
  }
  Result<std::optional<std::string>> VulnModified(std::string_view id) override {
    return OptionalValue("SELECT modified FROM vulns WHERE id = ?1", id);
  }
  Result<std::vector<VulnRow>> FindVulns(std::string_view kind, std::span<const std::string> keys) override {
    Stmt s(db_, "SELECT v.id, v.source, v.modified, v.record FROM vulns v WHERE v.id IN"
                " (SELECT vuln FROM vuln_keys WHERE kind = ?1 AND key = ?2)");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    std::vector<VulnRow> out;
    std::set<std::string> seen;
    for (const std::string& k : keys) {
      s.Bind(1, kind).Bind(2, k);
      int rc;
      while ((rc = s.Step()) == SQLITE_ROW)
        if (seen.insert(s.Text(0)).second) out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), {}});
      if (rc != SQLITE_DONE) return SqlError(db_, "finding vulnerability records");
      s.Reset();
    }
    return out;
  }
  Result<std::vector<std::pair<std::string, std::string>>> VulnKeys(std::string_view kind) override {
    Stmt s(db_, "SELECT key, vuln FROM vuln_keys WHERE kind = ?1 ORDER BY key, vuln");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, kind);
    std::vector<std::pair<std::string, std::string>> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.emplace_back(s.Text(0), s.Text(1));
    if (rc != SQLITE_DONE) return SqlError(db_, "reading vulnerability keys");
    return out;
  }
  Result<std::int64_t> CountVulns() override {
    Stmt s(db_, "SELECT COUNT(*) FROM vulns");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    if (s.Step() != SQLITE_ROW) return SqlError(db_, "counting vulnerability records");
    return s.Int(0);
  }

  Status AddVexDecision(const VexDecision& d) override {
    Stmt s(db_, "INSERT INTO vex_decisions (module, vulnerability, status, justification, note, author, time)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, d.module).Bind(2, d.vulnerability).Bind(3, d.status).Bind(4, d.justification).Bind(5, d.note)
        .Bind(6, d.author).Bind(7, d.time);
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "writing VEX decision");
    return Status::Ok();
  }
  Result<std::vector<VexDecision>> ListVexDecisions() override {
    Stmt s(db_, "SELECT module, vulnerability, status, justification, note, author, time FROM vex_decisions ORDER BY id");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    std::vector<VexDecision> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW)
      out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)});
    if (rc != SQLITE_DONE) return SqlError(db_, "reading VEX decisions");
    return out;
  }

  Status PutMessage(std::string_view message_id, std::string_view advisory) override {
    std::pair<std::string, std::string> row{std::string(message_id), std::string(advisory)};
    return PutPairs("INSERT OR IGNORE INTO mail_index (message_id, advisory) VALUES (?1, ?2)", {&row, 1});
  }
  Result<std::optional<std::string>> FindMessage(std::string_view message_id) override {
    return OptionalValue("SELECT advisory FROM mail_index WHERE message_id = ?1", message_id);
  }

  Result<bool> TakeLease(std::string_view name, std::string_view holder, Timestamp now,
                         Timestamp until) override {
    Stmt s(db_,
           "INSERT INTO leases (name, holder, until_unix) VALUES (?1, ?2, ?3) "
           "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_unix = excluded.until_unix "
           "WHERE leases.until_unix < ?4 OR leases.holder = excluded.holder");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, name).Bind(2, holder).Bind(3, until.unix_seconds()).Bind(4, now.unix_seconds());
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "taking lease");
    return sqlite3_changes(db_) > 0;
  }
  Status ReleaseLease(std::string_view name, std::string_view holder) override {
    Stmt s(db_, "DELETE FROM leases WHERE name = ?1 AND holder = ?2");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, name).Bind(2, holder);
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "releasing lease");
    return Status::Ok();
  }
  Status AddJobRun(const JobRun& r) override {
    Stmt s(db_,
           "INSERT INTO job_runs (job, instance, started_at, finished_at, ok, message)"
           " VALUES (?1,?2,?3,?4,?5,?6)");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, r.job).Bind(2, r.instance).Bind(3, r.started_at.ToString()).Bind(4, r.finished_at.ToString());
    s.Bind(5, std::int64_t{r.ok}).Bind(6, r.message);
    if (s.Step() != SQLITE_DONE) return SqlError(db_, "recording job run");
    return Status::Ok();
  }
  Result<std::vector<JobRun>> ListJobRuns(int limit) override {
    Stmt s(db_, "SELECT id, job, instance, started_at, finished_at, ok, message FROM job_runs"
                " ORDER BY id DESC LIMIT ?1");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    s.Bind(1, std::int64_t{limit});
    std::vector<JobRun> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      JobRun r;
      r.id = s.Int(0);
      r.job = s.Text(1);
      r.instance = s.Text(2);
      if (auto t = Timestamp::Parse(s.Text(3)); t.ok()) r.started_at = *t;
      if (auto t = Timestamp::Parse(s.Text(4)); t.ok()) r.finished_at = *t;
      r.ok = s.Int(5) != 0;
      r.message = s.Text(6);
      out.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "listing job runs");
    return out;
  }

  Result<std::vector<std::pair<std::string, std::string>>> AllState() override {
    return Pairs("SELECT key, value FROM git_state ORDER BY key");
  }
  Result<std::vector<std::pair<std::string, std::string>>> AllBlobs() override {
    return Pairs("SELECT key, value FROM git_blobs ORDER BY key");
  }
  Result<std::vector<std::pair<std::string, std::string>>> AllMessages() override {
    return Pairs("SELECT message_id, advisory FROM mail_index ORDER BY message_id");
  }
  Result<std::vector<SecretRecord>> AllSecrets() override {
    Stmt s(db_, "SELECT hash FROM secrets ORDER BY hash");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    std::vector<SecretRecord> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      PSIRT_ASSIGN_OR_RETURN(auto r, FindSecret(s.Text(0)));
      if (r) out.push_back(std::move(*r));
    }
    if (rc != SQLITE_DONE) return SqlError(db_, "listing secrets");
    return out;
  }

  Result<std::vector<std::string>> AdvisoryIds() override {
    Stmt s(db_, "SELECT DISTINCT advisory FROM events ORDER BY advisory");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    std::vector<std::string> out;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Text(0));
    if (rc != SQLITE_DONE) return SqlError(db_, "listing advisory ids");
    return out;
  }

 private:
  sqlite3* db_;
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Write(const std::function<Status(StoreTx&)>& fn) override {
    return Run("BEGIN IMMEDIATE", fn);
  }
  Status Read(const std::function<Status(StoreTx&)>& fn) override { return Run("BEGIN", fn); }
  Status WriteEach(std::span<const std::function<Status(StoreTx&)>* const> fns, std::span<Status> results) override {
    return Run("BEGIN IMMEDIATE", [&](StoreTx& tx) -> Status {
      for (size_t i = 0; i < fns.size(); ++i) {
        PSIRT_RETURN_IF_ERROR(Exec(db_, "SAVEPOINT queued_write"));
        results[i] = (*fns[i])(tx);
        if (!results[i].ok()) PSIRT_RETURN_IF_ERROR(Exec(db_, "ROLLBACK TO queued_write"));
        PSIRT_RETURN_IF_ERROR(Exec(db_, "RELEASE queued_write"));
      }
      return Status::Ok();
    });
  }

  Status Migrate() {
    auto migrations = Migrations(SqlDialect::kSqlite);
    const int latest = static_cast<int>(migrations.size());
    PSIRT_ASSIGN_OR_RETURN(int current, UserVersion());
    if (current > latest)
      return Status::Invalid("database schema version " + std::to_string(current) +
                             " is newer than this psirt understands (" + std::to_string(latest) +
                             "): upgrade psirt");
    if (current == latest) return Status::Ok();
    return Run("BEGIN IMMEDIATE", [&](StoreTx&) -> Status {
      PSIRT_ASSIGN_OR_RETURN(int now, UserVersion());  // another process may have migrated
      for (int v = now; v < latest; ++v) {
        for (const std::string& sql : migrations[v]) PSIRT_RETURN_IF_ERROR(Exec(db_, sql));
        PSIRT_RETURN_IF_ERROR(Exec(db_, "PRAGMA user_version = " + std::to_string(v + 1)));
      }
      return Status::Ok();
    });
  }

 private:
  Result<int> UserVersion() {
    Stmt s(db_, "PRAGMA user_version");
    PSIRT_RETURN_IF_ERROR(s.prepared());
    if (s.Step() != SQLITE_ROW) return SqlError(db_, "reading schema version");
    return static_cast<int>(s.Int(0));
  }

  Status Run(const char* begin, const std::function<Status(StoreTx&)>& fn) {
    // The busy handler waits for other writers; BEGIN IMMEDIATE can still
    // report BUSY once in WAL recovery races, so retry it a few times.
    Status st;
    for (int attempt = 0;; ++attempt) {
      st = Exec(db_, begin);
      if (st.ok()) break;
      if (attempt >= 5 || sqlite3_errcode(db_) != SQLITE_BUSY)
        return Status::Io("database is busy or unavailable: " + st.message());
      std::this_thread::sleep_for(std::chrono::milliseconds(50 << attempt));
    }
    SqliteTx tx(db_);
    st = fn(tx);
    if (!st.ok()) {
      Exec(db_, "ROLLBACK");
      return st;
    }
    Status c = Exec(db_, "COMMIT");
    if (!c.ok()) {
      Exec(db_, "ROLLBACK");
      return c;
    }
    return Status::Ok();
  }

  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::kCreate) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::Io(path + ": cannot open database: " + msg);
  }
  auto store = std::make_unique<SqliteStore>(db);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  // journal_mode=WAL persists in the file; synchronous=FULL keeps every
  // committed event across power loss (this is an audit trail).
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                             "PRAGMA foreign_keys = ON"}) {
    Status st = Exec(db, pragma);
    if (!st.ok()) return std::move(st.At(path));
  }
  Status st = store->Migrate();
  if (!st.ok()) return std::move(st.At(path));
  return std::unique_ptr<Store>(std::move(store));
}

Status Store::WriteEach(std::span<const std::function<Status(StoreTx&)>* const> fns, std::span<Status> results) {
  for (size_t i = 0; i < fns.size(); ++i) results[i] = Write(*fns[i]);
  return Status::Ok();
}

bool IsPostgresUrl(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode postgres_mode) {
  if (IsPostgresUrl(location)) return OpenPostgresStore(location, postgres_mode);
  std::string path = location.rfind("sqlite:", 0) == 0 ? location.substr(7) : location;
  return OpenSqliteStore(path, OpenMode::kExisting);
}

}  // namespace psirt
