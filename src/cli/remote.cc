// The CLI's client for --server: the REST API over SendHttp (libcurl, in
// the network module loaded on first use, like the GitHub client).
#include "cli/remote.h"

#include "base/strings.h"
#include "formats/list_query_params.h"
#include "formats/psirt_json.h"
#include "net/http_client.h"

namespace psirt::cli {

Result<std::unique_ptr<RemoteClient>> RemoteClient::Connect(const std::string& url, std::string token) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return Status::Usage("--server: expected http://HOST:PORT or https://HOST, got '" + url + "'");
  std::string base = url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (base.find('/', base.find("//") + 2) != std::string::npos)
    return Status::Usage("--server: give the server's root URL without a path, got '" + url + "'");
  if (UrlHost(base).empty()) return Status::Usage("--server: cannot use '" + url + "' (no host)");
  std::unique_ptr<RemoteClient> c(new RemoteClient());
  c->base_ = base;
  c->token_ = std::move(token);
  return c;
}

Result<nlohmann::json> RemoteClient::Call(const std::string& method, const std::string& path,
                                          const nlohmann::json& body) {
  HttpRequest req;
  req.method = method;
  req.url = base_ + path;
  req.timeout_seconds = 120;
  if (!token_.empty()) req.headers.emplace_back("Authorization", "Bearer " + token_);
  if (method != "GET") {
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body.is_null() ? "{}" : body.dump();
  }
  auto r = SendHttp(req);
  if (!r.ok()) return r.status();
  nlohmann::json j = nlohmann::json::parse(r->body, nullptr, false);
  if (r->status >= 200 && r->status < 300) {
    if (j.is_discarded()) return nlohmann::json(r->body);  // a document (an export)
    return j;
  }
  std::string msg = j.is_object() && j.contains("error") ? j["error"].value("message", "") : "";
  if (msg.empty()) msg = "HTTP " + std::to_string(r->status);
  msg = "server: " + msg;
  switch (r->status) {
    case 400: return Status::Invalid(msg);
    case 401: return Status::Denied(msg + " (set PSIRT_TOKEN or --token-file: psirt user token NAME on the server)");
    case 403: return Status::Denied(msg);
    case 404: return Status::NotFound(msg);
    case 409: return Status::Conflict(msg);
    default: return Status::Io(msg);
  }
}

namespace {

using nlohmann::json;

std::string AdvisoryPath(const std::string& ref, std::string_view rest = "") {
  return "/api/v1/advisories/" + PercentEncode(ref) + std::string(rest);
}

std::string UserPath(const std::string& name, const char* rest) { return "/api/v1/users/" + PercentEncode(name) + rest; }

// A job the server ran: its report, or why it failed.
Result<json> JobReport(const json& run) {
  if (run.contains("report") && !run["report"].is_null()) return run["report"];
  return Status::Io("server: " + run.value("job", std::string("job")) + " failed: " + run.value("message", ""));
}

Status RefuseConnection(const GithubConnection& g) {
  if (!g.api_url.empty() || !g.token_file.empty())
    return Status::Usage("--api-url and --token-file are the server's settings with --server (psirt.yml github:)");
  return Status::Ok();
}

}  // namespace

// Every page of what the token's account may see.
Result<json> RemoteClient::List(const ListQuery& q) {
  json all = json::array();
  const std::string filters = ListQueryString(q);
  for (int offset = 0;; offset += 1000) {
    std::string path = "/api/v1/advisories?limit=1000&offset=" + std::to_string(offset);
    if (!filters.empty()) path += "&" + filters;
    PSIRT_ASSIGN_OR_RETURN(json page, Call("GET", path));
    for (auto& a : page["advisories"]) all.push_back(a);
    if (page["advisories"].size() < 1000) break;
  }
  return all;
}

Result<json> RemoteClient::Get(const std::string& ref) { return Call("GET", AdvisoryPath(ref)); }

Result<std::vector<Event>> RemoteClient::History(const std::string& ref) {
  PSIRT_ASSIGN_OR_RETURN(json j, Call("GET", AdvisoryPath(ref, "/events")));
  std::vector<Event> out;
  for (const auto& ej : j["events"]) {
    PSIRT_ASSIGN_OR_RETURN(Event e, EventFromJson(ej));
    out.push_back(std::move(e));
  }
  return out;
}

Result<json> RemoteClient::Audience(const std::string& ref) { return Call("GET", AdvisoryPath(ref, "/audience")); }

Result<json> RemoteClient::Act(const std::string& ref, const ActionSpec& action, const json& fields) {
  return Call(std::string(action.method), AdvisoryPath(ref, action.path), fields);
}

