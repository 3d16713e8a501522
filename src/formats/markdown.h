// Markdown to HTML for the dashboard, as GitHub renders issue text: cmark-gfm
// (GitHub's own CommonMark implementation) with its tables, strikethrough,
// autolinks and tag filter, in safe mode - raw HTML is dropped and links or
// images with javascript:, vbscript:, file: or data: URLs (other than
// images) lose their URL - so a reporter's description cannot script the
// page, and the page's Content-Security-Policy stays strict.
#pragma once

#include <string>
#include <string_view>

namespace psirt {

// The HTML of `markdown` (UTF-8), safe to put inside an element.
std::string MarkdownToSafeHtml(std::string_view markdown);

}  // namespace psirt
