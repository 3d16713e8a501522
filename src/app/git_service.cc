// Containment and backport detection over the loaded graph.
#include "app/git_service.h"

#include <algorithm>

#include "core/reach.h"
#include "core/similarity.h"
#include "git/commit_graph_file.h"
#include "git/ref_files.h"
#include "git/tag_objects.h"

namespace psirt {

using git::RefInfo;

Result<std::unique_ptr<GitService>> GitService::Open(const std::string& dir, const ReleaseModel& model,
                                                     GitCache* cache) {
  PSIRT_ASSIGN_OR_RETURN(git::RepoReader reader, git::RepoReader::Open(dir));
  auto s = std::unique_ptr<GitService>(new GitService(std::move(reader)));
  s->model_ = model;
  s->cache_ = cache;
  PSIRT_ASSIGN_OR_RETURN(std::vector<RefInfo> all, s->reader_.Refs(model.pr_ref_pattern));
  std::vector<std::string> tips, tag_names, branch_names;
  for (RefInfo& r : all) {
    if (r.kind == RefInfo::Kind::kOther) continue;
    tips.push_back(r.commit);
    if (r.kind == RefInfo::Kind::kTag) tag_names.push_back(r.short_name);
    if (r.kind == RefInfo::Kind::kBranch) branch_names.push_back(r.short_name);
    s->refs_.push_back(std::move(r));
  }
  std::sort(tips.begin(), tips.end());
  tips.erase(std::unique(tips.begin(), tips.end()), tips.end());
  if (cache && !s->reader_.HasCommitGraphFile()) {
    cache->graph_from_cache = true;
    if (cache->load_graph) PSIRT_RETURN_IF_ERROR(cache->load_graph(*cache));
    auto g = cache->graph.empty() ? Result<CommitGraph>(Status::NotFound("")) : CommitGraph::Deserialize(cache->graph);
    if (g.ok()) {
      s->graph_ = std::move(g).value();
    } else {  // an older cache's rows (or none; a corrupt value only costs speed)
      std::vector<std::string> parents;
      for (const auto& [sha, ps] : cache->legacy_commits) {
        parents.clear();
        for (size_t pos = 0; pos < ps.size();) {
          size_t sp = ps.find(' ', pos);
          parents.push_back(ps.substr(pos, sp == std::string::npos ? std::string::npos : sp - pos));
          if (sp == std::string::npos) break;
          pos = sp + 1;
        }
        s->graph_.Add(sha, parents);
      }
      if (!cache->legacy_commits.empty()) cache->new_commits = 1;  // rewrite in the new form
    }
    cache->loaded_commits = s->graph_.size();
  }
  size_t before = s->graph_.size();
  PSIRT_RETURN_IF_ERROR(s->reader_.LoadGraph(s->graph_, tips, &s->graph_source_,
                                             cache ? cache->progress : std::function<void(size_t)>()));
  if (cache && cache->graph_from_cache) {
    cache->new_commits += s->graph_.size() - before;
    cache->tips = tips;
  }
  // Containment is computed for tags and branches; PR refs (thousands on a
  // clone that fetches them) come after them and are walked only when a
  // linked PR needs its ref.
  std::stable_partition(s->refs_.begin(), s->refs_.end(),
                        [](const RefInfo& r) { return r.kind != RefInfo::Kind::kPull; });
  std::vector<CommitGraph::Node> nodes;
  for (const RefInfo& r : s->refs_)
    if (r.kind != RefInfo::Kind::kPull) nodes.push_back(s->graph_.Find(r.commit));
  s->contained_refs_ = nodes.size();
  s->containment_ = Containment::Compute(s->graph_, nodes);
  s->main_ref_ = s->RefIndex("refs/heads/" + model.main_branch);
  s->release_branches_ = ReleaseBranches(model, branch_names);
  s->release_tags_ = ReleaseTags(model, tag_names);
  return s;
}

Result<std::vector<ContainsResult>> GitService::ContainsIn(const std::string& dir, const ReleaseModel& model,
                                                           std::span<const std::string> revs, bool remotes) {
  PSIRT_ASSIGN_OR_RETURN(auto quick, ContainsFromCommitGraph(dir, revs, remotes));
  if (quick) return std::move(*quick);
  PSIRT_ASSIGN_OR_RETURN(auto svc, Open(dir, model));
  return svc->Contains(revs, remotes);
}

Result<std::optional<std::vector<ContainsResult>>> GitService::ContainsFromCommitGraph(
    const std::string& dir, std::span<const std::string> revs, bool remotes) {
  using Answer = std::optional<std::vector<ContainsResult>>;
  std::optional<git::GitDirs> dirs = git::FindGitDirs(dir);
  if (!dirs) return Answer();  // libgit2 decides (and names what is wrong)
  auto opened = git::CommitGraphIndex::Open(dirs->common_dir + "/objects");
  if (!opened.ok() || !*opened) return Answer();  // none, or unreadable: the full load decides
  const git::CommitGraphIndex& index = **opened;
  // libgit2 only for what the files cannot answer: abbreviated ids and
  // annotated tags that packed-refs does not peel.
  std::optional<git::RepoReader> reader;
  auto open_reader = [&]() -> Status {
    if (!reader) {
      PSIRT_ASSIGN_OR_RETURN(git::RepoReader r, git::RepoReader::Open(dir));
      reader.emplace(std::move(r));
    }
    return Status::Ok();
  };
  auto resolve = [&](const std::string& rev) -> Result<std::string> {
    PSIRT_RETURN_IF_ERROR(open_reader());
    return reader->ResolveCommit(rev);
  };
  std::vector<uint32_t> targets;
  std::vector<std::string> shas;
  for (const std::string& rev : revs) {
    std::optional<uint32_t> pos = index.FindHex(rev);
    std::string sha = rev;
    if (!pos) {
      PSIRT_ASSIGN_OR_RETURN(sha, resolve(rev));
      pos = index.FindHex(sha);
      if (!pos) return Answer();  // newer than the file
    }
    targets.push_back(*pos);
    shas.push_back(std::move(sha));
  }
  std::vector<std::string> prefixes = {"refs/tags/", "refs/heads/"};
  if (remotes) prefixes.push_back("refs/remotes/");
  std::optional<std::vector<git::RefFile>> files = git::ReadRefFiles(*dirs, prefixes);
  if (!files) return Answer();
  git::TagObjects tag_objects(dirs->common_dir + "/objects");
  std::vector<uint32_t> tips;
  std::vector<std::pair<bool, std::string>> names;  // is a tag, short name
  for (const git::RefFile& f : *files) {
    bool tag = f.name.rfind("refs/tags/", 0) == 0;
    std::string short_name = f.name.substr(f.name.find('/', 5) + 1);
    if (!tag && short_name.size() >= 5 && short_name.compare(short_name.size() - 5, 5, "/HEAD") == 0) continue;
    std::optional<uint32_t> pos = index.FindHex(f.peeled.empty() ? f.target : f.peeled);
    if (!pos && tag && f.peeled.empty()) {  // an annotated tag (or a tag newer than the file)
      // Its object read directly (tags of tags too), else through libgit2.
      std::optional<std::string> target = f.target;
      for (int depth = 0; depth < 8 && target && !pos; ++depth) {
        target = tag_objects.Target(*target);
        if (target) pos = index.FindHex(*target);
      }
      if (!pos) {
        PSIRT_RETURN_IF_ERROR(open_reader());
        auto commit = reader->PeelToCommit(f.target);
        if (!commit.ok()) continue;  // a tag of a tree or blob names no commit
        pos = index.FindHex(*commit);
      }
    }
    if (!pos) return Answer();  // a tip newer than the file
    tips.push_back(*pos);
    names.emplace_back(tag, std::move(short_name));
  }
  // A few commits: a walk each, cut at the commit's level. More: one pass
  // over the whole file, children before parents (unless the bitsets would
  // be huge: then the full load decides).
  std::optional<Containment> all;
  if (targets.size() > kFewCommits) {
    if (uint64_t{index.size()} * ((tips.size() + 63) / 64) > (uint64_t{1} << 25)) return Answer();
    auto computed = Containment::ComputeByLevel(index, tips);
    if (!computed.ok()) return Answer();  // no generation numbers, or a corrupt file
    all.emplace(std::move(computed).value());
  }
  std::vector<ContainsResult> out;
  for (size_t t = 0; t < targets.size(); ++t) {
    std::vector<bool> reaching(tips.size());
    if (all) {
      for (size_t i = 0; i < tips.size(); ++i) reaching[i] = all->Contains(targets[t], i);
    } else {
      auto walked = TipsReaching(index, targets[t], tips);
      if (!walked.ok()) return Answer();  // a corrupt file: the full load reports or avoids it
      reaching = std::move(walked).value();
    }
    ContainsResult r{shas[t], {}, {}};
    for (size_t i = 0; i < names.size(); ++i)
      if (reaching[i]) (names[i].first ? r.tags : r.branches).push_back(names[i].second);
    std::sort(r.tags.begin(), r.tags.end());
    std::sort(r.branches.begin(), r.branches.end());
    out.push_back(std::move(r));
  }
  return Answer(std::move(out));
}

size_t GitService::RefIndex(const std::string& full) const {
  for (size_t i = 0; i < refs_.size(); ++i)
    if (refs_[i].name == full) return i;
  return SIZE_MAX;
}

Result<std::vector<std::string>> GitService::Resolve(std::span<const std::string> revs) const {
  std::vector<std::string> out;
  for (const std::string& r : revs) {
    PSIRT_ASSIGN_OR_RETURN(std::string sha, reader_.ResolveCommit(r));
    out.push_back(std::move(sha));
  }
  return out;
}

Result<std::vector<ContainsResult>> GitService::Contains(std::span<const std::string> revs,
                                                         bool remotes) const {
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> shas, Resolve(revs));
  std::vector<ContainsResult> out;
  for (const std::string& sha : shas) {
    ContainsResult r{sha, {}, {}};
    CommitGraph::Node n = graph_.Find(sha);
    if (n != CommitGraph::kNone) {
      for (size_t i : containment_.RefsContaining(n)) {
        const RefInfo& ref = refs_[i];
        if (ref.kind == RefInfo::Kind::kTag) r.tags.push_back(ref.short_name);
        else if (ref.kind == RefInfo::Kind::kBranch) r.branches.push_back(ref.short_name);
        else if (ref.kind == RefInfo::Kind::kRemoteBranch && remotes) r.branches.push_back(ref.short_name);
      }
    }
    std::sort(r.tags.begin(), r.tags.end());
    std::sort(r.branches.begin(), r.branches.end());
    out.push_back(std::move(r));
  }
  return out;
}

