// Finding other projects' code inside a module's tree (see bundled_code.h).
#include "core/bundled_code.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "base/strings.h"
#include "core/known_upstreams.h"
#include "core/package_ids.h"

namespace psirt {
namespace {

constexpr size_t kLicenceHead = 4096;  // a licence names its project near the top

std::string CopyBasename(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string CopyDirname(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

bool IsLicenceFile(const std::string& name) {
  std::string n = ToLowerAscii(name);
  for (const char* l : {"license", "licence", "copying"})
    if (n == l || n.rfind(std::string(l) + ".", 0) == 0) return true;
  return false;
}

BundledCopy FromUpstream(const KnownUpstream& u, const std::string& root, const std::string& version) {
  BundledCopy c;
  c.name = u.key, c.display = u.display, c.upstream = u.key, c.path = root, c.version = version;
  c.purl = u.PurlFor(version);
  if (u.HasCpe()) c.cpes.push_back(u.CpeFor(version));
  return c;
}

BundledCopy CopyFromDeclaration(const DeclaredCopy& d) {
  const KnownUpstream* u = UpstreamByKey(ToLowerAscii(d.name));
  BundledCopy c = u ? FromUpstream(*u, d.path, d.version) : BundledCopy{};
  c.name = d.name, c.path = d.path, c.version = d.version;
  if (!u) c.display = d.name;
  if (!d.purls.empty()) c.purl = d.purls.front().ToString();
  if (!d.cpes.empty() || !d.references.empty()) {
    c.cpes.clear();
    for (const ModuleReference& r : d.references)
      if (r.text.rfind("cpe:", 0) == 0) c.cpes.push_back(r.text);
  }
  if (c.purl.empty()) c.purl = "pkg:generic/" + PercentEncode(d.name) + (d.version.empty() ? "" : "@" + PercentEncode(d.version));
  c.found_by = "module.yml";
  c.evidence = "security.bundled (line " + std::to_string(d.line) + ")";
  c.confidence = 1.0;
  return c;
}

// Marker files by their last path element, for one look per file.
std::multimap<std::string, std::pair<const KnownUpstream*, const UpstreamMarker*>> MarkersByName() {
  std::multimap<std::string, std::pair<const KnownUpstream*, const UpstreamMarker*>> m;
  for (const KnownUpstream& u : KnownUpstreams())
    for (const UpstreamMarker& mk : u.markers) m.emplace(CopyBasename(mk.path), std::make_pair(&u, &mk));
  return m;
}

// The copy a marker file at `file` stands for, if it is one.
std::optional<BundledCopy> AtMarker(const KnownUpstream& u, const UpstreamMarker& mk, const std::string& file,
                                    const TreeFileReader& read) {
  if (file.size() <= mk.path.size() || file.compare(file.size() - mk.path.size(), mk.path.size(), mk.path) != 0 ||
      file[file.size() - mk.path.size() - 1] != '/')
    return std::nullopt;  // the module's own root is no copy; a partial name is no match
  std::string root = file.substr(0, file.size() - mk.path.size() - 1);
  if (root.empty()) return std::nullopt;  // "/include/...": no folder
  std::string version, evidence = file;
  if (std::string source = MarkerVersionFile(mk); !source.empty()) {
    std::string path = root + "/" + source;  // the marker itself is root + "/" + mk.path
    if (auto text = read(path)) version = ReadMarkerVersion(mk.version, *text);
    if (!version.empty()) evidence = path + ": " + version;
  }
  if (mk.needs_version && version.empty()) return std::nullopt;
  BundledCopy c = FromUpstream(u, root, version);
  c.found_by = version.empty() ? "marker file" : mk.version.kind == VersionReader::Kind::kVersionFile ? "version file" : "version header";
  c.evidence = evidence;
  c.confidence = version.empty() ? 0.6 : 0.9;
  return c;
}

BundledCopy FromSubmodule(const std::string& path, const std::string& commit, const std::string& url) {
  BundledCopy c;
  bool exact = false;
  const KnownUpstream* u = url.empty() ? nullptr : UpstreamOf(url, CopyBasename(path), &exact);
  std::string repo = CopyBasename(url.empty() ? path : url);
  if (repo.size() > 4 && repo.compare(repo.size() - 4, 4, ".git") == 0) repo.resize(repo.size() - 4);
  c.name = u ? u->key : repo;
  c.display = u ? u->display : repo;
  c.upstream = u ? u->key : "";
  c.path = path, c.commit = commit, c.url = url;
  c.purl = url.empty() ? "pkg:generic/" + PercentEncode(repo) + "@" + commit : PurlForRepository(url, repo, commit);
  if (u && u->HasCpe()) c.cpes.push_back(u->CpeFor(""));
  c.found_by = "git submodule";
  c.evidence = path + " at " + commit + (url.empty() ? " (no url in .gitmodules)" : " from " + url);
  c.confidence = url.empty() ? 0.5 : 1.0;
  return c;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ReadGitmodules(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string path, url;
  bool in_submodule = false;
  auto flush = [&] {
    if (in_submodule && !path.empty()) out.emplace_back(path, url);
    path.clear(), url.clear();
  };
  for (std::string_view raw : SplitViews(text, '\n')) {
    std::string line = Trim(std::string(raw));
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      flush();
      in_submodule = line.rfind("[submodule", 0) == 0;
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = ToLowerAscii(Trim(line.substr(0, eq))), value = Trim(line.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (key == "path") path = value;
    if (key == "url") url = value;
  }
  flush();
  return out;
}

std::vector<BundledCopy> WithDeclaredCopies(const std::vector<BundledCopy>& found, const std::vector<DeclaredCopy>& declared) {
  std::vector<BundledCopy> out;
  std::map<std::string, bool> declared_at;
  for (const DeclaredCopy& d : declared) {
    out.push_back(CopyFromDeclaration(d));
    declared_at[d.path] = true;
  }
  for (const BundledCopy& c : found)
    if (!declared_at.count(c.path)) out.push_back(c);
  std::stable_sort(out.begin(), out.end(), [](const BundledCopy& a, const BundledCopy& b) { return a.path < b.path; });
  return out;
}

std::vector<BundledCopy> FindBundledCode(const ModuleTree& tree, const TreeFileReader& read, const std::string& gitmodules) {
  std::map<std::string, BundledCopy> by_root;  // one copy per folder, the surest first
  static const auto markers = MarkersByName();
  std::vector<const std::string*> licences;
  for (const std::string& file : tree.files) {
    std::string base = CopyBasename(file);
    auto [lo, hi] = markers.equal_range(base);
    for (auto it = lo; it != hi; ++it)
      if (auto copy = AtMarker(*it->second.first, *it->second.second, file, read)) {
        auto [at, fresh] = by_root.emplace(copy->path, *copy);
        if (!fresh && at->second.version.empty() && !copy->version.empty())
          at->second = *copy;  // a marker that states the version beats one that does not
      }
    if (IsLicenceFile(base) && file.find('/') != std::string::npos) licences.push_back(&file);
  }
  // Two markers of one project (source/ff.h and ff.h) found in nested
  // folders are one copy: the outer folder holds it.
  for (auto it = by_root.begin(); it != by_root.end();) {
    bool inner = false;
    for (const auto& [root, c] : by_root)
      if (root != it->first && c.upstream == it->second.upstream && it->first.rfind(root + "/", 0) == 0) inner = true;
    it = inner ? by_root.erase(it) : std::next(it);
  }
  for (const std::string* file : licences) {
    std::string root = CopyDirname(*file);
    if (root.empty() || by_root.count(root)) continue;
    auto text = read(*file);
    if (!text) continue;
    std::string_view head(text->data(), std::min(text->size(), kLicenceHead));
    for (const KnownUpstream& u : KnownUpstreams()) {
      if (u.licence_marker.empty() || head.find(u.licence_marker) == std::string_view::npos) continue;
      BundledCopy c = FromUpstream(u, root, "");
      c.found_by = "licence file";
      c.evidence = *file + " names " + u.licence_marker;
      c.confidence = 0.5;
      by_root.emplace(root, std::move(c));
      break;
    }
  }
  std::map<std::string, std::string> urls;
  for (const auto& [path, url] : ReadGitmodules(gitmodules)) urls[path] = url;
  for (const auto& [path, commit] : tree.gitlinks)
    if (!path.empty() && !by_root.count(path)) by_root.emplace(path, FromSubmodule(path, commit, urls.count(path) ? urls[path] : ""));
  std::vector<BundledCopy> out;
  for (auto& [root, c] : by_root) out.push_back(std::move(c));
  return out;
}

}  // namespace psirt