Result<json> RemoteClient::Report(const ReportRequest& r) {
  json body = {{"title", r.title}, {"description", r.description}, {"triage", r.to_triage}};
  if (!r.reporter.name.empty() || !r.reporter.email.empty()) {
    body["reporter_name"] = r.reporter.name;
    body["reporter_email"] = r.reporter.email;
  }
  if (r.reported_on) body["reported_on"] = r.reported_on->ToString();
  return Call("POST", "/api/v1/advisories", body);
}

Result<json> RemoteClient::ReportFromEmail(const EmailReport&) {
  return Status::Usage("report --from-email reads a local file: on a server, use its intake (psirt intake)");
}

Result<json> RemoteClient::Todo(Date as_of) { return Call("GET", "/api/v1/todo?as_of=" + as_of.ToString()); }

Result<json> RemoteClient::FixStatus(const std::string& ref, const std::function<void(size_t)>&) {
  return Call("GET", AdvisoryPath(ref, "/status"));
}

Result<json> RemoteClient::Import(const std::string& format, const std::vector<InputFile>& files, bool replace) {
  json body = {{"files", json::array()}, {"replace", replace}};
  for (const InputFile& f : files) body["files"].push_back({{"name", f.name}, {"text", f.text}});
  return Call("POST", "/api/v1/import/" + std::string(format == "cve5" ? "cve5" : "rst"), body);
}

// The server's own sync job, run now (one runner across its instances).
Result<json> RemoteClient::Sync(const SyncRequest& r) {
  if (!r.github) return Status::Usage("--no-github does not apply with --server: the server's job reads GitHub as psirt.yml says");
  PSIRT_ASSIGN_OR_RETURN(json run, Call("POST", r.fetch ? "/api/v1/jobs/fetch" : "/api/v1/jobs/sync"));
  return JobReport(run);
}

// The server delivers the way it is configured (serve --notify-mbox / --smtp).
Result<json> RemoteClient::Notify(const NotifyRequest& r) {
  if (!r.mbox.empty() || !r.smtp.empty() || !r.credentials_file.empty() || r.require_tls)
    return Status::Usage("--mbox/--smtp do not apply with --server: the server delivers as it is configured");
  if (r.dry_run) return Call("POST", "/api/v1/notify/dry-run");
  PSIRT_ASSIGN_OR_RETURN(json run, Call("POST", "/api/v1/jobs/notify"));
  return JobReport(run);
}

Result<json> RemoteClient::Users() { return Call("GET", "/api/v1/users"); }

Result<json> RemoteClient::AddUser(const NewUser& u) {
  return Call("POST", "/api/v1/users",
              {{"name", u.name}, {"role", std::string(RoleName(u.role))}, {"github", u.github}, {"email", u.email}, {"branches", u.branches}});
}

Result<std::string> RemoteClient::IssueToken(const std::string& name) {
  PSIRT_ASSIGN_OR_RETURN(json r, Call("POST", UserPath(name, "/token")));
  return r.value("token", "");
}

// One's own password changes only with the current one (a stolen token
// alone cannot take the account).
Result<bool> RemoteClient::PasswordNeedsCurrent(const std::string& name) {
  PSIRT_ASSIGN_OR_RETURN(json me, Call("GET", "/api/v1/me"));
  return me.value("user", json()).is_string() && me["user"] == name;
}

Status RemoteClient::SetPassword(const std::string& name, const std::string& password, const std::string& current) {
  json body = {{"password", password}};
  if (!current.empty()) body["current_password"] = current;
  return Call("POST", UserPath(name, "/password"), body).status();
}

Status RemoteClient::DisableUser(const std::string& name) { return Call("POST", UserPath(name, "/disable")).status(); }

Result<json> RemoteClient::GithubPull(const GithubConnection& g, const std::string& repo, const std::string& ghsa) {
  PSIRT_RETURN_IF_ERROR(RefuseConnection(g));
  json body = json::object();
  if (!repo.empty()) body["repo"] = repo;
  if (!ghsa.empty()) body["ghsa"] = ghsa;
  return Call("POST", "/api/v1/github/pull", body);
}

Result<json> RemoteClient::GithubPrs(const GithubConnection& g, const std::string& ref) {
  PSIRT_RETURN_IF_ERROR(RefuseConnection(g));
  return Call("POST", AdvisoryPath(ref, "/github/prs"));
}

Result<json> RemoteClient::GithubPlan(const GithubConnection& g, const std::string& verb, const std::string& ref, bool apply) {
  PSIRT_RETURN_IF_ERROR(RefuseConnection(g));
  return Call("POST", AdvisoryPath(ref, "/github/" + verb), json{{"apply", apply}});
}

Result<json> RemoteClient::GithubResolve(const std::string& ref, const std::string& field, const std::string& take) {
  return Call("POST", AdvisoryPath(ref, "/github/resolve"), json{{"field", field}, {"take", take}});
}

}  // namespace psirt::cli
