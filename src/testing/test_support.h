// Test helpers: scratch directories that clean up after themselves, and
// running the real psirt binary (or any command) with captured output.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace psirt::testing {

// A fresh directory under $TMPDIR, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

// What running the psirt binary printed and returned.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv[0] with arguments, in `cwd`, with extra environment variables
// (PSIRT_WORKSPACE, PSIRT_USER and HOME are cleared unless given) and stdin.
RunResult Run(const std::vector<std::string>& argv, const std::string& cwd = ".",
              const std::map<std::string, std::string>& env = {}, const std::string& stdin_text = "");

// Runs the psirt binary under test.
RunResult Psirt(const std::vector<std::string>& args, const std::string& cwd = ".",
                const std::map<std::string, std::string>& env = {},
                const std::string& stdin_text = "");

// `s` with non-printable bytes as \xNN, for test messages.
std::string Escaped(const std::string& s);

std::string ReadFile(const std::string& path);
// `s` without its trailing line breaks (a command's one-line output).
std::string Chomp(std::string s);
void WriteFile(const std::string& path, const std::string& content);

// A git repository in a scratch directory (<tmp>/repo, branch main), driven
// with the git CLI under a fixed identity and date. A failing git command is
// a test failure.
class GitRepo {
 public:
  GitRepo();
  // git -C <repo> ARGS (init and clone run in <tmp>); the output without
  // trailing newlines.
  std::string Git(std::vector<std::string> args);
  // Writes `file`, adds and commits it; the new commit's SHA.
  std::string Commit(const std::string& file, const std::string& content, const std::string& msg);
  const std::string& dir() const { return dir_; }
  const TempDir& tmp() const { return tmp_; }

 private:
  TempDir tmp_;
  std::string dir_;
};

// A git repository at `dir` (created, branch main, when absent) with one
// commit per entry of `contents`, each writing `file`; the new SHAs.
std::vector<std::string> CommitEach(const std::string& dir, const std::string& file,
                                    const std::vector<std::string>& contents);

// Whether the tests run under AddressSanitizer/UBSan, where every psirt
// process costs ~10x to start: process-heavy tests run a smaller sample
// there (the plain run covers the full matrix).
bool Sanitized();

// Path of the psirt binary and of the project's test data.
std::string PsirtBinary();
std::string TestData(const std::string& rel);    // src/testdata/<rel>
std::string SharedData(const std::string& rel);  // ../shared/data/<rel>

}  // namespace psirt::testing
