// Store: the one persistence interface the services use. An append-only
// event log plus rebuildable projections, accessed in transactions.
// SQLite (embedded default) and PostgreSQL (for teams) implement it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/event.h"
#include "core/summary.h"
#include "core/vex.h"
#include "store/records.h"

namespace psirt {

// Which projection rows a list reads.
struct SummaryFilter {
  std::optional<State> state;
  bool open_only = false;  // skip Public and Rejected
  // Only advisories with an event after this ChangeCounter value (what
  // changed since a cache was filled); with it, state and open_only are ignored.
  std::optional<std::int64_t> changed_since;
};

// The operations available inside one transaction. Valid only during the
// callback given to Store::Write / Store::Read.
class StoreTx {
 public:
  virtual ~StoreTx() = default;
  // All events of an advisory in seq order; empty when the advisory is unknown.
  virtual Result<std::vector<Event>> LoadEvents(std::string_view advisory) = 0;
  // Appends one event; kConflict if its (advisory, seq) already exists.
  virtual Status AppendEvent(const Event& e) = 0;
  // Inserts or replaces the projection row of an advisory.
  virtual Status PutSummary(const AdvisorySummary& s) = 0;
  virtual Result<std::vector<AdvisorySummary>> ListSummaries(const SummaryFilter& f) = 0;
  // Highest sequence number used for advisories of `year` (0 when none).
  virtual Result<int> LastSequence(int year) = 0;
  // Id of the advisory carrying this CVE id, if any.
  virtual Result<std::optional<std::string>> FindByCve(std::string_view cve) = 0;
  // Id of the advisory carrying this GHSA id, if any.
  virtual Result<std::optional<std::string>> FindByGhsa(std::string_view ghsa) = 0;
  // Ids of the advisories that link pull request `number` as a fix (any
  // repository), sorted.
  virtual Result<std::vector<std::string>> FindByPullRequest(std::string_view number) = 0;
  // Ids of every advisory with events, sorted.
  virtual Result<std::vector<std::string>> AdvisoryIds() = 0;

  // Git cache (rebuildable). The commit graph of older caches, one row per
  // commit in topological order (parents first, space-separated); newer
  // ones keep the graph serialized in a blob ("graph").
  virtual Result<std::vector<std::pair<std::string, std::string>>> LoadGitCommits() = 0;
  // Patch-ids by commit; an empty value: the commit has none (merge, root).
  virtual Result<std::vector<std::pair<std::string, std::string>>> LoadPatchIds() = 0;
  virtual Status PutPatchIds(std::span<const std::pair<std::string, std::string>> rows) = 0;
  virtual Result<std::optional<std::string>> GetState(std::string_view key) = 0;
  virtual Status PutState(std::string_view key, std::string_view value) = 0;
  // Binary cache values (the serialized commit graph).
  virtual Result<std::optional<std::string>> GetBlob(std::string_view key) = 0;
  virtual Status PutBlob(std::string_view key, std::string_view value) = 0;

  // A number that grows with every appended event (the highest event row
  // id): caches of the projection compare it to know they are current.
  virtual Result<std::int64_t> ChangeCounter() = 0;

  // Accounts.
  virtual Result<std::optional<UserRecord>> GetUser(std::string_view name) = 0;
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  virtual Status PutUser(const UserRecord& u) = 0;  // insert or replace by name
  // Secrets, by hash. DeleteSecrets removes every secret of a kind and subject.
  virtual Status PutSecret(const SecretRecord& s) = 0;
  virtual Result<std::optional<SecretRecord>> FindSecret(std::string_view hash) = 0;
  // A secret and the account it belongs to (its subject), in one query:
  // how each request's token or session is checked. None when either is missing.
  virtual Result<std::optional<std::pair<SecretRecord, UserRecord>>> FindSecretWithUser(std::string_view hash) = 0;
  virtual Status DeleteSecret(std::string_view hash) = 0;
  virtual Status DeleteSecrets(std::string_view kind, std::string_view subject) = 0;
  // Attachments of reports; ListAttachments leaves `data` empty.
  virtual Result<std::int64_t> PutAttachment(const AttachmentRecord& a) = 0;
  virtual Result<std::optional<AttachmentRecord>> GetAttachment(std::int64_t id) = 0;
  virtual Result<std::vector<AttachmentRecord>> ListAttachments(std::string_view advisory) = 0;
  // The intake's index: which advisory a mail Message-ID became or joined.
  virtual Status PutMessage(std::string_view message_id, std::string_view advisory) = 0;
  virtual Result<std::optional<std::string>> FindMessage(std::string_view message_id) = 0;
  // A lease on a named job: taken when free, expired, or already ours;
  // false when another holder has it. Released by its holder.
  virtual Result<bool> TakeLease(std::string_view name, std::string_view holder, Timestamp now,
                                 Timestamp until) = 0;
  virtual Status ReleaseLease(std::string_view name, std::string_view holder) = 0;
  virtual Status AddJobRun(const JobRun& run) = 0;
  virtual Result<std::vector<JobRun>> ListJobRuns(int limit) = 0;

