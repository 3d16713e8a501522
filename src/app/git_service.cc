// Containment and backport detection over the loaded graph.
#include "app/git_service.h"

#include <algorithm>

namespace psirt {

using git::RefInfo;

Result<std::unique_ptr<GitService>> GitService::Open(const std::string& dir, const ReleaseModel& model) {
  PSIRT_ASSIGN_OR_RETURN(git::RepoReader reader, git::RepoReader::Open(dir));
  auto s = std::unique_ptr<GitService>(new GitService(std::move(reader)));
  s->model_ = model;
  PSIRT_ASSIGN_OR_RETURN(std::vector<RefInfo> all, s->reader_.Refs());
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
  PSIRT_RETURN_IF_ERROR(s->reader_.LoadGraph(s->graph_, tips));
  std::vector<CommitGraph::Node> nodes;
  for (const RefInfo& r : s->refs_) nodes.push_back(s->graph_.Find(r.commit));
  s->containment_ = Containment::Compute(s->graph_, nodes);
  s->main_ref_ = s->RefIndex("refs/heads/" + model.main_branch);
  s->release_branches_ = ReleaseBranches(model, branch_names);
  s->release_tags_ = ReleaseTags(model, tag_names);
  return s;
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
  auto pid = reader_.PatchId(graph_.id(n));
  return patch_ids_.emplace(n, pid.ok() ? *pid : std::nullopt).first->second;
}

Result<std::vector<BackportResult>> GitService::Backports(std::span<const std::string> revs,
                                                          std::span<const std::string> branches) const {
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
        fd = {names[k], true, sha, BackportMethod::kAncestor};
        res.branches.push_back(fd);
        continue;
      }
      const auto& candidates = BranchOnly(idx[k]);
      // Messages first: trailer beats upstream line.
      for (CommitGraph::Node c : candidates)
        for (const BackportRef& r : RefsOf(c))
          if (sha.compare(0, r.sha.size(), r.sha) == 0 &&
              (!fd.found || r.method < fd.method)) {
            fd = {names[k], true, graph_.id(c), r.method};
          }
      if (!fd.found && f != CommitGraph::kNone) {
        const auto& want = PatchIdOf(f);
        if (want)
          for (CommitGraph::Node c : candidates)
            if (PatchIdOf(c) == want) {
              fd = {names[k], true, graph_.id(c), BackportMethod::kPatchId};
              break;
            }
      }
      res.branches.push_back(fd);
    }
    out.push_back(std::move(res));
  }
  return out;
}

}  // namespace psirt
