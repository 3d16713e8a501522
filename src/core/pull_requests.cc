// Pull request rules.
#include "core/pull_requests.h"

namespace psirt {

bool IsMergeSubjectOf(std::string_view subject, std::string_view pr) {
  std::string prefix = "Merge pull request #" + std::string(pr) + " ";
  return subject.substr(0, prefix.size()) == prefix;
}

bool IsSquashSubjectOf(std::string_view subject, std::string_view pr) {
  std::string suffix = "(#" + std::string(pr) + ")";
  return subject.size() >= suffix.size() && subject.substr(subject.size() - suffix.size()) == suffix;
}

std::vector<char> AncestorMask(const CommitGraph& g, CommitGraph::Node n) {
  std::vector<char> mark(g.size(), 0);
  if (n == CommitGraph::kNone) return mark;
  std::vector<CommitGraph::Node> stack = {n};
  mark[n] = 1;
  while (!stack.empty()) {
    CommitGraph::Node x = stack.back();
    stack.pop_back();
    for (CommitGraph::Node p : g.parents(x))
      if (!mark[p]) {
        mark[p] = 1;
        stack.push_back(p);
      }
  }
  return mark;
}

std::vector<CommitGraph::Node> FirstParentChain(const CommitGraph& g, CommitGraph::Node tip) {
  std::vector<CommitGraph::Node> chain;
  for (CommitGraph::Node n = tip; n != CommitGraph::kNone;) {
    chain.push_back(n);
    auto ps = g.parents(n);
    n = ps.empty() ? CommitGraph::kNone : ps[0];
  }
  return chain;
}

std::vector<CommitGraph::Node> PrCommitsOnBranch(const CommitGraph& g, std::span<const CommitGraph::Node> chain,
                                                 CommitGraph::Node head, std::string_view pr,
                                                 const CommitFacts& facts) {
  std::vector<CommitGraph::Node> out;
  if (chain.empty()) return out;
  // 1 and 2: the merge or squash commit on the branch's first-parent line.
  for (CommitGraph::Node m : chain) {
    std::string subject = facts.Subject(m);
    auto ps = g.parents(m);
    if (ps.size() >= 2 && IsMergeSubjectOf(subject, pr)) {
      std::vector<char> base = AncestorMask(g, ps[0]), side = AncestorMask(g, ps[1]);
      for (CommitGraph::Node n = 0; n < g.size(); ++n)
        if (side[n] && !base[n]) out.push_back(n);
      return out;
    }
    if (IsSquashSubjectOf(subject, pr)) return {m};
  }
  // 3: the PR's head.
  if (head == CommitGraph::kNone) return out;
  std::vector<char> on_branch = AncestorMask(g, chain.front());
  std::vector<char> on_chain(g.size(), 0);
  for (CommitGraph::Node n : chain) on_chain[n] = 1;
  if (on_branch[head]) {
    // Merged as is: the head and its first parents off the branch's line.
    for (CommitGraph::Node n = head; n != CommitGraph::kNone;) {
      out.push_back(n);
      if (on_chain[n]) break;
      auto ps = g.parents(n);
      n = ps.empty() ? CommitGraph::kNone : ps[0];
      if (n != CommitGraph::kNone && on_chain[n]) break;
    }
    return out;
  }
  // Rebased (new ids): the PR's own commits matched on the branch's line.
  std::vector<char> in_pr = AncestorMask(g, head);
  for (CommitGraph::Node p = 0; p < g.size(); ++p) {
    if (!in_pr[p] || on_branch[p]) continue;
    std::string subject = facts.Subject(p);
    std::optional<std::string> pid = facts.PatchId(p);
    if (!pid) continue;
    for (CommitGraph::Node m : chain)
      if (facts.Subject(m) == subject && facts.PatchId(m) == pid) {
        out.push_back(m);
        break;
      }
  }
  return out;
}

}  // namespace psirt
