// Schema history. Never edit a published migration: add a new one.
#include "store/migrations.h"

namespace psirt {
namespace {

// 10 and 11: module security (`psirt vulndb`, `scan`, `vex`).
void AddModuleSecurityMigrations(const std::string& id_col, std::vector<std::vector<std::string>>& m) {
  // 10: the vulnerability database (`psirt vulndb import`, `psirt scan`):
  // records by id, found through their keys (repository, PURL, CPE,
  // GIT range commits, aliases).
  m.push_back({
      "CREATE TABLE vulns (id TEXT PRIMARY KEY, source TEXT NOT NULL, modified TEXT NOT NULL, record TEXT NOT NULL)",
      "CREATE TABLE vuln_keys (kind TEXT NOT NULL, key TEXT NOT NULL, vuln TEXT NOT NULL, PRIMARY KEY (kind, key, vuln))",
      "CREATE INDEX vuln_keys_vuln ON vuln_keys (vuln)",
  });
  // 11: VEX decisions (`psirt vex set`), kept as made: the latest per
  // module and vulnerability applies.
  m.push_back({
      "CREATE TABLE vex_decisions (id " + id_col + ", module TEXT NOT NULL, vulnerability TEXT NOT NULL,"
      " status TEXT NOT NULL, justification TEXT NOT NULL, note TEXT NOT NULL, author TEXT NOT NULL, time TEXT NOT NULL)",
  });
  // 12: the module an advisory concerns and its upstream coordination in
  // the projection (the agenda's module tasks, the effective embargo).
  m.push_back({
      "ALTER TABLE advisories ADD COLUMN module TEXT NOT NULL DEFAULT ''",
      "DELETE FROM git_state WHERE key = 'reproject'",
      "INSERT INTO git_state (key, value) VALUES ('reproject', '12')",
  });
  // 13: the branches an embargoed fix series does not apply to (psirt
  // patch check) or fails the tests on (psirt patch test) in the
  // projection, for the agenda.
  m.push_back({
      "ALTER TABLE advisories ADD COLUMN patch_conflicts TEXT NOT NULL DEFAULT ''",
      "ALTER TABLE advisories ADD COLUMN patch_test_failures TEXT NOT NULL DEFAULT ''",
      "DELETE FROM git_state WHERE key = 'reproject'",
      "INSERT INTO git_state (key, value) VALUES ('reproject', '13')",
  });
}

}  // namespace

std::vector<std::vector<std::string>> Migrations(SqlDialect dialect) {
  const bool pg = dialect == SqlDialect::kPostgres;
  const std::string id_col = pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY";
  std::vector<std::vector<std::string>> m;

  // 1: the event log and the advisory projection.
  std::vector<std::string> v1 = {
      "CREATE TABLE events ("
      " id " + id_col + ","
      " advisory TEXT NOT NULL,"
      " seq INTEGER NOT NULL,"
      " actor TEXT NOT NULL,"
      " time TEXT NOT NULL,"
      " kind TEXT NOT NULL,"
      " payload TEXT NOT NULL,"
      " UNIQUE (advisory, seq))",
      "CREATE TABLE advisories ("
      " id TEXT PRIMARY KEY,"
      " year INTEGER NOT NULL,"
      " seq INTEGER NOT NULL,"
      " state TEXT NOT NULL,"
      " title TEXT NOT NULL,"
      " assignee TEXT NOT NULL,"
      " cvss TEXT NOT NULL,"
      " cve_id TEXT NOT NULL,"
      " reported_on TEXT NOT NULL,"
      " embargo_override TEXT,"
      " accepted_on TEXT,"
      " acknowledged INTEGER NOT NULL,"
      " has_fix INTEGER NOT NULL,"
      " updated_at TEXT NOT NULL,"
      " version INTEGER NOT NULL)",
      "CREATE INDEX advisories_state ON advisories (state)",
      "CREATE INDEX advisories_year_seq ON advisories (year, seq)",
      "CREATE INDEX advisories_cve ON advisories (cve_id)",
  };
  if (!pg) {
    // The log is append-only: refuse edits even from other tools.
    v1.push_back(
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END");
    v1.push_back(
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END");
  } else {
    v1.push_back(
        "CREATE FUNCTION psirt_events_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'events are append-only'; END $$ LANGUAGE plpgsql");
    v1.push_back(
        "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
        "FOR EACH ROW EXECUTE FUNCTION psirt_events_append_only()");
  }
  m.push_back(std::move(v1));

  // 2: CVSS score and severity in the projection (issue: CVSS scoring).
  m.push_back({
      "ALTER TABLE advisories ADD COLUMN cvss_score REAL",
      "ALTER TABLE advisories ADD COLUMN cvss_severity TEXT NOT NULL DEFAULT ''",
  });

  // 3: git facts in the projection, and the git cache (rebuildable at any
  // time: it only spares re-reading history the repository still has).
  m.push_back({
      "ALTER TABLE advisories ADD COLUMN backports_missing TEXT NOT NULL DEFAULT ''",
      "ALTER TABLE advisories ADD COLUMN unreleased TEXT NOT NULL DEFAULT ''",
      "CREATE TABLE git_commits (seq " + id_col + ", sha TEXT NOT NULL UNIQUE, parents TEXT NOT NULL)",
      "CREATE TABLE git_patch_ids (sha TEXT PRIMARY KEY, patch_id TEXT)",
      "CREATE TABLE git_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  });
  // 4: probable backports in the projection (JSON array of {branch, commit,
  // percent}); reported_on may be '' (unknown) for imported advisories.
  m.push_back({
      "ALTER TABLE advisories ADD COLUMN backports_probable TEXT NOT NULL DEFAULT '[]'",
  });

  // 5: the git cache's commit graph as one serialized value (read in one
  // step; git_commits rows of older caches are read once and replaced).
  m.push_back({
      std::string("CREATE TABLE git_blobs (key TEXT PRIMARY KEY, value ") + (pg ? "BYTEA" : "BLOB") + " NOT NULL)",
  });

  // 6: the team server. Who may see an advisory in the projection (lists
  // are filtered without folding), accounts, hashed secrets, attachments,
  // the intake's Message-ID index, job leases and runs.
  const std::string blob = pg ? "BYTEA" : "BLOB";
  m.push_back({
      "ALTER TABLE advisories ADD COLUMN reporter_email TEXT NOT NULL DEFAULT ''",
      "ALTER TABLE advisories ADD COLUMN need_to_know TEXT NOT NULL DEFAULT ''",
      "ALTER TABLE advisories ADD COLUMN backport_branches TEXT NOT NULL DEFAULT ''",
      "CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, github TEXT NOT NULL,"
      " email TEXT NOT NULL, branches TEXT NOT NULL, password_hash TEXT NOT NULL,"
      " disabled INTEGER NOT NULL, failed_logins INTEGER NOT NULL, locked_until TEXT,"
      " created_at TEXT NOT NULL)",
      "CREATE TABLE secrets (hash TEXT PRIMARY KEY, kind TEXT NOT NULL, subject TEXT NOT NULL,"
      " data TEXT NOT NULL, expires_at TEXT, created_at TEXT NOT NULL)",
      "CREATE INDEX secrets_subject ON secrets (kind, subject)",
      "CREATE TABLE attachments (id " + id_col + ", advisory TEXT NOT NULL, name TEXT NOT NULL,"
      " content_type TEXT NOT NULL, data " + blob + " NOT NULL, size INTEGER NOT NULL,"
      " created_at TEXT NOT NULL)",
      "CREATE INDEX attachments_advisory ON attachments (advisory)",
      "CREATE TABLE mail_index (message_id TEXT PRIMARY KEY, advisory TEXT NOT NULL)",
      "CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, until_unix BIGINT NOT NULL)",
      "CREATE TABLE job_runs (id " + id_col + ", job TEXT NOT NULL, instance TEXT NOT NULL,"
      " started_at TEXT NOT NULL, finished_at TEXT NOT NULL, ok INTEGER NOT NULL, message TEXT NOT NULL)",
      // Rows projected before this migration lack the new columns' values:
      // the application re-projects every advisory once (see ReprojectIfNeeded).
      "INSERT INTO git_state (key, value) VALUES ('reproject', '6')",
  });
  // 7: the projection's reporter_email is the confirmed address only (a
  // reporter account sees a report once its address is confirmed):
  // re-project every advisory once.
  // The GHSA id is projected too, so an id held by another advisory is
  // found before it is given twice.
  m.push_back({
      "ALTER TABLE advisories ADD COLUMN ghsa_id TEXT NOT NULL DEFAULT ''",
      "CREATE INDEX advisories_ghsa ON advisories (ghsa_id)",
      "DELETE FROM git_state WHERE key = 'reproject'",
      "INSERT INTO git_state (key, value) VALUES ('reproject', '7')",
  });
  // 8: lists filter by MAINTAINERS.yml area, and a pull request's advisories
  // are found by an index (webhooks at 100,000 advisories) instead of by
  // folding every history: the projection gains the areas and the linked
  // pull requests, one row per (advisory, pull request) beside it.
  m.push_back({
      "ALTER TABLE advisories ADD COLUMN areas TEXT NOT NULL DEFAULT ''",
      "ALTER TABLE advisories ADD COLUMN pull_requests TEXT NOT NULL DEFAULT ''",
      "CREATE TABLE advisory_prs (advisory TEXT NOT NULL, pr TEXT NOT NULL, PRIMARY KEY (advisory, pr))",
      "CREATE INDEX advisory_prs_pr ON advisory_prs (pr)",
      "DELETE FROM git_state WHERE key = 'reproject'",
      "INSERT INTO git_state (key, value) VALUES ('reproject', '8')",
  });
  // 9: PostgreSQL tells listening servers when events are appended (one
  // notification per statement, merged per transaction), so a server reads
  // the change counter only after something changed. SQLite: nothing.
  if (pg)
    m.push_back({
        "CREATE OR REPLACE FUNCTION psirt_events_changed() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN PERFORM pg_notify('psirt_events', ''); RETURN NULL; END $$",
        "CREATE TRIGGER events_changed AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION psirt_events_changed()",
    });
  else
    m.push_back({});
  AddModuleSecurityMigrations(id_col, m);
  return m;
}

}  // namespace psirt
