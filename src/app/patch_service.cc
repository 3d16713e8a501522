// Embargoed fix series: attach, check on the policy branches, rebase.
#include "app/patch_service.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <thread>

#include "app/command_runner.h"

#include "core/event_payloads.h"
#include "core/versions.h"
#include "app/patch_file.h"
#include "git/patch_apply.h"
#include "git/repo_reader.h"

namespace psirt {
namespace {

constexpr size_t kMaxSeriesBytes = 8 << 20;  // a fix series, not a release

// The patches of `text` as the engine takes them, with their patch-ids.
Result<std::vector<git::SeriesPatch>> EnginePatches(const std::string& text, const std::string& name) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<ParsedPatch> parsed, ParsePatchFile(text, name));
  std::vector<git::SeriesPatch> out;
  for (ParsedPatch& p : parsed) {
    git::SeriesPatch s;
    Result<std::string> id = git::PatchApplier::PatchIdOf(p.diff);
    if (!id.ok()) return std::move(Status::Invalid("the diff of \"" + p.subject + "\" cannot be read: " + id.status().message()).At(name, p.line));
    s.patch_id = *id;
    s.diff = std::move(p.diff);
    s.subject = p.subject;
    s.author = p.author;
    s.message = p.message;
    s.commit = p.from_commit;
    s.files = std::move(p.files);
    if (Result<Timestamp> t = Timestamp::Parse(p.date); t.ok()) s.time = t->unix_seconds();
    out.push_back(std::move(s));
  }
  return out;
}

Result<FoldedAdvisory> Load(AdvisoryService& advisories, const std::string& id) {
  PSIRT_ASSIGN_OR_RETURN(std::vector<Event> history, advisories.History(id));
  PSIRT_ASSIGN_OR_RETURN(Advisory a, Fold(history));
  return FoldedAdvisory{std::move(a), std::move(history)};
}

// The current series of `a` as the engine takes it.
Result<std::vector<git::SeriesPatch>> CurrentSeries(Store& store, const Advisory& a) {
  if (a.patch_series.empty()) return Status::NotFound(a.id + " has no patch series: psirt patch add " + a.id + " FILE...");
  PSIRT_ASSIGN_OR_RETURN(std::string text, PatchSeriesText(store, a, a.patch_series.back().number));
  return EnginePatches(text, "series " + std::to_string(a.patch_series.back().number));
}

}  // namespace

Result<std::string> PatchSeriesText(Store& store, const Advisory& a, int number) {
  auto s = std::find_if(a.patch_series.begin(), a.patch_series.end(), [&](const PatchSeries& x) { return x.number == number; });
  if (s == a.patch_series.end()) return std::move(Status::NotFound(a.id + " has no patch series " + std::to_string(number)).Field("series"));
  std::optional<AttachmentRecord> found;
  PSIRT_RETURN_IF_ERROR(store.Read([&](StoreTx& tx) -> Status {
    PSIRT_ASSIGN_OR_RETURN(found, tx.GetAttachment(s->attachment));
    return Status::Ok();
  }));
  if (!found || found->advisory != a.id) return Status::Internal("the text of " + a.id + "'s patch series is missing");
  return found->data;
}

PatchService::PatchService(AdvisoryService advisories, Store& store, const WorkspaceConfig& config, const Clock& clock,
                           std::string repo_dir)
    : store_(store), config_(config), clock_(clock), repo_dir_(std::move(repo_dir)), advisories_(std::move(advisories)) {}

Result<PatchSeries> PatchService::Add(const std::string& actor, const std::string& id, const PatchSource& source) {
  if (source.files.empty() == source.commits.empty())
    return Status::Usage("give patch files, or --commit SHA (one or more), not both");
  // Everything read and checked before anything is stored.
  std::string text;
  std::vector<git::SeriesPatch> patches;
  if (!source.commits.empty()) {
    PSIRT_ASSIGN_OR_RETURN(git::PatchApplier repo, git::PatchApplier::Open(repo_dir_));
    for (const std::string& c : source.commits) {
      PSIRT_ASSIGN_OR_RETURN(std::string one, repo.FormatCommit(c));
      text += one;
    }
    PSIRT_ASSIGN_OR_RETURN(patches, EnginePatches(text, "the commits"));
  } else {
    for (const InputFile& f : source.files) {
      PSIRT_ASSIGN_OR_RETURN(std::vector<git::SeriesPatch> some, EnginePatches(f.text, f.name));
      patches.insert(patches.end(), some.begin(), some.end());
      text += f.text;
      if (!text.empty() && text.back() != '\n') text += '\n';
    }
  }
  if (text.size() > kMaxSeriesBytes) return Status::Invalid("the series is larger than 8 MiB");
  PatchSeries series;
  for (const git::SeriesPatch& p : patches) series.patches.push_back({p.subject, p.author, p.patch_id, p.commit, p.files});
  PSIRT_ASSIGN_OR_RETURN(Change c, advisories_.RecordTx(actor, id, Action::kFix,
                                                        [&](StoreTx& tx, const Advisory& a) -> Result<std::vector<ev::Draft>> {
                                                          series.number = a.patch_series.empty() ? 1 : a.patch_series.back().number + 1;
                                                          AttachmentRecord r;
                                                          r.advisory = a.id;
                                                          r.name = "patch-series-" + std::to_string(series.number) + ".mbox";
                                                          r.content_type = "application/mbox";
                                                          r.data = text;
                                                          r.size = static_cast<std::int64_t>(text.size());
                                                          r.created_at = clock_.Now();
                                                          PSIRT_ASSIGN_OR_RETURN(series.attachment, tx.PutAttachment(r));
                                                          return std::vector<ev::Draft>{ev::PatchAdded{series}};
                                                        }));
  (void)c;
  return series;
}

