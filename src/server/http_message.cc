// Request and response values of the server.
#include "server/http_message.h"

#include <algorithm>
#include <cctype>

#include "base/strings.h"

namespace psirt::http {

bool HeaderLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
  });
}

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

bool Request::HasHeader(std::string_view name) const { return headers.find(name) != headers.end(); }

std::string Request::Param(std::string_view name, size_t i) const {
  for (const std::vector<FormField>* fields : {&form, &query})
    for (const FormField& f : *fields)
      if (f.name == name && !f.is_file && i-- == 0) return f.value;
  return "";
}

bool Request::HasParam(std::string_view name) const { return ParamCount(name) > 0; }

size_t Request::ParamCount(std::string_view name) const {
  size_t n = 0;
  for (const std::vector<FormField>* fields : {&form, &query})
    for (const FormField& f : *fields) n += f.name == name && !f.is_file;
  return n;
}

std::vector<std::string> Request::Params(std::string_view name) const {
  std::vector<std::string> out;
  for (const std::vector<FormField>* fields : {&form, &query})
    for (const FormField& f : *fields)
      if (f.name == name && !f.is_file) out.push_back(f.value);
  return out;
}

const FormField* Request::File(std::string_view name) const {
  for (const FormField& f : form)
    if (f.name == name && f.is_file) return &f;
  return nullptr;
}

std::string Request::Cookie(std::string_view name) const {
  std::string header = Header("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = Trim(header.substr(pos, end - pos));
    size_t eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

Status Request::ReadForm() {
  std::string type = Header("Content-Type");
  std::string base = ToLowerAscii(Trim(type.substr(0, type.find(';'))));
  if (base == "application/x-www-form-urlencoded") {
    PSIRT_ASSIGN_OR_RETURN(form, ParseUrlEncoded(body));
  } else if (base == "multipart/form-data") {
    PSIRT_ASSIGN_OR_RETURN(std::string boundary, MultipartBoundary(type));
    PSIRT_ASSIGN_OR_RETURN(form, ParseMultipart(body, boundary));
  }
  return Status::Ok();
}

void Response::SetHeader(std::string_view name, std::string value) {
  HeaderLess less;
  bool cookie = !less(name, "Set-Cookie") && !less("Set-Cookie", name);
  if (!cookie)
    for (auto& [k, v] : headers)
      if (!less(k, name) && !less(name, k)) {
        v = std::move(value);
        return;
      }
  headers.emplace_back(std::string(name), std::move(value));
}

std::string Response::Header(std::string_view name) const {
  HeaderLess less;
  for (const auto& [k, v] : headers)
    if (!less(k, name) && !less(name, k)) return v;
  return "";
}

void Response::SetContent(std::string b, std::string_view content_type) {
  body = std::move(b);
  SetHeader("Content-Type", std::string(content_type));
}

Status ParseTarget(std::string_view target, std::string& path, std::vector<FormField>& query) {
  auto bad = [](const std::string& why) { return std::move(Status::Invalid("bad request target: " + why).Field("path")); };
  if (target.empty() || target[0] != '/') return bad("expected a path starting with '/'");
  size_t q = target.find('?');
  std::string_view raw = target.substr(0, q);
  if (raw.find('#') != std::string_view::npos) return bad("a fragment is never sent");
  if (!PercentDecode(raw, false, path)) return bad("malformed %-escape");
  for (unsigned char ch : path)
    if (ch < 0x20 || ch == 0x7f) return bad("control character in the path");
  if (!IsValidUtf8(path)) return bad("the path is not UTF-8");
  // Canonical paths only: one spelling per resource, so routes, access
  // rules and the log's redaction see what the client asked for.
  for (size_t pos = 1; pos <= path.size();) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    std::string_view seg = std::string_view(path).substr(pos, end - pos);
    if (seg == "." || seg == "..") return bad("'.' and '..' segments are not allowed");
    if (seg.empty() && end < path.size()) return bad("empty path segment ('//')");
    pos = end + 1;
  }
  query.clear();
  if (q != std::string_view::npos) {
    auto fields = ParseUrlEncoded(target.substr(q + 1));
    if (!fields.ok()) return bad("malformed query string");
    query = std::move(*fields);
  }
  return Status::Ok();
}

}  // namespace psirt::http
