// libFuzzer target: the files psirt reads from a repository without
// libgit2 - packed-refs (git/ref_files) and a loose object (git/tag_objects)
// - hold any bytes: the readers answer or step aside (nullopt), never read
// out of bounds, and every ref they return names a 40-digit id.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "git/ref_files.h"
#include "git/tag_objects.h"

namespace {

// Never destroyed: the exit handler that removes it runs after static
// destructors would have.
const std::string& Scratch() {
  static const std::string* dir = [] {
    char tmpl[] = "/tmp/psirt-fuzz-git-XXXXXX";
    auto* d = new std::string(::mkdtemp(tmpl));
    for (const char* sub : {"/objects/ab", "/objects/pack", "/refs/heads", "/refs/tags"})
      std::filesystem::create_directories(*d + sub);
    std::ofstream(*d + "/HEAD") << "ref: refs/heads/main\n";
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(*dir, ec);
    });
    return d;
  }();
  return *dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string& dir = Scratch();
  std::string bytes(reinterpret_cast<const char*>(data), size);
  std::ofstream(dir + "/packed-refs", std::ios::binary | std::ios::trunc) << bytes;
  psirt::git::GitDirs dirs{dir, dir};
  std::vector<std::string> prefixes = {"refs/tags/", "refs/heads/"};
  if (auto refs = psirt::git::ReadRefFiles(dirs, prefixes))
    for (const auto& r : *refs)
      if (r.target.size() != 40 || (!r.peeled.empty() && r.peeled.size() != 40)) __builtin_trap();
  const std::string id = "ab" + std::string(38, 'c');
  std::ofstream(dir + "/objects/ab/" + id.substr(2), std::ios::binary | std::ios::trunc) << bytes;
  psirt::git::TagObjects objects(dir + "/objects");
  if (auto target = objects.Target(id))
    if (target->size() != 40) __builtin_trap();
  return 0;
}
