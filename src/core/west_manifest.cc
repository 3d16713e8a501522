// West's rules for a manifest's projects (see west_manifest.h).
#include "core/west_manifest.h"

#include <map>
#include <regex>
#include <set>

namespace psirt {
namespace {

Status At(const WestManifestSpec& spec, int line, std::string field, std::string msg) {
  return std::move(Status::Invalid(std::move(msg)).Field(std::move(field)).At(spec.file, line));
}

// west: a group name is not empty and holds no comma, colon or whitespace,
// and does not start with '+' or '-' (those are the filter's).
bool ValidGroup(const std::string& g) {
  if (g.empty() || g[0] == '+' || g[0] == '-') return false;
  for (char c : g)
    if (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  return true;
}

// A relative path without '..' components, normalised ("a//b/" -> "a/b").
std::optional<std::string> NormalPath(const std::string& p) {
  if (p.empty() || p[0] == '/') return std::nullopt;
  std::string out;
  size_t i = 0;
  while (i <= p.size()) {
    size_t slash = p.find('/', i);
    if (slash == std::string::npos) slash = p.size();
    std::string part = p.substr(i, slash - i);
    if (part == "..") return std::nullopt;
    if (!part.empty() && part != ".") out += (out.empty() ? "" : "/") + part;
    i = slash + 1;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

bool WestGroupEnabled(const std::vector<std::string>& group_filter, const std::string& group) {
  bool enabled = true;
  for (const std::string& f : group_filter)
    if (f.size() > 1 && f.compare(1, std::string::npos, group) == 0) enabled = f[0] == '+';
  return enabled;
}

std::string WestRevisionKind(const std::string& revision) {
  static const std::regex sha("[0-9a-fA-F]{40}"), pull("pull/[0-9]+/head");
  if (std::regex_match(revision, sha)) return "sha";
  if (std::regex_match(revision, pull)) return "pull";
  return "ref";
}

Result<WestManifest> ResolveWestManifest(const WestManifestSpec& spec) {
  WestManifest m;
  m.file = spec.file;
  m.self_path = spec.self_path;
  m.self_import = spec.self_import;
  std::map<std::string, const WestRemote*> remotes;
  for (const WestRemote& r : spec.remotes) {
    if (!remotes.emplace(r.name, &r).second)
      return At(spec, r.line, "remotes.name", "remote '" + r.name + "' is defined twice");
    m.remotes.push_back(r);
  }
  if (spec.default_remote && !remotes.count(*spec.default_remote))
    return At(spec, spec.defaults_line, "defaults.remote",
              "default remote '" + *spec.default_remote + "' is not one of the remotes");
  for (const std::string& f : spec.group_filter)
    if (f.size() < 2 || (f[0] != '+' && f[0] != '-') || !ValidGroup(f.substr(1)))
      return At(spec, spec.group_filter_line, "group-filter",
                "group-filter entry '" + f + "': expected +GROUP or -GROUP");
  m.group_filter = spec.group_filter;

  std::map<std::string, int> names, paths;
  for (const WestProjectSpec& p : spec.projects) {
    const std::string field = "projects." + p.name;
    if (p.name.empty()) return At(spec, p.line, "projects.name", "a project needs a name");
    if (p.name == "manifest")
      return At(spec, p.line, field + ".name", "'manifest' is reserved: west uses it for the manifest repository");
    if (p.name.find('/') != std::string::npos || p.name.find('\\') != std::string::npos)
      return At(spec, p.line, field + ".name",
                "project name '" + p.name + "' holds a path separator (use path: or repo-path:)");
    if (auto [it, fresh] = names.emplace(p.name, p.line); !fresh)
      return At(spec, p.line, field + ".name",
                "project '" + p.name + "' is defined twice (first on line " + std::to_string(it->second) + ")");
    WestProject r;
    r.name = p.name;
    r.line = p.line;
    if (p.url) {
      if (p.remote || p.repo_path)
        return At(spec, p.line, field + ".url",
                  "project '" + p.name + "' has url and " + (p.remote ? "remote" : "repo-path") +
                      ": give either url, or remote (and repo-path)");
      r.url = *p.url;
    } else {
      std::optional<std::string> remote = p.remote ? p.remote : spec.default_remote;
      if (!remote)
        return At(spec, p.line, field,
                  "project '" + p.name + "' has no url and no remote, and the manifest sets no default remote");
      auto it = remotes.find(*remote);
      if (it == remotes.end())
        return At(spec, p.line, field + ".remote", "project '" + p.name + "': unknown remote '" + *remote + "'");
      r.remote = *remote;
      std::string base = it->second->url_base;
      while (!base.empty() && base.back() == '/') base.pop_back();
      r.url = base + "/" + p.repo_path.value_or(p.name);
    }
    r.revision = p.revision.value_or(spec.default_revision.value_or(kWestDefaultRevision));
    if (r.revision.empty()) return At(spec, p.line, field + ".revision", "an empty revision");
    auto path = NormalPath(p.path.value_or(p.name));
    if (!path)
      return At(spec, p.line, field + ".path",
                "project '" + p.name + "': path '" + p.path.value_or(p.name) +
                    "' must be relative to the workspace and stay inside it");
    r.path = *path;
    if (auto [it, fresh] = paths.emplace(r.path, p.line); !fresh)
      return At(spec, p.line, field + ".path",
                "path '" + r.path + "' is used twice (first on line " + std::to_string(it->second) + ")");
    for (const std::string& g : p.groups)
      if (!ValidGroup(g))
        return At(spec, p.line, field + ".groups",
                  "group '" + g + "': a group name has no comma, colon or space and does not start with + or -");
    r.groups = p.groups;
    r.active = r.groups.empty();
    for (const std::string& g : r.groups) r.active = r.active || WestGroupEnabled(m.group_filter, g);
    r.clone_depth = p.clone_depth;
    r.userdata_json = p.userdata_json;
    r.import = p.import;
    m.projects.push_back(std::move(r));
  }
  return m;
}

}  // namespace psirt
