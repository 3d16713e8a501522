// The CLI's Client on the local workspace (cli/local_client.h).
#include "cli/local_client.h"

#include "app/advisory_reader.h"
#include "app/advisory_views.h"
#include "app/audience_service.h"
#include "app/full_sync.h"
#include "app/github_service.h"
#include "app/notify_service.h"
#include "app/sync_service.h"
#include "base/secret_source.h"
#include "formats/psirt_json.h"
#include "net/http_client.h"
#include "net/smtp_client.h"

namespace psirt::cli {

using nlohmann::json;

Result<json> LocalClient::List(const ListQuery& q) {
  PSIRT_ASSIGN_OR_RETURN(auto rows, ws_.Advisories(clock_).List(q));
  json out = json::array();
  for (const auto& r : rows) out.push_back(SummaryToJson(r, DeadlinesOf(ws_.config.policy, r)));
  return out;
}

Result<json> LocalClient::Get(const std::string& ref) {
  // The local user is the team: the insider's view, as a PSIRT token gets it.
  auto actor = actor_();
  Viewer team{Role::kPsirt, actor.ok() ? *actor : "", "", {}};
  auto r = AdvisoryReader(*ws_.store, ws_.config).Read(ref, team);
  if (!r.ok()) {
    // The reader answers a server's callers alike for hidden and missing;
    // the team at its own workspace is told exactly what is wrong.
    Status why = ws_.Advisories(clock_).Get(ref).status();
    return why.ok() ? r.status() : why;
  }
  return AdvisoryView(*r, team);
}

Result<std::vector<Event>> LocalClient::History(const std::string& ref) { return ws_.Advisories(clock_).History(ref); }

Result<json> LocalClient::Audience(const std::string& ref) {
  PSIRT_ASSIGN_OR_RETURN(Advisory a, ws_.Advisories(clock_).Get(ref));
  // reporting.rst "Need to Know": the team with the accounts, as the server answers.
  PSIRT_ASSIGN_OR_RETURN(auto people, AudienceService(*ws_.store, ws_.config).WhoMaySee(a));
  return AudienceToJson(a, people);
}

Result<json> LocalClient::Act(const std::string& ref, const ActionSpec& action, const json& fields) {
  PSIRT_ASSIGN_OR_RETURN(std::string actor, actor_());
  PSIRT_ASSIGN_OR_RETURN(auto bound, JsonObjectFields(fields, action));
  AdvisoryService svc = ws_.Advisories(clock_);
  PSIRT_ASSIGN_OR_RETURN(Change c, RunBoundAction(svc, actor, ref, action, *bound));
  return ChangeToJson(c, svc.DeadlinesOf(c.advisory));
}

Result<json> LocalClient::Report(const ReportRequest& r) {
  PSIRT_ASSIGN_OR_RETURN(std::string actor, actor_());
  AdvisoryService svc = ws_.Advisories(clock_);
  PSIRT_ASSIGN_OR_RETURN(Change c, svc.Report(actor, r));
  return AdvisoryToJson(c.advisory, svc.DeadlinesOf(c.advisory));
}

Result<json> LocalClient::ReportFromEmail(const EmailReport& r) {
  PSIRT_ASSIGN_OR_RETURN(std::string actor, actor_());
  AdvisoryService svc = ws_.Advisories(clock_);
  PSIRT_ASSIGN_OR_RETURN(std::vector<Change> changes,
                         svc.ReportFromEmail(actor, r.raw, r.file, r.reported_on, r.to_triage, r.description));
  json all = json::array();
  for (const Change& c : changes) all.push_back(AdvisoryToJson(c.advisory, svc.DeadlinesOf(c.advisory)));
  return all;
}

Result<json> LocalClient::Todo(Date as_of) {
  PSIRT_ASSIGN_OR_RETURN(auto tasks, ws_.Agenda().Todo(as_of));
  json items = json::array();
  for (const Task& t : tasks) items.push_back(TaskToJson(t, as_of));
  return json{{"as_of", as_of.ToString()}, {"tasks", items}};
}

Result<json> LocalClient::FixStatus(const std::string& ref, const std::function<void(size_t)>& progress) {
  PSIRT_ASSIGN_OR_RETURN(SyncService svc, ws_.Sync(clock_));
  if (progress) svc.set_progress(progress);
  PSIRT_ASSIGN_OR_RETURN(auto status_of, svc.StatusOf(ref));
  return FixStatusToJson(status_of.first, status_of.second, ws_.config.releases.main_branch, true);
}

Result<json> LocalClient::Import(const std::string& format, const std::vector<InputFile>& files, bool replace) {
  PublishService svc = ws_.Publish(clock_);
  ImportPolicy policy = replace ? ImportPolicy::kReplace : ImportPolicy::kRefuse;
  PSIRT_ASSIGN_OR_RETURN(ImportOutcome r, format == "cve5" ? svc.ImportCve5(files, policy) : svc.ImportZephyrRst(files, policy));
  return json{{"created", r.created}, {"updated", r.updated}, {"unchanged", r.unchanged}, {"ids", r.ids}, {"warnings", r.warnings}};
}

Result<json> LocalClient::Sync(const SyncRequest& r) {
  // The one sync (app/full_sync.h), as the server's job runs it.
  FullSyncOptions o;
  o.fetch = r.fetch;
  o.github = r.github;
  o.progress = r.progress;
  o.open_github = [&] { return Github({}); };
  PSIRT_ASSIGN_OR_RETURN(FullSyncReport report, FullSync(*ws_.store, ws_.config, ws_.RepositoryDir(), clock_, o));
  return ToJson(report);
}

Result<json> LocalClient::Notify(const NotifyRequest& r) {
  NotifyOptions o;
  o.mbox = r.mbox;
  o.dry_run = r.dry_run;
  o.smtp.url = r.smtp;
  o.smtp.require_tls = r.require_tls;
  if (!r.credentials_file.empty()) {
    PSIRT_ASSIGN_OR_RETURN(auto cred, ReadSmtpCredentials(r.credentials_file));
    o.smtp.username = cred.first;
    o.smtp.password = cred.second;
  }
  PSIRT_ASSIGN_OR_RETURN(NotifyReport report, ws_.Notify(clock_).Run(o));
  return ToJson(report, r.dry_run);
}

Result<json> LocalClient::Users() {
  PSIRT_ASSIGN_OR_RETURN(auto users, ws_.Accounts(clock_).List());
  json out = json::array();
  for (const UserRecord& u : users) out.push_back(UserToJson(u));
  return json{{"users", out}};
}

Result<json> LocalClient::AddUser(const NewUser& u) {
  AccountService accounts = ws_.Accounts(clock_);
  PSIRT_RETURN_IF_ERROR(accounts.Add(u));
  PSIRT_ASSIGN_OR_RETURN(UserRecord added, accounts.Get(u.name));
  return UserToJson(added);
}

Result<std::string> LocalClient::IssueToken(const std::string& name) { return ws_.Accounts(clock_).IssueToken(name); }

Result<bool> LocalClient::PasswordNeedsCurrent(const std::string& name) {
  PSIRT_RETURN_IF_ERROR(ws_.Accounts(clock_).Get(name).status());
  return false;  // whoever holds the workspace's database holds every account
}

Status LocalClient::SetPassword(const std::string& name, const std::string& password, const std::string&) {
  return ws_.Accounts(clock_).SetPassword(name, password);
}

Status LocalClient::DisableUser(const std::string& name) { return ws_.Accounts(clock_).Disable(name); }

Result<std::unique_ptr<GithubSession>> LocalClient::Github(const GithubConnection& g) {
  return OpenGithub(*ws_.store, ws_.config, ws_.Advisories(clock_), g.api_url,
                    g.token_file.empty() ? ws_.GithubTokenFile() : g.token_file, &SendHttp);
}

Result<json> LocalClient::GithubPull(const GithubConnection& g, const std::string& repo_arg, const std::string& ghsa) {
  const std::string repo = repo_arg.empty() ? ws_.config.github.repo : repo_arg;
  if (repo.empty()) return Status::Usage("which repository? --repo OWNER/NAME (or github.repo in psirt.yml)");
  PSIRT_ASSIGN_OR_RETURN(auto s, Github(g));
  PSIRT_ASSIGN_OR_RETURN(GithubPullReport r, ghsa.empty() ? s->service->Pull(repo) : s->service->PullOne(repo, ghsa));
  json j = ToJson(r);
  j["repo"] = repo;
  return j;
}

Result<json> LocalClient::GithubPrs(const GithubConnection& g, const std::string& ref) {
  PSIRT_ASSIGN_OR_RETURN(auto s, Github(g));
  PSIRT_ASSIGN_OR_RETURN(GithubPrReport r, s->service->Prs(ref));
  return ToJson(r);
}

Result<json> LocalClient::GithubPlan(const GithubConnection& g, const std::string& verb, const std::string& ref, bool apply) {
  PSIRT_ASSIGN_OR_RETURN(auto s, Github(g));
  Result<GithubPushPlan> plan = verb == "push"          ? s->service->Push(ref, apply)
                                : verb == "request-cve" ? s->service->RequestCve(ref, apply)
                                                        : s->service->Publish(ref, apply);
  if (!plan.ok()) return plan.status();
  return ToJson(*plan);
}

Result<json> LocalClient::GithubResolve(const std::string& ref, const std::string& field, const std::string& take) {
  PSIRT_ASSIGN_OR_RETURN(std::string actor, actor_());
  AdvisoryService adv = ws_.Advisories(clock_);
  StoreAnswerCache cache(*ws_.store);
  GithubClient offline(GithubOptions{}, nullptr, &cache);  // resolving talks to nobody
  GithubService gh(adv, *ws_.store, offline);
  PSIRT_ASSIGN_OR_RETURN(Change c, gh.Resolve(actor, ref, field, take));
  return ChangeToJson(c, adv.DeadlinesOf(c.advisory));
}

}  // namespace psirt::cli
