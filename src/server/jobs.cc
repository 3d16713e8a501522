// Scheduled jobs with a lease so one instance runs each at a time.
#include "server/jobs.h"

#include "app/cve_service.h"
#include "app/full_sync.h"
#include "app/github_service.h"
#include "app/intake_service.h"
#include "app/job_ledger.h"
#include "app/notify_service.h"
#include "app/sync_service.h"
#include "server/server.h"

namespace psirt {

Result<std::optional<JobAnswer>> RunJob(ServerContext& ctx, const std::string& job, bool read_github) {
  if (job != "sync" && job != "fetch" && job != "notify" && job != "intake" && job != "github" && job != "cve-update")
    return Status::Invalid("unknown job '" + job + "' (sync, fetch, notify, intake, github, cve-update)");
  PSIRT_ASSIGN_OR_RETURN(StorePool::Lease store, ctx.pool->Acquire());
  Timestamp now = ctx.clock.Now();
  JobLedger ledger(*store, ctx.clock, ctx.options.instance);
  PSIRT_ASSIGN_OR_RETURN(bool mine, ledger.Take(job));
  if (!mine) return std::optional<JobAnswer>();
  JobAnswer run;
  run.job = job;
  run.instance = ctx.options.instance;
  run.started_at = now;
  Status st;
  if (job == "sync" || job == "fetch") {
    // The one sync (app/full_sync.h): fetched first for "fetch", linked PRs
    // from GitHub when a repository is configured, then git.
    FullSyncOptions o;
    o.fetch = job == "fetch";
    o.github = read_github;
    Store& s = *store;
    o.open_github = [&] { return ctx.Github(s, AdvisoryService(s, ctx.config(), ctx.clock)); };
    auto report = FullSync(s, ctx.config(), ctx.workspace.RepositoryDir(), ctx.clock, o);
    if (report.ok()) {
      run.report = ToJson(*report);
      run.message = std::to_string(report->git.advisories) + " advisories checked, " + std::to_string(report->git.changed) +
                    " changed";
      if (report->fetched) run.message = "fetched " + std::to_string(report->fetched->objects_received) + " objects; " + run.message;
      if (report->github_read) run.message += "; " + std::to_string(report->github_changes.size()) + " changes from GitHub PRs";
      if (!report->github_status.ok()) st = Status::Io(run.message + "; GitHub PRs not read: " + report->github_status.message());
    } else {
      st = report.status();
    }
  } else if (job == "github") {
    // Every GHSA of the repository, then every open advisory's PRs.
    st = [&]() -> Status {
      const std::string& repo = ctx.config().github.repo;
      if (repo.empty()) return Status::Invalid("psirt.yml names no github.repo");
      PSIRT_ASSIGN_OR_RETURN(auto session, ctx.Github(*store, AdvisoryService(*store, ctx.config(), ctx.clock)));
      PSIRT_ASSIGN_OR_RETURN(GithubPullReport pulled, session->service->Pull(repo));
      PSIRT_ASSIGN_OR_RETURN(GithubPrReport prs, session->service->AllPrs());
      run.message = std::to_string(pulled.advisories) + " GHSAs: " + std::to_string(pulled.created) + " created, " +
                    std::to_string(pulled.updated) + " updated, " + std::to_string(pulled.conflicts.size()) +
                    " conflicts; " + std::to_string(prs.pulls) + " PRs read";
      if (!pulled.errors.empty()) return Status::Invalid(run.message + ": " + pulled.errors.front());
      return Status::Ok();
    }();
  } else if (job == "cve-update") {
    // Every Public advisory whose CVE record changed since psirt sent it.
    st = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(std::unique_ptr<CveServicesClient> client, OpenCveServices(CveServicesAccessOf(ctx.workspace), true));
      CveService svc(*store, ctx.config(), ctx.clock, ctx.workspace.RepositoryDir(), client.get());
      PSIRT_ASSIGN_OR_RETURN(std::vector<CvePublishOutcome> all, svc.UpdateAll(kCveUpdateActor, false));
      int sent = 0;
      for (const CvePublishOutcome& o : all) sent += o.action != "unchanged";
      run.report = {{"records", OutcomesToJson(all)}};
      run.message = std::to_string(sent) + " CVE records updated, " + std::to_string(all.size() - sent) + " unchanged";
      return Status::Ok();
    }();
  } else if (job == "intake") {
    const std::string& maildir = ctx.config().server.intake_maildir;
    if (maildir.empty()) {
      st = Status::Invalid("psirt.yml names no server.intake_maildir");
    } else {
      IntakeService intake(*store, ctx.config(), ctx.clock);
      auto r = intake.FromMaildir(ctx.workspace.Resolve(maildir));
      if (r.ok()) {
        run.message = std::to_string(r->created.size()) + " reports, " + std::to_string(r->replies.size()) + " replies, " +
                      std::to_string(r->failed.size()) + " unreadable";
        if (!r->failed.empty()) st = Status::Invalid(run.message + ": " + r->failed.front());
      } else {
        st = r.status();
      }
    }
  } else {
    NotifyService svc(*store, ctx.config(), ctx.clock);
    auto report = svc.Run(ctx.options.notify);
    if (report.ok()) {
      run.report = ToJson(*report, ctx.options.notify.dry_run);
      run.message = std::to_string(report->sent.size()) + " notices, " + std::to_string(report->failed) + " failed";
      if (report->failed) st = Status::Io(run.message);
    } else {
      st = report.status();
    }
  }
  run.ok = st.ok();
  if (!st.ok()) run.message = st.ToString();
  run.finished_at = ctx.clock.Now();
  PSIRT_RETURN_IF_ERROR(ledger.Finish(run));
  return std::optional<JobAnswer>(std::move(run));
}

}  // namespace psirt
