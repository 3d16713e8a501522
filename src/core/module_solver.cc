// Module revisions chosen with libsolv (see module_solver.h).
//
// The encoding: every candidate revision is a solvable named after its
// module, its EVR the candidate's rank in psirt's version order (so
// libsolv's "best" is psirt's newest), noarch. A requirement "mbedtls
// >=3.6.0, <3.7.0" becomes one token, provided by exactly the mbedtls
// candidates the constraint allows (psirt's own constraint semantics, not
// rpm's), and required by every candidate that declares it. One job per
// module installs its name; libsolv's same-name rule lets a module take
// one revision. For minimal-change the pins form the installed repository
// (libsolv keeps an installed solvable unless a rule forces it out; moves,
// downgrades included, are allowed; a verify job makes the pins' own
// requirements count); for newest there is none and libsolv
// prefers the highest EVR. A --with is a job installing one of the
// candidates its constraint allows.
#include "core/module_solver.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "core/version_ranges.h"

// libsolv's Solvable has a field named `requires`, a keyword in C++20: the
// headers are read with the field renamed (the layout is the same).
#define requires solv_requires
extern "C" {
#include <solv/pool.h>
#include <solv/poolarch.h>
#include <solv/problems.h>
#include <solv/repo.h>
#include <solv/solver.h>
}
#undef requires

namespace psirt {
namespace {

struct PoolFree {
  void operator()(Pool* p) const { pool_free(p); }
};
struct SolverFree {
  void operator()(Solver* s) const { solver_free(s); }
};

// A libsolv Queue that frees itself.
struct SolvQueue {
  Queue q;
  SolvQueue() { queue_init(&q); }
  ~SolvQueue() { queue_free(&q); }
  SolvQueue(const SolvQueue&) = delete;
  SolvQueue& operator=(const SolvQueue&) = delete;
};

// A requirement shared by every candidate that declares it: a module at a constraint.
struct Token {
  std::string module, constraint;
  std::vector<std::pair<int, int>> providers;  // (module, candidate)
  bool module_known = false;
};

// One candidate's requirement (for the explanation).
struct Need {
  int token;
  const ModuleRequirement* req;
};

class Encoding {
 public:
  explicit Encoding(const SolveRequest& r) : r_(r) {}

  void Build(SolveOutcome& out);
  Result<SolveOutcome> Solve(SolveOutcome out);

 private:
  void CollectNeeds(SolveOutcome& out);
  int TokenFor(const ModuleRequirement& req);
  std::string CandidateName(Id p) const;
  std::string Explain(Solver* solv, Id rule, const std::vector<std::string>& job_words) const;
  std::string NeedWords(Id source, Id dep) const;

