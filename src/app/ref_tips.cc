// Ref tips for sync's change detection (app/ref_tips.h).
#include "app/ref_tips.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>

#include "base/strings.h"
#include "git/ref_files.h"
#include "git/repo_reader.h"

namespace psirt {
namespace {

// The digest of "name target\n" lines, in name order.
class Digest {
 public:
  Digest() {
    if (sodium_init() < 0) std::abort();
    crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES);
  }
  void Add(std::string_view name, std::string_view target) {
    Update(name);
    Update(" ");
    Update(target);
    Update("\n");
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
  Digest& operator=(Digest&&) = default;

 private:
  void Update(std::string_view s) {
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(s.data()), s.size());
  }

 public:

 private:
  crypto_generichash_state state_;
  size_t count_ = 0;
};

bool IsPullRef(const std::string& name, const std::string& pattern) {
  size_t hole = pattern.find("{pr}");
  if (hole == std::string::npos) return false;
  const std::string prefix = pattern.substr(0, hole), suffix = pattern.substr(hole + 4);
  if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return false;
  std::string number = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  return number.find_first_not_of("0123456789") == std::string::npos;
}

// The refs change detection covers (as RepoReader::Refs classifies them).
bool Covered(const std::string& name, const std::string& pr_pattern) {
  if (name.rfind("refs/tags/", 0) == 0 || name.rfind("refs/heads/", 0) == 0) return true;
  if (name.rfind("refs/remotes/", 0) == 0) return name.size() < 5 || name.compare(name.size() - 5, 5, "/HEAD") != 0;
  return IsPullRef(name, pr_pattern);
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
  const std::string main_ref = "refs/heads/" + main_branch;
  RefTips tips;
  Digest digest;
  // The files first: no libgit2 start-up, no object read (an annotated
  // tag's target is its tag object, which moves when the tag does).
  if (std::optional<git::GitDirs> dirs = git::FindGitDirs(repo_dir)) {
    std::vector<std::string> prefixes = {"refs/tags/", "refs/heads/", "refs/remotes/"};
    const size_t hole = pr_pattern.find("{pr}");
    if (hole != std::string::npos && pr_pattern.rfind("refs/", 0) == 0) prefixes.push_back(pr_pattern.substr(0, hole));
    // Visited in the files' order: the digest is of the files' content,
    // so the same refs packed differently read as moved (once).
    std::string name;
    bool ok = git::VisitRefFiles(*dirs, prefixes, [&](std::string_view n, std::string_view target) {
      name.assign(n);
      if (!Covered(name, pr_pattern)) return;
      if (name == main_ref) tips.main.assign(target);
      else digest.Add(name, target);
    });
    if (ok) {
      tips.count = digest.count();
      tips.others = "f" + digest.Hex();  // from files: never equal to a libgit2 digest
      return tips;
    }
    tips = RefTips();
    digest = Digest();
  }
  PSIRT_ASSIGN_OR_RETURN(git::RepoReader reader, git::RepoReader::Open(repo_dir));
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::RefInfo> refs, reader.Refs(pr_pattern));
  std::sort(refs.begin(), refs.end(), [](const git::RefInfo& a, const git::RefInfo& b) { return a.name < b.name; });
  for (const git::RefInfo& r : refs) {
    if (r.kind == git::RefInfo::Kind::kOther) continue;
    if (r.name == main_ref) tips.main = r.commit;
    else digest.Add(r.name, r.commit);
  }
  tips.count = digest.count();
  tips.others = "g" + digest.Hex();
  return tips;
}

RefChange CompareRefTips(const RefTips& before, const RefTips& now,
                         const std::function<bool(const std::string& older, const std::string& newer)>& is_ancestor) {
  if (before.others != now.others || before.count != now.count) return RefChange::kOther;
  if (before.main == now.main) return RefChange::kNone;
  if (before.main.empty() || now.main.empty()) return RefChange::kOther;
  return is_ancestor(before.main, now.main) ? RefChange::kMainFastForward : RefChange::kOther;
}

}  // namespace psirt
