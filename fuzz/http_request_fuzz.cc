// Fuzz target: what the server makes of a request once its head is read -
// the request target (canonical paths, query fields), cookies, form
// bodies (URL-encoded or multipart, by content type), strict JSON bodies
// with nested objects and typed fields, the client address behind trusted
// proxies, the path redaction of the access log, and events as a server
// returns them. Input: "content-type\ncookie\ntarget\nforwarded\nbody".
#include <cstddef>
#include <cstdint>
#include <string>

#include "formats/psirt_json.h"
#include "server/client_address.h"
#include "server/http_message.h"
#include "server/http_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  auto next = [&in](std::string& out) {
    size_t nl = in.find('\n');
    out = in.substr(0, nl);
    in = nl == std::string::npos ? "" : in.substr(nl + 1);
  };
  std::string type, cookie, target, forwarded;
  next(type);
  next(cookie);
  next(target);
  next(forwarded);
  psirt::http::Request req;
  req.headers.emplace("Content-Type", type);
  req.headers.emplace("Cookie", cookie);
  req.body = in;
  (void)req.Cookie("psirt_session");
  (void)psirt::http::RedactPath(target);
  if (psirt::http::ParseTarget(target, req.path, req.query).ok()) {
    (void)req.Param("q");
    (void)req.ParamCount("path");
  }
  if (req.ReadForm().ok()) {
    (void)req.Param("title");
    (void)req.File("attachment");
  }
  static const psirt::TrustedProxies proxies = *psirt::TrustedProxies::Parse({"127.0.0.1", "10.0.0.0/8", "fd00::/8"});
  (void)proxies.ClientOf("127.0.0.1", forwarded, forwarded);
  (void)psirt::TrustedProxies::Parse({forwarded});
  auto body = psirt::http::JsonBody::Read(req, {"text", "files", "state", "attachment", "flag"});
  if (body.ok()) {
    (void)body->String("text");
    (void)body->StringList("files");
    (void)body->Bool("flag", false);
    auto a = body->Object("attachment", {"name", "data_base64"});
    if (a.ok() && *a) (void)(*a)->String("name");
    (void)body->ObjectList("files", {"name", "text"});
    (void)psirt::EventFromJson(body->json());
  }
  return 0;
}