const std::vector<CommitGraph::Node>& GitService::BranchOnly(size_t b) const {
  auto it = branch_only_.find(b);
  if (it != branch_only_.end()) return it->second;
  std::vector<CommitGraph::Node> nodes;
  for (CommitGraph::Node n = 0; n < graph_.size(); ++n)
    if (containment_.Contains(n, b) && (main_ref_ == SIZE_MAX || !containment_.Contains(n, main_ref_)))
      nodes.push_back(n);
  return branch_only_.emplace(b, std::move(nodes)).first->second;
}

const std::vector<BackportRef>& GitService::RefsOf(CommitGraph::Node n) const {
  auto it = msg_refs_.find(n);
  if (it != msg_refs_.end()) return it->second;
  auto msg = reader_.Message(graph_.id(n));
  return msg_refs_.emplace(n, msg.ok() ? ParseBackportRefs(*msg) : std::vector<BackportRef>{})
      .first->second;
}

const std::optional<std::string>& GitService::PatchIdOf(CommitGraph::Node n) const {
  auto it = patch_ids_.find(n);
  if (it != patch_ids_.end()) return it->second;
  const std::string& sha = graph_.id(n);
  if (cache_) {
    auto c = cache_->patch_ids.find(sha);
    if (c != cache_->patch_ids.end())
      return patch_ids_.emplace(n, c->second.empty() ? std::nullopt : std::optional(c->second))
          .first->second;
  }
  auto pid = reader_.PatchId(sha);
  std::optional<std::string> v = pid.ok() ? *pid : std::nullopt;
  if (cache_ && pid.ok()) {
    cache_->patch_ids[sha] = v.value_or("");
    cache_->new_patch_ids.emplace_back(sha, v.value_or(""));
  }
  return patch_ids_.emplace(n, v).first->second;
}

