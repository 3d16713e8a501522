// Private reports from the web form and the API.
#include "app/intake_service.h"

#include <filesystem>

#include "app/file_io.h"
#include "base/strings.h"
#include "formats/email_report.h"
#include "core/text_rules.h"

namespace psirt {

Result<SubmittedReport> IntakeService::Submit(const WebReport& r, size_t max_attachment) {
  // Name and address are optional (as many disclosure policies allow):
  // without an address the private link is the reporter's only channel.
  if (Trim(r.title).empty()) return std::move(Status::Invalid("a title is needed").Field("title"));
  std::string affected = Trim(NeutralizeText(r.affected, false));
  if (Utf8Length(affected) > 1024) return std::move(Status::Invalid("affected: at most 1024 characters").Field("affected"));
  ReportRequest req;
  req.title = Trim(NeutralizeText(r.title, false));
  req.description = Trim(NeutralizeText(r.description, true));
  if (!affected.empty()) req.description += "\n\nAffected versions or files: " + affected;
  req.reporter = {Trim(NeutralizeText(r.reporter.name, false)), Trim(r.reporter.email)};
  req.source = "web";
  if (Status st = CheckPerson(req.reporter, "reporter_email"); !st.ok())
    return std::move(Status::Invalid(st.message()).Field("reporter_email"));
  if (!r.account.empty()) {
    // Sent by a signed-in reporter account: its own address is confirmed.
    auto account = AccountService(store_, clock_).Get(r.account);
    req.reporter_confirmed = account.ok() && ToLowerAscii(account->email) == ToLowerAscii(req.reporter.email);
  }
  std::optional<WebReport::File> file = r.attachment;
  if (file) {
    if (file->data.size() > max_attachment)
      return std::move(Status::Invalid("attachment too large: at most " + std::to_string(max_attachment / 1024) + " KiB")
                           .Field("attachment"));
    file->name = TruncateUtf8(Trim(NeutralizeText(file->name, false)), 255);
    file->content_type = TruncateUtf8(Trim(NeutralizeText(file->content_type, false)), 255);
  }
  SubmittedReport out;
  out.link_token = NewSecret("r_");
  AdvisoryService advisories(store_, config_, clock_);
  PSIRT_ASSIGN_OR_RETURN(Change c, advisories.Report("intake", req, [&](StoreTx& tx, const Change& change) -> Status {
    Timestamp now = clock_.Now();
    if (file) {
      AttachmentRecord a;
      a.advisory = change.advisory.id;
      a.name = file->name.empty() ? "attachment" : file->name;
      a.content_type = file->content_type.empty() ? "application/octet-stream" : file->content_type;
      a.data = file->data;
      a.created_at = now;
      PSIRT_RETURN_IF_ERROR(tx.PutAttachment(a).status());
    }
    return tx.PutSecret({Sha256Hex(out.link_token), "reporter", change.advisory.id, "", std::nullopt, now});
  }));
  out.advisory = c.advisory.id;
  return out;
}

Result<MaildirOutcome> IntakeService::FromMaildir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path root(dir), fresh = fs::path(dir) / "new", cur = fs::path(dir) / "cur";
  if (!fs::is_directory(fresh, ec) || !fs::is_directory(cur, ec))
    return Status::NotFound(dir + ": not a Maildir (expected the folders new/ and cur/)");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fresh, ec))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') files.push_back(e.path());
  if (ec) return Status::Io(fresh.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  MaildirOutcome out;
  AdvisoryService advisories(store_, config_, clock_);
  for (const fs::path& file : files) {
    std::string name = file.filename().string();
    auto text = ReadFileText(file.string());
    if (!text.ok()) {
      out.failed.push_back(name + ": " + text.status().message());
      continue;
    }
    auto mail = ParseEmailReport(*text, file.string());
    if (!mail.ok()) {
      out.failed.push_back(mail.status().ToString());
      continue;
    }
    std::string key = mail->message_id.empty() ? "sha256:" + Sha256Hex(*text) : mail->message_id;
    std::optional<std::string> seen, thread;
    PSIRT_RETURN_IF_ERROR(store_.Read([&](StoreTx& tx) -> Status {
      PSIRT_ASSIGN_OR_RETURN(seen, tx.FindMessage(key));
      for (const std::string& ref : mail->thread) {
        if (thread) break;
        PSIRT_ASSIGN_OR_RETURN(thread, tx.FindMessage(ref));
      }
      return Status::Ok();
    }));
    Status done;
    if (seen) {
      ++out.already_seen;
    } else if (thread) {
      auto a = advisories.Get(*thread);
      bool from_reporter = a.ok() && !a->reporter.email.empty() &&
                           ToLowerAscii(a->reporter.email) == ToLowerAscii(mail->from.email);
      std::string note = "E-mail from " + mail->from.ToString() + " (" + mail->subject + "):\n\n" + mail->body;
      if (Utf8Length(note) > text::kNote.max_chars)
        note = TruncateUtf8(note, text::kNote.max_chars - 60) + "\n[... the full message is in the mail archive]";
      // The reporter's answer joins their conversation (the reporter
      // portal); anyone else's mail is a team note.
      auto change = from_reporter ? advisories.AddReporterNote("intake", *thread, note)
                                  : advisories.AddNote("intake", *thread, NeutralizeText(note, true), false);
      if (change.ok()) {
        done = store_.Write([&](StoreTx& tx) { return tx.PutMessage(key, *thread); });
        if (done.ok()) out.replies.push_back(*thread);
      } else {
        done = change.status();
      }
    } else {
      ReportRequest req;
      req.title = mail->subject;
      req.description = Utf8Length(mail->body) > text::kDescription.max_chars
                            ? TruncateUtf8(mail->body, text::kDescription.max_chars - 60) + "\n[... the full message is in the mail archive]"
                            : mail->body;
      req.reporter = mail->from;
      req.reported_on = std::min(mail->date.date(), clock_.Now().date());
      req.source = "email";
      req.message_id = mail->message_id;
      auto change = advisories.Report("intake", req, [&](StoreTx& tx, const Change& c) {
        return tx.PutMessage(key, c.advisory.id);
      });
      if (change.ok()) out.created.push_back(change->advisory.id);
      done = change.status();
    }
    if (!done.ok()) {
      out.failed.push_back(file.string() + ": " + done.ToString());
      continue;
    }
    // Recorded: file it as seen (Maildir "info" :2,S). A crash before this
    // rename is harmless: the next pass finds its Message-ID and only moves it.
    std::string base = name.substr(0, name.find(':'));
    fs::rename(file, cur / (base + ":2,S"), ec);
    if (ec) out.failed.push_back(file.string() + ": recorded, but cannot move to cur/: " + ec.message());
  }
  return out;
}

}  // namespace psirt
