// Editing a west manifest in place: projects' revisions replaced in the
// text itself, so every comment, blank line, key order and quoting style
// of the original stays as it was (`psirt modules solve` prints the
// result). A project without a `revision:` gets one, under its `name:`.
// Pure: text in, text out.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace psirt {

struct ManifestEdit {
  std::string text;
  std::vector<std::string> not_found;  // projects this file does not list (imported from another)
};

// Sets each named project's revision. Errors: the text is no YAML mapping
// with manifest.projects (file and line).
Result<ManifestEdit> SetProjectRevisions(std::string_view text, const std::string& file,
                                         const std::map<std::string, std::string>& revisions);

}  // namespace psirt