Result<std::vector<std::string>> PatchService::PolicyBranches() {
  PSIRT_ASSIGN_OR_RETURN(git::RepoReader reader, git::RepoReader::Open(repo_dir_));
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::RefInfo> refs, reader.Refs(config_.releases.pr_ref_pattern));
  std::vector<std::string> names;
  for (const git::RefInfo& r : refs)
    if (r.kind == git::RefInfo::Kind::kBranch) names.push_back(r.short_name);
  std::vector<std::string> out = {config_.releases.main_branch};
  for (const ReleaseBranch& b : ReleaseBranches(config_.releases, names))
    if (b.required) out.push_back(b.name);
  return out;
}

Result<PatchCheckOutcome> PatchService::Check(const std::string& actor, const std::string& id, std::vector<std::string> branches) {
  PSIRT_ASSIGN_OR_RETURN(FoldedAdvisory f, Load(advisories_, id));
  const Advisory& a = f.advisory;
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::SeriesPatch> patches, CurrentSeries(store_, a));
  const PatchSeries& series = a.patch_series.back();
  if (branches.empty()) {
    PSIRT_ASSIGN_OR_RETURN(branches, PolicyBranches());
  }
  PSIRT_ASSIGN_OR_RETURN(git::PatchApplier repo, git::PatchApplier::Open(repo_dir_));
  // The series' base (the parent of its first commit, when the clone has
  // it): nothing before it can hold the fix.
  std::vector<std::string> hide;
  if (!patches.front().commit.empty()) {
    PSIRT_ASSIGN_OR_RETURN(std::string base, repo.ParentOf(patches.front().commit));
    if (!base.empty()) hide.push_back(base);
  }
  const std::vector<std::string> files = series.Files();
  PatchCheckOutcome out;
  out.series = series.number;
  std::vector<PatchCheckResult> fresh;
  for (const std::string& branch : branches) {
    PSIRT_ASSIGN_OR_RETURN(std::string tip, repo.Resolve(branch));
    auto known = std::find_if(a.patch_checks.begin(), a.patch_checks.end(), [&](const PatchCheckResult& r) {
      return r.branch == branch && r.tip == tip && r.series_key == series.Key();
    });
    if (known != a.patch_checks.end()) {
      out.results.push_back(*known);
      out.cached.push_back(true);
      continue;
    }
    PatchCheckResult r;
    r.branch = branch;
    r.tip = tip;
    r.series = series.number;
    r.series_key = series.Key();
    PSIRT_ASSIGN_OR_RETURN(r.present, repo.FindPresent(tip, hide, patches, files));
    if (std::none_of(r.present.begin(), r.present.end(), [](const std::string& c) { return c.empty(); })) {
      r.fit = PatchFit::kPresent;
    } else {
      PSIRT_ASSIGN_OR_RETURN(git::SeriesFit fit, repo.Apply(tip, patches));
      r.fit = fit.applies ? PatchFit::kApplies : PatchFit::kConflicts;
      r.three_way = fit.three_way;
      for (const git::FileConflict& c : fit.conflicts) r.conflicts.push_back({c.patch, c.file, c.hunks});
    }
    out.results.push_back(r);
    out.cached.push_back(false);
    fresh.push_back(std::move(r));
  }
  if (!fresh.empty())
    PSIRT_RETURN_IF_ERROR(advisories_
                              .Record(actor, a.id, Action::kFix,
                                      [&](const Advisory&) -> Result<std::vector<ev::Draft>> {
                                        return std::vector<ev::Draft>{ev::PatchChecked{fresh}};
                                      })
                              .status());
  return out;
}

