// Ref tips for sync's change detection (app/ref_tips.h).
#include "app/ref_tips.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <optional>

#include "base/strings.h"
#include "git/commit_objects.h"
#include "git/ref_files.h"
#include "git/repo_reader.h"

namespace psirt {
namespace {

// The digest of "name target\n" lines, in the order they are added.
class Digest {
 public:
  Digest() {
    if (sodium_init() < 0) std::abort();
    crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES);
  }
  void Add(std::string_view name, std::string_view target) {
    for (std::string_view part : {name, std::string_view(" "), target, std::string_view("\n")})
      crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(part.data()), part.size());
    ++count_;
  }
  std::string Hex() {
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash_final(&state_, out, sizeof out);
    char hex[2 * crypto_generichash_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
  }
  size_t count() const { return count_; }

 private:
  crypto_generichash_state state_;
  size_t count_ = 0;
};

// Collects the refs sync watches (git::ClassifyRef's tags, branches, remote
// branches and PR heads) into main's tip and the digest of the others.
class TipsBuilder {
 public:
  TipsBuilder(const std::string& main_branch, const std::string& pr_pattern)
      : main_ref_("refs/heads/" + main_branch), pr_pattern_(pr_pattern) {}
  void Add(std::string_view name, std::string_view target) {
    std::optional<git::RefClass> cls = git::ClassifyRef(name, pr_pattern_);
    if (!cls || cls->kind == git::RefInfo::Kind::kOther) return;
    if (name == main_ref_) tips_.main.assign(target);
    else digest_.Add(name, target);
  }
  // `source` marks where the refs came from: digests of different
  // readers never compare equal.
  RefTips Finish(char source) {
    tips_.count = digest_.count();
    tips_.others = source + digest_.Hex();
    return tips_;
  }

 private:
  const std::string main_ref_;
  const std::string pr_pattern_;
  RefTips tips_;
  Digest digest_;
};

// From packed-refs and loose ref files: no libgit2 start-up, no object read
// (an annotated tag's target is its tag object, which moves when the tag
// does). Visited in the files' order, so the same refs packed differently
// read as moved (once). nullopt when git's layout is left to libgit2.
std::optional<RefTips> FromRefFiles(const std::string& repo_dir, const std::string& main_branch,
                                    const std::string& pr_pattern) {
  std::optional<git::GitDirs> dirs = git::FindGitDirs(repo_dir);
  if (!dirs) return std::nullopt;
  std::vector<std::string> prefixes = {"refs/tags/", "refs/heads/", "refs/remotes/"};
  const size_t hole = pr_pattern.find("{pr}");
  if (hole != std::string::npos && pr_pattern.rfind("refs/", 0) == 0) prefixes.push_back(pr_pattern.substr(0, hole));
  TipsBuilder b(main_branch, pr_pattern);
  if (!git::VisitRefFiles(*dirs, prefixes, [&](std::string_view name, std::string_view target) { b.Add(name, target); }))
    return std::nullopt;
  return b.Finish('f');
}

}  // namespace

std::string RefTips::Serialize() const { return "v2 " + main + " " + others + " " + std::to_string(count); }

std::optional<RefTips> RefTips::Parse(const std::string& text) {
  std::vector<std::string> parts;
  for (std::string_view p : SplitViews(text, ' ')) parts.emplace_back(p);
  if (parts.size() != 4 || parts[0] != "v2") return std::nullopt;
  RefTips t;
  t.main = parts[1];
  t.others = parts[2];
  auto [end, ec] = std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), t.count);
  if (ec != std::errc() || end != parts[3].data() + parts[3].size()) return std::nullopt;
  return t;
}

Result<RefTips> ReadRefTips(const std::string& repo_dir, const std::string& main_branch, const std::string& pr_pattern) {
  if (std::optional<RefTips> tips = FromRefFiles(repo_dir, main_branch, pr_pattern)) return *tips;
  PSIRT_ASSIGN_OR_RETURN(git::RepoReader reader, git::RepoReader::Open(repo_dir));
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::RefInfo> refs, reader.Refs(pr_pattern));
  std::sort(refs.begin(), refs.end(), [](const git::RefInfo& a, const git::RefInfo& b) { return a.name < b.name; });
  TipsBuilder b(main_branch, pr_pattern);
  for (const git::RefInfo& r : refs) b.Add(r.name, r.commit);
  return b.Finish('g');
}

bool IsFastForward(const std::string& repo_dir, const std::string& older, const std::string& newer) {
  constexpr size_t kLimit = 20000;
  if (std::optional<git::GitDirs> dirs = git::FindGitDirs(repo_dir)) {
    git::ObjectStore store(dirs->common_dir + "/objects", size_t{4} << 20);
    if (std::optional<bool> ff = git::IsAncestorInStore(store, older, newer, kLimit)) return *ff;
  }
  auto reader = git::RepoReader::Open(repo_dir);
  if (!reader.ok()) return false;
  auto ff = reader->IsAncestor(older, newer, kLimit);
  return ff.ok() && *ff;
}

RefChange CompareRefTips(const RefTips& before, const RefTips& now,
                         const std::function<bool(const std::string& older, const std::string& newer)>& is_ancestor) {
  if (before.others != now.others || before.count != now.count) return RefChange::kOther;
  if (before.main == now.main) return RefChange::kNone;
  if (before.main.empty() || now.main.empty()) return RefChange::kOther;
  return is_ancestor(before.main, now.main) ? RefChange::kMainFastForward : RefChange::kOther;
}

}  // namespace psirt
