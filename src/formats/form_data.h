// HTML form bodies and query strings: application/x-www-form-urlencoded
// (WHATWG URL, "+" is a space) and multipart/form-data (RFC 7578 over
// RFC 2046 framing), as browsers send them. Pure: bytes in, fields out.
// Text fields have their line breaks normalised to LF (browsers send a
// textarea's lines as CRLF); file contents are kept byte for byte. Never
// throws; malformed input is one Invalid status naming what was expected.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace psirt {

// One field of a submitted form (text or file).
struct FormField {
  std::string name;
  std::string value;  // text fields: line breaks normalised; files: the bytes
  bool is_file = false;
  std::string filename;      // files only (may be empty: no file chosen)
  std::string content_type;  // files only ("" when the part gave none)
};

// How much a form may carry: fields, sizes.
struct FormLimits {
  size_t max_fields = 128;
  size_t max_part_head_bytes = 8 << 10;
};

// "a=1&b=x+y%21" -> {a: "1", b: "x y!"}. Empty pairs are skipped; a
// malformed %-escape is an error.
Result<std::vector<FormField>> ParseUrlEncoded(std::string_view text, const FormLimits& limits = {});

// The boundary parameter of a multipart/form-data Content-Type, or an
// error when the type is something else or the boundary is malformed.
Result<std::string> MultipartBoundary(std::string_view content_type);

// The parts of a multipart/form-data body with that boundary.
Result<std::vector<FormField>> ParseMultipart(std::string_view body, std::string_view boundary,
                                              const FormLimits& limits = {});

// %XX decoding (and "+" as a space when `plus_is_space`); false on a
// malformed escape.
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out);

}  // namespace psirt
