// Module vulnerability scanning (see scan_service.h).
#include "app/scan_service.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "app/osv_affected.h"
#include "app/sbom_service.h"
#include "app/vulndb_service.h"
#include "core/known_upstreams.h"
#include "core/version_ranges.h"
#include "core/vex.h"
#include "core/vuln_keys.h"

namespace psirt {
namespace {

using nlohmann::json;
using Node = CommitGraph::Node;

// A record found for a module, and by which keys.
struct Candidate {
  VulnRecord record;
  std::set<std::string> by;
};

// The module's lookup keys by kind.
std::map<std::string, std::vector<std::string>> ModuleKeys(const SbomComponent& c, const ModuleClone* clone) {
  std::map<std::string, std::vector<std::string>> keys;
  keys["repo"].push_back(NormalizeRepoUrl(c.vcs_url));
  if (std::string k = PurlKey(c.purl); !k.empty()) keys["purl"].push_back(k);
  for (const std::string& cpe : c.cpes)
    if (std::string k = CpeKey(cpe); !k.empty()) keys["cpe"].push_back(k);
  if (clone && clone->meta)
    for (const Purl& p : clone->meta->purls) keys["purl"].push_back(p.PackageKey());
  if (const KnownUpstream* u = UpstreamByKey(c.upstream))
    for (const std::string& r : u->repos) keys["repo"].push_back(r);
  return keys;
}

// A bundled copy's lookup keys: its package URL, CPEs and its upstream's repositories.
std::map<std::string, std::vector<std::string>> CopyKeys(const BundledCopy& b) {
  std::map<std::string, std::vector<std::string>> keys;
  if (std::string k = PurlKey(b.purl); !k.empty()) keys["purl"].push_back(k);
  for (const std::string& cpe : b.cpes)
    if (std::string k = CpeKey(cpe); !k.empty()) keys["cpe"].push_back(k);
  if (!b.url.empty()) keys["repo"].push_back(NormalizeRepoUrl(b.url));
  if (const KnownUpstream* u = UpstreamByKey(b.upstream))
    for (const std::string& r : u->repos) keys["repo"].push_back(r);
  return keys;
}

// The GIT ranges of `r` that concern this clone: on the module's
// repository, or naming a commit the clone has.
VulnRecord ApplicableGitRanges(const VulnRecord& r, const std::string& repo_key, const CommitGraph* g) {
  VulnRecord out;
  out.id = r.id;
  for (const VulnAffected& a : r.affected) {
    VulnAffected keep;
    for (const VulnRange& range : a.ranges) {
      if (range.type != "GIT") continue;
      bool here = NormalizeRepoUrl(range.repo) == repo_key;
      if (!here && g)
        for (const RangeEvent& e : range.events)
          if (e.value != "0" && g->Find(e.value) != CommitGraph::kNone) here = true;
      if (here) keep.ranges.push_back(range);
    }
    if (!keep.ranges.empty()) out.affected.push_back(std::move(keep));
  }
  return out;
}

// Whether the module's version is affected by a record's package entries
// that name the module (by PURL, CPE or repository); the fixed versions.
bool VersionAffected(const VulnRecord& r, const std::map<std::string, std::vector<std::string>>& keys,
                     const std::vector<std::string>& spellings, std::vector<std::string>& fixed,
                     std::vector<std::string>& why) {
  const std::string& version = spellings.front();
  auto has = [&](const char* kind, const std::string& k) {
    auto it = keys.find(kind);
    return it != keys.end() && std::find(it->second.begin(), it->second.end(), k) != it->second.end();
  };
  bool affected = false;
  for (const VulnAffected& a : r.affected) {
    bool names_module = (!a.purl.empty() && has("purl", PurlKey(a.purl))) ||
                        (!a.repo.empty() && has("repo", NormalizeRepoUrl(a.repo)));
    for (const std::string& c : a.cpes) names_module = names_module || has("cpe", CpeKey(c));
    for (const VulnRange& g : a.ranges)  // OSS-Fuzz records list the repository's tags as versions
      names_module = names_module || (g.type == "GIT" && has("repo", NormalizeRepoUrl(g.repo)));
    if (!names_module) continue;
    bool hit = false;
    if (!a.version_entries.empty() || !a.default_status.empty()) {
      std::string status = Cve5VersionStatus(a, version);
      hit = status == "affected";
      if (hit) why.push_back("version " + version + " is affected by " + (a.vendor.empty() ? a.name : a.vendor + " " + a.product) + " (CVE 5 versions)");
      for (const VersionEntry& e : a.version_entries)
        if (e.status == "affected" && !e.less_than.empty() && e.less_than != "*") fixed.push_back(e.less_than);
    } else {
      for (const std::string& v : spellings) hit = hit || OsvAffectsVersion(a, v);
      if (hit) why.push_back("version " + version + " is in the record's ranges or versions of " + (a.purl.empty() ? a.name : a.purl));
      for (const VulnRange& g : a.ranges)
        if (g.type != "GIT")
          for (const std::string& f : g.Values(RangeEvent::Kind::kFixed)) fixed.push_back(f);
    }
    affected = affected || hit;
  }
  return affected;
}

void ApplyVex(const ModuleClone* clone, const std::vector<VexDecision>& team, ScanFinding& f) {
  if (auto d = FindVexDecision(team, f.module, f.vuln, f.aliases)) {
    f.vex = VulnAssessment{d->vulnerability, d->status, d->justification, d->note, "", 0};
    f.vex_source = "psirt";
    f.vex_author = d->author;
    f.suppressed = VexSuppresses(d->status);
    return;
  }
  if (!clone || !clone->meta) return;
  for (const VulnAssessment& a : clone->meta->assessments) {
    bool names = a.vulnerability == f.vuln ||
                 std::find(f.aliases.begin(), f.aliases.end(), a.vulnerability) != f.aliases.end();
    if (!names) continue;
    f.vex = a;
    f.vex_source = "module.yml";
    f.suppressed = VexSuppresses(a.status);
    return;
  }
}

// The records found by any of `keys`, each with the kinds of key that found it.
Result<std::map<std::string, Candidate>> FindCandidates(StoreTx& tx,
                                                        const std::map<std::string, std::vector<std::string>>& keys) {
  std::map<std::string, Candidate> found;
  for (const auto& [kind, list] : keys) {
    PSIRT_ASSIGN_OR_RETURN(std::vector<VulnRecord> recs, FindVulnRecords(tx, kind, list));
    for (VulnRecord& r : recs) {
      auto& cand = found[r.id];
      if (cand.record.id.empty()) cand.record = std::move(r);
      cand.by.insert(kind);
    }
  }
  return found;
}

// How a version may be written in records: as is, and as the upstream's release tags.
std::vector<std::string> VersionSpellings(const std::string& upstream, const std::string& version) {
  if (const KnownUpstream* u = UpstreamByKey(upstream)) return TagSpellings(*u, version);
  return {version};
}

// Names the record a finding is about, and the keys that found it.
void NameRecord(const Candidate& cand, ScanFinding& f) {
  f.vuln = cand.record.id;
  f.aliases = cand.record.aliases;
  f.summary = cand.record.summary;
  f.matched_by.assign(cand.by.begin(), cand.by.end());
}

// The finding when `spellings` of a version lie in the candidate's version
// ranges (a withdrawn record has none).
std::optional<ScanFinding> VersionFinding(const Candidate& cand, const std::map<std::string, std::vector<std::string>>& keys,
                                          const std::vector<std::string>& spellings) {
  if (!cand.record.withdrawn.empty()) return std::nullopt;
  ScanFinding f;
  if (!VersionAffected(cand.record, keys, spellings, f.fixed, f.detail)) return std::nullopt;
  f.how = "version";
  NameRecord(cand, f);
  return f;
}

// The findings for a copy of another project inside the module, matched by
// version (a copy has no history of its own to evaluate GIT ranges on).
Status ScanBundledCopy(StoreTx& tx, const BundledCopy& b, ScanResult& out) {
  if (b.version.empty()) return Status::Ok();
  auto keys = CopyKeys(b);
  PSIRT_ASSIGN_OR_RETURN(auto found, FindCandidates(tx, keys));
  std::vector<std::string> spellings = VersionSpellings(b.upstream, b.version);
  for (const auto& [id, cand] : found) {
    std::optional<ScanFinding> f = VersionFinding(cand, keys, spellings);
    if (!f) continue;
    f->component = b.name, f->component_path = b.path, f->component_version = b.version;
    f->detail.insert(f->detail.begin(), "a copy of " + b.display + " " + b.version + " is bundled at " + b.path + " (" +
                                            b.found_by + ": " + b.evidence + ")");
    out.findings.push_back(std::move(*f));
  }
  return Status::Ok();
}

// The findings for one module.
Status ScanModule(StoreTx& tx, const SbomComponent& c, const WestProject& p, const ModuleClone* clone,
                  const std::vector<std::pair<std::string, std::string>>& commit_keys,
                  const std::vector<VexDecision>& team_vex, const ScanOptions& options, ScanResult& out) {
  ModuleScan ms{p.name, p.path, c.version, c.version_source, c.commit, clone ? clone->state : "not cloned", 0, 0};
  auto keys = ModuleKeys(c, clone);
  PSIRT_ASSIGN_OR_RETURN(auto found, FindCandidates(tx, keys));
  std::unique_ptr<RangeRepository> repo;
  if (clone && clone->cloned) {
    auto opened = RangeRepository::Open(clone->dir);
    if (opened.ok()) repo = std::move(opened).value();
  }
  if (repo) {
    std::vector<std::string> by_commit;
    for (const auto& [sha, id] : commit_keys) {
      auto it = found.find(id);
      if (it != found.end() && it->second.by.count("commit")) continue;
      if (repo->graph().Find(sha) == CommitGraph::kNone) continue;
      if (it != found.end()) it->second.by.insert("commit");  // found by name, and the clone has its commits
      else by_commit.push_back(sha);
    }
    PSIRT_ASSIGN_OR_RETURN(std::vector<VulnRecord> recs, FindVulnRecords(tx, "commit", by_commit));
    for (VulnRecord& r : recs) {
      auto& cand = found[r.id];
      if (cand.record.id.empty()) cand.record = std::move(r);
      cand.by.insert("commit");
    }
  }
  ms.candidates = found.size();
  // GIT ranges: one evaluation for all candidates of this clone.
  const std::string repo_key = NormalizeRepoUrl(c.vcs_url);
  std::vector<VulnRecord> git_records;
  std::vector<const Candidate*> git_of;
  for (const auto& [id, cand] : found) {
    if (!cand.record.withdrawn.empty()) continue;
    VulnRecord g = ApplicableGitRanges(cand.record, repo_key, repo ? &repo->graph() : nullptr);
    if (!g.affected.empty() && repo) {
      git_records.push_back(std::move(g));
      git_of.push_back(&cand);
    }
  }
  std::set<std::string> decided;  // records a GIT range decided, affected or not
  Node pinned = repo && !c.commit.empty() ? repo->graph().Find(c.commit) : CommitGraph::kNone;
  if (!git_records.empty() && pinned != CommitGraph::kNone) {
    std::vector<const VulnRecord*> ptrs;
    for (const VulnRecord& r : git_records) ptrs.push_back(&r);
    PSIRT_ASSIGN_OR_RETURN(RangeRepository::Evaluated ev, repo->Evaluate(ptrs, options.cherry_picks));
    std::map<size_t, ScanFinding> hits;  // record index -> finding
    for (size_t i = 0; i < ev.reports.size(); ++i) {
      size_t ri = ev.record_of[i];
      decided.insert(git_records[ri].id);
      if (!ev.evaluation.Affected(i, pinned)) continue;
      const GitRangeReport& rep = ev.reports[i];
      ScanFinding& f = hits[ri];
      f.how = "git";
      const VulnRange& range = git_records[ri].affected[rep.affected].ranges[rep.range];
      for (const std::string& fx : range.Values(RangeEvent::Kind::kFixed)) f.fixed.push_back(fx);
      std::string line = "the pinned commit is in the GIT range of " + range.repo;
      if (!rep.missing.empty()) line += " (" + std::to_string(rep.missing.size()) + " of its commits are not in the clone)";
      f.detail.push_back(line);
    }
    for (auto& [ri, f] : hits) {
      NameRecord(*git_of[ri], f);
      out.findings.push_back(std::move(f));
    }
  }
  // Versions, for the records no GIT range decided.
  if (c.version_source != "revision") {
    std::vector<std::string> spellings = VersionSpellings(c.upstream, c.version);
    for (const auto& [id, cand] : found)
      if (!decided.count(id))
        if (std::optional<ScanFinding> f = VersionFinding(cand, keys, spellings)) out.findings.push_back(std::move(*f));
  }
  for (const BundledCopy& b : c.bundled) PSIRT_RETURN_IF_ERROR(ScanBundledCopy(tx, b, out));
  for (size_t i = out.findings.size(); i-- > 0;) {
    ScanFinding& f = out.findings[i];
    if (!f.module.empty()) break;
    f.module = p.name, f.path = p.path, f.version = c.version, f.commit = c.commit, f.manifest_line = p.line;
    ApplyVex(clone, team_vex, f);
    ++ms.findings;
  }
  out.modules.push_back(std::move(ms));
  return Status::Ok();
}

}  // namespace

size_t ScanResult::Unsuppressed() const {
  return std::count_if(findings.begin(), findings.end(), [](const ScanFinding& f) { return !f.suppressed; });
}

Result<ScanResult> ScanModules(Store& store, const LoadedManifest& m, const std::vector<ModuleClone>& clones,
                               const ScanOptions& options, const std::function<void(size_t, size_t)>& progress) {
  PSIRT_ASSIGN_OR_RETURN(Sbom sbom, BuildSbom(m, clones, "", ""));
  std::map<std::string, const ModuleClone*> clone_of;
  for (const ModuleClone& c : clones) clone_of[c.project] = &c;
  std::map<std::string, const WestProject*> project_of;
  for (const WestProject& p : m.manifest.projects) project_of[p.name] = &p;
  ScanResult out;
  out.manifest = m.manifest.file;
  PSIRT_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(out.records, tx.CountVulns());
    PSIRT_ASSIGN_OR_RETURN(auto commit_keys, tx.VulnKeys("commit"));
    PSIRT_ASSIGN_OR_RETURN(std::vector<VexDecision> team_vex, tx.ListVexDecisions());
    size_t done = 0;
    for (const SbomComponent& c : sbom.components) {
      const ModuleClone* clone = clone_of.count(c.ref) ? clone_of[c.ref] : nullptr;
      PSIRT_RETURN_IF_ERROR(ScanModule(tx, c, *project_of.at(c.ref), clone, commit_keys, team_vex, options, out));
      if (progress) progress(++done, sbom.components.size());
    }
    return Status::Ok();
  }));
  std::stable_sort(out.findings.begin(), out.findings.end(), [](const ScanFinding& a, const ScanFinding& b) {
    return std::tie(a.module, a.vuln) < std::tie(b.module, b.vuln);
  });
  PSIRT_ASSIGN_OR_RETURN(out.constraints, CheckWorkspaceConstraints(m, clones, {options.constraints_file, ""}));
  for (ScanFinding& f : out.findings) {
    if (f.how != "version" || f.fixed.empty() || !f.component.empty()) continue;
    f.fix_blocked_by = ConstraintsAgainst(out.constraints, f.module, f.fixed.front());
    for (const std::string& b : f.fix_blocked_by)
      f.detail.push_back(f.module + " " + f.fixed.front() + " fixes " + f.vuln + " but " + b);
  }
  return out;
}

