// Module identity and bundled code read from the clones (see module_insight.h).
#include "app/module_insight.h"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>

#include "base/strings.h"
#include "git/repo_reader.h"

namespace psirt {
namespace {

using nlohmann::json;

// What the clone's history and tree say at one commit (no module.yml in it).
struct GitFacts {
  std::optional<git::RepoReader::Described> upstream_tag;
  std::string any_tag;
  std::string header_version, header_file;
  std::vector<BundledCopy> found;
  std::vector<std::string> notes;
};

// The nearest upstream release tag: the closest over upstream's tag spellings.
std::optional<git::RepoReader::Described> NearestUpstreamTag(const git::RepoReader& r, const KnownUpstream& u,
                                                             const std::string& commit) {
  std::optional<git::RepoReader::Described> best;
  for (const std::string& prefix : u.tag_prefixes) {
    auto d = r.Describe(commit, prefix + "[0-9]*");
    if (!d.ok() || !d->has_value()) continue;
    if (!VersionOfTag(u, (*d)->tag)) continue;
    if (!best || (*d)->distance < best->distance) best = **d;
  }
  return best;
}

// The version the module's own marker files state (it *is* the upstream).
void ReadHeaderVersion(const git::RepoReader& r, const KnownUpstream& u, const std::string& commit, GitFacts& f) {
  for (const UpstreamMarker& mk : u.markers) {
    std::string file = MarkerVersionFile(mk);
    if (file.empty()) continue;
    auto text = r.FileAt(commit, file);
    if (!text.ok() || !text->has_value()) continue;
    if (std::string v = ReadMarkerVersion(mk.version, **text); !v.empty()) {
      f.header_version = v, f.header_file = file;
      return;
    }
  }
}

GitFacts ReadGitFacts(const std::string& dir, const std::string& commit, const KnownUpstream* u) {
  GitFacts f;
  auto reader = git::RepoReader::Open(dir);
  if (!reader.ok()) {
    f.notes.push_back(reader.status().message());
    return f;
  }
  if (u) {
    f.upstream_tag = NearestUpstreamTag(*reader, *u, commit);
    ReadHeaderVersion(*reader, *u, commit, f);
  }
  if (auto tag = reader->NearestTag(commit); tag.ok() && tag->has_value()) f.any_tag = **tag;
  auto tree = reader->ListTree(commit);
  if (!tree.ok()) {
    f.notes.push_back("bundled code not searched: " + tree.status().message());
    return f;
  }
  ModuleTree t{std::move(tree->files), std::move(tree->gitlinks)};
  auto read = [&](const std::string& path) -> std::optional<std::string> {
    auto text = reader->FileAt(commit, path);
    return text.ok() ? *text : std::nullopt;
  };
  std::string gitmodules = read(".gitmodules").value_or("");
  f.found = FindBundledCode(t, read, gitmodules);
  return f;
}

// The git facts of `dir` at `commit`, read once per process.
GitFacts CachedGitFacts(const std::string& dir, const std::string& commit, const KnownUpstream* u) {
  static std::mutex mu;
  static std::map<std::string, GitFacts> cache;
  constexpr size_t kMaxEntries = 4096;
  std::string key = std::filesystem::weakly_canonical(dir).string() + "\n" + commit + "\n" + (u ? u->key : "");
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  GitFacts f = ReadGitFacts(dir, commit, u);
  std::lock_guard<std::mutex> lock(mu);
  if (cache.size() >= kMaxEntries) cache.clear();
  cache.emplace(key, f);
  return f;
}

std::string RelativeTo(const std::string& file, const std::string& dir) {
  std::error_code ec;
  std::filesystem::path rel = std::filesystem::relative(file, dir, ec);
  return ec ? file : rel.generic_string();
}

json CopyToJson(const BundledCopy& c) {
  json j = {{"name", c.name}, {"display", c.display}, {"path", c.path}, {"version", c.version}, {"purl", c.purl},
            {"cpes", c.cpes}, {"found_by", c.found_by}, {"evidence", c.evidence}, {"confidence", c.confidence}};
  if (!c.upstream.empty()) j["upstream"] = c.upstream;
  if (!c.commit.empty()) j["commit"] = c.commit, j["url"] = c.url;
  return j;
}

// The version the header module.yml names states (security.version-header):
// it takes the place of the known upstream's header, the module says so.
void ReadDeclaredHeader(const ModuleClone& clone, const DeclaredVersionHeader& h, IdentityEvidence& e,
                        std::vector<std::string>& notes) {
  std::string where = "security.version-header (" + clone.meta->file + ":" + std::to_string(h.line) + "): ";
  auto reader = git::RepoReader::Open(clone.dir);
  auto text = reader.ok() ? reader->FileAt(clone.pinned, h.file) : Result<std::optional<std::string>>(reader.status());
  if (!text.ok()) return notes.push_back(where + text.status().message());
  if (!text->has_value()) return notes.push_back(where + h.file + " is not in the pinned commit");
  VersionReader r;
  r.kind = VersionReader::Kind::kDefineString, r.macro = h.define;
  std::string v = ReadMarkerVersion(r, **text);
  if (v.empty()) return notes.push_back(where + h.file + " has no #define " + h.define + " stating a version");
  e.header_version = v, e.header_file = h.file;
}

}  // namespace

ModuleInsight InspectModule(const WestProject& p, const ModuleClone* clone) {
  ModuleInsight in;
  in.project = p.name, in.path = p.path;
  IdentityEvidence e;
  e.project = p.name, e.url = p.url, e.revision = p.revision;
  e.commit = clone && !clone->pinned.empty() ? clone->pinned : WestRevisionKind(p.revision) == "sha" ? p.revision : "";
  e.meta = clone && clone->meta ? &*clone->meta : nullptr;
  e.upstream = UpstreamOf(p.url, p.name, &e.upstream_exact);
  if (e.meta) in.module_yml = RelativeTo(e.meta->file, clone->dir);
  GitFacts f;
  if (clone && clone->cloned && !clone->pinned.empty()) {
    f = CachedGitFacts(clone->dir, clone->pinned, e.upstream);
  } else {
    in.notes.push_back(!clone || !clone->cloned ? "not cloned: identity from the manifest alone, bundled code not searched"
                                                : "the pinned revision is not in the clone: bundled code not searched");
  }
  if (f.upstream_tag) e.tag = f.upstream_tag->tag, e.tag_distance = f.upstream_tag->distance;
  e.header_version = f.header_version, e.header_file = f.header_file;
  if (e.meta && e.meta->version_header && clone->cloned && !clone->pinned.empty())
    ReadDeclaredHeader(*clone, *e.meta->version_header, e, in.notes);
  e.any_tag = f.any_tag;
  in.identity = InferIdentity(e);
  in.bundled = WithDeclaredCopies(f.found, e.meta ? e.meta->bundled : std::vector<DeclaredCopy>{});
  in.notes.insert(in.notes.end(), f.notes.begin(), f.notes.end());
  return in;
}

std::vector<ModuleInsight> InspectModules(const LoadedManifest& m, const std::vector<ModuleClone>& clones) {
  std::map<std::string, const ModuleClone*> clone_of;
  for (const ModuleClone& c : clones) clone_of[c.project] = &c;
  std::vector<ModuleInsight> out;
  for (const WestProject& p : m.manifest.projects)
    if (p.active) out.push_back(InspectModule(p, clone_of.count(p.name) ? clone_of[p.name] : nullptr));
  return out;
}

json InsightsToJson(const std::vector<ModuleInsight>& all) {
  json modules = json::array();
  for (const ModuleInsight& in : all) {
    const ModuleIdentity& id = in.identity;
    json bundled = json::array();
    for (const BundledCopy& c : in.bundled) bundled.push_back(CopyToJson(c));
    json j = {{"module", in.project}, {"path", in.path}, {"upstream", id.upstream}, {"purl", id.purl},
              {"cpes", id.cpes}, {"version", id.version}, {"version_source", id.version_source},
              {"confidence", id.confidence}, {"score", id.score}, {"declared", id.declared},
              {"security_block", id.has_security_block}, {"module_yml", in.module_yml}, {"reasons", id.reasons},
              {"bundled", bundled}, {"notes", in.notes}};
    modules.push_back(std::move(j));
  }
  return {{"modules", modules}};
}

std::string PatchesMbox(const std::vector<IdentityPatch>& patches) {
  std::string out;
  for (const IdentityPatch& p : patches) out += p.text;
  return out;
}

std::vector<IdentityPatch> ProposeIdentityPatches(const std::vector<ModuleInsight>& all,
                                                  const std::vector<ModuleClone>& clones, Timestamp now) {
  std::time_t secs = static_cast<std::time_t>(now.unix_seconds());
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::map<std::string, const ModuleClone*> clone_of;
  for (const ModuleClone& c : clones) clone_of[c.project] = &c;
  std::vector<IdentityPatch> out;
  for (const ModuleInsight& in : all) {
    if (in.identity.has_security_block) continue;
    auto it = clone_of.find(in.project);
    if (it == clone_of.end() || !it->second->cloned || it->second->pinned.empty()) continue;
    const ModuleClone& clone = *it->second;
    std::string path = in.module_yml.empty() ? "zephyr/module.yml" : in.module_yml;
    std::optional<std::string> old;
    if (!in.module_yml.empty()) {
      auto reader = git::RepoReader::Open(clone.dir);
      if (!reader.ok()) continue;
      auto text = reader->FileAt(clone.pinned, path);
      if (!text.ok()) continue;
      old = *text;
    }
    std::string diff = AppendDiff(path, old, ProposedSecurityLines(in.identity));
    char number[8];
    std::snprintf(number, sizeof number, "%04zu", out.size() + 1);
    std::string safe = in.project;
    for (char& ch : safe)
      if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_' && ch != '.') ch = '_';
    out.push_back({in.project, std::string(number) + "-" + safe + "-declare-identity.patch",
                   IdentityPatchMail(in.identity, path, diff, date)});
  }
  return out;
}

}  // namespace psirt
