// psirt against hostile input: invalid UTF-8 and control characters in
// every text argument (never a crash: exit 0, 1 or 2), bad data already in
// a database (shown escaped, never a crash), terminal escapes never reaching
// the terminal, JSON error objects, --version, and private files.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::Psirt;
using testing::RunResult;
using testing::TempDir;

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(Psirt({"init", dir_.path(), "--prefix", "ZEPSEC"}).exit_code, 0);
    RunResult r = P({"--json", "report", "--title", "Overflow", "--reported-on", "2026-01-05"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    id_ = json::parse(r.out)["id"];
  }
  RunResult P(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    if (!env.count("PSIRT_USER")) env["PSIRT_USER"] = "alice@example.org";
    return Psirt(args, dir_.path(), env);
  }
  // Inserts an event straight into the database, as an older or broken tool could have.
  void InsertRaw(const std::string& actor, const std::string& kind, const std::string& payload) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "psirt.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO events (advisory, seq, actor, time, kind, payload) "
                           "VALUES (?1, (SELECT MAX(seq) + 1 FROM events WHERE advisory = ?1), ?2, "
                           "'2026-01-06T00:00:00Z', ?3, ?4)", -1, &s, nullptr);
    sqlite3_bind_text(s, 1, id_.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 2, actor.data(), static_cast<int>(actor.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, kind.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 4, payload.data(), static_cast<int>(payload.size()), SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    sqlite3_close(db);
  }
  TempDir dir_;
  std::string id_;
};

TEST_F(HostileInputTest, InvalidBytesAndControlsInEveryTextArgumentNeverCrash) {
  const std::string bad_utf8 = "bad\xff\xfe" "bytes", escape = "red\x1b[31m\x07text", nl = "two\nlines";
  // Every command with a text argument; "@" is where the hostile text goes.
  const std::vector<std::vector<std::string>> commands = {
      {"report", "--title", "@"},
      {"report", "--title", "ok", "--description", "@"},
      {"report", "--title", "ok", "--reporter", "@"},
      {"report", "--title", "ok", "--reporter", "@ <a@b.example>"},
      {"note", "ID", "@"},
      {"edit", "ID", "--title", "@"},
      {"edit", "ID", "--description", "@"},
      {"edit", "ID", "--reporter", "@"},
      {"edit", "ID", "--embargo-ends", "2027-01-01", "--reason", "@"},
      {"credit", "ID", "@"},
      {"assign", "ID", "@"},
      {"triage", "ID", "--subsystem", "@"},
      {"triage", "ID", "--file", "@"},
      {"triage", "ID", "--cwe", "@"},
      {"triage", "ID", "--cvss", "@"},
      {"fix", "ID", "--pr", "1", "--branch", "@"},
      {"fix", "ID", "--commit", "@"},
      {"cve", "ID", "@"},
      {"move", "ID", "@"},
      {"move", "ID", "Rejected", "--reason", "@"},
      {"show", "@"},
      {"history", "@"},
      {"list", "--state", "@"},
      {"todo", "--as-of", "@"},
      {"cvss", "@"},
      {"owners", "@", "--maintainers", "@"},
      {"export", "ID", "--format", "@"},
      {"export", "--format", "release-notes", "--release", "@"},
      {"import", "@", "x"},
      {"--as", "@", "note", "ID", "x"},
      {"--workspace", "@", "list"},
      {"init", "@"},
  };
  int ran = 0, expected = 0;
  const std::vector<std::string> texts = {bad_utf8, escape, nl};
  for (size_t c = 0; c < commands.size(); ++c) {
    const auto& cmd = commands[c];
    for (size_t k = 0; k < texts.size(); ++k) {
      const std::string& text = texts[k];
      // Under the sanitizers one hostile text per command (rotating), in both output modes.
      if (testing::Sanitized() && k != c % texts.size()) continue;
      std::vector<std::string> args;
      for (const std::string& a : cmd) {
        std::string v = a;
        if (v == "ID") v = id_;
        for (size_t at; (at = v.find('@')) != std::string::npos;) v.replace(at, 1, text);
        args.push_back(v);
      }
      for (bool json : {false, true}) {
        std::vector<std::string> run = args;
        if (json) run.insert(run.begin(), "--json");
        RunResult r = P(run);
        ++ran;
        std::string what = cmd[0] + " " + (cmd.size() > 1 ? cmd[1] : "");
        EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2)
            << what << " with " << testing::Escaped(text) << ": exit " << r.exit_code << "\n" << r.err;
        // Nothing psirt prints carries an escape sequence or a bell.
        EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << what;
        EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << what;
        EXPECT_EQ(r.err.find('\x07'), std::string::npos) << what;
        if (json && !r.out.empty()) {
          EXPECT_TRUE(json::accept(r.out)) << what << ": " << r.out;
        }
      }
      expected += 2;
    }
  }
  EXPECT_EQ(ran, expected);
  EXPECT_GE(ran, static_cast<int>(commands.size()) * 2);
  // Nothing invalid was stored: every event of the advisory is clean.
  RunResult h = P({"--json", "history", id_});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  std::string all = json::parse(h.out).dump();
  EXPECT_EQ(all.find("\\u001b"), std::string::npos) << all;
  EXPECT_EQ(all.find("\\ufffd"), std::string::npos);
}

