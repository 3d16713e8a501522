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

namespace {

// Every ref under `prefixes`: loose ones first read (they hide packed ones
// of their names; a symbolic one hides without being a tip), then
// `visit(name, target, peeled)` for the packed ones in file order and the
// loose ones in name order. false when a file is malformed.
bool ScanRefFiles(const GitDirs& dirs, std::span<const std::string> prefixes,
                  const std::function<void(std::string_view, std::string_view, std::string_view)>& visit) {
  std::vector<std::pair<std::string, std::string>> loose;  // name, target ("" for symbolic)
  for (const std::string& prefix : prefixes) {
    if (prefix.empty() || prefix.back() != '/') return false;  // "refs/tags/", not "refs/tags"
    fs::path root = fs::path(dirs.common_dir) / prefix.substr(0, prefix.size() - 1);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    const size_t root_len = root.generic_string().size() + 1;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      // The ref's name is its path below the common directory (no
      // canonicalisation: that costs a readlink per path component).
      std::string rel = prefix + it->path().generic_string().substr(root_len);
      if (rel.size() >= 5 && rel.compare(rel.size() - 5, 5, ".lock") == 0) continue;
      auto text = ReadWholeFile(it->path());
      if (!text) return false;
      std::string line = FirstLine(*text);
      if (line.rfind("ref: ", 0) == 0) line.clear();
      else if (!IsFullHexId(line)) return false;
      loose.emplace_back(std::move(rel), std::move(line));
    }
    if (ec) return false;
  }
  std::sort(loose.begin(), loose.end());
  auto hidden = [&](std::string_view name) {
    auto it = std::lower_bound(loose.begin(), loose.end(), name,
                               [](const auto& l, std::string_view n) { return std::string_view(l.first) < n; });
    return it != loose.end() && it->first == name;
  };
  if (auto text = ReadWholeFile(fs::path(dirs.common_dir) / "packed-refs")) {
    std::string_view rest(*text), name, target;  // the ref waiting for a peeled line
    auto flush = [&](std::string_view peeled) {
      if (!name.empty()) visit(name, target, peeled);
      name = {};
    };
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line[0] == '#') continue;
      if (line[0] == '^') {  // the peeled commit of the tag above
        if (!IsFullHexId(line.substr(1))) return false;
        flush(line.substr(1));
        continue;
      }
      flush("");
      if (line.size() < 42 || line[40] != ' ' || !IsFullHexId(line.substr(0, 40))) return false;
      std::string_view n = line.substr(41);
      bool wanted = false;
      for (const std::string& p : prefixes) wanted = wanted || n.substr(0, p.size()) == p;
      if (wanted && !hidden(n)) {
        name = n;
        target = line.substr(0, 40);
      }
    }
    flush("");
  }
  for (const auto& [n, t] : loose)
    if (!t.empty()) visit(n, t, "");
  return true;
}

}  // namespace

std::optional<std::vector<RefFile>> ReadRefFiles(const GitDirs& dirs, std::span<const std::string> prefixes) {
  std::vector<RefFile> out;
  bool ok = ScanRefFiles(dirs, prefixes, [&](std::string_view name, std::string_view target, std::string_view peeled) {
    out.push_back(RefFile{std::string(name), std::string(target), std::string(peeled)});
  });
  if (!ok) return std::nullopt;
  std::sort(out.begin(), out.end(), [](const RefFile& a, const RefFile& b) { return a.name < b.name; });
  return out;
}

bool VisitRefFiles(const GitDirs& dirs, std::span<const std::string> prefixes,
                   const std::function<void(std::string_view name, std::string_view target)>& visit) {
  return ScanRefFiles(dirs, prefixes,
                      [&](std::string_view name, std::string_view target, std::string_view) { visit(name, target); });
}

}  // namespace psirt::git
