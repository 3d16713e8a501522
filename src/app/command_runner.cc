// Running the project's test command with a time limit (see command_runner.h).
#include "app/command_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

namespace psirt {
namespace {

// Output kept: the first half of the cap, and a rolling tail of the other half.
struct CappedOutput {
  size_t cap;
  std::string head, tail;
  size_t dropped = 0;
  void Add(const char* p, size_t n) {
    size_t h = std::min(n, cap / 2 - std::min(cap / 2, head.size()));
    head.append(p, h);
    tail.append(p + h, n - h);
    if (tail.size() > cap / 2) {
      dropped += tail.size() - cap / 2;
      tail.erase(0, tail.size() - cap / 2);
    }
  }
  std::string Text() const {
    if (!dropped) return head + tail;
    return head + "\n[... " + std::to_string(dropped) + " bytes of output left out ...]\n" + tail;
  }
};

}  // namespace

Result<CommandRun> RunShellCommand(const std::string& command, const std::string& dir, int timeout_seconds, size_t output_cap,
                                   const std::atomic<bool>* cancel) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::Io(std::string("pipe: ") + std::strerror(errno));
  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return Status::Io(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    if (::chdir(dir.c_str()) != 0) ::_exit(126);
    int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, 0);
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  ::close(fds[1]);
  CommandRun run;
  CappedOutput out{output_cap};
  char buf[65536];
  bool open = true;
  int status = 0;
  bool reaped = false;
  double kill_at = -1;  // SIGKILL then, if SIGTERM was not enough
  while (true) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    bool stop = false;
    if (!run.timed_out && !run.cancelled && elapsed > timeout_seconds) run.timed_out = stop = true;
    if (!run.cancelled && !run.timed_out && cancel && cancel->load()) run.cancelled = stop = true;
    if (stop) {
      ::kill(-pid, SIGTERM);
      kill_at = elapsed + 2;
    }
    if (kill_at >= 0 && elapsed > kill_at) {
      ::kill(-pid, SIGKILL);
      kill_at = -1;
    }
    if (open) {
      pollfd p{fds[0], POLLIN, 0};
      int rc = ::poll(&p, 1, 100);
      if (rc > 0) {
        ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n > 0) out.Add(buf, static_cast<size_t>(n));
        else if (n == 0 || (errno != EINTR && errno != EAGAIN)) open = false;
      }
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_t w = ::waitpid(pid, &status, WNOHANG);
    if (w == pid) {
      reaped = true;
      // Whatever is still in the pipe.
      while (open) {
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, 0) <= 0) break;
        ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        out.Add(buf, static_cast<size_t>(n));
      }
      break;
    }
    if (w < 0 && errno == ECHILD) break;
  }
  ::kill(-pid, SIGKILL);  // anything the command left running in its group
  ::close(fds[0]);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (reaped) run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  run.output = out.Text();
  return run;
}

}  // namespace psirt