  const SolveRequest& r_;
  std::unique_ptr<Pool, PoolFree> pool_{pool_create()};
  std::map<std::string, int> module_index_;
  std::vector<Token> tokens_;
  std::map<std::string, int> token_index_;
  std::vector<std::vector<std::vector<Need>>> needs_;  // [module][candidate]
  std::vector<std::vector<Id>> solvable_;              // [module][candidate]
  std::map<Id, std::pair<int, int>> candidate_of_;     // solvable -> (module, candidate)
  std::map<Id, int> token_of_;                         // token's dependency id -> token
};

int Encoding::TokenFor(const ModuleRequirement& req) {
  std::string key = req.module + " " + req.constraint.text();
  auto [it, fresh] = token_index_.emplace(key, static_cast<int>(tokens_.size()));
  if (!fresh) return it->second;
  Token t;
  t.module = req.module, t.constraint = req.constraint.text();
  auto m = module_index_.find(req.module);
  if (m != module_index_.end()) {
    t.module_known = true;
    const SolveModule& target = r_.modules[static_cast<size_t>(m->second)];
    for (size_t c = 0; c < target.candidates.size(); ++c) {
      const std::string& v = target.candidates[c].version;
      if (v.empty() || req.constraint.Allows(v)) t.providers.emplace_back(m->second, static_cast<int>(c));
    }
  }
  tokens_.push_back(std::move(t));
  return it->second;
}

void Encoding::CollectNeeds(SolveOutcome& out) {
  std::set<std::string> noted;
  needs_.resize(r_.modules.size());
  for (size_t m = 0; m < r_.modules.size(); ++m) {
    const SolveModule& mod = r_.modules[m];
    needs_[m].resize(mod.candidates.size());
    for (size_t c = 0; c < mod.candidates.size(); ++c) {
      const ModuleCandidate& cand = mod.candidates[c];
      std::vector<const ModuleRequirement*> reqs;
      for (const ModuleRequirement& q : cand.needs) reqs.push_back(&q);
      for (const ConstraintRule& rule : r_.rules)
        if (rule.module == mod.module && (!rule.applies_to || (!cand.version.empty() && rule.applies_to->Allows(cand.version))))
          for (const ModuleRequirement& q : rule.needs) reqs.push_back(&q);
      for (const ModuleRequirement* q : reqs) {
        std::string note;
        if (!RequirementHolds(q->when, r_.context, note)) continue;
        if (!note.empty() && noted.insert(note).second) out.notes.push_back(note);
        needs_[m][c].push_back({TokenFor(*q), q});
      }
    }
  }
  for (const Token& t : tokens_)
    for (auto [m, c] : t.providers)
      if (r_.modules[static_cast<size_t>(m)].candidates[static_cast<size_t>(c)].version.empty() &&
          noted.insert("unknown:" + t.module).second)
        out.notes.push_back(t.module + "'s version is unknown, so requirements on it (" + t.constraint +
                            ", ...) are assumed to hold");
}

void Encoding::Build(SolveOutcome& out) {
  for (size_t m = 0; m < r_.modules.size(); ++m) module_index_[r_.modules[m].module] = static_cast<int>(m);
  CollectNeeds(out);
  Pool* pool = pool_.get();
  pool_setarch(pool, "noarch");
  Repo* tags = repo_create(pool, "tags");
  Repo* pins = r_.prefer == SolveRequest::Prefer::kMinimalChange ? repo_create(pool, "pins") : nullptr;
  // What each candidate provides: itself, and the tokens it satisfies.
  std::vector<std::vector<std::vector<Id>>> provides(r_.modules.size());
  for (size_t m = 0; m < r_.modules.size(); ++m) provides[m].resize(r_.modules[m].candidates.size());
  for (size_t t = 0; t < tokens_.size(); ++t) {
    Id id = pool_str2id(pool, ("needs(" + tokens_[t].module + " " + tokens_[t].constraint + ")").c_str(), 1);
    token_of_[id] = static_cast<int>(t);
    for (auto [m, c] : tokens_[t].providers) provides[static_cast<size_t>(m)][static_cast<size_t>(c)].push_back(id);
  }
  std::vector<Id> token_ids(tokens_.size());
  for (const auto& [id, t] : token_of_) token_ids[static_cast<size_t>(t)] = id;
  solvable_.resize(r_.modules.size());
  for (size_t m = 0; m < r_.modules.size(); ++m) {
    const SolveModule& mod = r_.modules[m];
    std::vector<size_t> order(mod.candidates.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return CompareVersions(mod.candidates[a].version, mod.candidates[b].version) < 0;
    });
    std::vector<int> rank(order.size());
    for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<int>(i) + 1;
    Id name = pool_str2id(pool, mod.module.c_str(), 1);
    solvable_[m].resize(mod.candidates.size());
    for (size_t c = 0; c < mod.candidates.size(); ++c) {
      Repo* repo = pins && static_cast<int>(c) == mod.current ? pins : tags;
      Id p = repo_add_solvable(repo);
      Solvable* s = pool_id2solvable(pool, p);
      s->name = name;
      s->evr = pool_str2id(pool, std::to_string(rank[c]).c_str(), 1);
      s->arch = ARCH_NOARCH;
      s->provides = repo_addid_dep(repo, s->provides, pool_rel2id(pool, name, s->evr, REL_EQ, 1), 0);
      for (Id id : provides[m][c]) s->provides = repo_addid_dep(repo, s->provides, id, 0);
      for (const Need& n : needs_[m][c])
        s->solv_requires = repo_addid_dep(repo, s->solv_requires, token_ids[static_cast<size_t>(n.token)], 0);
      solvable_[m][c] = p;
      candidate_of_[p] = {static_cast<int>(m), static_cast<int>(c)};
    }
  }
  if (pins) pool_set_installed(pool, pins);
  pool_createwhatprovides(pool);
}

std::string Encoding::CandidateName(Id p) const {
  auto [m, c] = candidate_of_.at(p);
  const SolveModule& mod = r_.modules[static_cast<size_t>(m)];
  const ModuleCandidate& cand = mod.candidates[static_cast<size_t>(c)];
  std::string s = mod.module + " " + (cand.version.empty() ? "(version unknown)" : cand.version);
  if (!cand.tag.empty() && cand.tag != cand.version) s += " (" + cand.tag + ")";
  if (c == mod.current) s += cand.tag.empty() ? " (the pin)" : ", the pin";
  return s;
}

// "trusted-firmware-m 1.6.0 (TF-Mv1.6.0) requires mbedtls 3.1.* when
// CONFIG_BUILD_WITH_TFM (tf-m/zephyr/module.yml:5)".
std::string Encoding::NeedWords(Id source, Id dep) const {
  auto [m, c] = candidate_of_.at(source);
  auto t = token_of_.find(dep);
  if (t == token_of_.end()) return CandidateName(source) + " has a requirement psirt did not make";
  for (const Need& n : needs_[static_cast<size_t>(m)][static_cast<size_t>(c)])
    if (n.token == t->second)
      return CandidateName(source) + " requires " + n.req->module + " " + n.req->constraint.text() +
             (n.req->when.empty() ? "" : " when " + n.req->when) + " (" + SourceAt(n.req->file, n.req->line) + ")";
  return CandidateName(source) + " requires " + tokens_[static_cast<size_t>(t->second)].module;
}

std::string Encoding::Explain(Solver* solv, Id rule, const std::vector<std::string>& job_words) const {
  Id source = 0, target = 0, dep = 0;
  SolverRuleinfo type = solver_ruleinfo(solv, rule, &source, &target, &dep);
  switch (type) {
    case SOLVER_RULE_JOB: {
      int idx = solver_rule2jobidx(solv, rule) / 2;
      if (idx >= 0 && static_cast<size_t>(idx) < job_words.size()) return job_words[static_cast<size_t>(idx)];
      break;
    }
    case SOLVER_RULE_PKG_REQUIRES: {
      std::string s = NeedWords(source, dep);
      auto t = token_of_.find(dep);
      if (t != token_of_.end()) {
        std::vector<std::string> allowed;
        for (auto [m, c] : tokens_[static_cast<size_t>(t->second)].providers)
          allowed.push_back(r_.modules[static_cast<size_t>(m)].candidates[static_cast<size_t>(c)].version);
        std::sort(allowed.begin(), allowed.end(), [](const std::string& a, const std::string& b) { return CompareVersions(a, b) < 0; });
        std::string list;
        for (const std::string& v : allowed) list += (list.empty() ? "" : ", ") + v;
        s += ", which of " + tokens_[static_cast<size_t>(t->second)].module + "'s revisions only " + list + " satisfy";
      }
      return s;
    }
    case SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP: {
      auto t = token_of_.find(dep);
      if (t == token_of_.end()) break;
      const Token& tok = tokens_[static_cast<size_t>(t->second)];
      if (!tok.module_known) return NeedWords(source, dep) + ", and the manifest has no active project " + tok.module;
      const SolveModule& mod = r_.modules[static_cast<size_t>(module_index_.at(tok.module))];
      return NeedWords(source, dep) + ", and no revision of " + tok.module + " on offer satisfies it (" +
             CandidateVersions(mod) + ")";
    }
    case SOLVER_RULE_PKG_SAME_NAME:
    case SOLVER_RULE_PKG_IMPLICIT_OBSOLETES:
      if (candidate_of_.count(source) && candidate_of_.count(target))
        return "a module takes one revision: " + CandidateName(source) + " or " + CandidateName(target) + ", not both";
      break;
    case SOLVER_RULE_UPDATE:
    case SOLVER_RULE_FEATURE:
      if (candidate_of_.count(source)) return CandidateName(source) + " stays unless a constraint moves it";
      break;
    default:
      break;
  }
  return solver_problemruleinfo2str(solv, type, source, target, dep);
}

Result<SolveOutcome> Encoding::Solve(SolveOutcome out) {
  Pool* pool = pool_.get();
  SolvQueue job;
  std::vector<std::string> job_words;
  for (size_t m = 0; m < r_.modules.size(); ++m) {
    const SolveModule& mod = r_.modules[m];
    queue_push2(&job.q, SOLVER_INSTALL | SOLVER_SOLVABLE_NAME, pool_str2id(pool, mod.module.c_str(), 0));
    job_words.push_back("the manifest has project " + mod.module + " (" + SourceAt(mod.manifest_file, mod.manifest_line) + ")");
  }
  for (const SolveWith& w : r_.with) {
    auto m = module_index_.find(w.module);
    if (m == module_index_.end())
      return Status::Invalid("--with " + w.text + ": " + w.module + " is no active project of the manifest");
    const SolveModule& mod = r_.modules[static_cast<size_t>(m->second)];
    SolvQueue one;
    for (size_t c = 0; c < mod.candidates.size(); ++c)
      if (!mod.candidates[c].version.empty() && w.constraint.Allows(mod.candidates[c].version))
        queue_push(&one.q, solvable_[static_cast<size_t>(m->second)][c]);
    if (one.q.count == 0)
      return Status::Invalid("--with " + w.text + ": no release tag of " + w.module + " has a version " + w.constraint.text() +
                             " allows (" + CandidateVersions(mod) + ")");
    queue_push2(&job.q, SOLVER_INSTALL | SOLVER_SOLVABLE_ONE_OF, pool_queuetowhatprovides(pool, &one.q));
    job_words.push_back("--with " + w.text + " asks for " + w.module + " " + w.constraint.text());
  }
  // libsolv leaves an installed solvable's broken requirements alone
  // unless asked to verify them: the pins must satisfy them like any choice.
  queue_push2(&job.q, SOLVER_VERIFY | SOLVER_SOLVABLE_ALL, 0);
  job_words.push_back("every pin's requirements must hold");
  std::unique_ptr<Solver, SolverFree> solver(solver_create(pool));
  solver_set_flag(solver.get(), SOLVER_FLAG_ALLOW_DOWNGRADE, 1);
  solver_set_flag(solver.get(), SOLVER_FLAG_ALLOW_VENDORCHANGE, 1);
  if (r_.prefer == SolveRequest::Prefer::kNewest) solver_set_flag(solver.get(), SOLVER_FLAG_FOCUS_BEST, 1);
  if (solver_solve(solver.get(), &job.q) != 0) {
    std::set<std::string> seen;
    for (Id problem = 0; (problem = solver_next_problem(solver.get(), problem)) != 0;) {
      SolvQueue rules;
      solver_findallproblemrules(solver.get(), problem, &rules.q);
      for (int i = 0; i < rules.q.count; ++i) {
        std::string line = Explain(solver.get(), rules.q.elements[i], job_words);
        if (seen.insert(line).second) out.explanation.push_back(std::move(line));
      }
    }
    // Requirements and the jobs first, then what they exclude.
    std::stable_partition(out.explanation.begin(), out.explanation.end(),
                          [](const std::string& s) { return s.rfind("a module takes one revision", 0) != 0; });
    out.explanation.push_back("So no choice of revisions satisfies every constraint" +
                              std::string(r_.with.empty() ? "." : " together with the --with requests."));
    return out;
  }
  SolvQueue decisions;
  solver_get_decisionqueue(solver.get(), &decisions.q);
  out.chosen.assign(r_.modules.size(), -1);
  for (int i = 0; i < decisions.q.count; ++i) {
    Id p = decisions.q.elements[i];
    auto it = p > 0 ? candidate_of_.find(p) : candidate_of_.end();
    if (it == candidate_of_.end()) continue;
    int& slot = out.chosen[static_cast<size_t>(it->second.first)];
    if (slot >= 0 && slot != it->second.second)
      return Status::Internal("libsolv chose two revisions of " + r_.modules[static_cast<size_t>(it->second.first)].module);
    slot = it->second.second;
  }
  for (size_t m = 0; m < out.chosen.size(); ++m)
    if (out.chosen[m] < 0) return Status::Internal("libsolv chose no revision of " + r_.modules[m].module);
  out.solved = true;
  return out;
}

}  // namespace

std::string CandidateVersions(const SolveModule& m) {
  std::vector<std::string> v;
  for (const ModuleCandidate& c : m.candidates) v.push_back(c.version.empty() ? "unknown" : c.version);
  std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) { return CompareVersions(a, b) < 0; });
  v.erase(std::unique(v.begin(), v.end()), v.end());
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "none" : s;
}

Result<SolveOutcome> SolveModuleVersions(const SolveRequest& request) {
  for (const SolveModule& m : request.modules)
    if (m.candidates.empty()) return Status::Invalid(m.module + " has no revision to choose from");
  Encoding e(request);
  SolveOutcome out;
  e.Build(out);
  return e.Solve(std::move(out));
}

}  // namespace psirt
