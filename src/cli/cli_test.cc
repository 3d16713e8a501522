// End-to-end tests of the psirt binary: workspace discovery, commands and
// their JSON, exit statuses, bad input leaving the database untouched, and
// concurrent processes losing nothing.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "testing/test_support.h"

namespace psirt {
namespace {

using nlohmann::json;
using testing::Psirt;
using testing::RunResult;
using testing::TempDir;

const std::map<std::string, std::string> kUser = {{"PSIRT_USER", "alice@example.org"}};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult r = Psirt({"init", dir_.path(), "--project", "zephyr", "--prefix", "ZEPSEC"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  RunResult P(std::vector<std::string> args, const std::string& stdin_text = "") {
    return Psirt(args, dir_.path(), kUser, stdin_text);
  }
  json J(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");
    RunResult r = P(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }
  std::string Report(const std::string& title, const std::string& on = "2026-01-05") {
    return J({"report", "--title", title, "--reported-on", on})["id"];
  }
  int Events() {
    sqlite3* db = nullptr;
    sqlite3_open((dir_ / "psirt.db").c_str(), &db);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM events", -1, &s, nullptr);
    sqlite3_step(s);
    int n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
  }
  // Checks the one-line error contract: status, a single line, no stdout.
  void ExpectError(const RunResult& r, int code, const std::string& contains) {
    EXPECT_EQ(r.exit_code, code) << r.out << r.err;
    EXPECT_NE(r.err.find(contains), std::string::npos) << r.err;
    if (code == 1) {
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
      EXPECT_TRUE(r.out.empty()) << r.out;
    }
  }

  TempDir dir_;
};

TEST_F(CliTest, InitWritesConfigAndDatabaseAndRefusesTwice) {
  EXPECT_TRUE(std::filesystem::exists(dir_ / "psirt.yml"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "psirt.db"));
  std::string yml = testing::ReadFile(dir_ / "psirt.yml");
  for (const char* key : {"embargo_days: 90", "fix_target_days: 30", "acknowledge_days: 7",
                          "tag_pattern: \"v{major}.{minor}.{patch}\"",
                          "branch_pattern: \"v{major}.{minor}-branch\"", "lts_branches",
                          "backport_policy", "org_id", "advisory_prefix: \"ZEPSEC\""})
    EXPECT_NE(yml.find(key), std::string::npos) << key;
  ExpectError(Psirt({"init", dir_.path()}), 1, "already a psirt workspace");
  EXPECT_EQ(Psirt({"init", dir_ / "x", "--prefix", "9bad"}).exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x"));
  // --workspace names the directory when no dir is given, wherever psirt runs.
  TempDir elsewhere;
  EXPECT_EQ(Psirt({"--workspace", dir_ / "w", "init"}, elsewhere.path()).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(dir_ / "w") / "psirt.yml"));
  EXPECT_FALSE(std::filesystem::exists(elsewhere / "psirt.yml"));
}

TEST_F(CliTest, ReportJsonAndShowJson) {
  json r = J({"report", "--title", "Overflow in l2cap", "--description", "details",
              "--reporter", "Ada Finder <ada@x.org>", "--reported-on", "2026-01-05"});
  EXPECT_EQ(r["id"], "ZEPSEC-2026-0001");
  EXPECT_EQ(r["state"], "New");
  EXPECT_EQ(r["embargo_ends"], "2026-04-05");
  json s = J({"show", "ZEPSEC-2026-0001"});
  EXPECT_EQ(s["title"], "Overflow in l2cap");
  EXPECT_EQ(s["reporter"]["name"], "Ada Finder");
  EXPECT_EQ(s["reporter"]["email"], "ada@x.org");
  EXPECT_EQ(s["reported_on"], "2026-01-05");
  EXPECT_EQ(s["acknowledge_by"], "2026-01-12");
  EXPECT_EQ(s["fix_due"], "2026-02-04");
  EXPECT_EQ(s["embargo_ends"], "2026-04-05");
  for (const char* k : {"assignee", "cvss", "cwes", "files", "subsystem", "fixes", "cve_id",
                        "ghsa_id", "credits", "notes", "description", "state"})
    EXPECT_TRUE(s.contains(k)) << k;
}

TEST_F(CliTest, WholeLifecycleThroughTheCli) {
  std::string id = Report("Overflow", "2025-06-01");
  EXPECT_EQ(P({"move", id, "Triage"}).exit_code, 0);
  EXPECT_EQ(P({"triage", id, "--cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "--cwe",
               "CWE-787", "--file", "subsys/net/ip/ipv4.c", "--subsystem", "Networking"})
                .exit_code,
            0);
  // An assignee is a known person: not yet...
  ExpectError(P({"assign", id, "jukkar"}), 1, "unknown person 'jukkar'");
  EXPECT_EQ(P({"user", "add", "jukkar", "--role", "maintainer"}).exit_code, 0);
  EXPECT_EQ(P({"assign", id, "jukkar"}).exit_code, 0);
  ExpectError(P({"move", id, "Review"}), 1, "no linked fix");
  EXPECT_EQ(P({"fix", id, "--pr", "12345"}).exit_code, 0);
  EXPECT_EQ(P({"fix", id, "--commit", "0123456789abcdef0123456789abcdef01234567", "--branch",
               "v3.7-branch"})
                .exit_code,
            0);
  EXPECT_EQ(P({"move", id, "Review"}).exit_code, 0);
  EXPECT_EQ(P({"move", id, "Accepted"}).exit_code, 0);
  ExpectError(P({"move", id, "Public"}), 1, "no CVE id");
  EXPECT_EQ(P({"cve", id, "CVE-2025-12345"}).exit_code, 0);
  EXPECT_EQ(P({"credit", id, "Ada", "--type", "finder"}).exit_code, 0);
  EXPECT_EQ(P({"note", id, "backport to 3.7 requested"}).exit_code, 0);
  EXPECT_EQ(P({"edit", id, "--ghsa", "GHSA-xcr5-5g98-mchm"}).exit_code, 0);
  EXPECT_EQ(P({"move", id, "Public"}).exit_code, 0);
  json s = J({"show", id});
  EXPECT_EQ(s["state"], "Public");
  EXPECT_EQ(s["assignee"], "jukkar");
  EXPECT_EQ(s["cve_id"], "CVE-2025-12345");
  EXPECT_EQ(s["ghsa_id"], "GHSA-xcr5-5g98-mchm");
  EXPECT_EQ(s["cwes"], json::array({"CWE-787"}));
  EXPECT_EQ(s["fixes"].size(), 2u);
  EXPECT_EQ(s["fixes"][1]["branch"], "v3.7-branch");
  json h = J({"history", id});
  ASSERT_EQ(h.size(), 14u);
  EXPECT_EQ(h[0]["kind"], "reported");
  EXPECT_EQ(h[0]["actor"], "alice@example.org");
  EXPECT_EQ(h.back()["payload"]["to"], "Public");
  RunResult text = P({"history", id});
  EXPECT_NE(text.out.find("moved Accepted -> Public"), std::string::npos) << text.out;
  RunResult show = P({"show", id});
  EXPECT_NE(show.out.find("CVE-2025-12345"), std::string::npos);
}

TEST_F(CliTest, ListFiltersByState) {
  std::string a = Report("A"), b = Report("B");
  P({"move", b, "Triage"});
  EXPECT_EQ(J({"list"}).size(), 2u);
  json t = J({"list", "--state", "triage"});
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0]["id"], b);
  EXPECT_EQ(t[0]["state"], "Triage");
  ExpectError(P({"list", "--state", "Done"}), 2, "unknown state 'Done'");
}

TEST_F(CliTest, TodoIsReproducibleWithAsOf) {
  std::string id = Report("A", "2026-01-05");
  json t = J({"todo", "--as-of", "2026-01-20"});
  EXPECT_EQ(t["as_of"], "2026-01-20");
  ASSERT_GE(t["tasks"].size(), 2u);
  EXPECT_EQ(t["tasks"][0]["advisory"], id);
  EXPECT_EQ(t["tasks"][0]["task"], "acknowledge");
  EXPECT_EQ(t["tasks"][0]["due"], "2026-01-12");
  EXPECT_EQ(t["tasks"][0]["overdue"], true);
  EXPECT_EQ(J({"todo", "--as-of", "2026-01-20"}), t);
  RunResult human = P({"todo", "--as-of", "2026-01-20"});
  EXPECT_NE(human.out.find("OVERDUE 8d"), std::string::npos) << human.out;
}

TEST_F(CliTest, WorkspaceIsFoundFromSubdirectoriesEnvAndFlag) {
  std::string id = Report("A");
  std::filesystem::create_directories(dir_ / "deep/er");
  RunResult r = Psirt({"show", id}, dir_ / "deep/er", kUser);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  TempDir elsewhere;
  ExpectError(Psirt({"show", id}, elsewhere.path(), kUser), 1, "no psirt workspace");
  EXPECT_EQ(Psirt({"show", id}, elsewhere.path(), {{"PSIRT_WORKSPACE", dir_.path()}}).exit_code, 0);
  EXPECT_EQ(Psirt({"--workspace", dir_.path(), "show", id}, elsewhere.path()).exit_code, 0);
  EXPECT_EQ(Psirt({"show", id, "--workspace", dir_.path()}, elsewhere.path()).exit_code, 0);
  ExpectError(Psirt({"--workspace", elsewhere.path(), "show", id}), 1, "not a psirt workspace");
}

TEST_F(CliTest, ActorComesFromFlagEnvOrGitConfig) {
  std::string id = Report("A");
  TempDir home;
  testing::WriteFile(home / ".gitconfig", "[user]\n\temail = gitter@example.org\n");
  RunResult r = Psirt({"note", id, "from git"}, dir_.path(), {{"HOME", home.path()}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Psirt({"--as", "flagged", "note", id, "from flag"}, dir_.path(), kUser);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectError(Psirt({"note", id, "nobody"}, dir_.path()), 1, "who is acting?");
  json h = J({"history", id});
  EXPECT_EQ(h[1]["actor"], "gitter@example.org");
  EXPECT_EQ(h[2]["actor"], "flagged");
  EXPECT_EQ(h.size(), 3u);
}

TEST_F(CliTest, BadInputIsOneLineStatusOneAndWritesNothing) {
  std::string id = Report("A");
  int before = Events();
  ExpectError(P({"show", "ZEPSEC-2026-0042"}), 1, "no advisory ZEPSEC-2026-0042");
  ExpectError(P({"note", "ZEPSEC-2026-0042", "x"}), 1, "no advisory ZEPSEC-2026-0042");
  ExpectError(P({"show", "TRS-2026-0001"}), 1,
              "TRS-2026-0001 is not an advisory of this workspace: its ids start with ZEPSEC-");
  ExpectError(P({"move", id, "Assigned"}), 1, "allowed next: Triage");
  ExpectError(P({"report", "--from-email", testing::TestData("email/bad_date.eml")}), 1,
              "bad_date.eml:3: Date header");
  ExpectError(P({"report", "--from-email", dir_ / "missing.eml"}), 1, "missing.eml: no such file");
  EXPECT_EQ(Events(), before);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  ExpectError(P({}), 2, "");
  ExpectError(P({"frobnicate"}), 2, "");
  ExpectError(P({"move", "ZEPSEC-2026-0001"}), 2, "state");
  ExpectError(P({"move", "ZEPSEC-2026-0001", "Done"}), 2, "unknown state 'Done'");
  ExpectError(P({"report"}), 2, "--title or --from-email");
  ExpectError(P({"fix", "ZEPSEC-2026-0001", "--pr", "1", "--commit", "abcdef0"}), 2, "");
  ExpectError(P({"triage", "ZEPSEC-2026-0001"}), 2, "at least one of");
  EXPECT_EQ(P({"--help"}).exit_code, 0);
  // A bad option or argument value is a usage error too, naming the option.
  int before = Events();
  ExpectError(P({"show", "nonsense"}), 2, "bad advisory id 'nonsense'");
  ExpectError(P({"report", "--title", "x", "--reported-on", "2026-02-30"}), 2,
              "--reported-on: bad date '2026-02-30': no such day");
  ExpectError(P({"todo", "--as-of", "tomorrow"}), 2, "--as-of: bad date 'tomorrow'");
  ExpectError(P({"cve", "ZEPSEC-2026-0001", "CVE-12"}), 2, "bad CVE id");
  ExpectError(P({"fix", "ZEPSEC-2026-0001", "--commit", "xyz"}), 2, "bad commit 'xyz'");
  ExpectError(P({"fix", "ZEPSEC-2026-0001", "--pr", "1", "--branch", "v1..2"}), 2, "bad branch name 'v1..2'");
  ExpectError(P({"triage", "ZEPSEC-2026-0001", "--cwe", "787"}), 2, "bad CWE id '787'");
  ExpectError(P({"triage", "ZEPSEC-2026-0001", "--cwe", "CWE-0"}), 2, "bad CWE id 'CWE-0'");
  ExpectError(P({"triage", "ZEPSEC-2026-0001", "--cvss", "CVSS:3.1/AV:X"}), 2, "--cvss");
  ExpectError(P({"edit", "ZEPSEC-2026-0001", "--ghsa", "GHSA-1234"}), 2, "bad GHSA id");
  ExpectError(P({"credit", "ZEPSEC-2026-0001", "Ada", "--type", "hero"}), 2, "bad credit type 'hero'");
  ExpectError(P({"report", "--title", "x", "--reporter", "Ada <ada"}), 2, "--reporter");
  ExpectError(P({"report", "--title", "two\nlines"}), 2, "must be a single line");
  ExpectError(P({"report", "--title", std::string(100000, 'x')}), 2, "100000 characters, at most 256");
  EXPECT_EQ(Events(), before);
}

TEST_F(CliTest, UnreadableConfigStopsWithFileAndLine) {
  std::string id = Report("A");
  int before = Events();
  std::string yml = testing::ReadFile(dir_ / "psirt.yml");
  testing::WriteFile(dir_ / "psirt.yml", yml + "policy_typo: 3\n");
  RunResult r = P({"note", id, "x"});
  ExpectError(r, 1, "psirt.yml:");
  EXPECT_NE(r.err.find("policy_typo: unknown key"), std::string::npos) << r.err;
  EXPECT_EQ(Events(), before);
}

TEST_F(CliTest, ReportFromEmail) {
  json r = J({"report", "--from-email", testing::TestData("email/multipart_qp.eml")});
  EXPECT_EQ(r["state"], "New");
  EXPECT_EQ(r["title"], "Heap overflow in the Bluetooth L2CAP reässembly");
  EXPECT_EQ(r["reporter"]["name"], "Jürgen Müller");
  EXPECT_EQ(r["reported_on"], "2026-11-02");
  json t = J({"report", "--triage", "--from-email", testing::TestData("email/plain.eml")});
  EXPECT_EQ(t["state"], "Triage");
}

// 8 processes x 100 `note` commands at once: exactly 800 events.
TEST_F(CliTest, ConcurrentProcessesLoseNothing) {
  std::string id = Report("A");
  // 8 x 100 writers; a smaller sample under the sanitizers (slow process starts).
  const int kProcs = testing::Sanitized() ? 4 : 8, kNotes = testing::Sanitized() ? 25 : 100;
  std::vector<pid_t> kids;
  for (int p = 0; p < kProcs; ++p) {
    pid_t pid = fork();
    if (pid == 0) {
      int failures = 0;
      for (int i = 0; i < kNotes; ++i) {
        RunResult r = Psirt({"note", id, "p" + std::to_string(p) + " n" + std::to_string(i)},
                            dir_.path(), kUser);
        if (r.exit_code != 0) ++failures;
      }
      _exit(failures > 255 ? 255 : failures);
    }
    kids.push_back(pid);
  }
  for (pid_t pid : kids) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "failed commands: " << status;
  }
  json h = J({"history", id});
  EXPECT_EQ(h.size(), 1u + kProcs * kNotes);
  std::set<std::string> texts;
  for (size_t i = 1; i < h.size(); ++i) {
    EXPECT_EQ(h[i]["seq"], static_cast<int>(i) + 1);
    texts.insert(h[i]["payload"]["text"].get<std::string>());
  }
  EXPECT_EQ(texts.size(), static_cast<size_t>(kProcs * kNotes));
}

TEST(CliDemoTest, DemoCreatesWorkspaceRepositoryAndAgenda) {
  TempDir dir;
  RunResult r = Psirt({"demo", dir / "demo"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "demo/tinyrtos/.git"));
  EXPECT_TRUE(std::filesystem::exists(dir / "demo/tinyrtos/MAINTAINERS.yml"));
  RunResult tags = testing::Run({"git", "-C", dir / "demo/tinyrtos", "tag", "--list"});
  EXPECT_EQ(tags.out, "v1.0.0\nv1.0.1\nv1.1.0\nv1.2.0\nv2.0.0\nv2.0.1\n");
  RunResult branches = testing::Run(
      {"git", "-C", dir / "demo/tinyrtos", "branch", "--list", "--format=%(refname:short)"});
  EXPECT_EQ(branches.out, "main\nv1.0-branch\nv1.1-branch\nv1.2-branch\nv2.0-branch\n");
  RunResult log = testing::Run({"git", "-C", dir / "demo/tinyrtos", "log", "-1", "v2.0-branch"});
  EXPECT_NE(log.out.find("(cherry picked from commit"), std::string::npos);
  RunResult list = Psirt({"--workspace", dir / "demo", "--json", "list"});
  json l = json::parse(list.out);
  std::set<std::string> states;
  for (auto& a : l) states.insert(a["state"]);
  EXPECT_EQ(states.size(), 7u);  // every state is represented
  RunResult todo = Psirt({"--workspace", dir / "demo", "--json", "todo"});
  json t = json::parse(todo.out);
  std::set<std::string> kinds;
  for (auto& task : t["tasks"]) kinds.insert(task["task"]);
  for (const char* k : {"acknowledge", "triage", "fix_due", "embargo_ending", "embargo_ended",
                        "request_cve"})
    EXPECT_TRUE(kinds.count(k)) << k;
  EXPECT_EQ(Psirt({"demo", dir / "demo"}).exit_code, 1);  // not over an existing one
}

// Messages say what to do.
TEST_F(CliTest, MessagesSayWhatToDo) {
  std::string id = Report("A");
  // export -o DIR
  std::filesystem::create_directories(dir_ / "out");
  RunResult r = P({"export", id, "--format", "osv", "--draft", "-o", dir_ / "out"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is a directory: give a file name"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--all -o"), std::string::npos) << r.err;
  // release notes of something that is not a release
  r = P({"export", "--format", "release-notes", "--release", "3.7"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'3.7' is not a release: expected a name like v3.7.0"), std::string::npos) << r.err;
  // --lts must be a release branch
  r = Psirt({"init", dir_ / "w2", "--lts", "main"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'main' is not a release branch: expected a name like v3.7-branch"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "w2"));
  // --repository that does not exist; and the message after a good one
  r = Psirt({"init", dir_ / "w3", "--repository", "no-such-clone"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--repository no-such-clone: no such directory"), std::string::npos) << r.err;
  std::filesystem::create_directories(dir_ / "clone");
  ExpectError(Psirt({"init", dir_ / "w5", "--repository", "../clone"}), 1, "not a git repository");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "w5"));
  ASSERT_EQ(testing::Run({"git", "init", "-q", dir_ / "clone"}).exit_code, 0);
  r = Psirt({"init", dir_ / "w4", "--repository", "../clone"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("repository  " + dir_.path() + "/clone"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("to set the repository"), std::string::npos) << r.out;
  // A workspace without its database: what to do, and init does it.
  std::filesystem::remove(dir_ / "w4/psirt.db");
  r = Psirt({"--workspace", dir_ / "w4", "list"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("psirt.db is missing: restore it from a backup, or run 'psirt init"), std::string::npos) << r.err;
  r = Psirt({"init", dir_ / "w4"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Created an empty database for the existing"), std::string::npos) << r.out;
  EXPECT_EQ(Psirt({"--workspace", dir_ / "w4", "list"}).exit_code, 0);
  // psirt.yml: LTS branches are release branches, by line.
  std::string yml = testing::ReadFile(dir_ / "psirt.yml");
  size_t at = yml.find("lts_branches: []");
  ASSERT_NE(at, std::string::npos) << yml;
  testing::WriteFile(dir_ / "psirt.yml", yml.substr(0, at) + "lts_branches: [\"v3..7\"]" + yml.substr(at + 16));
  r = P({"list"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("psirt.yml:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("releases.lts_branches: bad branch name 'v3..7'"), std::string::npos) << r.err;
  testing::WriteFile(dir_ / "psirt.yml", yml);
  // A MAINTAINERS.yml regex error names its line.
  testing::WriteFile(dir_ / "M.yml", "a:\n  status: maintained\n  files:\n    - a/\n\nb:\n  files-regex:\n    - \"x(y\"\n");
  r = P({"owners", "src/x.c", "--maintainers", dir_ / "M.yml"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("M.yml:6: bad regular expression 'x(y'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

// The binary starts without GMime and libcurl (psirt-mail.so is loaded
// when mail is read or sent): a copy without the module still does
// everything else, and mail commands say what is missing.
// A copy of the psirt binary alone in `dir` (no module beside it), with a
// workspace initialised at dir/ws by it; the copy's path.
std::string BinaryWithoutModules(const testing::TempDir& dir) {
  std::string bin = dir.path() + "/psirt";
  std::filesystem::copy_file(testing::PsirtBinary(), bin);
  std::filesystem::permissions(bin, std::filesystem::perms::owner_all);
  EXPECT_EQ(testing::Run({bin, "init", dir.path() + "/ws", "--prefix", "ZEPSEC"}).exit_code, 0);
  return bin;
}

TEST(MailModule, LoadedOnlyWhenMailIsReadAndItsAbsenceIsOneClearMessage) {
  testing::TempDir dir;
  std::string bin = BinaryWithoutModules(dir);
  std::string ws = dir.path() + "/ws";
  auto created = testing::Run({bin, "--workspace", ws, "--as", "tester", "--json", "report", "--title", "T", "--reporter", "R <r@example.org>"});
  EXPECT_EQ(created.exit_code, 0) << created.err;
  auto mail = testing::Run({bin, "--workspace", ws, "--as", "tester", "report", "--from-email", testing::TestData("email/bad_date.eml")});
  EXPECT_EQ(mail.exit_code, 1);
  EXPECT_NE(mail.err.find("e-mail support is missing: psirt-mail.so belongs beside the psirt binary"),
            std::string::npos) << mail.err;
  // With the module beside it, the same binary reads the message (and reports its bad date).
  std::filesystem::copy_file(std::filesystem::path(testing::PsirtBinary()).parent_path() / "psirt-mail.so",
                             dir.path() + "/psirt-mail.so");
  mail = testing::Run({bin, "--workspace", ws, "--as", "tester", "report", "--from-email", testing::TestData("email/bad_date.eml")});
  EXPECT_EQ(mail.exit_code, 1);
  EXPECT_NE(mail.err.find("bad_date.eml:3: Date header"), std::string::npos) << mail.err;
}

// Likewise libpq (psirt-postgres.so, loaded when a store location is a
// postgresql:// URL): the binary does not link it, a copy without the
// module says what is missing, and with the module it reaches libpq.
TEST(PostgresModule, LoadedOnlyForPostgresqlAndItsAbsenceIsOneClearMessage) {
  auto ldd = testing::Run({"ldd", testing::PsirtBinary()});
  ASSERT_EQ(ldd.exit_code, 0);
  EXPECT_EQ(ldd.out.find("libpq"), std::string::npos) << ldd.out;
  EXPECT_EQ(ldd.out.find("libldap"), std::string::npos) << ldd.out;
  EXPECT_EQ(ldd.out.find("httplib"), std::string::npos) << ldd.out;
  testing::TempDir dir;
  std::string bin = BinaryWithoutModules(dir);
  std::string ws = dir.path() + "/ws";
  const std::vector<std::string> migrate = {bin, "migrate", "--from", "sqlite:" + ws + "/psirt.db",
                                            "--to", "postgresql://psirt@127.0.0.1:1/nothing"};
  auto r = testing::Run(migrate);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("PostgreSQL support is missing: psirt-postgres.so belongs beside the psirt binary"),
            std::string::npos) << r.err;
  std::filesystem::copy_file(std::filesystem::path(testing::PsirtBinary()).parent_path() / "psirt-postgres.so",
                             dir.path() + "/psirt-postgres.so");
  r = testing::Run(migrate);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot connect to PostgreSQL"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

// What a hostile run found on the command line, each now one clear answer.
TEST_F(CliTest, IdsHeldTwiceAreRefusedAndChangesNeedAReason) {
  std::string a = Report("first"), b = Report("second");
  EXPECT_EQ(P({"cve", a, "CVE-2026-1000"}).exit_code, 0);
  ExpectError(P({"cve", b, "CVE-2026-1000"}), 1, "CVE-2026-1000 is already the CVE id of " + a);
  ExpectError(P({"cve", a, "CVE-2026-2000"}), 1, "changing an assigned CVE id needs a reason");
  EXPECT_EQ(P({"cve", a, "CVE-2026-2000", "--reason", "MITRE rejected the first id as a duplicate"}).exit_code, 0);
  json hist = J({"history", a});
  json last = hist.back();
  EXPECT_EQ(last["kind"], "cve_assigned");
  EXPECT_EQ(last["payload"]["previous"], "CVE-2026-1000");
  EXPECT_EQ(last["payload"]["reason"], "MITRE rejected the first id as a duplicate");
  EXPECT_EQ(P({"cve", b, "CVE-2026-1000"}).exit_code, 0) << "free again";
  EXPECT_EQ(P({"edit", a, "--ghsa", "GHSA-2mp4-4g6f-cqcx"}).exit_code, 0);
  ExpectError(P({"edit", b, "--ghsa", "GHSA-2mp4-4g6f-cqcx"}), 1, "GHSA-2mp4-4g6f-cqcx is already the GHSA of " + a);
}

TEST_F(CliTest, OnePersonPerReporterAndOneAddressEach) {
  auto many = P({"report", "--title", "t", "--reporter", "A <a@x.example>, B <b@x.example>"});
  EXPECT_EQ(many.exit_code, 2);
  EXPECT_NE(many.err.find("names more than one person"), std::string::npos) << many.err;
  auto two_at = P({"report", "--title", "t", "--reporter", "Bob <a@b@c.example>"});
  EXPECT_EQ(two_at.exit_code, 2);
  EXPECT_NE(two_at.err.find("expected one user@host"), std::string::npos) << two_at.err;
  EXPECT_EQ(Events(), 0);
}

TEST_F(CliTest, AReporterAddressFromMailIsConfirmedByTheTeam) {
  testing::WriteFile(dir_ / "r.eml", "From: Rae <rae@lab.example>\nSubject: overflow\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n\nbody\n");
  std::string id = J({"report", "--from-email", "r.eml"})["id"];
  EXPECT_EQ(J({"show", id})["reporter_confirmed"], false) << "anyone can write any From: line";
  EXPECT_EQ(P({"edit", id, "--confirm-reporter"}).exit_code, 0);
  EXPECT_EQ(J({"show", id})["reporter_confirmed"], true);
  EXPECT_EQ(J({"show", Report("typed by the team")})["reporter_confirmed"], true);
}

TEST_F(CliTest, AHugeBadValueIsNotEchoedInFull) {
  std::string huge(100000, 'x');  // an argument (the kernel takes at most 128 KiB)
  for (std::vector<std::string> args : {std::vector<std::string>{"cvss", "CVSS:3.1/AV:" + huge},
                                        {"report", "--title", "t", "--reported-on", huge},
                                        {"report", "--title", "t", "--reporter", "A <" + huge + ">"},
                                        {"cve", "ZEPSEC-2026-0001", "CVE-2026-" + huge}}) {
    auto r = P(args);
    EXPECT_NE(r.exit_code, 0) << args[0];
    EXPECT_LT(r.err.size(), 1000u) << args[0] << ": " << r.err.substr(0, 200);
    EXPECT_NE(r.err.find("bytes)"), std::string::npos) << "it says how long the value was: " << r.err.substr(0, 300);
  }
  // 131 KiB on standard input.
  auto r = P({"cvss", "-"}, "CVSS:3.1/AV:" + std::string(131072, 'y') + "\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_LT(r.out.size() + r.err.size(), 1000u) << r.out.substr(0, 200) << r.err.substr(0, 200);
}

TEST_F(CliTest, InitTakesTheReleaseModelOfProjectsNamedOtherwise) {
  std::string ws = dir_ / "mbedtls";
  auto r = Psirt({"init", ws, "--project", "mbedtls", "--main-branch", "development", "--tag-pattern",
                  "mbedtls-{major}.{minor}.{patch}", "--branch-pattern", "mbedtls-{major}.{minor}", "--branch-pattern",
                  "archive/mbedtls-{major}.{minor}", "--lts", "archive/mbedtls-2.28"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string yml = testing::ReadFile(ws + "/psirt.yml");
  EXPECT_NE(yml.find("main_branch: \"development\""), std::string::npos) << yml;
  EXPECT_NE(yml.find("branch_pattern: [\"mbedtls-{major}.{minor}\", \"archive/mbedtls-{major}.{minor}\"]"), std::string::npos) << yml;
  EXPECT_NE(yml.find("lts_branches: [\"archive/mbedtls-2.28\"]"), std::string::npos);
  EXPECT_EQ(Psirt({"--workspace", ws, "list"}).exit_code, 0) << "the file reads back";
  auto bad = Psirt({"init", dir_ / "bad", "--branch-pattern", "release-{major}"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--branch-pattern release-{major}: must contain {minor}"), std::string::npos) << bad.err;
}

TEST_F(CliTest, InitIntoADirectoryOthersCanReadWarns) {
  std::string open_dir = dir_ / "shared";
  std::filesystem::create_directories(open_dir);
  std::filesystem::permissions(open_dir, std::filesystem::perms(0755));
  auto r = Psirt({"init", open_dir, "--project", "p", "--prefix", "P"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("accessible to other users (mode 0755)"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "said once: " << r.err;
  auto again = Psirt({"--workspace", open_dir, "list"});
  EXPECT_EQ(std::count(again.err.begin(), again.err.end(), '\n'), 1) << "said once: " << again.err;
  auto fresh = Psirt({"init", dir_ / "fresh", "--project", "p", "--prefix", "P"});
  EXPECT_EQ(fresh.err, "") << "a directory init makes is private";
}

TEST_F(CliTest, AnImportConflictSaysWhereInJson) {
  std::string page = ".. _vulnerabilities_2024:\n\nCVE-2024\n########\n\n:cve:`2024-1000`\n----------------\n\nTitle\n\n"
                     "- `Zephyr project bug tracker GHSA-2mp4-4g6f-cqcx\n  <https://github.com/zephyrproject-rtos/zephyr/security/advisories/GHSA-2mp4-4g6f-cqcx>`_\n\n"
                     "This has been fixed in main for v3.7.0\n\n- `PR 1 fix for main\n  <https://github.com/zephyrproject-rtos/zephyr/pull/1>`_\n";
  testing::WriteFile(dir_ / "2024.rst", page);
  ASSERT_EQ(P({"import", "zephyr-rst", "2024.rst"}).exit_code, 0);
  std::string older = page.substr(0, page.find("This has been"));  // the fix is gone
  testing::WriteFile(dir_ / "old.rst", older);
  // What the page states is shown, by show and show --json.
  json shown = J({"show", "ZEPSEC-2024-0001"});
  EXPECT_EQ(shown["stated_fixed_release"], "v3.7.0") << shown.dump();
  EXPECT_NE(P({"show", "ZEPSEC-2024-0001"}).out.find("fixed in      v3.7.0 (as published)"), std::string::npos);
  auto r = P({"--json", "import", "zephyr-rst", "old.rst"});
  EXPECT_EQ(r.exit_code, 1);
  json e = json::parse(r.out)["error"];
  EXPECT_EQ(e["code"], "conflict");
  EXPECT_EQ(e["file"], "old.rst");
  EXPECT_EQ(e["line"], 6) << "the heading of the entry that would lose its fix";
}

TEST_F(CliTest, ControlCharactersInAPageAreRefusedWhereTheyAre) {
  std::string page = ".. _vulnerabilities_2024:\n\nCVE-2024\n########\n\n:cve:`2024-1000`\n----------------\n\nTitle \x1b[31mred\x07\n";
  testing::WriteFile(dir_ / "2024.rst", page);
  auto r = P({"--json", "import", "zephyr-rst", "2024.rst"});
  EXPECT_EQ(r.exit_code, 1);
  json e = json::parse(r.out)["error"];
  EXPECT_EQ(e["file"], "2024.rst");
  EXPECT_EQ(e["line"], 9);
  EXPECT_NE(e["message"].get<std::string>().find("control character U+001B"), std::string::npos) << e.dump();
  EXPECT_EQ(Events(), 0);
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

TEST_F(CliTest, EveryIdWorksEverywhere) {
  std::string id = Report("Overflow");
  ASSERT_EQ(P({"cve", id, "CVE-2026-4242"}).exit_code, 0);
  ASSERT_EQ(P({"edit", id, "--ghsa", "GHSA-2mp4-4g6f-cqcx"}).exit_code, 0);
  for (const std::string& ref : {id, std::string("CVE-2026-4242"), std::string("GHSA-2mp4-4g6f-cqcx")}) {
    json shown = J({"show", ref});
    EXPECT_EQ(shown["id"], id) << ref;
    EXPECT_EQ(J({"history", ref}).size(), 3u) << ref;
  }
  // Commands that change the advisory take them too.
  ASSERT_EQ(P({"note", "CVE-2026-4242", "found by its CVE"}).exit_code, 0);
  ASSERT_EQ(P({"credit", "GHSA-2mp4-4g6f-cqcx", "Ann"}).exit_code, 0);
  json after = J({"show", id});
  EXPECT_EQ(after["credits"][0]["name"], "Ann");
  EXPECT_EQ(J({"history", id}).size(), 5u);
  // An id nobody holds, and one of no known shape: one clear message each.
  ExpectError(P({"show", "CVE-2026-9999"}), 1, "no advisory has CVE-2026-9999");
  ExpectError(P({"show", "CVE-2020-10060"}), 1, "no advisory has CVE-2020-10060");
  ExpectError(P({"show", "nonsense"}), 2, "a CVE id or a GHSA id");
}

}  // namespace
}  // namespace psirt

namespace psirt {
namespace {

TEST_F(CliTest, HelpPrintsEachBlockOnceAndEndsWithANewline) {
  // Every command and subcommand named in the top-level help, and their own.
  RunResult top = P({"--help"});
  ASSERT_EQ(top.exit_code, 0);
  std::vector<std::vector<std::string>> commands = {{}};
  std::istringstream lines(top.out);
  bool in_list = false;
  for (std::string l; std::getline(lines, l);) {
    if (l == "Subcommands:") in_list = true;
    else if (in_list && l.size() > 2 && l[0] == ' ' && l[2] != ' ') commands.push_back({l.substr(2, l.find(' ', 2) - 2)});
    else if (in_list && l.empty()) in_list = false;
  }
  ASSERT_GT(commands.size(), 20u);
  commands.push_back({"github", "pull"});
  commands.push_back({"user", "add"});
  for (auto args : commands) {
    std::string name = args.empty() ? "psirt" : args[0];
    args.push_back("--help");
    RunResult r = P(args);
    EXPECT_EQ(r.exit_code, 0) << name;
    auto count = [&](const std::string& what) {
      size_t n = 0;
      for (size_t at = r.out.find(what); at != std::string::npos; at = r.out.find(what, at + 1)) ++n;
      return n;
    };
    EXPECT_EQ(count("Global options"), 1u) << name << "\n" << r.out;
    EXPECT_EQ(count("--workspace"), 1u) << name;
    EXPECT_EQ(count("Exit status:"), 1u) << name;
    ASSERT_FALSE(r.out.empty());
    EXPECT_EQ(r.out.back(), '\n') << name;
  }
}

}  // namespace
}  // namespace psirt
