// Status rendering and exit-status mapping.
#include "base/status.h"

namespace psirt {

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  if (!file_.empty()) {
    out += file_;
    if (line_ > 0) out += ":" + std::to_string(line_);
    out += ": ";
  }
  if (!field_.empty()) out += field_ + ": ";
  out += message_;
  return out;
}

const char* Status::CodeName(Code c) {
  switch (c) {
    case Code::kOk: return "ok";
    case Code::kInvalid: return "invalid";
    case Code::kNotFound: return "not_found";
    case Code::kConflict: return "conflict";
    case Code::kUsage: return "usage";
    case Code::kIo: return "io";
    case Code::kInternal: return "internal";
    case Code::kDenied: return "denied";
  }
  return "error";
}

int Status::ExitCode() const {
  switch (code_) {
    case Code::kOk: return 0;
    case Code::kUsage: return 2;
    default: return 1;
  }
}

}  // namespace psirt
