// The psirt binary's side of psirt-mail.so: the MIME and SMTP functions
// declared in formats/ and net/, forwarded to the module, which is loaded
// (once, thread-safely) the first time one of them is called. The module
// is looked for beside the binary, then in ../lib/psirt/ (an installed
// layout).
#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "mail/mail_api.h"

namespace psirt {
namespace {

struct Loaded {
  const MailApi* api = nullptr;
  std::string error;
};

std::filesystem::path ExecutableDir() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  return std::filesystem::path(std::string(buf, static_cast<size_t>(n))).parent_path();
}

Loaded Load() {
  std::filesystem::path dir = ExecutableDir();
  std::string tried;
  for (const auto& candidate : {dir / kMailModuleFile, dir / ".." / "lib" / "psirt" / kMailModuleFile}) {
    std::error_code ec;
    if (!std::filesystem::exists(candidate, ec)) {
      tried += (tried.empty() ? "" : ", ") + candidate.string();
      continue;
    }
    void* handle = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) return {nullptr, candidate.string() + ": cannot load: " + ::dlerror()};
    auto entry = reinterpret_cast<MailModuleEntry>(::dlsym(handle, kMailModuleEntry));
    if (!entry) return {nullptr, candidate.string() + ": not psirt's mail module (no " + kMailModuleEntry + ")"};
    const MailApi* api = entry();
    if (!api || api->abi != kMailApiAbi)
      return {nullptr, candidate.string() + ": built for another version of psirt; reinstall psirt"};
    return {api, ""};
  }
  return {nullptr, "e-mail support is missing: " + std::string(kMailModuleFile) +
                       " belongs beside the psirt binary (looked for " + tried + ")"};
}

const Loaded& Module() {
  static std::once_flag once;
  static Loaded loaded;
  std::call_once(once, [] { loaded = Load(); });
  return loaded;
}

Status Missing() { return Status::Internal(Module().error); }

}  // namespace

Result<std::string> BuildEmail(const OutgoingEmail& m) {
  if (!Module().api) return Missing();
  return Module().api->build_email(m);
}

Result<std::string> EmailAddress(const std::string& mailbox) {
  if (!Module().api) return Missing();
  return Module().api->email_address(mailbox);
}

Result<EmailReport> ParseEmailReport(std::string_view raw, const std::string& filename, int first_line) {
  if (!Module().api) return Missing();
  return Module().api->parse_email_report(raw, filename, first_line);
}

Status SendSmtp(const SmtpOptions& o, const std::string& envelope_from,
                const std::vector<std::string>& envelope_to, const std::string& message) {
  if (!Module().api) return Missing();
  return Module().api->send_smtp(o, envelope_from, envelope_to, message);
}

Result<HttpResponse> SendHttp(const HttpRequest& request) {
  if (!Module().api) return Missing();
  return Module().api->send_http(request);
}

}  // namespace psirt
