// Loading psirt's modules with dlopen (see module_loader.h).
#include "base/module_loader.h"

#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>

namespace psirt {
namespace {

std::filesystem::path ExecutableDir() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  return std::filesystem::path(std::string(buf, static_cast<size_t>(n))).parent_path();
}

}  // namespace

LoadedModule LoadModule(const char* file, const char* entry_symbol, const std::string& feature) {
  std::filesystem::path dir = ExecutableDir();
  std::string tried;
  for (const auto& candidate : {dir / file, dir / ".." / "lib" / "psirt" / file}) {
    std::error_code ec;
    if (!std::filesystem::exists(candidate, ec)) {
      tried += (tried.empty() ? "" : ", ") + candidate.string();
      continue;
    }
    void* handle = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) return {nullptr, candidate.string() + ": cannot load: " + ::dlerror()};
    void* entry = ::dlsym(handle, entry_symbol);
    if (!entry) return {nullptr, candidate.string() + ": not psirt's module (no " + entry_symbol + ")"};
    return {entry, ""};
  }
  return {nullptr, feature + " is missing: " + file + " belongs beside the psirt binary (looked for " + tried + ")"};
}

}  // namespace psirt
