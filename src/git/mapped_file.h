// A whole file mapped read-only (pack files, pack indexes, commit-graphs):
// megabytes read in place, without copying or zero-filling a buffer first.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace psirt::git {

// A read-only mapping of one file; empty until Map succeeds.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (base_) ::munmap(base_, size_);
  }

  // Maps the file at `path`; false when it cannot be opened or is empty.
  // `populate`: read it all in now (a file that is parsed whole, like a
  // commit-graph; not a pack, of which a few objects are read).
  bool Map(const std::string& path, bool populate = false) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0);
      if (p != MAP_FAILED) {
        base_ = p;
        size_ = static_cast<size_t>(st.st_size);
      }
    }
    ::close(fd);
    return base_ != nullptr;
  }

  const unsigned char* bytes() const { return static_cast<const unsigned char*>(base_); }
  size_t size() const { return size_; }
  std::string_view view() const { return {static_cast<const char*>(base_), size_}; }

 private:
  void* base_ = nullptr;
  size_t size_ = 0;
};

}  // namespace psirt::git
