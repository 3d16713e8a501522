// PostgreSQL implementation of Store (libpq). The schema is the SQLite
// one in PostgreSQL's dialect (store/migrations.cc), its version kept in
// psirt_schema. Writers to one advisory (and new reports of one year) are
// serialised with transaction-scoped advisory locks, so several server
// instances never hand out the same sequence number; a transaction that
// still loses a race (serialisation failure, deadlock) is run again.
#include <libpq-fe.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "store/columns.h"
#include "store/migrations.h"
#include "store/postgres_api.h"
#include "store/store.h"

namespace psirt {
namespace {

// A query's parameters: text values, NULLs, or binary (bytea) values.
struct Param {
  std::optional<std::string> value;
  bool binary = false;
};
Param P(std::string_view v) { return {std::string(v), false}; }
Param P(std::int64_t v) { return {std::to_string(v), false}; }
Param P(const std::optional<Date>& d) { return d ? Param{d->ToString(), false} : Param{}; }
Param P(const std::optional<Timestamp>& t) { return t ? Param{t->ToString(), false} : Param{}; }
Param Bin(std::string_view v) { return {std::string(v), true}; }
Param Null() { return {}; }

class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  ~PgResult() { PQclear(r_); }
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult(const PgResult&) = delete;
  int rows() const { return PQntuples(r_); }
  std::string Text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  }
  bool IsNull(int row, int col) const { return PQgetisnull(r_, row, col); }
  PGresult* get() const { return r_; }
  std::int64_t Int(int row, int col) const { return std::stoll(Text(row, col)); }
  std::optional<Timestamp> Time(int row, int col) const {
    if (IsNull(row, col)) return std::nullopt;
    auto t = Timestamp::Parse(Text(row, col));
    return t.ok() ? std::optional<Timestamp>(*t) : std::nullopt;
  }

 private:
  PGresult* r_;
};

// SQLSTATEs after which the whole transaction is worth running again.
bool Retryable(const std::string& state) {
  return state == "40001" || state == "40P01";  // serialization_failure, deadlock_detected
}

// One connection. Statements are prepared once per connection and run by
// name. A read-only transaction costs no round trip of its own: its BEGIN
// travels in one pipeline with its first query, and its COMMIT is sent
// without waiting (the answer is read before the connection's next use).
class PgConn {
 public:
  explicit PgConn(PGconn* c) : c_(c) {}
  ~PgConn() { PQfinish(c_); }
  PGconn* get() const { return c_; }

  // Runs `sql` with `params`; binary results when `binary_result`.
  Result<PgResult> Query(const std::string& sql, std::initializer_list<Param> params = {}, bool binary_result = false) {
    PSIRT_RETURN_IF_ERROR(Drain());
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    for (const Param& p : params) {
      values.push_back(p.value ? p.value->data() : nullptr);
      lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
      formats.push_back(p.binary ? 1 : 0);
    }
    PSIRT_ASSIGN_OR_RETURN(const std::string* name, Prepared(sql, static_cast<int>(values.size())));
    if (!pending_begin_.empty()) return QueryAfterBegin(*name, values, lengths, formats, binary_result);
    PgResult r(PQexecPrepared(c_, name->c_str(), static_cast<int>(values.size()), values.data(), lengths.data(),
                              formats.data(), binary_result ? 1 : 0));
    return Check(std::move(r));
  }
  // Runs SQL without parameters (DDL, transaction control), unprepared.
  Status Exec(const std::string& sql) {
    PSIRT_RETURN_IF_ERROR(Drain());
    return Check(PgResult(PQexec(c_, sql.c_str()))).status();
  }
  const std::string& last_state() const { return last_state_; }
  void clear_state() { last_state_.clear(); }

  // A read-only transaction: `begin` is sent with the first query.
  void BeginLazily(std::string begin) { pending_begin_ = std::move(begin); }
  // Whether a lazily begun transaction has started (a query ran).
  bool InTransaction() const { return pending_begin_.empty(); }
  // Ends a read-only transaction without waiting for the answer.
  Status CommitWithoutWaiting() {
    if (!pending_begin_.empty()) {  // no query ran: there is nothing to end
      pending_begin_.clear();
      return Status::Ok();
    }
    if (PQenterPipelineMode(c_) != 1 || PQsendQueryParams(c_, "COMMIT", 0, nullptr, nullptr, nullptr, nullptr, 0) != 1 ||
        PQpipelineSync(c_) != 1) {
      std::string msg = PQerrorMessage(c_);
      (void)ReadPipeline(nullptr);
      return Status::Io("database: " + msg);
    }
    commit_unread_ = true;
    return Status::Ok();
  }
  // Reads the answer of a commit sent without waiting.
  Status Drain() {
    if (!commit_unread_) return Status::Ok();
    commit_unread_ = false;
    return ReadPipeline(nullptr);
  }
  // Forgets the prepared statements (after the connection was reset).
  void Forget() {
    prepared_.clear();
    pending_begin_.clear();
    commit_unread_ = false;
  }