TEST_F(HostileInputTest, BadDataAlreadyInTheDatabaseIsShownEscapedNeverACrash) {
  InsertRaw("mallory\xff\x1b[2J", "noted", "{\"text\":\"clear \x1b[2J screen and \xc3\x28 bad byte\"}");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"show", id_}, {"--json", "show", id_}, {"history", id_}, {"--json", "history", id_}, {"list"},
           {"--json", "list"}}) {
    RunResult r = P(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << " " << args[1] << ": " << r.err;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
    if (args[0] == "--json") {
      ASSERT_TRUE(json::accept(r.out)) << r.out;
    } else if (args[0] == "history") {
      EXPECT_NE(r.out.find("mallory\xEF\xBF\xBD\\x1b[2J"), std::string::npos) << r.out;  // replaced and escaped, visible
    }
  }
}

TEST_F(HostileInputTest, JsonErrorsVersionAndHelp) {
  RunResult r = P({"--json", "show", "ZEPSEC-2026-0099"});
  EXPECT_EQ(r.exit_code, 1);
  json e = json::parse(r.out)["error"];
  EXPECT_EQ(e["message"], "no advisory ZEPSEC-2026-0099");
  EXPECT_EQ(e["code"], "not_found");
  EXPECT_EQ(e["exit_status"], 1);
  r = P({"show", "ZEPSEC-2026-0099", "--json"});  // global options after the command too
  EXPECT_EQ(json::parse(r.out)["error"]["code"], "not_found");
  r = P({"--json", "todo", "--as-of", "soon"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(json::parse(r.out)["error"]["code"], "usage");
  r = P({"--json", "import", "zephyr-rst", testing::TestData("email/plain.eml")});
  EXPECT_EQ(r.exit_code, 1);
  e = json::parse(r.out)["error"];
  EXPECT_NE(e["file"].get<std::string>().find("plain.eml"), std::string::npos) << e;
  EXPECT_EQ(e["line"], 1);
  r = P({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("psirt ", 0), 0u) << r.out;
  for (const char* cmd : {"note", "export", "todo"}) {
    r = P({cmd, "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Global options"), std::string::npos) << cmd;
    EXPECT_NE(r.out.find("--workspace DIR"), std::string::npos) << cmd;
  }
}

TEST(HostileFilesTest, WorkspaceAndDatabaseArePrivateWhateverTheUmask) {
  TempDir dir;
  // A permissive umask in the parent: psirt still creates private files.
  RunResult r = testing::Run({"/bin/sh", "-c", "umask 000 && " + testing::PsirtBinary() + " init " +
                                                   dir.path() + "/ws && PSIRT_USER=a exec " +
                                                   testing::PsirtBinary() + " --workspace " + dir.path() +
                                                   "/ws report --title x"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto mode = [](const std::string& p) {
    struct stat sb;
    EXPECT_EQ(::stat(p.c_str(), &sb), 0) << p;
    return sb.st_mode & 0777;
  };
  EXPECT_EQ(mode(dir / "ws"), 0700u);
  EXPECT_EQ(mode(dir / "ws/psirt.yml"), 0600u);
  EXPECT_EQ(mode(dir / "ws/psirt.db"), 0600u);
  if (std::filesystem::exists(dir / "ws/psirt.db-wal")) {
    EXPECT_EQ(mode(dir / "ws/psirt.db-wal"), 0600u);
  }
  // An existing workspace readable by others: a warning saying what to do.
  std::filesystem::permissions(dir / "ws", std::filesystem::perms::others_read | std::filesystem::perms::others_exec,
                               std::filesystem::perm_options::add);
  r = testing::Psirt({"--workspace", dir / "ws", "list"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("warning: " + dir.path() + "/ws is accessible to other users (mode 0705)"), std::string::npos)
      << r.err;
  // Exports of embargoed advisories are private too.
  r = testing::Run({"/bin/sh", "-c", "umask 000 && exec " + testing::PsirtBinary() + " --workspace " + dir.path() +
                                         "/ws export PSIRT-2026-0001 --format osv --draft -o " + dir.path() + "/x.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(mode(dir / "x.json"), 0600u);
}

}  // namespace
}  // namespace psirt
