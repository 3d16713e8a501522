// Fuzz target: the server's request parsing - JSON bodies with their
// content type and allowed fields, string and list fields, cookies, the
// path redaction of the access log, and events as a server returns them.
// Input: "content-type\ncookie\npath\nbody".
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/psirt_json.h"
#include "server/http_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  auto next = [&in](std::string& out) {
    size_t nl = in.find('\n');
    out = in.substr(0, nl);
    in = nl == std::string::npos ? "" : in.substr(nl + 1);
  };
  std::string type, cookie, path;
  next(type);
  next(cookie);
  next(path);
  httplib::Request req;
  req.headers.emplace("Content-Type", type);
  req.headers.emplace("Cookie", cookie);
  req.body = in;
  (void)psirt::http::Cookie(req, "psirt_session");
  (void)psirt::http::RedactPath(path);
  auto body = psirt::http::JsonBody(req, {"text", "files", "state"}, 1 << 16);
  if (body.ok()) {
    (void)psirt::http::StringField(*body, "text");
    (void)psirt::http::StringListField(*body, "files");
    (void)psirt::EventFromJson(*body);
  }
  return 0;
}
