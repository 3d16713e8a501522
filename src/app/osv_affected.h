// OsvAffected: one OSV record's GIT ranges evaluated on a local clone - the
// affected commits (full SHAs) and tags of that repository - the primitive
// behind `psirt scan` and `psirt osv affected`. The clone's commit graph is
// read once (git's commit-graph file when present) and serves every range.
// Cherry-picked fixes are found as osv.dev finds them: a non-merge commit
// with the fix's patch-id (`git patch-id --stable`) counts as that fix, on
// every branch, unless the range has a `limit` (osv.dev then looks only
// at the limit's branch, without equivalents).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "core/commit_graph.h"
#include "core/git_ranges.h"
#include "core/vuln_record.h"

namespace psirt {

namespace git {
class RepoReader;
}

// What became of one GIT range of a record in one repository.
struct GitRangeReport {
  size_t affected = 0, range = 0;  // indices in the record
  std::string repo;                 // the range's repository URL as written
  std::vector<std::string> missing;  // event commits this clone does not have
  // Commits found to carry a fix (or last_affected) under another SHA: {record's, clone's}.
  std::vector<std::pair<std::string, std::string>> equivalents;
  bool cherry_picks_checked = false;
  size_t affected_commits = 0;
};

// The answer for one record on one repository.
struct OsvAffectedResult {
  std::string id;
  std::string repository;  // the clone's directory
  size_t graph_commits = 0;
  std::vector<GitRangeReport> ranges;
  std::vector<std::string> commits;  // affected, full SHAs, parents before children
  std::vector<std::string> tags;     // tags on affected commits, sorted
};

// A repository opened with its graph and tags, for evaluating many ranges.
class RangeRepository {
 public:
  static Result<std::unique_ptr<RangeRepository>> Open(const std::string& dir);
  ~RangeRepository();
  const CommitGraph& graph() const { return graph_; }
  const std::string& dir() const { return dir_; }
  // Tag names by node.
  const std::vector<std::pair<CommitGraph::Node, std::string>>& tags() const { return tags_; }

  // Evaluates the GIT ranges of `records` (all of them, in record order),
  // fixes cherry-picked under another SHA included when `cherry_picks`.
  // One report per GIT range; `evaluation` has one bitset per report.
  struct Evaluated {
    std::vector<GitRangeReport> reports;
    std::vector<size_t> record_of;  // report -> index in `records`
    GitRangeEvaluation evaluation;
  };
  Result<Evaluated> Evaluate(const std::vector<const VulnRecord*>& records, bool cherry_picks);

 private:
  RangeRepository() = default;
  Result<std::vector<CommitGraph::Node>> Equivalents(CommitGraph::Node fix, const std::vector<uint64_t>& affected);
  std::string dir_;
  std::unique_ptr<git::RepoReader> reader_;
  CommitGraph graph_;
  std::vector<std::pair<CommitGraph::Node, std::string>> tags_;
  std::vector<std::string> files_;     // node -> changed files joined ("" unknown or none)
  std::vector<uint8_t> files_known_;
  std::vector<std::string> patch_ids_;  // node -> patch-id ("" unknown or none)
  std::vector<uint8_t> patch_known_;
};

// The affected commits and tags of `dir` for `record`.
Result<OsvAffectedResult> OsvAffected(const VulnRecord& record, const std::string& dir, bool cherry_picks = true);

// The JSON `psirt osv affected --json` prints.
nlohmann::json OsvAffectedToJson(const OsvAffectedResult& r);

}  // namespace psirt
