// libgit2 initialisation and error translation.
#include "git/libgit2_handle.h"

#include <mutex>

namespace psirt::git {

void EnsureLibgit2() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

Status LastError(const std::string& what) {
  const git_error* e = git_error_last();
  return Status::Io(what + ": " + (e && e->message ? e->message : "unknown libgit2 error"));
}

std::string OidHex(const git_oid& oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &oid);
  return buf;
}

}  // namespace psirt::git
