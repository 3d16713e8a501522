// Process spawning with pipes, scratch directories.
#include <cstdio>
#include "testing/test_support.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace {
// Test output unbuffered: when a test hangs and CI kills it, what it
// printed (its failures, how far it got) is still in the log.
const bool kUnbuffered = [] {
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  return true;
}();
}  // namespace

namespace psirt::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "psirt-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

bool Sanitized() {
#ifdef PSIRT_SANITIZED
  return true;
#else
  return false;
#endif
}

std::string Escaped(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string PsirtBinary() { return PSIRT_BINARY; }
std::string TestData(const std::string& rel) {
  return std::string(PSIRT_SOURCE_DIR) + "/src/testdata/" + rel;
}
std::string SharedData(const std::string& rel) { return std::string(PSIRT_SHARED_DATA) + "/" + rel; }

RunResult Run(const std::vector<std::string>& argv, const std::string& cwd,
              const std::map<std::string, std::string>& env, const std::string& stdin_text) {
  // Everything the child needs is built before fork: between fork and exec
  // a child of a multi-threaded process may not allocate (another thread may
  // have held the allocator's lock at fork time; under ASan it then waits
  // for ever).
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    size_t eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  vars.erase("PSIRT_WORKSPACE");
  vars.erase("PSIRT_USER");
  vars["HOME"] = "/nonexistent-psirt-test-home";  // no global git identity leaks in
  vars["GIT_CONFIG_NOSYSTEM"] = "1";
  for (const auto& [k, v] : env) vars[k] = v;
  std::vector<std::string> env_text;
  for (const auto& [k, v] : vars) env_text.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& kv : env_text) envp.push_back(kv.data());
  envp.push_back(nullptr);
  std::string program = argv.at(0);
  if (program.find('/') == std::string::npos) {  // searched on PATH here, not in the child
    std::string path = vars.count("PATH") ? vars["PATH"] : "/usr/bin:/bin";
    for (size_t at = 0; at <= path.size();) {
      size_t colon = path.find(':', at);
      std::string dir = path.substr(at, colon == std::string::npos ? std::string::npos : colon - at);
      std::string candidate = (dir.empty() ? "." : dir) + "/" + argv[0];
      if (access(candidate.c_str(), X_OK) == 0) {
        program = candidate;
        break;
      }
      if (colon == std::string::npos) break;
      at = colon + 1;
    }
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      close(fd);
    if (chdir(cwd.c_str()) != 0) _exit(127);
    execve(program.c_str(), args.data(), envp.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  size_t written = 0;
  if (stdin_text.empty()) {
    close(in_pipe[1]);
    in_pipe[1] = -1;
  } else {
    fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  }
  RunResult r;
  pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_pipe[1], POLLOUT, 0}};
  int open_reads = 2;
  char buf[65536];
  while (open_reads > 0) {
    int n = poll(fds, in_pipe[1] >= 0 ? 3 : 2, -1);
    if (n < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP))) {
        ssize_t k = read(fds[i].fd, buf, sizeof buf);
        if (k <= 0) {
          close(fds[i].fd);
          fds[i].fd = -1;
          --open_reads;
        } else {
          (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(k));
        }
      }
    }
    if (in_pipe[1] >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t k = write(in_pipe[1], stdin_text.data() + written, stdin_text.size() - written);
      if (k > 0) written += static_cast<size_t>(k);
      if (k < 0 || written == stdin_text.size()) {
        close(in_pipe[1]);
        in_pipe[1] = -1;
      }
    }
  }
  if (in_pipe[1] >= 0) close(in_pipe[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

RunResult Psirt(const std::vector<std::string>& args, const std::string& cwd,
                const std::map<std::string, std::string>& env, const std::string& stdin_text) {
  std::vector<std::string> argv = {PsirtBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv, cwd, env, stdin_text);
}

GitRepo::GitRepo() : dir_(tmp_ / "repo") { Git({"init", "-q", "-b", "main", dir_}); }

std::string GitRepo::Git(std::vector<std::string> args) {
  std::vector<std::string> argv = {"git"};
  if (args[0] != "init" && args[0] != "clone") argv.insert(argv.end(), {"-C", dir_});
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = Run(argv, tmp_.path(),
               {{"GIT_AUTHOR_NAME", "T"}, {"GIT_AUTHOR_EMAIL", "t@example.org"},
                {"GIT_COMMITTER_NAME", "T"}, {"GIT_COMMITTER_EMAIL", "t@example.org"},
                {"GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z"},
                {"GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string GitRepo::Commit(const std::string& file, const std::string& content, const std::string& msg) {
  WriteFile(dir_ + "/" + file, content);
  Git({"add", file});
  Git({"commit", "-q", "-m", msg});
  return Git({"rev-parse", "HEAD"});
}

std::string Chomp(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace psirt::testing

namespace psirt::testing {

std::vector<std::string> CommitEach(const std::string& dir, const std::string& file,
                                    const std::vector<std::string>& contents) {
  std::vector<std::string> shas;
  std::filesystem::create_directories(dir);
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", dir, "-c", "user.name=T", "-c", "user.email=t@example.org"});
    return Chomp(Run(args, ".", {{"GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z"}, {"GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z"}}).out);
  };
  if (!std::filesystem::exists(dir + "/.git")) git({"init", "-q", "-b", "main"});
  for (const std::string& text : contents) {
    std::filesystem::create_directories(std::filesystem::path(dir + "/" + file).parent_path());
    WriteFile(dir + "/" + file, text);
    git({"add", "-A"});
    git({"commit", "-q", "-m", "commit " + std::to_string(shas.size() + 1)});
    shas.push_back(git({"rev-parse", "HEAD"}));
  }
  return shas;
}

}  // namespace psirt::testing
