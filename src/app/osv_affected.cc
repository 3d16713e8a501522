// OSV GIT ranges on a local clone (see osv_affected.h).
#include "app/osv_affected.h"

#include <algorithm>
#include <bit>

#include "git/repo_reader.h"

namespace psirt {
namespace {

using Node = CommitGraph::Node;

bool Has(const std::vector<uint64_t>& bits, Node n) { return (bits[n / 64] >> (n % 64)) & 1; }

std::string JoinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + "\n";
  return out;
}

}  // namespace

RangeRepository::~RangeRepository() = default;

Result<std::unique_ptr<RangeRepository>> RangeRepository::Open(const std::string& dir) {
  std::unique_ptr<RangeRepository> r(new RangeRepository());
  r->dir_ = dir;
  PSIRT_ASSIGN_OR_RETURN(git::RepoReader reader, git::RepoReader::Open(dir));
  r->reader_ = std::make_unique<git::RepoReader>(std::move(reader));
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::RefInfo> refs, r->reader_->Refs());
  std::vector<std::string> tips;
  for (const git::RefInfo& ref : refs) tips.push_back(ref.commit);
  std::sort(tips.begin(), tips.end());
  tips.erase(std::unique(tips.begin(), tips.end()), tips.end());
  PSIRT_RETURN_IF_ERROR(r->reader_->LoadGraph(r->graph_, tips));
  for (const git::RefInfo& ref : refs)
    if (ref.kind == git::RefInfo::Kind::kTag)
      if (Node n = r->graph_.Find(ref.commit); n != CommitGraph::kNone) r->tags_.push_back({n, ref.short_name});
  const size_t n = r->graph_.size();
  r->files_.resize(n);
  r->files_known_.assign(n, 0);
  r->patch_ids_.resize(n);
  r->patch_known_.assign(n, 0);
  return r;
}

Result<std::vector<Node>> RangeRepository::Equivalents(Node fix, const std::vector<uint64_t>& affected) {
  auto file_key = [&](Node c) -> Result<const std::string*> {
    if (!files_known_[c]) {
      PSIRT_ASSIGN_OR_RETURN(std::vector<std::string> files, reader_->ChangedFiles(graph_.id(c)));
      files_[c] = JoinLines(files);
      files_known_[c] = 1;
    }
    return &files_[c];
  };
  auto patch_id = [&](Node c) -> Result<const std::string*> {
    if (!patch_known_[c]) {
      PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> id, reader_->PatchId(graph_.id(c)));
      patch_ids_[c] = id.value_or("");
      patch_known_[c] = 1;
    }
    return &patch_ids_[c];
  };
  std::vector<Node> out;
  if (graph_.parents(fix).size() != 1) return out;  // a merge or a root has no patch-id
  PSIRT_ASSIGN_OR_RETURN(const std::string* fix_files, file_key(fix));
  PSIRT_ASSIGN_OR_RETURN(const std::string* fix_patch, patch_id(fix));
  if (fix_patch->empty()) return out;
  // The fix's own history cannot hold a copy made after it.
  std::vector<uint64_t> before((graph_.size() + 63) / 64, 0);
  std::vector<Node> stack = {fix};
  while (!stack.empty()) {
    Node c = stack.back();
    stack.pop_back();
    for (Node p : graph_.parents(c))
      if (!Has(before, p)) {
        before[p / 64] |= uint64_t{1} << (p % 64);
        stack.push_back(p);
      }
  }
  for (size_t w = 0; w < affected.size(); ++w)
    for (uint64_t a = affected[w] & ~before[w]; a; a &= a - 1) {
      Node c = static_cast<Node>(w * 64 + std::countr_zero(a));
      if (c == fix || graph_.parents(c).size() != 1) continue;
      PSIRT_ASSIGN_OR_RETURN(const std::string* files, file_key(c));
      if (*files != *fix_files) continue;  // a tree comparison rules out most commits cheaply
      PSIRT_ASSIGN_OR_RETURN(const std::string* patch, patch_id(c));
      if (*patch == *fix_patch) out.push_back(c);
    }
  return out;
}

