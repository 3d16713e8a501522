// SMTP over libcurl.
#include "net/smtp_client.h"

#include <arpa/inet.h>
#include <curl/curl.h>

#include <cctype>

#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>

namespace psirt {

namespace {

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadChunk(char* buf, size_t size, size_t n, void* userp) {
  auto* u = static_cast<Upload*>(userp);
  size_t room = size * n, left = u->data->size() - u->offset;
  size_t len = left < room ? left : room;
  std::memcpy(buf, u->data->data() + u->offset, len);
  u->offset += len;
  return len;
}

}  // namespace

Status SendSmtp(const SmtpOptions& o, const std::string& envelope_from,
                const std::vector<std::string>& envelope_to, const std::string& message) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (o.url.rfind("smtp://", 0) != 0 && o.url.rfind("smtps://", 0) != 0)
    return Status::Usage("bad SMTP server: expected smtp://HOST:PORT or smtps://HOST:PORT");
  // The URL's parts: credentials never ride in it (they would end up in
  // shell history, process lists and error messages).
  std::string host;
  {
    CURLU* u = curl_url();
    std::unique_ptr<CURLU, void (*)(CURLU*)> uguard(u, curl_url_cleanup);
    if (!u || curl_url_set(u, CURLUPART_URL, o.url.c_str(), 0) != CURLUE_OK)
      return Status::Usage("bad SMTP server URL: expected smtp://HOST:PORT or smtps://HOST:PORT");
    char* part = nullptr;
    bool has_user = curl_url_get(u, CURLUPART_USER, &part, 0) == CURLUE_OK;
    curl_free(part);
    part = nullptr;
    bool has_password = curl_url_get(u, CURLUPART_PASSWORD, &part, 0) == CURLUE_OK;
    curl_free(part);
    part = nullptr;
    if (has_user || has_password)
      return Status::Usage("credentials inside the SMTP URL are not accepted: give smtp://HOST:PORT and "
                           "put user:password in a file (--smtp-credentials FILE)");
    if (curl_url_get(u, CURLUPART_HOST, &part, 0) == CURLUE_OK) host = part;
    curl_free(part);
  }
  const bool smtps = o.url.rfind("smtps://", 0) == 0;
  const bool credentials = !o.username.empty() || !o.password.empty();
  // Plain-text AUTH only to this machine; anywhere else STARTTLS is required.
  const bool require_tls = o.require_tls || (credentials && !smtps && !IsLoopbackHost(host));
  if (envelope_to.empty()) return Status::Invalid("no recipients");
  CURL* curl = curl_easy_init();
  if (!curl) return Status::Internal("libcurl could not start");
  std::unique_ptr<CURL, void (*)(CURL*)> guard(curl, curl_easy_cleanup);
  curl_slist* rcpts = nullptr;
  for (const std::string& r : envelope_to) rcpts = curl_slist_append(rcpts, ("<" + r + ">").c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> rguard(rcpts, curl_slist_free_all);
  Upload up{&message};
  char error[CURL_ERROR_SIZE] = {0};
  std::string from = "<" + envelope_from + ">";
  curl_easy_setopt(curl, CURLOPT_URL, o.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, o.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!o.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, o.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, o.password.c_str());
  }
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    std::string why = error[0] ? error : curl_easy_strerror(rc);
    // Never repeat a password, whatever libcurl put in its message - and
    // never mask it in place either: masking every occurrence of a short
    // password ("a", "pw") spells it out. A message that holds it is
    // withheld whole.
    if (!o.password.empty() && why.find(o.password) != std::string::npos)
      why = "the server refused (its message is withheld: it could contain the password)";
    if (require_tls && !o.require_tls && rc == CURLE_USE_SSL_FAILED)
      why += ": the server offers no STARTTLS, and psirt sends credentials only encrypted "
             "(or to a server on this machine)";
    return Status::Io("sending to " + o.url + " failed: " + why +
                      (code ? " (server said " + std::to_string(code) + ")" : ""));
  }
  return Status::Ok();
}

}  // namespace psirt
