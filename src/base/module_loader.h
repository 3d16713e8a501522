// Finding and loading psirt's loadable modules (psirt-mail.so,
// psirt-postgres.so): the adapters whose libraries would otherwise be
// mapped and relocated at every start of the psirt binary, loaded with
// dlopen the first time a command needs them.
#pragma once

#include <mutex>
#include <string>

namespace psirt {

// A module's entry point once loaded, or why it could not be loaded
// (entry == nullptr; error names the file and the cause).
struct LoadedModule {
  void* entry = nullptr;
  std::string error;
};

// Looks for `file` beside the running binary, then in ../lib/psirt/ (an
// installed layout), loads it and resolves `entry_symbol`. `feature` names
// what is missing without it ("e-mail support", "PostgreSQL support").
LoadedModule LoadModule(const char* file, const char* entry_symbol, const std::string& feature);

// A module's table of functions (Api, with an `int abi` first), loaded
// once, thread-safely, on first use. A module whose table has another abi
// (from another build) is refused.
template <typename Api>
class LazyModule {
 public:
  LazyModule(const char* file, const char* entry_symbol, const char* feature, int abi)
      : file_(file), entry_(entry_symbol), feature_(feature), abi_(abi) {}

  // The table, or nullptr (then error() says why).
  const Api* api() {
    std::call_once(once_, [this] { Load(); });
    return api_;
  }
  const std::string& error() {
    api();
    return error_;
  }

 private:
  void Load() {
    LoadedModule m = LoadModule(file_, entry_, feature_);
    if (!m.entry) {
      error_ = m.error;
      return;
    }
    const Api* api = reinterpret_cast<const Api* (*)()>(m.entry)();
    if (!api || api->abi != abi_)
      error_ = std::string(file_) + ": built for another version of psirt; reinstall psirt";
    else
      api_ = api;
  }

  const char* file_;
  const char* entry_;
  const char* feature_;
  int abi_;
  std::once_flag once_;
  const Api* api_ = nullptr;
  std::string error_;
};

}  // namespace psirt