const std::vector<std::string>& GitService::ChangedLinesOf(CommitGraph::Node n) const {
  auto it = changed_lines_.find(n);
  if (it != changed_lines_.end()) return it->second;
  auto lines = reader_.ChangedLines(graph_.id(n));
  return changed_lines_.emplace(n, lines.ok() ? std::move(lines).value() : std::vector<std::string>{}).first->second;
}

const std::string& GitService::AuthorOf(CommitGraph::Node n) const {
  auto it = authors_.find(n);
  if (it != authors_.end()) return it->second;
  auto a = reader_.AuthorEmail(graph_.id(n));
  return authors_.emplace(n, a.ok() ? *a : "").first->second;
}

const std::vector<std::string>& GitService::FilesOf(CommitGraph::Node n) const {
  auto it = files_.find(n);
  if (it != files_.end()) return it->second;
  auto f = reader_.ChangedFiles(graph_.id(n));
  return files_.emplace(n, f.ok() ? std::move(f).value() : std::vector<std::string>{}).first->second;
}

std::optional<ProbableMatch> GitService::FindProbable(CommitGraph::Node fix, size_t b) const {
  std::optional<ProbableMatch> best;
  const std::string subject = Subject(fix), author = AuthorOf(fix);
  for (CommitGraph::Node c : BranchOnly(b)) {
    bool same_subject = !subject.empty() && Subject(c) == subject;
    bool same_author = !author.empty() && AuthorOf(c) == author;
    if (!same_subject && !same_author) continue;  // cheap filter before any diff
    int percent = ChangeSimilarityPercent(ChangedLinesOf(fix), ChangedLinesOf(c));
    if (IsProbableBackport(same_subject, same_author, percent) && (!best || percent > best->percent))
      best = ProbableMatch{graph_.id(c), percent};
  }
  return best;
}

