// Byte-level helpers of the git adapter's own readers of git's files
// (commit-graph, packed-refs and loose refs, pack index, loose objects):
// whole small files, big-endian integers, and object ids between raw bytes
// and lowercase hexadecimal (git's spelling).
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace psirt::git {

// A whole file with one open, read(s) and close (this runs once per loose
// ref, where stream machinery costs more than the read); nullopt when it
// cannot be read.
inline std::optional<std::string> ReadWholeFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  // Sized once from fstat and read in place: a commit-graph is megabytes,
  // and growing a string chunk by chunk copied it over and over. A regular
  // file is read up to its size; anything else to its end, in chunks.
  struct stat st {};
  std::string out;
  const bool sized = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
  if (sized) out.resize(static_cast<size_t>(st.st_size));
  size_t used = 0;
  for (;;) {
    if (used == out.size()) {
      if (sized) break;
      out.resize(used + (1 << 16));
    }
    ssize_t n = ::read(fd, out.data() + used, out.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(used);
  return out;
}

inline uint32_t ReadBe32(const unsigned char* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
}
inline uint64_t ReadBe64(const unsigned char* p) { return uint64_t{ReadBe32(p)} << 32 | ReadBe32(p + 4); }

// Writes the 2n lowercase hex digits of n raw bytes into `out` (resized).
inline void RawToHex(const unsigned char* raw, size_t n, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out.resize(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[raw[i] >> 4];
    out[2 * i + 1] = kDigits[raw[i] & 15];
  }
}

// Parses exactly 2n lowercase hex digits into n raw bytes; false otherwise.
inline bool HexToRaw(std::string_view hex, unsigned char* out, size_t n) {
  if (hex.size() != 2 * n) return false;
  for (size_t i = 0; i < 2 * n; ++i) {
    char c = hex[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return false;
    out[i / 2] = static_cast<unsigned char>(i % 2 ? (out[i / 2] << 4) | d : d);
  }
  return true;
}

}  // namespace psirt::git