Result<RangeRepository::Evaluated> RangeRepository::Evaluate(const std::vector<const VulnRecord*>& records,
                                                              bool cherry_picks) {
  Evaluated out;
  std::vector<GitRangeNodes> nodes;
  for (size_t rec = 0; rec < records.size(); ++rec)
    for (size_t a = 0; a < records[rec]->affected.size(); ++a)
      for (size_t r = 0; r < records[rec]->affected[a].ranges.size(); ++r) {
        const VulnRange& range = records[rec]->affected[a].ranges[r];
        if (range.type != "GIT") continue;
        GitRangeReport report{a, r, range.repo};
        GitRangeNodes rn;
        for (const RangeEvent& e : range.events) {
          if (e.kind == RangeEvent::Kind::kIntroduced && e.value == "0") {
            rn.introduced_at_roots = true;
            continue;
          }
          Node n = graph_.Find(e.value);
          if (n == CommitGraph::kNone) {
            report.missing.push_back(e.value);
            continue;
          }
          switch (e.kind) {
            case RangeEvent::Kind::kIntroduced: rn.introduced.push_back(n); break;
            case RangeEvent::Kind::kFixed: rn.fixed.push_back(n); break;
            case RangeEvent::Kind::kLastAffected: rn.last_affected.push_back(n); break;
            case RangeEvent::Kind::kLimit: rn.limits.push_back(n); break;
          }
        }
        out.reports.push_back(std::move(report));
        out.record_of.push_back(rec);
        nodes.push_back(std::move(rn));
      }
  out.evaluation = GitRangeEvaluation::Evaluate(graph_, nodes);
  if (!cherry_picks) return out;
  bool added = false;
  for (size_t i = 0; i < nodes.size(); ++i) {
    GitRangeNodes& rn = nodes[i];
    if (!rn.limits.empty() || out.evaluation.Count(i) == 0) continue;
    out.reports[i].cherry_picks_checked = true;
    std::vector<uint64_t> affected((graph_.size() + 63) / 64, 0);
    for (Node c : out.evaluation.AffectedNodes(i)) affected[c / 64] |= uint64_t{1} << (c % 64);
    for (auto* list : {&rn.fixed, &rn.last_affected}) {
      std::vector<Node> found;
      for (Node f : *list) {
        PSIRT_ASSIGN_OR_RETURN(std::vector<Node> eq, Equivalents(f, affected));
        for (Node e : eq) {
          out.reports[i].equivalents.push_back({graph_.id(f), graph_.id(e)});
          found.push_back(e);
        }
      }
      added = added || !found.empty();
      list->insert(list->end(), found.begin(), found.end());
    }
  }
  if (added) out.evaluation = GitRangeEvaluation::Evaluate(graph_, nodes);
  for (size_t i = 0; i < nodes.size(); ++i) out.reports[i].affected_commits = out.evaluation.Count(i);
  return out;
}

Result<OsvAffectedResult> OsvAffected(const VulnRecord& record, const std::string& dir, bool cherry_picks) {
  PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<RangeRepository> repo, RangeRepository::Open(dir));
  PSIRT_ASSIGN_OR_RETURN(RangeRepository::Evaluated ev, repo->Evaluate({&record}, cherry_picks));
  OsvAffectedResult out{record.id, dir, repo->graph().size(), std::move(ev.reports), {}, {}};
  const CommitGraph& g = repo->graph();
  std::vector<uint8_t> hit(g.size(), 0);
  for (size_t i = 0; i < ev.evaluation.ranges(); ++i)
    for (Node n : ev.evaluation.AffectedNodes(i)) hit[n] = 1;
  for (Node n = 0; n < g.size(); ++n)
    if (hit[n]) out.commits.push_back(g.id(n));
  for (const auto& [n, name] : repo->tags())
    if (hit[n]) out.tags.push_back(name);
  std::sort(out.tags.begin(), out.tags.end());
  return out;
}

nlohmann::json OsvAffectedToJson(const OsvAffectedResult& r) {
  nlohmann::json ranges = nlohmann::json::array();
  for (const GitRangeReport& g : r.ranges) {
    nlohmann::json eq = nlohmann::json::array();
    for (const auto& [from, to] : g.equivalents) eq.push_back({{"commit", from}, {"equivalent", to}});
    ranges.push_back({{"affected_index", g.affected},
                      {"range_index", g.range},
                      {"repo", g.repo},
                      {"missing_commits", g.missing},
                      {"cherry_picks_checked", g.cherry_picks_checked},
                      {"equivalents", eq},
                      {"affected_commits", g.affected_commits}});
  }
  return {{"id", r.id},
          {"repository", r.repository},
          {"graph_commits", r.graph_commits},
          {"ranges", ranges},
          {"affected_tags", r.tags},
          {"affected_commits", r.commits}};
}

}  // namespace psirt
