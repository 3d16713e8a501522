// File reads and private, atomic writes.
#include "app/file_io.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace psirt {

namespace fs = std::filesystem;

Result<std::string> ReadFileText(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path + ": no such file");
  if (fs::is_directory(path, ec)) return Status::Invalid(path + ": is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io(path + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::Io(path + ": read error");
  return ss.str();
}

namespace {

Status WriteAll(int fd, const std::string& content, const std::string& path) {
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::Io(path + ": write error: " + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return Status::Io(path + ": cannot sync to disk: " + std::strerror(errno));
  return Status::Ok();
}

}  // namespace

Status WriteFileAtomic(const std::string& path, const std::string& content) {
  fs::path p(path);
  std::error_code ec;
  if (fs::is_directory(p, ec))
    return Status::Invalid(path + " is a directory: give a file name to write to");
  fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  std::string tmp = (dir / ("." + p.filename().string() + kTempMarker + std::to_string(::getpid()))).string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) {  // our own earlier attempt, left by a failure
    ::unlink(tmp.c_str());
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  }
  if (fd < 0) return Status::Io(path + ": cannot write: " + std::strerror(errno));
  // Locked while it is written: a temporary file nobody holds a lock on
  // is left by a process that died, whatever its PID is now (a PID is
  // reused; a lock dies with its process).
  (void)::flock(fd, LOCK_EX);
  Status st = WriteAll(fd, content, path);
  ::close(fd);
  if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0)
    st = Status::Io(path + ": cannot replace: " + std::strerror(errno));
  if (!st.ok()) ::unlink(tmp.c_str());
  return st;
}

Status PrepareOutputDirectory(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (!fs::create_directories(dir, ec)) return Status::Io(dir + ": cannot create the directory: " + ec.message());
    fs::permissions(dir, fs::perms::owner_all, ec);
  } else if (!fs::is_directory(dir, ec)) {
    return Status::Invalid(dir + " is not a directory: --all writes one file per advisory into a directory");
  }
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    size_t at = name.rfind(kTempMarker);
    if (name.empty() || name[0] != '.' || at == std::string::npos) continue;
    std::string pid = name.substr(at + std::strlen(kTempMarker));
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9) continue;
    // Stale when no writer holds its lock (its writer died), whether or
    // not some process now has that PID.
    int fd = ::open(entry.path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) continue;
    bool stale = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    if (stale) {
      std::error_code rm;
      fs::remove(entry.path(), rm);
    }
    ::close(fd);
  }
  return Status::Ok();
}

Status AppendToMbox(const std::string& path, const std::string& entry) {
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == ELOOP) return Status::Invalid(path + " is a symbolic link: give the mbox file itself");
    return Status::Io(path + ": cannot open for appending: " + std::strerror(errno));
  }
  struct stat sb;
  if (::fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    ::close(fd);
    return Status::Invalid(path + " is not a regular file: expected an mbox file");
  }
  if (sb.st_size > 0) {
    char head[5] = {0};
    ssize_t n = ::pread(fd, head, sizeof head, 0);
    if (n != 5 || std::memcmp(head, "From ", 5) != 0) {
      ::close(fd);
      return Status::Invalid(path + " is not an mbox file (it does not start with a \"From \" line): "
                                    "refusing to append messages to it");
    }
  }
  Status st = WriteAll(fd, entry, path);
  ::close(fd);
  return st;
}

}  // namespace psirt