Result<std::vector<BackportResult>> GitService::Backports(std::span<const std::string> revs,
                                                          std::span<const std::string> branches,
                                                          bool probable) const {
  PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> shas, Resolve(revs));
  std::vector<std::string> names(branches.begin(), branches.end());
  if (names.empty())
    for (const ReleaseBranch& b : release_branches_) names.push_back(b.name);
  std::vector<size_t> idx;
  for (const std::string& b : names) {
    size_t i = RefIndex("refs/heads/" + b);
    if (i == SIZE_MAX) return Status::NotFound("no branch '" + b + "' in the repository");
    idx.push_back(i);
  }
  std::vector<BackportResult> out;
  for (const std::string& sha : shas) {
    BackportResult res{sha, {}};
    CommitGraph::Node f = graph_.Find(sha);
    for (size_t k = 0; k < idx.size(); ++k) {
      BackportFinding fd{names[k]};
      if (f != CommitGraph::kNone && containment_.Contains(f, idx[k])) {
        fd = {names[k], true, sha, BackportMethod::kAncestor, std::nullopt};
        res.branches.push_back(fd);
        continue;
      }
      const auto& candidates = BranchOnly(idx[k]);
      // Messages first: trailer beats upstream line.
      for (CommitGraph::Node c : candidates)
        for (const BackportRef& r : RefsOf(c))
          if (sha.compare(0, r.sha.size(), r.sha) == 0 &&
              (!fd.found || r.method < fd.method)) {
            fd = {names[k], true, graph_.id(c), r.method, std::nullopt};
          }
      if (!fd.found && f != CommitGraph::kNone) {
        // Equal patch-ids need equal changed files: compare those first (a
        // tree comparison) unless the patch-id is already known, and the
        // fix's own patch-id only once a candidate passes.
        auto cached = [&](CommitGraph::Node c) {
          return patch_ids_.count(c) || (cache_ && cache_->patch_ids.count(graph_.id(c)));
        };
        const std::optional<std::string>* want = nullptr;
        for (CommitGraph::Node c : candidates) {
          if (!cached(c) && FilesOf(c) != FilesOf(f)) continue;
          if (!want) want = &PatchIdOf(f);
          if (!*want) break;  // no patch-id (a merge, an empty change)
          if (PatchIdOf(c) == **want) {
            fd = {names[k], true, graph_.id(c), BackportMethod::kPatchId, std::nullopt};
            break;
          }
        }
      }
      if (!fd.found && f != CommitGraph::kNone && probable) fd.probable = FindProbable(f, idx[k]);
      res.branches.push_back(fd);
    }
    out.push_back(std::move(res));
  }
  return out;
}

}  // namespace psirt