void KeepVisibleTo(ScanResult& r, const Viewer& v, const OwnersIndex* owners) {
  std::set<std::string> visible;
  std::vector<ModuleScan> modules;
  for (ModuleScan& m : r.modules)
    if (MaySeeModule(ModulePeople(owners, m.module, m.path), v)) {
      visible.insert(m.module);
      modules.push_back(std::move(m));
    }
  r.modules = std::move(modules);
  std::erase_if(r.findings, [&](const ScanFinding& f) { return !visible.count(f.module); });
}

json ScanToJson(const ScanResult& r) {
  json modules = json::array(), findings = json::array();
  for (const ModuleScan& m : r.modules)
    modules.push_back({{"module", m.module}, {"path", m.path}, {"version", m.version}, {"version_source", m.version_source},
                       {"commit", m.commit}, {"clone", m.clone_state}, {"candidates", m.candidates}, {"findings", m.findings}});
  for (const ScanFinding& f : r.findings) {
    json j = {{"module", f.module}, {"path", f.path}, {"component", f.component}, {"component_path", f.component_path},
              {"vulnerability", f.vuln}, {"aliases", f.aliases},
              {"summary", f.summary}, {"how", f.how}, {"matched_by", f.matched_by}, {"version", f.version},
              {"commit", f.commit}, {"fixed", f.fixed}, {"detail", f.detail}, {"suppressed", f.suppressed},
              {"fix_blocked_by", f.fix_blocked_by}};
    if (f.vex)
      j["vex"] = {{"status", f.vex->status}, {"justification", f.vex->justification},
                  {"status_notes", f.vex->status_notes}, {"impact_statement", f.vex->impact_statement},
                  {"source", f.vex_source}, {"author", f.vex_author}};
    findings.push_back(std::move(j));
  }
  return {{"manifest", r.manifest}, {"records", r.records}, {"modules", modules}, {"findings", findings},
          {"constraints", ConstraintCheckToJson(r.constraints)},
          {"vulnerable", r.Unsuppressed()}, {"suppressed", r.findings.size() - r.Unsuppressed()}};
}