  // The vulnerability database: a record and its keys replaced by id; the
  // `modified` of a stored record (nullopt when absent); the records having
  // any of `keys` of `kind` (each once, by id); every (key, id) of a kind;
  // how many records there are.
  virtual Status PutVuln(const VulnRow& v) = 0;
  virtual Result<std::optional<std::string>> VulnModified(std::string_view id) = 0;
  virtual Result<std::vector<VulnRow>> FindVulns(std::string_view kind, std::span<const std::string> keys) = 0;
  virtual Result<std::vector<std::pair<std::string, std::string>>> VulnKeys(std::string_view kind) = 0;
  virtual Result<std::int64_t> CountVulns() = 0;
  // VEX decisions, append-only: every decision made, oldest first.
  virtual Status AddVexDecision(const VexDecision& d) = 0;
  virtual Result<std::vector<VexDecision>> ListVexDecisions() = 0;

  // Everything of a kind, for `psirt migrate` (moving a workspace between
  // databases) and its verification.
  virtual Result<std::vector<std::pair<std::string, std::string>>> AllState() = 0;
  virtual Result<std::vector<std::pair<std::string, std::string>>> AllBlobs() = 0;
  virtual Result<std::vector<SecretRecord>> AllSecrets() = 0;
  virtual Result<std::vector<std::pair<std::string, std::string>>> AllMessages() = 0;
};

// A workspace database: read and write transactions over StoreTx.
class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` in a write transaction (serialised with other writers, also in
  // other processes). Commits when fn returns ok, rolls back otherwise.
  virtual Status Write(const std::function<Status(StoreTx&)>& fn) = 0;
  // Runs `fn` in a read-only snapshot.
  virtual Status Read(const std::function<Status(StoreTx&)>& fn) = 0;
  // Runs each of `fns` in order, each in its own savepoint of one write
  // transaction, its outcome in the same place of `results`: a failing one
  // is undone alone, the others commit together. An error is returned (and
  // nothing stored) only when the transaction itself fails. By default one
  // transaction per function.
  virtual Status WriteEach(std::span<const std::function<Status(StoreTx&)>* const> fns, std::span<Status> results);
};

// Whether opening may create and migrate the database.
enum class OpenMode { kCreate, kExisting };

// ChangeWatch: whether a database's event log may have changed since the
// last look, known without a query (PostgreSQL's LISTEN/NOTIFY). Caches of
// the projection ask it before reading the change counter. Thread-safe.
class ChangeWatch {
 public:
  virtual ~ChangeWatch() = default;
  // True when events may have been appended since the previous call (also
  // when the watch lost its connection and cannot tell); clears the mark.
  virtual bool MaybeChanged() = 0;
  // Marks a change this process made (seen before its notification comes).
  virtual void MarkChanged() = 0;
};

// A watch on the database at `location`, or nullptr when its kind cannot
// watch (SQLite: the counter is read each time, in-process and cheap).
Result<std::unique_ptr<ChangeWatch>> WatchChanges(const std::string& location);
// A Store that marks `watch` after each write it makes.
std::unique_ptr<Store> WatchedStore(std::unique_ptr<Store> store, std::shared_ptr<ChangeWatch> watch);

// Opens (or with kCreate, creates) an SQLite database in WAL mode and
// brings its schema up to date.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode);

// Connects to a PostgreSQL database (a postgresql:// URL or libpq
// key=value string) and brings its schema up to date (the same migrations,
// in PostgreSQL's dialect). Several processes may share it: writers to one
// advisory are serialised by a transaction-scoped advisory lock, and a
// transaction that loses a serialisation race is retried. With kExisting
// the schema is taken as it is (another connection of this process has
// brought it up to date): a pool's further connections.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, OpenMode mode = OpenMode::kCreate);

// "postgresql://..." / "postgres://..." (and "sqlite:PATH" or a path for SQLite).
bool IsPostgresUrl(std::string_view location);
// Opens either kind by its location; SQLite databases must exist. With
// kExisting a PostgreSQL schema is not migrated (see OpenPostgresStore).
Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode postgres_mode = OpenMode::kCreate);

}  // namespace psirt