 private:
  Result<PgResult> Check(PgResult r) {
    ExecStatusType st = PQresultStatus(r.get());
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return r;
    const char* code = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
    last_state_ = code ? code : "";
    std::string msg = r.get() ? PQresultErrorMessage(r.get()) : PQerrorMessage(c_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (last_state_ == "23505") return Status::Conflict("database: " + msg);  // unique_violation
    if (PQstatus(c_) != CONNECTION_OK) return Status::Io("database connection lost: " + msg);
    return Status::Io("database: " + msg);
  }

  // The name of the statement prepared for `sql` on this connection.
  Result<const std::string*> Prepared(const std::string& sql, int nparams) {
    if (auto it = prepared_.find(sql); it != prepared_.end()) return &it->second;
    std::string name = "p" + std::to_string(prepared_.size());
    PSIRT_RETURN_IF_ERROR(Check(PgResult(PQprepare(c_, name.c_str(), sql.c_str(), nparams, nullptr))).status());
    return &prepared_.emplace(sql, std::move(name)).first->second;
  }

  // BEGIN and the first query in one pipeline: one round trip.
  Result<PgResult> QueryAfterBegin(const std::string& name, const std::vector<const char*>& values,
                                   const std::vector<int>& lengths, const std::vector<int>& formats, bool binary_result) {
    std::string begin = std::move(pending_begin_);
    pending_begin_.clear();
    if (PQenterPipelineMode(c_) != 1) return Status::Io(std::string("database: ") + PQerrorMessage(c_));
    bool sent = PQsendQueryParams(c_, begin.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1 &&
                PQsendQueryPrepared(c_, name.c_str(), static_cast<int>(values.size()), values.data(), lengths.data(),
                                    formats.data(), binary_result ? 1 : 0) == 1 &&
                PQpipelineSync(c_) == 1;
    std::optional<PgResult> answer;
    Status st = ReadPipeline(&answer);
    if (!sent) return Status::Io(std::string("database: ") + PQerrorMessage(c_));
    PSIRT_RETURN_IF_ERROR(st);
    if (!answer) return Status::Io("database: no answer to a query");
    return std::move(*answer);
  }

  // Reads a pipeline's answers up to its sync point and leaves pipeline
  // mode. The first error is returned; the last result with rows (or the
  // last command's) goes to `answer`.
  Status ReadPipeline(std::optional<PgResult>* answer) {
    Status first = Status::Ok();
    for (;;) {
      PGresult* raw = PQgetResult(c_);
      if (!raw) {
        if (PQstatus(c_) != CONNECTION_OK) {
          if (first.ok()) first = Status::Io(std::string("database connection lost: ") + PQerrorMessage(c_));
          break;
        }
        continue;  // the end of one query's results
      }
      PgResult r(raw);
      ExecStatusType st = PQresultStatus(raw);
      if (st == PGRES_PIPELINE_SYNC) break;
      if (st == PGRES_PIPELINE_ABORTED) continue;
      if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        if (answer) answer->emplace(std::move(r));
        continue;
      }
      Result<PgResult> failed = Check(std::move(r));
      if (first.ok()) first = failed.status();
    }
    PQexitPipelineMode(c_);
    return first;
  }

  PGconn* c_;
  std::string last_state_;
  std::unordered_map<std::string, std::string> prepared_;
  std::string pending_begin_;
  bool commit_unread_ = false;
};

using columns::JoinList;
using columns::SplitList;

class PgTx : public StoreTx {
 public:
  PgTx(PgConn& c, bool write) : c_(c), write_(write) {}

  // Serialises writers of one key across processes until the transaction ends.
  Status Lock(std::string_view key) {
    if (!write_) return Status::Ok();
    return c_.Query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {P(key)}).status();
  }

