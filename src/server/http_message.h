// One HTTP request and its response as the server's handlers see them,
// independent of the engine that read them off the socket
// (server/http_server.h): method, decoded path, query and form fields,
// uploaded files, headers, the client's address, and the answer being
// built. Plain values; nothing here does I/O.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "formats/form_data.h"

namespace psirt::http {

// Case-insensitive header names.
struct HeaderLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};
// Request headers, names compared without case.
using Headers = std::multimap<std::string, std::string, HeaderLess>;

// A parsed HTTP request as handlers see it.
struct Request {
  std::string method;  // upper case, as sent
  std::string target;  // the request target as sent (path and query)
  std::string path;    // the path, %-decoded
  Headers headers;
  std::string body;
  std::string peer;    // the address of the TCP peer
  std::string client;  // the client's address: the peer, or what a trusted proxy said
  bool tls = false;
  std::vector<std::string> matches;  // [0] the path, [1..] the route's captures
  std::vector<FormField> query;      // ?a=b, decoded
  std::vector<FormField> form;       // the body's fields (URL-encoded or multipart), once read
  std::string log_user;              // who the handler found is asking (for the access log)

  // The first value of a header ("" when absent).
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
  // A field of the form body, else of the query string ("" when absent);
  // the i-th of several.
  std::string Param(std::string_view name, size_t i = 0) const;
  bool HasParam(std::string_view name) const;
  size_t ParamCount(std::string_view name) const;
  // Every value of a parameter, in order (a repeated query parameter).
  std::vector<std::string> Params(std::string_view name) const;
  // A multipart file field (nullptr when absent).
  const FormField* File(std::string_view name) const;
  // The value of one cookie ("" when absent).
  std::string Cookie(std::string_view name) const;
  // Parses the body as a form when its Content-Type is one; Invalid when
  // a form body is malformed.
  Status ReadForm();
};

// The response a handler fills in.
struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // Replaces the header (Set-Cookie is added, never replaced).
  void SetHeader(std::string_view name, std::string value);
  std::string Header(std::string_view name) const;
  void SetContent(std::string body, std::string_view content_type);
};

// Splits "path?query" into its %-decoded path and decoded query fields;
// Invalid for a target that is not an origin-form path, a malformed
// escape, an encoded NUL or control character, or a path that is not
// canonical (empty, "." or ".." segments).
Status ParseTarget(std::string_view target, std::string& path, std::vector<FormField>& query);

}  // namespace psirt::http