json ScanToSarif(const ScanResult& r, const std::string& tool_version) {
  json rules = json::array(), results = json::array();
  std::set<std::string> seen;
  for (const ScanFinding& f : r.findings) {
    if (seen.insert(f.vuln).second)
      rules.push_back({{"id", f.vuln},
                       {"shortDescription", {{"text", f.summary.empty() ? f.vuln : f.summary}}},
                       {"helpUri", "https://osv.dev/vulnerability/" + f.vuln}});
    std::string text = f.module + " " + (f.version.empty() ? f.commit : f.version) + " is affected by " + f.vuln;
    if (!f.component.empty())
      text = f.module + " bundles " + f.component + " " + f.component_version + " at " + f.component_path +
             ", which is affected by " + f.vuln;
    if (!f.fixed.empty()) text += "; fixed in " + f.fixed.front();
    json res = {{"ruleId", f.vuln},
                {"level", "error"},
                {"message", {{"text", text}}},
                {"locations", json::array({{{"physicalLocation",
                                             {{"artifactLocation", {{"uri", r.manifest}}},
                                              {"region", {{"startLine", std::max(1, f.manifest_line)}}}}}}})}};
    if (f.suppressed && f.vex)
      res["suppressions"] = json::array({{{"kind", "external"},
                                          {"status", "accepted"},
                                          {"justification", f.vex->status + (f.vex->justification.empty() ? "" : ": " + f.vex->justification)}}});
    results.push_back(std::move(res));
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", json::array({{{"tool", {{"driver", {{"name", "psirt"}, {"version", tool_version},
                                                         {"rules", rules}}}}},
                                 {"results", results}}})}};
}

}  // namespace psirt