  Result<std::vector<Event>> LoadEvents(std::string_view advisory) override {
    PSIRT_RETURN_IF_ERROR(Lock("advisory:" + std::string(advisory)));
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT seq, actor, time, kind, payload FROM events WHERE advisory = $1 ORDER BY seq",
                                                {P(advisory)}));
    std::vector<Event> out;
    for (int i = 0; i < r.rows(); ++i) {
      Event e;
      e.advisory = std::string(advisory);
      e.seq = static_cast<int>(r.Int(i, 0));
      e.actor = SanitizeUtf8(r.Text(i, 1));
      auto t = Timestamp::Parse(r.Text(i, 2));
      auto k = ParseEventKind(r.Text(i, 3));
      e.payload = nlohmann::json::parse(r.Text(i, 4), nullptr, false);
      if (!t.ok() || !k || e.payload.is_discarded())
        return Status::Internal("corrupt event " + e.advisory + "#" + std::to_string(e.seq) + " in database");
      e.time = *t;
      e.kind = *k;
      out.push_back(std::move(e));
    }
    return out;
  }

  Status AppendEvent(const Event& e) override {
    auto r = c_.Query("INSERT INTO events (advisory, seq, actor, time, kind, payload) VALUES ($1,$2,$3,$4,$5,$6)",
                      {P(e.advisory), P(std::int64_t{e.seq}), P(e.actor), P(e.time.ToString()), P(EventKindName(e.kind)),
                       P(e.payload.dump())});
    if (!r.ok() && r.status().code() == Status::Code::kConflict)
      return Status::Conflict("event " + std::to_string(e.seq) + " of " + e.advisory + " already exists (concurrent change)");
    return r.status();
  }

  Status PutSummary(const AdvisorySummary& a) override {
    PSIRT_RETURN_IF_ERROR(PutSummaryRow(a));
    // The pull request index brought to this list in one statement: rows no
    // longer listed deleted, new ones inserted. The two touch disjoint rows:
    // a WITH's DELETE and the INSERT run on one snapshot, so deleting a row
    // the INSERT keeps would lose it (ON CONFLICT still sees it).
    return c_.Query("WITH listed AS (SELECT x FROM unnest(string_to_array($2, $3)) AS x WHERE x <> ''),"
                    " gone AS (DELETE FROM advisory_prs WHERE advisory = $1 AND pr NOT IN (SELECT x FROM listed))"
                    " INSERT INTO advisory_prs (advisory, pr) SELECT $1, x FROM listed ON CONFLICT DO NOTHING",
                    {P(a.id), P(JoinList(a.pull_requests)), P(std::string(","))})
        .status();
  }
  Status PutSummaryRow(const AdvisorySummary& a) {
    return c_.Query(
                "INSERT INTO advisories (id, year, seq, state, title, assignee, cvss, cve_id, reported_on, embargo_override,"
                " accepted_on, acknowledged, has_fix, updated_at, version, cvss_score, cvss_severity, backports_missing,"
                " unreleased, backports_probable, reporter_email, need_to_know, backport_branches, ghsa_id, areas, pull_requests, module,"
                " patch_conflicts, patch_test_failures)"
                " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29)"
                " ON CONFLICT (id) DO UPDATE SET year=EXCLUDED.year, seq=EXCLUDED.seq, state=EXCLUDED.state,"
                " title=EXCLUDED.title, assignee=EXCLUDED.assignee, cvss=EXCLUDED.cvss, cve_id=EXCLUDED.cve_id,"
                " reported_on=EXCLUDED.reported_on, embargo_override=EXCLUDED.embargo_override,"
                " accepted_on=EXCLUDED.accepted_on, acknowledged=EXCLUDED.acknowledged, has_fix=EXCLUDED.has_fix,"
                " updated_at=EXCLUDED.updated_at, version=EXCLUDED.version, cvss_score=EXCLUDED.cvss_score,"
                " cvss_severity=EXCLUDED.cvss_severity, backports_missing=EXCLUDED.backports_missing,"
                " unreleased=EXCLUDED.unreleased, backports_probable=EXCLUDED.backports_probable,"
                " reporter_email=EXCLUDED.reporter_email, need_to_know=EXCLUDED.need_to_know,"
                " backport_branches=EXCLUDED.backport_branches, ghsa_id=EXCLUDED.ghsa_id, areas=EXCLUDED.areas,"
                " pull_requests=EXCLUDED.pull_requests, module=EXCLUDED.module, patch_conflicts=EXCLUDED.patch_conflicts,"
                " patch_test_failures=EXCLUDED.patch_test_failures",
                {P(a.id), P(std::int64_t{a.year}), P(std::int64_t{a.seq}), P(StateName(a.state)), P(a.title), P(a.assignee),
                 P(a.cvss), P(a.cve_id), P(a.reported_on ? a.reported_on->ToString() : std::string()), P(a.embargo_override),
                 P(a.accepted_on), P(std::int64_t{a.acknowledged}), P(std::int64_t{a.has_fix}), P(a.updated_at.ToString()),
                 P(std::int64_t{a.version}), a.cvss_score ? P(std::to_string(*a.cvss_score)) : Null(), P(a.cvss_severity),
                 P(JoinList(a.backports_missing)), P(JoinList(a.unreleased)), P(columns::ProbableToJson(a.backports_probable)), P(a.reporter_email),
                 P(JoinList(a.need_to_know)), P(JoinList(a.backport_branches)), P(a.ghsa_id), P(columns::ListToJson(a.areas)),
                 P(JoinList(a.pull_requests)), P(columns::ModuleToJson(a.module)), P(JoinList(a.patch_conflicts)), P(JoinList(a.patch_test_failures))})
        .status();
  }

  Result<std::vector<AdvisorySummary>> ListSummaries(const SummaryFilter& f) override {
    std::string sql =
        "SELECT id, year, seq, state, title, assignee, cvss, cve_id, reported_on, embargo_override, accepted_on,"
        " acknowledged, has_fix, updated_at, version, cvss_score, cvss_severity, backports_missing, unreleased,"
        " backports_probable, reporter_email, need_to_know, backport_branches, ghsa_id, areas, pull_requests, module, patch_conflicts, patch_test_failures FROM advisories";
    std::optional<PgResult> r;
    if (f.changed_since) {
      PSIRT_ASSIGN_OR_RETURN(auto x, c_.Query(sql + " WHERE id IN (SELECT advisory FROM events WHERE events.id > $1)"
                                                    " ORDER BY year, seq, id",
                                              {P(*f.changed_since)}));
      r.emplace(std::move(x));
    } else if (f.state) {
      PSIRT_ASSIGN_OR_RETURN(auto x, c_.Query(sql + " WHERE state = $1 ORDER BY year, seq, id", {P(StateName(*f.state))}));
      r.emplace(std::move(x));
    } else {
      if (f.open_only) sql += " WHERE state NOT IN ('Public', 'Rejected')";
      PSIRT_ASSIGN_OR_RETURN(auto x, c_.Query(sql + " ORDER BY year, seq, id"));
      r.emplace(std::move(x));
    }
    std::vector<AdvisorySummary> out;
    out.reserve(r->rows());
    auto date = [&](int i, int c) -> Result<std::optional<Date>> {
      if (r->IsNull(i, c) || r->Text(i, c).empty()) return std::optional<Date>();
      auto d = Date::Parse(r->Text(i, c));
      if (!d.ok()) return Status::Internal("corrupt date in database: " + r->Text(i, c));
      return std::optional<Date>(*d);
    };
    for (int i = 0; i < r->rows(); ++i) {
      AdvisorySummary a;
      a.id = r->Text(i, 0);
      a.year = static_cast<int>(r->Int(i, 1));
      a.seq = static_cast<int>(r->Int(i, 2));
      auto st = ParseState(r->Text(i, 3));
      auto upd = Timestamp::Parse(r->Text(i, 13));
      if (!st || !upd.ok()) return Status::Internal("corrupt projection row for " + a.id);
      a.state = *st;
      a.title = r->Text(i, 4);
      a.assignee = r->Text(i, 5);
      a.cvss = r->Text(i, 6);
      a.cve_id = r->Text(i, 7);
      PSIRT_ASSIGN_OR_RETURN(a.reported_on, date(i, 8));
      PSIRT_ASSIGN_OR_RETURN(a.embargo_override, date(i, 9));
      PSIRT_ASSIGN_OR_RETURN(a.accepted_on, date(i, 10));
      a.acknowledged = r->Int(i, 11) != 0;
      a.has_fix = r->Int(i, 12) != 0;
      a.updated_at = *upd;
      a.version = static_cast<int>(r->Int(i, 14));
      if (!r->IsNull(i, 15)) a.cvss_score = std::stod(r->Text(i, 15));
      a.cvss_severity = r->Text(i, 16);
      a.backports_missing = SplitList(r->Text(i, 17));
      a.unreleased = SplitList(r->Text(i, 18));
      a.backports_probable = columns::ProbableFromJson(r->Text(i, 19));
      a.reporter_email = r->Text(i, 20);
      a.need_to_know = SplitList(r->Text(i, 21));
      a.backport_branches = SplitList(r->Text(i, 22));
      a.ghsa_id = r->Text(i, 23);
      a.areas = columns::ListFromJson(r->Text(i, 24));
      a.pull_requests = SplitList(r->Text(i, 25));
      a.module = columns::ModuleFromJson(r->Text(i, 26));
      a.patch_conflicts = SplitList(r->Text(i, 27));
      a.patch_test_failures = SplitList(r->Text(i, 28));
      out.push_back(std::move(a));
    }
    return out;
  }

  Result<int> LastSequence(int year) override {
    PSIRT_RETURN_IF_ERROR(Lock("year:" + std::to_string(year)));  // one new id of a year at a time
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT COALESCE(MAX(seq), 0) FROM advisories WHERE year = $1",
                                                {P(std::int64_t{year})}));
    return static_cast<int>(r.Int(0, 0));
  }

  Result<std::optional<std::string>> One(const std::string& sql, std::string_view key) {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query(sql, {P(key)}));
    if (r.rows() == 0) return std::optional<std::string>();
    return std::optional<std::string>(r.Text(0, 0));
  }
  Result<std::vector<std::pair<std::string, std::string>>> Pairs(const std::string& sql) {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query(sql));
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.Text(i, 0), r.Text(i, 1));
    return out;
  }

  Result<std::vector<std::string>> FindByPullRequest(std::string_view number) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT advisory FROM advisory_prs WHERE pr = $1 ORDER BY advisory", {P(number)}));
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.Text(i, 0));
    return out;
  }
  Result<std::optional<std::string>> FindByCve(std::string_view cve) override {
    return One("SELECT id FROM advisories WHERE cve_id = $1 ORDER BY id LIMIT 1", cve);
  }
  Result<std::optional<std::string>> FindByGhsa(std::string_view ghsa) override {
    return One("SELECT id FROM advisories WHERE ghsa_id = $1 ORDER BY id LIMIT 1", ghsa);
  }
  Result<std::vector<std::string>> AdvisoryIds() override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT DISTINCT advisory FROM events ORDER BY advisory"));
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.Text(i, 0));
    return out;
  }

  Result<std::vector<std::pair<std::string, std::string>>> LoadGitCommits() override {
    return Pairs("SELECT sha, parents FROM git_commits ORDER BY seq");
  }
  Result<std::vector<std::pair<std::string, std::string>>> LoadPatchIds() override {
    return Pairs("SELECT sha, COALESCE(patch_id, '') FROM git_patch_ids");
  }
  Status PutPatchIds(std::span<const std::pair<std::string, std::string>> rows) override {
    for (const auto& [sha, id] : rows)
      PSIRT_RETURN_IF_ERROR(c_.Query("INSERT INTO git_patch_ids (sha, patch_id) VALUES ($1, $2)"
                                     " ON CONFLICT (sha) DO UPDATE SET patch_id = EXCLUDED.patch_id",
                                     {P(sha), P(id)})
                                .status());
    return Status::Ok();
  }
  Result<std::optional<std::string>> GetState(std::string_view key) override {
    return One("SELECT value FROM git_state WHERE key = $1", key);
  }
  Status PutState(std::string_view key, std::string_view value) override {
    return c_.Query("INSERT INTO git_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    {P(key), P(value)})
        .status();
  }
  Result<std::optional<std::string>> GetBlob(std::string_view key) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT value FROM git_blobs WHERE key = $1", {P(key)}, /*binary=*/true));
    if (r.rows() == 0) return std::optional<std::string>();
    return std::optional<std::string>(r.Text(0, 0));
  }
  Status PutBlob(std::string_view key, std::string_view value) override {
    return c_.Query("INSERT INTO git_blobs (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    {P(key), Bin(value)})
        .status();
  }

  Result<std::int64_t> ChangeCounter() override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT COALESCE(MAX(id), 0) FROM events"));
    return r.Int(0, 0);
  }

  static constexpr const char* kUserColumns =
      "SELECT name, role, github, email, branches, password_hash, disabled, failed_logins, locked_until, created_at FROM users";
  static UserRecord UserAt(const PgResult& r, int i, int c = 0) {
    UserRecord u;
    u.name = r.Text(i, c + 0);
    u.role = ParseRole(r.Text(i, c + 1)).value_or(Role::kAnonymous);
    u.github = r.Text(i, c + 2);
    u.email = r.Text(i, c + 3);
    u.branches = SplitList(r.Text(i, c + 4));
    u.password_hash = r.Text(i, c + 5);
    u.disabled = r.Int(i, c + 6) != 0;
    u.failed_logins = static_cast<int>(r.Int(i, c + 7));
    u.locked_until = r.Time(i, c + 8);
    u.created_at = r.Time(i, c + 9).value_or(Timestamp());
    return u;
  }
  Result<std::optional<UserRecord>> GetUser(std::string_view name) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query(std::string(kUserColumns) + " WHERE name = $1", {P(name)}));
    if (r.rows() == 0) return std::optional<UserRecord>();
    return std::optional<UserRecord>(UserAt(r, 0));
  }
  Result<std::vector<UserRecord>> ListUsers() override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query(std::string(kUserColumns) + " ORDER BY name"));
    std::vector<UserRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(UserAt(r, i));
    return out;
  }
  Status PutUser(const UserRecord& u) override {
    return c_.Query("INSERT INTO users (name, role, github, email, branches, password_hash, disabled, failed_logins,"
                    " locked_until, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (name) DO UPDATE SET"
                    " role=EXCLUDED.role, github=EXCLUDED.github, email=EXCLUDED.email, branches=EXCLUDED.branches,"
                    " password_hash=EXCLUDED.password_hash, disabled=EXCLUDED.disabled,"
                    " failed_logins=EXCLUDED.failed_logins, locked_until=EXCLUDED.locked_until",
                    {P(u.name), P(RoleName(u.role)), P(u.github), P(u.email), P(JoinList(u.branches)), P(u.password_hash),
                     P(std::int64_t{u.disabled}), P(std::int64_t{u.failed_logins}), P(u.locked_until),
                     P(u.created_at.ToString())})
        .status();
  }

  Status PutSecret(const SecretRecord& s) override {
    return c_.Query("INSERT INTO secrets (hash, kind, subject, data, expires_at, created_at) VALUES ($1,$2,$3,$4,$5,$6)"
                    " ON CONFLICT (hash) DO UPDATE SET kind=EXCLUDED.kind, subject=EXCLUDED.subject, data=EXCLUDED.data,"
                    " expires_at=EXCLUDED.expires_at",
                    {P(s.hash), P(s.kind), P(s.subject), P(s.data), P(s.expires_at), P(s.created_at.ToString())})
        .status();
  }
  Result<std::optional<SecretRecord>> FindSecret(std::string_view hash) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT hash, kind, subject, data, expires_at, created_at FROM secrets WHERE hash = $1",
                                                {P(hash)}));
    if (r.rows() == 0) return std::optional<SecretRecord>();
    return std::optional<SecretRecord>(
        SecretRecord{r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Text(0, 3), r.Time(0, 4), r.Time(0, 5).value_or(Timestamp())});
  }
  Result<std::optional<std::pair<SecretRecord, UserRecord>>> FindSecretWithUser(std::string_view hash) override {
    PSIRT_ASSIGN_OR_RETURN(
        PgResult r,
        c_.Query("SELECT s.hash, s.kind, s.subject, s.data, s.expires_at, s.created_at, u.name, u.role, u.github, u.email,"
                 " u.branches, u.password_hash, u.disabled, u.failed_logins, u.locked_until, u.created_at"
                 " FROM secrets s JOIN users u ON u.name = s.subject WHERE s.hash = $1",
                 {P(hash)}));
    if (r.rows() == 0) return std::optional<std::pair<SecretRecord, UserRecord>>();
    SecretRecord sec{r.Text(0, 0), r.Text(0, 1), r.Text(0, 2), r.Text(0, 3), r.Time(0, 4), r.Time(0, 5).value_or(Timestamp())};
    return std::optional<std::pair<SecretRecord, UserRecord>>(std::make_pair(std::move(sec), UserAt(r, 0, 6)));
  }
  Status DeleteSecret(std::string_view hash) override {
    return c_.Query("DELETE FROM secrets WHERE hash = $1", {P(hash)}).status();
  }
  Status DeleteSecrets(std::string_view kind, std::string_view subject) override {
    return c_.Query("DELETE FROM secrets WHERE kind = $1 AND subject = $2", {P(kind), P(subject)}).status();
  }
  Result<std::vector<SecretRecord>> AllSecrets() override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT hash, kind, subject, data, expires_at, created_at FROM secrets ORDER BY hash"));
    std::vector<SecretRecord> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), r.Time(i, 4), r.Time(i, 5).value_or(Timestamp())});
    return out;
  }

  Result<std::int64_t> PutAttachment(const AttachmentRecord& a) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("INSERT INTO attachments (advisory, name, content_type, data, size, created_at)"
                                                " VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
                                                {P(a.advisory), P(a.name), P(a.content_type), Bin(a.data),
                                                 P(static_cast<std::int64_t>(a.data.size())), P(a.created_at.ToString())}));
    return r.Int(0, 0);
  }
  static AttachmentRecord AttachmentAt(const PgResult& r, int i) {
    AttachmentRecord a;
    a.id = r.Int(i, 0);
    a.advisory = r.Text(i, 1);
    a.name = r.Text(i, 2);
    a.content_type = r.Text(i, 3);
    a.size = r.Int(i, 4);
    a.created_at = r.Time(i, 5).value_or(Timestamp());
    return a;
  }
  Result<std::optional<AttachmentRecord>> GetAttachment(std::int64_t id) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT id, advisory, name, content_type, size, created_at FROM attachments WHERE id = $1",
                                                {P(id)}));
    if (r.rows() == 0) return std::optional<AttachmentRecord>();
    AttachmentRecord a = AttachmentAt(r, 0);
    PSIRT_ASSIGN_OR_RETURN(PgResult d, c_.Query("SELECT data FROM attachments WHERE id = $1", {P(id)}, /*binary=*/true));
    a.data = d.Text(0, 0);
    return std::optional<AttachmentRecord>(std::move(a));
  }
  Result<std::vector<AttachmentRecord>> ListAttachments(std::string_view advisory) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT id, advisory, name, content_type, size, created_at FROM attachments"
                                                " WHERE advisory = $1 ORDER BY id",
                                                {P(advisory)}));
    std::vector<AttachmentRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(AttachmentAt(r, i));
    return out;
  }

  Status PutVuln(const VulnRow& v) override {
    PSIRT_RETURN_IF_ERROR(c_.Query("INSERT INTO vulns (id, source, modified, record) VALUES ($1, $2, $3, $4)"
                                   " ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source,"
                                   " modified = EXCLUDED.modified, record = EXCLUDED.record",
                                   {P(v.id), P(v.source), P(v.modified), P(v.record)})
                              .status());
    PSIRT_RETURN_IF_ERROR(c_.Query("DELETE FROM vuln_keys WHERE vuln = $1", {P(v.id)}).status());
    if (v.keys.empty()) return Status::Ok();
    // One statement for all keys: a JSON array of [kind, key] pairs.
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& [kind, k] : v.keys) pairs.push_back({kind, k});
    return c_.Query("INSERT INTO vuln_keys (kind, key, vuln) SELECT e->>0, e->>1, $2"
                    " FROM json_array_elements($1::json) AS e ON CONFLICT DO NOTHING",
                    {P(pairs.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)), P(v.id)})
        .status();
  }
  Result<std::optional<std::string>> VulnModified(std::string_view id) override {
    return One("SELECT modified FROM vulns WHERE id = $1", id);
  }
  Result<std::vector<VulnRow>> FindVulns(std::string_view kind, std::span<const std::string> keys) override {
    nlohmann::json list(std::vector<std::string>(keys.begin(), keys.end()));
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT v.id, v.source, v.modified, v.record FROM vulns v WHERE v.id IN"
                                                " (SELECT vuln FROM vuln_keys WHERE kind = $1 AND key IN"
                                                "  (SELECT json_array_elements_text($2::json))) ORDER BY v.id",
                                                {P(kind), P(list.dump())}));
    std::vector<VulnRow> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), {}});
    return out;
  }
  Result<std::vector<std::pair<std::string, std::string>>> VulnKeys(std::string_view kind) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT key, vuln FROM vuln_keys WHERE kind = $1 ORDER BY key, vuln", {P(kind)}));
    std::vector<std::pair<std::string, std::string>> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.Text(i, 0), r.Text(i, 1));
    return out;
  }
  Result<std::int64_t> CountVulns() override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT COUNT(*) FROM vulns"));
    return std::stoll(r.Text(0, 0));
  }

  Status AddVexDecision(const VexDecision& d) override {
    return c_.Query("INSERT INTO vex_decisions (module, vulnerability, status, justification, note, author, time)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    {P(d.module), P(d.vulnerability), P(d.status), P(d.justification), P(d.note), P(d.author), P(d.time)})
        .status();
  }
  Result<std::vector<VexDecision>> ListVexDecisions() override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT module, vulnerability, status, justification, note, author, time"
                                                " FROM vex_decisions ORDER BY id"));
    std::vector<VexDecision> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), r.Text(i, 4), r.Text(i, 5), r.Text(i, 6)});
    return out;
  }

  Status PutMessage(std::string_view message_id, std::string_view advisory) override {
    return c_.Query("INSERT INTO mail_index (message_id, advisory) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    {P(message_id), P(advisory)})
        .status();
  }
  Result<std::optional<std::string>> FindMessage(std::string_view message_id) override {
    return One("SELECT advisory FROM mail_index WHERE message_id = $1", message_id);
  }
  Result<std::vector<std::pair<std::string, std::string>>> AllMessages() override {
    return Pairs("SELECT message_id, advisory FROM mail_index ORDER BY message_id");
  }

  Result<bool> TakeLease(std::string_view name, std::string_view holder, Timestamp now, Timestamp until) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("INSERT INTO leases (name, holder, until_unix) VALUES ($1, $2, $3)"
                                                " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until_unix = EXCLUDED.until_unix"
                                                " WHERE leases.until_unix < $4 OR leases.holder = EXCLUDED.holder RETURNING name",
                                                {P(name), P(holder), P(until.unix_seconds()), P(now.unix_seconds())}));
    return r.rows() > 0;
  }
  Status ReleaseLease(std::string_view name, std::string_view holder) override {
    return c_.Query("DELETE FROM leases WHERE name = $1 AND holder = $2", {P(name), P(holder)}).status();
  }
  Status AddJobRun(const JobRun& j) override {
    return c_.Query("INSERT INTO job_runs (job, instance, started_at, finished_at, ok, message) VALUES ($1,$2,$3,$4,$5,$6)",
                    {P(j.job), P(j.instance), P(j.started_at.ToString()), P(j.finished_at.ToString()), P(std::int64_t{j.ok}),
                     P(j.message)})
        .status();
  }
  Result<std::vector<JobRun>> ListJobRuns(int limit) override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT id, job, instance, started_at, finished_at, ok, message FROM job_runs"
                                                " ORDER BY id DESC LIMIT $1",
                                                {P(std::int64_t{limit})}));
    std::vector<JobRun> out;
    for (int i = 0; i < r.rows(); ++i) {
      JobRun j;
      j.id = r.Int(i, 0);
      j.job = r.Text(i, 1);
      j.instance = r.Text(i, 2);
      j.started_at = r.Time(i, 3).value_or(Timestamp());
      j.finished_at = r.Time(i, 4).value_or(Timestamp());
      j.ok = r.Int(i, 5) != 0;
      j.message = r.Text(i, 6);
      out.push_back(std::move(j));
    }
    return out;
  }

  Result<std::vector<std::pair<std::string, std::string>>> AllState() override {
    return Pairs("SELECT key, value FROM git_state ORDER BY key");
  }
  Result<std::vector<std::pair<std::string, std::string>>> AllBlobs() override {
    PSIRT_ASSIGN_OR_RETURN(PgResult r, c_.Query("SELECT key, value FROM git_blobs ORDER BY key", {}, /*binary=*/true));
    std::vector<std::pair<std::string, std::string>> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.Text(i, 0), r.Text(i, 1));
    return out;
  }

 private:
  PgConn& c_;
  bool write_;
};