namespace {

constexpr const char* kWorktreePrefix = "psirt-wt-";
constexpr size_t kOutputCap = 32 * 1024;

bool ProcessAlive(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

// One branch: apply, make the worktree, run, remove the worktree.
PatchTestResult TestOnBranch(const std::string& repo_dir, const std::string& branch, const std::vector<git::SeriesPatch>& patches,
                             const PatchSeries& series, const PatchTestInfo& test, const PatchTestOptions& o, int n) {
  PatchTestResult r;
  r.branch = branch;
  r.series = series.number;
  r.series_key = series.Key();
  auto fail = [&](const Status& st) {
    r.result = "failed";
    r.exit_code = -1;
    r.output = "psirt: " + st.ToString();
    return r;
  };
  Result<git::PatchApplier> repo = git::PatchApplier::Open(repo_dir);
  if (!repo.ok()) return fail(repo.status());
  Result<std::string> tip = repo->Resolve(branch);
  if (!tip.ok()) return fail(tip.status());
  r.tip = *tip;
  Result<git::SeriesFit> fit = repo->Apply(*tip, patches);
  if (!fit.ok()) return fail(fit.status());
  if (!fit->applies) {
    r.result = "not-applied";
    r.output = "the series does not apply on " + branch + " (psirt patch check)";
    return r;
  }
  std::string base = o.temp_dir;
  if (base.empty()) base = std::getenv("TMPDIR") && *std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
  std::string name = kWorktreePrefix + std::to_string(::getpid()) + "-" + std::to_string(n);
  std::string tmpl = base + "/" + name + "-XXXXXX";
  if (!::mkdtemp(tmpl.data())) return fail(Status::Io(base + ": cannot make a temporary directory"));
  const std::string parent = tmpl, path = parent + "/src";
  Status added = repo->AddWorktree(name, path, *tip, fit->trees.back());
  if (added.ok()) {
    Result<CommandRun> run = RunShellCommand(test.command, path, test.timeout_seconds, kOutputCap, o.cancel);
    if (run.ok()) {
      r.exit_code = run->exit_code;
      r.seconds = run->seconds;
      r.output = run->output;
      r.result = run->cancelled ? "cancelled" : run->timed_out ? "timed-out" : run->exit_code == 0 ? "passed" : "failed";
    } else {
      fail(run.status());
    }
  } else {
    fail(added);
  }
  Status removed = repo->RemoveWorktree(name);
  std::error_code ec;
  std::filesystem::remove_all(parent, ec);
  if (!removed.ok()) r.output += "\npsirt: " + removed.ToString();
  return r;
}

}  // namespace

Result<std::vector<PatchTestResult>> PatchService::Test(const std::string& actor, const std::string& id, const PatchTestOptions& o) {
  const PatchTestInfo& test = config_.patch;
  if (test.command.empty())
    return std::move(Status::Invalid("psirt.yml sets no patch.test_command (the command that builds and tests a branch)").Field("patch.test_command"));
  PSIRT_ASSIGN_OR_RETURN(FoldedAdvisory f, Load(advisories_, id));
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::SeriesPatch> patches, CurrentSeries(store_, f.advisory));
  const PatchSeries series = f.advisory.patch_series.back();
  std::vector<std::string> branches = o.branches;
  if (branches.empty()) {
    PSIRT_ASSIGN_OR_RETURN(branches, PolicyBranches());
  }
  {
    PSIRT_ASSIGN_OR_RETURN(git::PatchApplier repo, git::PatchApplier::Open(repo_dir_));
    PSIRT_RETURN_IF_ERROR(repo.PruneStaleWorktrees(kWorktreePrefix, ProcessAlive).status());
  }
  std::vector<PatchTestResult> results(branches.size());
  std::mutex mu;
  size_t next = 0;
  auto worker = [&]() {
    while (true) {
      size_t i;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (next >= branches.size() || (o.cancel && o.cancel->load())) return;
        i = next++;
      }
      results[i] = TestOnBranch(repo_dir_, branches[i], patches, series, test, o, static_cast<int>(i));
    }
  };
  std::vector<std::thread> pool;
  int jobs = std::max(1, std::min<int>(o.jobs, static_cast<int>(branches.size())));
  for (int j = 0; j < jobs; ++j) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  std::vector<ev::Draft> drafts;
  std::vector<PatchTestResult> done;
  for (PatchTestResult& r : results)
    if (!r.branch.empty()) {
      drafts.push_back(ev::PatchTested{r});
      done.push_back(r);
    }
  if (!drafts.empty())
    PSIRT_RETURN_IF_ERROR(
        advisories_.Record(actor, f.advisory.id, Action::kFix, [&](const Advisory&) -> Result<std::vector<ev::Draft>> { return drafts; })
            .status());
  if (o.cancel && o.cancel->load()) return Status::Io("interrupted: the test commands were stopped and their worktrees removed");
  return done;
}

Result<PatchBackportOutcome> PatchService::Backport(const std::string& id, const std::string& branch) {
  PSIRT_ASSIGN_OR_RETURN(FoldedAdvisory f, Load(advisories_, id));
  PSIRT_ASSIGN_OR_RETURN(std::vector<git::SeriesPatch> patches, CurrentSeries(store_, f.advisory));
  PSIRT_ASSIGN_OR_RETURN(git::PatchApplier repo, git::PatchApplier::Open(repo_dir_));
  PatchBackportOutcome out;
  out.branch = branch;
  PSIRT_ASSIGN_OR_RETURN(out.onto, repo.Resolve(branch));
  PSIRT_ASSIGN_OR_RETURN(git::SeriesFit fit, repo.Apply(out.onto, patches));
  out.applies = fit.applies;
  if (fit.applies) {
    PSIRT_ASSIGN_OR_RETURN(out.patches, repo.FormatRebased(out.onto, patches, fit));
  } else {
    for (const git::FileConflict& c : fit.conflicts) out.conflicts.push_back({c.patch, c.file, c.hunks, c.merged});
  }
  return out;
}

}  // namespace psirt
