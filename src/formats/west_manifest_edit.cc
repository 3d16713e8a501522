// West manifest revisions edited in the text (see west_manifest_edit.h).
#include "formats/west_manifest_edit.h"

#include <algorithm>
#include <cctype>

#include <yaml-cpp/yaml.h>

namespace psirt {
namespace {

struct Splice {
  size_t pos, len;
  std::string with;
};

// Whether YAML reads `v` back, unquoted, as this same string (not a
// number, a boolean or null, nothing needing quotes).
bool PlainSafe(const std::string& v) {
  if (v.empty() || v.front() == '-' || v.front() == '.') return false;
  bool number_like = true;
  for (char c : v) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && std::string_view("._/+-").find(c) == std::string_view::npos) return false;
    if (!std::isdigit(static_cast<unsigned char>(c)) && std::string_view(".eE+-_").find(c) == std::string_view::npos)
      number_like = false;
  }
  // "1.5", "1e3", "0x1f" read as numbers; "0.8.0" does not.
  if (std::count(v.begin(), v.end(), '.') > 1) number_like = false;
  if (v.size() > 1 && v[0] == '0' && std::string_view("xXoO").find(v[1]) != std::string_view::npos) number_like = true;
  std::string lower = v;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* word : {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "inf", "nan"})
    if (lower == word) return false;
  return !number_like;
}

std::string Quoted(const std::string& v, char quote) {
  std::string out(1, quote);
  for (char c : v) {
    if (quote == '"' && (c == '"' || c == '\\')) out += '\\';
    if (quote == '\'' && c == '\'') out += '\'';
    out += c;
  }
  return out + quote;
}

// The extent of the scalar token starting at `pos`.
size_t ScalarEnd(std::string_view text, size_t pos, bool flow) {
  if (pos >= text.size()) return pos;
  char q = text[pos];
  if (q == '"' || q == '\'') {
    for (size_t i = pos + 1; i < text.size(); ++i) {
      if (q == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == q) {
        if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;
          continue;
        }
        return i + 1;
      }
    }
    return text.size();
  }
  size_t end = pos;
  while (end < text.size() && text[end] != '\n' && text[end] != '\r') {
    if (text[end] == '#' && end > pos && (text[end - 1] == ' ' || text[end - 1] == '\t')) break;
    if (flow && (text[end] == ',' || text[end] == '}' || text[end] == ']')) break;
    ++end;
  }
  while (end > pos && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return end;
}

std::string At(const std::string& file, const YAML::Mark& m) {
  return file + ":" + std::to_string(m.line + 1) + ": ";
}

// The edited text read back: every edited project has the new revision
// (a block or multi-line scalar, say, cannot be replaced in place).
Status CheckEdit(const std::string& edited, const std::string& file, const std::map<std::string, std::string>& revisions,
                 const YAML::Node& original) {
  YAML::Node back;
  try {
    back = YAML::Load(edited);
  } catch (const YAML::Exception& e) {
    back = YAML::Node();
  }
  std::map<std::string, std::string> got;
  if (back.IsMap() && back["manifest"] && back["manifest"]["projects"] && back["manifest"]["projects"].IsSequence())
    for (const YAML::Node& p : back["manifest"]["projects"])
      if (p.IsMap() && p["name"] && p["name"].IsScalar() && p["revision"] && p["revision"].IsScalar())
        got[p["name"].Scalar()] = p["revision"].Scalar();
  for (const YAML::Node& p : original["manifest"]["projects"]) {
    if (!p.IsMap() || !p["name"] || !p["name"].IsScalar()) continue;
    auto want = revisions.find(p["name"].Scalar());
    if (want == revisions.end() || got[want->first] == want->second) continue;
    return Status::Invalid(At(file, p.Mark()) + "the revision of " + want->first +
                           " is written in a form psirt cannot replace in place; set it to " + want->second + " by hand");
  }
  return Status::Ok();
}

}  // namespace

Result<ManifestEdit> SetProjectRevisions(std::string_view text, const std::string& file,
                                         const std::map<std::string, std::string>& revisions) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Status::Invalid(At(file, e.mark) + e.msg);
  }
  if (!root.IsMap() || !root["manifest"] || !root["manifest"].IsMap() || !root["manifest"]["projects"] ||
      !root["manifest"]["projects"].IsSequence())
    return Status::Invalid(file + ": expected a mapping manifest: with a list projects:");
  std::vector<Splice> splices;
  std::map<std::string, bool> found;
  for (const YAML::Node& p : root["manifest"]["projects"]) {
    if (!p.IsMap() || !p["name"] || !p["name"].IsScalar()) continue;
    std::string name = p["name"].Scalar();
    auto want = revisions.find(name);
    if (want == revisions.end()) continue;
    found[name] = true;
    bool flow = p.Style() == YAML::EmitterStyle::Flow;
    if (YAML::Node rev = p["revision"]; rev && rev.IsScalar()) {
      size_t pos = static_cast<size_t>(rev.Mark().pos);
      size_t end = ScalarEnd(text, pos, flow);
      char q = pos < text.size() ? text[pos] : ' ';
      std::string value = q == '"' || q == '\'' ? Quoted(want->second, q)
                          : PlainSafe(want->second) ? want->second : Quoted(want->second, '"');
      splices.push_back({pos, end - pos, value});
      continue;
    }
    // No revision (the defaults' applies): add one after the name.
    std::string value = PlainSafe(want->second) ? want->second : Quoted(want->second, '"');
    size_t name_pos = static_cast<size_t>(p["name"].Mark().pos);
    size_t name_end = ScalarEnd(text, name_pos, flow);
    if (flow) {
      splices.push_back({name_end, 0, ", revision: " + value});
      continue;
    }
    size_t line_start = text.rfind('\n', name_pos);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    size_t key = text.rfind("name", name_pos);
    if (key == std::string_view::npos || key < line_start)
      return Status::Invalid(At(file, p["name"].Mark()) + "cannot place a revision for " + name + " (its name: is not a key on its line)");
    size_t line_end = text.find('\n', name_pos);
    std::string indent(key - line_start, ' ');
    if (line_end == std::string_view::npos) splices.push_back({text.size(), 0, "\n" + indent + "revision: " + value});
    else splices.push_back({line_end + 1, 0, indent + "revision: " + value + "\n"});
  }
  ManifestEdit out;
  out.text = std::string(text);
  std::sort(splices.begin(), splices.end(), [](const Splice& a, const Splice& b) { return a.pos > b.pos; });
  for (const Splice& s : splices) out.text.replace(s.pos, s.len, s.with);
  PSIRT_RETURN_IF_ERROR(CheckEdit(out.text, file, revisions, root));
  for (const auto& [name, rev] : revisions)
    if (!found.count(name)) out.not_found.push_back(name);
  return out;
}

}  // namespace psirt