class PostgresStore : public Store {
 public:
  explicit PostgresStore(PGconn* c) : conn_(c) {}

  Status Write(const std::function<Status(StoreTx&)>& fn) override { return Run(true, fn); }
  Status Read(const std::function<Status(StoreTx&)>& fn) override { return Run(false, fn); }

  Status Migrate() {
    auto migrations = Migrations(SqlDialect::kPostgres);
    const int latest = static_cast<int>(migrations.size());
    return Run(true, [&](StoreTx&) -> Status {
      // One migrating process at a time; the others wait and find it done.
      PSIRT_RETURN_IF_ERROR(conn_.Exec("SELECT pg_advisory_xact_lock(7283542)"));
      PSIRT_RETURN_IF_ERROR(conn_.Exec("CREATE TABLE IF NOT EXISTS psirt_schema (version INTEGER NOT NULL)"));
      PSIRT_ASSIGN_OR_RETURN(PgResult r, conn_.Query("SELECT version FROM psirt_schema"));
      int current = r.rows() ? static_cast<int>(r.Int(0, 0)) : 0;
      if (r.rows() == 0) PSIRT_RETURN_IF_ERROR(conn_.Exec("INSERT INTO psirt_schema (version) VALUES (0)"));
      if (current > latest)
        return Status::Invalid("database schema version " + std::to_string(current) + " is newer than this psirt understands (" +
                               std::to_string(latest) + "): upgrade psirt");
      for (int v = current; v < latest; ++v) {
        for (const std::string& sql : migrations[v]) PSIRT_RETURN_IF_ERROR(conn_.Exec(sql));
        PSIRT_RETURN_IF_ERROR(conn_.Query("UPDATE psirt_schema SET version = $1", {P(std::int64_t{v + 1})}).status());
      }
      return Status::Ok();
    });
  }

