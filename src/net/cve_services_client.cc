// The CVE Services client (see cve_services_client.h).
#include "net/cve_services_client.h"

#include <sys/stat.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "base/strings.h"

namespace psirt {
namespace {

using nlohmann::json;

std::string Text(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

CveIdInfo IdInfo(const json& j) {
  CveIdInfo i;
  i.cve_id = Text(j, "cve_id"), i.state = Text(j, "state"), i.year = Text(j, "cve_year"), i.owning_cna = Text(j, "owning_cna");
  i.reserved = Text(j, "reserved");
  if (i.reserved.empty() && j.contains("time") && j["time"].is_object()) i.reserved = Text(j["time"], "created");
  return i;
}

// The service's error words: {"error": "...", "message": "...", "details": ...}.
std::string ErrorWords(const json& body) {
  std::string words = Text(body, "message");
  if (std::string code = Text(body, "error"); !code.empty()) words = code + (words.empty() ? "" : ": " + words);
  if (body.is_object() && body.contains("details")) {
    const json& d = body["details"];
    const json& errors = d.is_object() && d.contains("errors") ? d["errors"] : d;
    if (errors.is_array())
      for (const json& e : errors) {
        std::string one = e.is_object() ? Text(e, "instancePath") + " " + Text(e, "message") : e.dump();
        words += "; " + one;
      }
  }
  return words.empty() ? "no explanation given" : words;
}

}  // namespace

CveServicesClient::CveServicesClient(CveServicesOptions options, HttpTransport transport, Sleep sleep)
    : options_(std::move(options)), transport_(std::move(transport)), sleep_(std::move(sleep)) {
  while (!options_.api_url.empty() && options_.api_url.back() == '/') options_.api_url.pop_back();
  if (!sleep_) sleep_ = [](double s) { std::this_thread::sleep_for(std::chrono::duration<double>(s)); };
}

Status CveServicesClient::Explain(int status, const json& body, const std::string& method, const std::string& path) const {
  std::string host = UrlHost(options_.api_url);
  std::string what = method + " " + path.substr(0, path.find('?'));
  switch (status) {
    case 401:
      return Status::Denied("CVE Services at " + host + " refused the credentials (401) for " + what +
                            ": check CVE_API_ORG, CVE_API_USER and CVE_API_KEY");
    case 403:
      return Status::Denied("CVE Services at " + host + " does not allow " + what + " for this user (403): " + ErrorWords(body));
    case 404:
      return Status::NotFound("CVE Services at " + host + " has no " + path.substr(0, path.find('?')) + " (404): " + ErrorWords(body));
    default:
      break;
  }
  if (status >= 400 && status < 500) return Status::Invalid("CVE Services refused " + what + " (" + std::to_string(status) + "): " + ErrorWords(body));
  return Status::Io("CVE Services at " + host + " answered " + std::to_string(status) + " to " + what);
}

Result<CveServicesClient::Answer> CveServicesClient::Call(const std::string& method, const std::string& path,
                                                          const std::string& body) {
  if (!options_.credentials.complete())
    return Status::Usage("CVE Services credentials are incomplete: set CVE_API_ORG, CVE_API_USER and CVE_API_KEY");
  HttpRequest req;
  req.method = method;
  req.url = options_.api_url + path;
  req.timeout_seconds = options_.timeout_seconds;
  req.headers = {{"CVE-API-ORG", options_.credentials.org},
                 {"CVE-API-USER", options_.credentials.user},
                 {"CVE-API-KEY", options_.credentials.key},
                 {"Accept", "application/json"}};
  if (!body.empty()) req.headers.emplace_back("Content-Type", "application/json"), req.body = body;
  double wait = 1;
  for (int attempt = 0;; ++attempt) {
    ++requests_;
    Result<HttpResponse> r = transport_(req);
    bool retry = !r.ok() || r->status >= 500;
    if (!retry) {
      json parsed = json::parse(r->body, nullptr, false);
      if (r->status >= 200 && r->status < 300) {
        if (parsed.is_discarded()) return Status::Io("CVE Services answered " + method + " " + path + " with no JSON");
        return Answer{r->status, std::move(parsed)};
      }
      return Answer{r->status, parsed.is_discarded() ? json::object() : std::move(parsed)};
    }
    if (attempt >= options_.max_retries) {
      if (!r.ok()) return Status::Io("CVE Services at " + UrlHost(options_.api_url) + " could not be reached: " + r.status().message());
      return Explain(r->status, json::object(), method, path);
    }
    sleep_(wait);
    wait *= 2;
  }
}

Result<std::vector<CveIdInfo>> CveServicesClient::Reserve(int amount, int year, bool sequential, std::optional<int>* remaining) {
  if (amount < 1) return Status::Usage("reserve at least one CVE id");
  std::string path = "/cve-id?amount=" + std::to_string(amount) + "&cve_year=" + std::to_string(year) +
                     "&short_name=" + PercentEncode(options_.credentials.org);
  if (amount > 1) path += std::string("&batch_type=") + (sequential ? "sequential" : "nonsequential");
  PSIRT_ASSIGN_OR_RETURN(Answer a, Call("POST", path, ""));
  if (a.status >= 300) return Explain(a.status, a.body, "POST", path);
  std::vector<CveIdInfo> out;
  if (a.body.contains("cve_ids") && a.body["cve_ids"].is_array())
    for (const json& j : a.body["cve_ids"]) out.push_back(IdInfo(j));
  if (remaining && a.body.contains("meta") && a.body["meta"].is_object() && a.body["meta"].contains("remaining_quota") &&
      a.body["meta"]["remaining_quota"].is_number_integer())
    *remaining = a.body["meta"]["remaining_quota"].get<int>();
  if (out.empty()) return Status::Io("CVE Services reserved no id (its answer lists none)");
  return out;
}

Result<std::vector<CveIdInfo>> CveServicesClient::List(const std::string& state) {
  std::vector<CveIdInfo> out;
  for (int page = 1, pages = 0;; ++pages) {
    if (pages > 10000) return Status::Io("CVE Services' pages of ids do not end");
    std::string path = "/cve-id?";
    std::string upper = state;
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (!state.empty()) path += "state=" + PercentEncode(upper) + "&";
    path += "page=" + std::to_string(page);
    PSIRT_ASSIGN_OR_RETURN(Answer a, Call("GET", path, ""));
    if (a.status >= 300) return Explain(a.status, a.body, "GET", path);
    if (!a.body.contains("cve_ids") || !a.body["cve_ids"].is_array()) return Status::Io("CVE Services' list has no cve_ids");
    for (const json& j : a.body["cve_ids"]) out.push_back(IdInfo(j));
    if (!a.body.contains("nextPage") || !a.body["nextPage"].is_number_integer()) break;
    int next = a.body["nextPage"].get<int>();
    if (next <= page) return Status::Io("CVE Services' nextPage does not move forward");
    page = next;
  }
  return out;
}

Result<json> CveServicesClient::Quota() {
  std::string path = "/org/" + PercentEncode(options_.credentials.org) + "/id_quota";
  PSIRT_ASSIGN_OR_RETURN(Answer a, Call("GET", path, ""));
  if (a.status >= 300) return Explain(a.status, a.body, "GET", path);
  return a.body;
}

Result<std::string> CveServicesClient::OrgId() {
  std::string path = "/org/" + PercentEncode(options_.credentials.org);
  PSIRT_ASSIGN_OR_RETURN(Answer a, Call("GET", path, ""));
  if (a.status >= 300) return Explain(a.status, a.body, "GET", path);
  std::string uuid = Text(a.body, "UUID");
  if (uuid.empty()) return Status::Io("CVE Services' organisation " + options_.credentials.org + " has no UUID");
  return uuid;
}

Result<CvePublished> CveServicesClient::Publish(const std::string& cve_id, const json& cna_container) {
  std::string path = "/cve/" + PercentEncode(cve_id) + "/cna";
  std::string body = json{{"cnaContainer", cna_container}}.dump();
  PSIRT_ASSIGN_OR_RETURN(Answer a, Call("POST", path, body));
  if (a.status < 300) return CvePublished{false, std::move(a.body)};
  if (Text(a.body, "error") != "CVE_RECORD_EXISTS") return Explain(a.status, a.body, "POST", path);
  PSIRT_ASSIGN_OR_RETURN(Answer u, Call("PUT", path, body));
  if (u.status >= 300) return Explain(u.status, u.body, "PUT", path);
  return CvePublished{true, std::move(u.body)};
}

Status CveServicesClient::RejectRecord(const std::string& cve_id, const std::string& reason) {
  std::string path = "/cve/" + PercentEncode(cve_id) + "/reject";
  json body = {{"cnaContainer", {{"rejectedReasons", json::array({{{"lang", "en"}, {"value", reason}}})}}}};
  PSIRT_ASSIGN_OR_RETURN(Answer a, Call("POST", path, body.dump()));
  return a.status < 300 ? Status::Ok() : Explain(a.status, a.body, "POST", path);
}

Status CveServicesClient::RejectReservation(const std::string& cve_id) {
  std::string path = "/cve-id/" + PercentEncode(cve_id) + "?state=REJECTED";
  PSIRT_ASSIGN_OR_RETURN(Answer a, Call("PUT", path, ""));
  return a.status < 300 ? Status::Ok() : Explain(a.status, a.body, "PUT", path);
}

Result<CveCredentials> LoadCveCredentials(const std::string& file) {
  CveCredentials c;
  auto env = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string(v ? v : "");
  };
  c.org = env("CVE_API_ORG"), c.user = env("CVE_API_USER"), c.key = env("CVE_API_KEY");
  if (c.complete() || file.empty()) {
    if (!c.complete()) return Status::Usage("CVE Services credentials: set CVE_API_ORG, CVE_API_USER and CVE_API_KEY, or give a credentials file");
    return c;
  }
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return Status::NotFound(file + ": no such credentials file");
  if ((st.st_mode & 077) != 0)
    return Status::Invalid(file + ": the credentials file is readable by others (mode " +
                           std::to_string((st.st_mode >> 6) & 7) + std::to_string((st.st_mode >> 3) & 7) +
                           std::to_string(st.st_mode & 7) + "); chmod 600 it");
  FILE* f = std::fopen(file.c_str(), "r");
  if (!f) return Status::Io(file + ": cannot be read");
  std::string text;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() < 65536;) text.append(buf, n);
  std::fclose(f);
  int line_no = 0;
  for (std::string_view line : SplitViews(text, '\n')) {
    ++line_no;
    std::string l = Trim(std::string(line));
    if (l.empty() || l[0] == '#') continue;
    size_t eq = l.find('=');
    std::string key = eq == std::string::npos ? "" : Trim(l.substr(0, eq)), value = eq == std::string::npos ? "" : Trim(l.substr(eq + 1));
    std::string* slot = key == "ORG" ? &c.org : key == "USER" ? &c.user : key == "KEY" ? &c.key : nullptr;
    if (!slot) return std::move(Status::Invalid("expected ORG=..., USER=... or KEY=...").At(file, line_no));
    if (slot->empty()) *slot = value;
  }
  for (auto [name, value] : {std::pair{"ORG", &c.org}, {"USER", &c.user}, {"KEY", &c.key}})
    if (value->empty()) return Status::Invalid(file + ": no " + std::string(name) + "= line (nor CVE_API_" + name + " set)");
  return c;
}

}  // namespace psirt