namespace psirt {

const std::vector<CommitGraph::Node>& GitService::FirstParents(size_t ref) const {
  auto it = first_parents_.find(ref);
  if (it != first_parents_.end()) return it->second;
  CommitGraph::Node tip = ref == SIZE_MAX ? CommitGraph::kNone : graph_.Find(refs_[ref].commit);
  return first_parents_.emplace(ref, FirstParentChain(graph_, tip)).first->second;
}

std::string GitService::Subject(CommitGraph::Node n) const {
  auto it = subjects_.find(n);
  if (it != subjects_.end()) return it->second;
  auto msg = reader_.Message(graph_.id(n));
  std::string subject = msg.ok() ? msg->substr(0, msg->find('\n')) : "";
  return subjects_.emplace(n, std::move(subject)).first->second;
}

std::vector<std::string> GitService::PrCommitsOn(size_t target, const std::string& pr) const {
  std::vector<std::string> out;
  if (target == SIZE_MAX) return out;
  CommitGraph::Node head = CommitGraph::kNone;
  for (size_t i = contained_refs_; i < refs_.size(); ++i)
    if (refs_[i].kind == RefInfo::Kind::kPull && refs_[i].short_name == pr) {
      head = graph_.Find(refs_[i].commit);
      break;
    }
  for (CommitGraph::Node n : PrCommitsOnBranch(graph_, FirstParents(target), head, pr, *this))
    out.push_back(graph_.id(n));
  return out;
}

std::optional<std::string> GitService::FirstRelease(std::span<const CommitGraph::Node> nodes,
                                                    const Version* series) const {
  if (nodes.empty()) return std::nullopt;
  for (const ReleaseTag& t : release_tags_) {
    if (t.version.IsPreRelease()) continue;
    if (series && !t.version.SameSeries(*series)) continue;
    size_t r = RefIndex("refs/tags/" + t.name);
    if (r == SIZE_MAX) continue;
    bool all = true;
    for (CommitGraph::Node n : nodes) all = all && containment_.Contains(n, r);
    if (all) return t.name;
  }
  return std::nullopt;
}

Result<FixFacts> GitService::FixStatus(const Advisory& a) const {
  FixFacts st;
  std::map<std::string, std::vector<std::string>> linked_on_branch;  // branch -> commits
  for (const Fix& f : a.fixes) {
    if (f.kind == Fix::Kind::kPr) {
      // A PR on a release branch is a backport: found on that branch.
      bool on_branch = !f.branch.empty() && f.branch != model_.main_branch;
      size_t target = on_branch ? RefIndex("refs/heads/" + f.branch) : main_ref_;
      auto commits = PrCommitsOn(target, f.ref);
      if (commits.empty() && target != SIZE_MAX) {
        // What GitHub said of the PR (psirt github prs): its merge commit,
        // when the clone has it on the branch (a rebase merge leaves no
        // subject naming the PR, and clones rarely fetch PR heads).
        auto pr = a.github.pulls.find(f.ref);
        if (pr != a.github.pulls.end() && pr->is_object() && pr->value("merged", false)) {
          std::string sha = pr->value("merge_commit_sha", "");
          CommitGraph::Node n = sha.empty() ? CommitGraph::kNone : graph_.Find(sha);
          if (n != CommitGraph::kNone && containment_.Contains(n, target)) commits.push_back(sha);
        }
      }
      if (commits.empty()) st.unresolved.push_back("PR #" + f.ref + (on_branch ? " (" + f.branch + ")" : ""));
      for (auto& c : commits) {
        auto& into = on_branch ? linked_on_branch[f.branch] : st.fix_commits;
        if (std::find(into.begin(), into.end(), c) == into.end()) into.push_back(c);
      }
      continue;
    }
    auto sha = reader_.ResolveCommit(f.ref);
    if (!sha.ok()) {
      st.unresolved.push_back("commit " + f.ref);
      continue;
    }
    if (f.branch == model_.main_branch || f.branch.empty()) {
      if (std::find(st.fix_commits.begin(), st.fix_commits.end(), *sha) == st.fix_commits.end())
        st.fix_commits.push_back(*sha);
    } else {
      linked_on_branch[f.branch].push_back(*sha);
    }
  }
  std::vector<CommitGraph::Node> fix_nodes;
  for (const auto& c : st.fix_commits)
    if (auto n = graph_.Find(c); n != CommitGraph::kNone) fix_nodes.push_back(n);
  st.main_merged = main_ref_ != SIZE_MAX && !fix_nodes.empty();
  for (auto n : fix_nodes) st.main_merged = st.main_merged && containment_.Contains(n, main_ref_);
  if (st.main_merged) st.main_first_release = FirstRelease(fix_nodes, nullptr);

  CommitGraph::Node introduced = CommitGraph::kNone;
  if (!a.introduced_by.empty()) {
    PSIRT_ASSIGN_OR_RETURN(std::string sha, reader_.ResolveCommit(a.introduced_by));
    introduced = graph_.Find(sha);
  }
  std::vector<BackportResult> backports;
  if (!st.fix_commits.empty()) {
    std::vector<std::string> names;
    for (const ReleaseBranch& b : release_branches_) names.push_back(b.name);
    if (!names.empty()) {
      PSIRT_ASSIGN_OR_RETURN(backports, Backports(st.fix_commits, names, /*probable=*/false));
    }
  }
  // A commit linked on a branch the repository has no release branch of,
  // or that its branch does not contain, is said unresolved - never left
  // out of the status without a word.
  for (const auto& linked : linked_on_branch) {
    const std::string& branch = linked.first;  // not a structured binding: a lambda captures it
    const std::vector<std::string>& commits = linked.second;
    bool known = std::any_of(release_branches_.begin(), release_branches_.end(),
                             [&](const ReleaseBranch& b) { return b.name == branch; });
    size_t ref = RefIndex("refs/heads/" + branch);
    for (const std::string& c : commits) {
      if (!known) {
        st.unresolved.push_back("commit " + c.substr(0, 12) + " (" + branch +
                                (ref == SIZE_MAX ? ": no such branch)" : ": not a release branch by releases.branch_pattern)"));
        continue;
      }
      auto n = graph_.Find(c);
      if (n == CommitGraph::kNone || !containment_.Contains(n, ref))
        st.unresolved.push_back("commit " + c.substr(0, 12) + " (not on " + branch + ")");
    }
  }
  for (size_t i = 0; i < release_branches_.size(); ++i) {
    const ReleaseBranch& b = release_branches_[i];
    size_t ref = RefIndex("refs/heads/" + b.name);
    BranchFacts f{b.name, b.required, true, {}, std::nullopt, std::nullopt};
    if (introduced != CommitGraph::kNone) f.affected = containment_.Contains(introduced, ref);
    bool all_found = !backports.empty();
    for (const BackportResult& r : backports) {
      const BackportFinding& fd = r.branches[i];
      if (!fd.found) {
        all_found = false;
        continue;
      }
      f.commits.push_back(fd.commit);
      if (!f.method || fd.method > *f.method) f.method = fd.method;  // weakest evidence
    }
    for (const std::string& c : linked_on_branch[b.name]) {
      auto n = graph_.Find(c);
      if (n != CommitGraph::kNone && containment_.Contains(n, ref)) {
        f.commits.push_back(c);
        all_found = true;
        if (!f.method) f.method = BackportMethod::kAncestor;
      }
    }
    if (!all_found && f.required && f.affected && !backports.empty()) {
      // Not found with certainty: probable if every missing fix commit has a match.
      for (const BackportResult& r : backports) {
        if (r.branches[i].found) continue;
        auto p = FindProbable(graph_.Find(r.commit), ref);
        if (!p) {
          f.probable.reset();
          break;
        }
        if (!f.probable || p->percent < f.probable->percent) f.probable = p;
      }
    }
    if (!all_found) f.commits.clear();  // a partial backport is still missing
    std::vector<CommitGraph::Node> nodes;
    for (const auto& c : f.commits) nodes.push_back(graph_.Find(c));
    if (!f.commits.empty()) f.release = FirstRelease(nodes, &b.version);
    st.branches.push_back({f, DecideBranchStatus(f)});
  }
  return st;
}

}  // namespace psirt
