// HTTP requests with libcurl (GitHub's REST API and other JSON services):
// one request, its answer with headers, nothing interpreted. Network errors
// are Io statuses naming the host, never a header's value (tokens travel in
// headers). Built into the network module (src/mail/mail_api.h) like SMTP;
// tests link it directly.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace psirt {

// An outgoing HTTP request.
struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  long timeout_seconds = 30;
};

// An HTTP response: status, headers and body.
struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  // The last value of a header (name in any case); "" when absent.
  std::string Header(std::string_view name) const;
};

// Sends one request (TLS verified; redirects not followed; answers larger
// than 64 MiB refused).
Result<HttpResponse> SendHttp(const HttpRequest& request);

// What the GitHub client calls to send a request: SendHttp, or a test's.
using HttpTransport = std::function<Result<HttpResponse>(const HttpRequest&)>;

// The host of an http(s) URL, for messages ("api.github.com").
std::string UrlHost(std::string_view url);

}  // namespace psirt