 private:
  Status Run(bool write, const std::function<Status(StoreTx&)>& fn) {
    for (int attempt = 0;; ++attempt) {
      if (Status drained = conn_.Drain(); !drained.ok() || PQstatus(conn_.get()) != CONNECTION_OK) {
        PQreset(conn_.get());
        conn_.Forget();
        if (PQstatus(conn_.get()) != CONNECTION_OK)
          return Status::Io(std::string("database connection lost: ") + PQerrorMessage(conn_.get()));
      }
      conn_.clear_state();
      if (write) PSIRT_RETURN_IF_ERROR(conn_.Exec("BEGIN ISOLATION LEVEL READ COMMITTED"));
      else conn_.BeginLazily("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      PgTx tx(conn_, write);
      Status st = fn(tx);
      if (st.ok()) st = write ? conn_.Exec("COMMIT") : conn_.CommitWithoutWaiting();
      if (st.ok()) return st;
      std::string state = conn_.last_state();
      if (write || conn_.InTransaction()) (void)conn_.Exec("ROLLBACK");
      else conn_.BeginLazily("");  // it never began
      if (!Retryable(state) || attempt >= 8) return st;
      std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
    }
  }

  PgConn conn_;
};

// LISTEN on its own connection; each look reads what arrived without
// waiting (PQconsumeInput), so it costs a system call, not a round trip.
class PgChangeWatch : public ChangeWatch {
 public:
  explicit PgChangeWatch(std::string url) : url_(std::move(url)) {}
  ~PgChangeWatch() override {
    if (c_) PQfinish(c_);
  }
  bool MaybeChanged() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!Connected()) return true;
    if (PQconsumeInput(c_) != 1) {  // the connection broke: listen again next time
      PQfinish(c_);
      c_ = nullptr;
      return true;
    }
    while (PGnotify* n = PQnotifies(c_)) {
      PQfreemem(n);
      changed_ = true;
    }
    bool was = changed_;
    changed_ = false;
    return was;
  }
  void MarkChanged() override {
    std::lock_guard<std::mutex> lock(mu_);
    changed_ = true;
  }

 private:
  // Opens the listening connection when there is none; a new one starts
  // "changed" (what happened while nobody listened is unknown).
  bool Connected() {
    if (c_) return true;
    c_ = PQconnectdb(url_.c_str());
    if (PQstatus(c_) == CONNECTION_OK) {
      PgResult r(PQexec(c_, "LISTEN psirt_events"));
      if (PQresultStatus(r.get()) == PGRES_COMMAND_OK) {
        changed_ = true;
        return true;
      }
    }
    PQfinish(c_);
    c_ = nullptr;
    return false;
  }

  std::string url_;
  std::mutex mu_;
  PGconn* c_ = nullptr;
  bool changed_ = true;
};

}  // namespace

Result<std::unique_ptr<ChangeWatch>> WatchPostgresChanges(const std::string& url) {
  return std::unique_ptr<ChangeWatch>(std::make_unique<PgChangeWatch>(url));
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, OpenMode mode) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = c ? PQerrorMessage(c) : "out of memory";
    PQfinish(c);
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    // The URL may hold a password: never repeated in the message.
    return Status::Io("cannot connect to PostgreSQL: " + msg);
  }
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);  // "already exists, skipping" and the like
  auto store = std::make_unique<PostgresStore>(c);
  if (mode == OpenMode::kCreate) PSIRT_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace psirt
