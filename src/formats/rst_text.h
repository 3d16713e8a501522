// Inline reStructuredText as plain text, for the formats that carry no
// markup (CVE 5, OSV, CSAF titles and descriptions): roles (:code:`x`,
// :cve:`2024-1` -> CVE-2024-1), ``literals``, `links <url>`_ (text and URL),
// `references`_, *emphasis*, **strong** and backslash escapes. The
// vulnerabilities page keeps the markup. Pure.
#pragma once

#include <string>
#include <string_view>

namespace psirt {

std::string RstInlineToPlain(std::string_view rst);

}  // namespace psirt
