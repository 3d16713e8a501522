// Packed and loose refs read from the repository's files (see ref_files.h).
#include "git/ref_files.h"

#include "git/raw_bytes.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

namespace psirt::git {
namespace {

namespace fs = std::filesystem;

bool IsFullHexId(std::string_view s) {
  return s.size() == 40 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string FirstLine(std::string s) {
  size_t nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  if (!s.empty() && s.back() == '\r') s.pop_back();
  return s;
}

bool LooksLikeGitDir(const fs::path& d) {
  std::error_code ec;
  return fs::is_regular_file(d / "HEAD", ec) && fs::is_directory(d / "objects", ec) &&
         fs::is_directory(d / "refs", ec);
}

bool StartsWithAny(const std::string& name, std::span<const std::string> prefixes) {
  for (const std::string& p : prefixes)
    if (name.compare(0, p.size(), p) == 0) return true;
  return false;
}

}  // namespace

std::optional<GitDirs> FindGitDirs(const std::string& dir_in) {
  std::error_code ec;
  fs::path dir(dir_in);
  fs::path git;
  if (fs::is_directory(dir / ".git", ec)) {
    git = dir / ".git";
  } else if (fs::is_regular_file(dir / ".git", ec)) {  // "gitdir: <path>" (worktrees, submodules)
    auto text = ReadWholeFile(dir / ".git");
    if (!text) return std::nullopt;
    std::string line = FirstLine(*text);
    if (line.rfind("gitdir: ", 0) != 0) return std::nullopt;
    git = fs::path(line.substr(8));
    if (git.is_relative()) git = dir / git;
  } else if (LooksLikeGitDir(dir)) {
    git = dir;
  } else {
    return std::nullopt;
  }
  fs::path common = git;
  if (fs::exists(git / "commondir", ec)) {
    auto text = ReadWholeFile(git / "commondir");
    if (!text) return std::nullopt;
    fs::path c = FirstLine(*text);
    common = c.is_relative() ? git / c : c;
  }
  if (!LooksLikeGitDir(common)) return std::nullopt;
  // Formats and states left to libgit2 (which reports or handles them).
  if (fs::exists(common / "reftable", ec) || fs::exists(common / "shallow", ec)) return std::nullopt;
  return GitDirs{git.string(), common.string()};
}

std::optional<std::vector<RefFile>> ReadRefFiles(const GitDirs& dirs, std::span<const std::string> prefixes) {
  std::map<std::string, RefFile> refs;
  if (auto packed = ReadWholeFile(fs::path(dirs.common_dir) / "packed-refs")) {
    std::istringstream in(*packed);
    RefFile* last = nullptr;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      if (line[0] == '^') {  // the peeled commit of the tag above
        if (!IsFullHexId(std::string_view(line).substr(1))) return std::nullopt;
        if (last) last->peeled = line.substr(1);
        continue;
      }
      if (line.size() < 42 || line[40] != ' ' || !IsFullHexId(std::string_view(line).substr(0, 40)))
        return std::nullopt;
      std::string name = line.substr(41);
      last = nullptr;
      if (!StartsWithAny(name, prefixes)) continue;
      RefFile& r = refs[name];
      r = RefFile{name, line.substr(0, 40), ""};
      last = &r;
    }
  }
  // Loose refs, in the common directory (a worktree's own refs are HEAD and
  // bisect state, never tags or branches).
  for (const std::string& prefix : prefixes) {
    if (prefix.empty() || prefix.back() != '/') return std::nullopt;  // "refs/tags/", not "refs/tags"
    fs::path root = fs::path(dirs.common_dir) / prefix.substr(0, prefix.size() - 1);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      // The ref's name is its path below the common directory (no
      // canonicalisation: that costs a readlink per path component).
      std::string path = it->path().generic_string();
      std::string rel = prefix + path.substr(root.generic_string().size() + 1);
      if (rel.size() >= 5 && rel.compare(rel.size() - 5, 5, ".lock") == 0) continue;
      auto text = ReadWholeFile(it->path());
      if (!text) return std::nullopt;
      std::string line = FirstLine(*text);
      if (line.rfind("ref: ", 0) == 0) {  // symbolic (origin/HEAD): not a tip of its own
        refs.erase(rel);
        continue;
      }
      if (!IsFullHexId(line)) return std::nullopt;
      refs[rel] = RefFile{rel, line, ""};  // newer than any packed value
    }
    if (ec) return std::nullopt;
  }
  std::vector<RefFile> out;
  out.reserve(refs.size());
  for (auto& [name, r] : refs) out.push_back(std::move(r));
  return out;
}

}  // namespace psirt::git
