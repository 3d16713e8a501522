// Reading format-patch / mbox / plain diff files (see patch_file.h).
#include "app/patch_file.h"

#include <cctype>
#include <optional>

#include "base/strings.h"
#include "formats/email_report.h"

namespace psirt {
namespace {

struct Line {
  std::string_view text;  // without its "\n"
  int number;             // in the file
};

std::vector<Line> LinesOf(std::string_view text, int first_line) {
  std::vector<Line> out;
  size_t pos = 0;
  int n = first_line;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    out.push_back({text.substr(pos, end - pos), n++});
    pos = end + 1;
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Status Bad(const std::string& file, int line, const std::string& what) {
  return std::move(Status::Invalid(what).At(file, line));
}

// "@@ -a[,b] +c[,d] @@": the old and new line counts (1 when omitted).
std::optional<std::pair<long, long>> HunkCounts(std::string_view h) {
  auto number = [&](size_t& i) -> std::optional<long> {
    size_t start = i;
    long v = 0;
    while (i < h.size() && std::isdigit(static_cast<unsigned char>(h[i]))) {
      v = v * 10 + (h[i] - '0');
      if (v > 100000000) return std::nullopt;
      ++i;
    }
    if (i == start) return std::nullopt;
    return v;
  };
  auto range = [&](size_t& i, char sign) -> std::optional<long> {
    if (i >= h.size() || h[i] != sign) return std::nullopt;
    ++i;
    if (!number(i)) return std::nullopt;
    long count = 1;
    if (i < h.size() && h[i] == ',') {
      ++i;
      auto c = number(i);
      if (!c) return std::nullopt;
      count = *c;
    }
    return count;
  };
  if (!StartsWith(h, "@@ ")) return std::nullopt;
  size_t i = 3;
  auto old_count = range(i, '-');
  if (!old_count || i >= h.size() || h[i] != ' ') return std::nullopt;
  ++i;
  auto new_count = range(i, '+');
  if (!new_count || !StartsWith(h.substr(i), " @@")) return std::nullopt;
  return std::pair{*old_count, *new_count};
}

// A path of a "--- a/x", "+++ b/x" or "rename to x" line ("" for /dev/null).
std::string PathOf(std::string_view v, bool strip_prefix) {
  std::string s(v);
  size_t tab = s.find('\t');
  if (tab != std::string::npos) s.resize(tab);
  if (s == "/dev/null") return "";
  if (s.size() > 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  if (strip_prefix && s.size() > 2 && s[1] == '/') s = s.substr(2);
  return s;
}

// Reads the diff starting at lines[i] ("diff --git ..."); stops after the
// last hunk (before a signature or anything else). Fills `p`.
Status ReadDiff(const std::vector<Line>& lines, size_t i, const std::string& file, ParsedPatch& p) {
  std::string diff;
  auto keep = [&](const Line& l) {
    diff.append(l.text);
    diff += '\n';
  };
  while (i < lines.size() && StartsWith(lines[i].text, "diff --git ")) {
    const int header_line = lines[i].number;
    const std::string header(lines[i].text);
    keep(lines[i++]);
    std::string old_path, new_path, renamed;
    bool deleted = false;
    // Extended headers, then "--- "/"+++ " (absent for mode changes and pure renames).
    while (i < lines.size() && !StartsWith(lines[i].text, "diff --git ") && !StartsWith(lines[i].text, "@@") &&
           !StartsWith(lines[i].text, "--- ")) {
      std::string_view t = lines[i].text;
      if (StartsWith(t, "GIT binary patch") || (StartsWith(t, "Binary files ") && t.find(" differ") != std::string_view::npos))
        return Bad(file, lines[i].number, "binary patches are not supported (the diff of file at line " + std::to_string(header_line) + ")");
      bool known = StartsWith(t, "index ") || StartsWith(t, "old mode ") || StartsWith(t, "new mode ") ||
                   StartsWith(t, "deleted file mode ") || StartsWith(t, "new file mode ") || StartsWith(t, "similarity index ") ||
                   StartsWith(t, "dissimilarity index ") || StartsWith(t, "rename from ") || StartsWith(t, "rename to ") ||
                   StartsWith(t, "copy from ") || StartsWith(t, "copy to ");
      if (!known) break;
      if (StartsWith(t, "deleted file mode ")) deleted = true;
      if (StartsWith(t, "rename to ") || StartsWith(t, "copy to ")) renamed = PathOf(t.substr(t.find(" to ") + 4), false);
      keep(lines[i++]);
    }
    if (i < lines.size() && StartsWith(lines[i].text, "--- ")) {
      old_path = PathOf(lines[i].text.substr(4), true);
      keep(lines[i++]);
      if (i >= lines.size() || !StartsWith(lines[i].text, "+++ "))
        return Bad(file, i < lines.size() ? lines[i].number : lines.back().number, "expected a \"+++ \" line after \"--- \"");
      new_path = PathOf(lines[i].text.substr(4), true);
      keep(lines[i++]);
      if (i >= lines.size() || !StartsWith(lines[i].text, "@@"))
        return Bad(file, lines[std::min(i, lines.size() - 1)].number, "truncated patch: a file's diff has no hunk");
    }
    std::string path = !renamed.empty() ? renamed : deleted || new_path.empty() ? old_path : new_path;
    if (path.empty()) {
      // A mode change or rename without "---": the path from the header.
      std::string_view head = header;
      size_t b = head.rfind(" b/");
      if (b != std::string_view::npos) path = PathOf(head.substr(b + 1), true);
    }
    if (path.empty()) return Bad(file, header_line, "a file's diff names no path");
    p.files.push_back(path);
    // Hunks.
    while (i < lines.size() && StartsWith(lines[i].text, "@@")) {
      auto counts = HunkCounts(lines[i].text);
      if (!counts) return Bad(file, lines[i].number, "malformed hunk header (expected \"@@ -a,b +c,d @@\")");
      const int hunk_line = lines[i].number;
      keep(lines[i++]);
      long old_left = counts->first, new_left = counts->second;
      while (old_left > 0 || new_left > 0) {
        if (i >= lines.size())
          return Bad(file, hunk_line,
                     "truncated patch: the hunk ends early (" + std::to_string(old_left) + " old and " + std::to_string(new_left) +
                         " new lines missing)");
        std::string_view t = lines[i].text;
        char c = t.empty() ? ' ' : t[0];
        if (c == ' ') --old_left, --new_left;
        else if (c == '-') --old_left;
        else if (c == '+') --new_left;
        else if (c != '\\')
          return Bad(file, lines[i].number,
                     "truncated patch: the hunk at line " + std::to_string(hunk_line) + " ends early (" + std::to_string(old_left) +
                         " old and " + std::to_string(new_left) + " new lines missing)");
        if (old_left < 0 || new_left < 0) return Bad(file, lines[i].number, "the hunk has more lines than its header says");
        keep(lines[i++]);
      }
      if (i < lines.size() && StartsWith(lines[i].text, "\\ ")) keep(lines[i++]);  // "\ No newline at end of file"
      if (i < lines.size()) {
        std::string_view t = lines[i].text;
        bool more = !t.empty() && (t[0] == '+' || t[0] == ' ' || (t[0] == '-' && t != "-- " && t != "--" && !StartsWith(t, "--- ")));  // "-- ": git's signature, "--": libgit2's
        if (more) return Bad(file, lines[i].number, "the hunk at line " + std::to_string(hunk_line) + " has more lines than its header says");
      }
    }
  }
  p.diff = std::move(diff);
  return Status::Ok();
}

// The first "diff --git" line at or after `from`; lines.size() when none.
size_t FindDiff(const std::vector<Line>& lines, size_t from) {
  for (size_t i = from; i < lines.size(); ++i)
    if (StartsWith(lines[i].text, "diff --git ")) return i;
  return lines.size();
}

// A message's header block: where its body starts, and its transfer encoding.
struct Headers {
  size_t body = 0;  // index of the first body line
  bool raw_body = true;  // 7bit/8bit: the body as written
};

Headers ReadHeaders(const std::vector<Line>& lines) {
  Headers h;
  size_t i = 0;
  if (!lines.empty() && StartsWith(lines[0].text, "From ")) i = 1;
  for (; i < lines.size() && !lines[i].text.empty(); ++i) {
    std::string lower = ToLowerAscii(lines[i].text);
    if (StartsWith(lower, "content-transfer-encoding:")) {
      std::string v = Trim(lower.substr(26));
      h.raw_body = v == "7bit" || v == "8bit" || v == "binary";
    }
  }
  h.body = i < lines.size() ? i + 1 : i;
  return h;
}

bool LooksLikeMail(std::string_view text) {
  if (StartsWith(text, "From ")) return true;
  for (const Line& l : LinesOf(text.substr(0, 4096), 1)) {
    if (l.text.empty()) return false;
    if (StartsWith(l.text, "From: ") || StartsWith(l.text, "Subject: ")) return true;
  }
  return false;
}

std::string StripPatchTag(std::string s) {
  if (StartsWith(s, "[") && s.find(']') != std::string::npos) {
    std::string tag = s.substr(1, s.find(']') - 1);
    if (StartsWith(tag, "PATCH") || StartsWith(tag, "RFC")) s = Trim(s.substr(s.find(']') + 1));
  }
  return s;
}

// The commit of an mbox "From <sha> Mon Sep 17 00:00:00 2001" line ("" when it names none).
std::string_view CommitOfFromLine(std::string_view line) {
  if (!StartsWith(line, "From ")) return {};
  std::string_view rest = line.substr(5);
  std::string_view sha = rest.substr(0, rest.find(' '));
  if (sha.size() == 40 && sha.find_first_not_of("0123456789abcdef") == std::string_view::npos) return sha;
  return {};
}

Result<ParsedPatch> ReadMessage(std::string_view text, int first_line, std::string_view from_commit, const std::string& file) {
  ParsedPatch p;
  p.line = first_line;
  std::vector<Line> lines = LinesOf(text, first_line);
  p.from_commit = std::string(from_commit);
  // A patch mail needs no Date (the e-mail reader insists on one).
  bool dated = false;
  for (const Line& l : lines) {
    if (l.text.empty()) break;
    dated |= StartsWith(ToLowerAscii(l.text), "date:");
  }
  std::string with_date = dated ? std::string() : "Date: Thu, 1 Jan 1970 00:00:00 +0000\n" + std::string(text);
  Result<EmailReport> mail = ParseEmailReport(dated ? text : std::string_view(with_date), file, dated ? first_line : first_line - 1);
  if (!mail.ok()) return mail.status();
  p.subject = StripPatchTag(mail->subject);
  p.author = mail->from.name.empty() ? mail->from.email : mail->from.name + " <" + mail->from.email + ">";
  if (dated) p.date = mail->date.ToString();
  Headers h = ReadHeaders(lines);
  std::vector<Line> body = h.raw_body ? std::vector<Line>(lines.begin() + static_cast<long>(std::min(h.body, lines.size())), lines.end())
                                      : LinesOf(mail->body, lines[std::min(h.body, lines.size() - 1)].number);
  size_t d = FindDiff(body, 0);
  if (d == body.size()) return Bad(file, first_line, "not a patch: the message \"" + p.subject + "\" has no diff");
  size_t end_of_message = d;
  for (size_t i = 0; i < d; ++i)
    if (body[i].text == "---") {
      end_of_message = i;
      break;
    }
  for (size_t i = 0; i < end_of_message; ++i) p.message += std::string(body[i].text) + "\n";
  p.message = Trim(p.message);
  PSIRT_RETURN_IF_ERROR(ReadDiff(body, d, file, p));
  return p;
}

}  // namespace

Result<std::vector<ParsedPatch>> ParsePatchFile(std::string_view text, const std::string& filename) {
  std::vector<ParsedPatch> out;
  if (text.find('\0') != std::string_view::npos) return Bad(filename, 1, "not a patch: the file holds NUL bytes");
  if (LooksLikeMail(text)) {
    std::vector<Line> all = LinesOf(text, 1);
    for (const MailboxMessage& m : SplitMailbox(text)) {
      // SplitMailbox leaves out the "From " line before a message: its commit.
      std::string_view from = m.first_line >= 2 && m.first_line - 2 < static_cast<int>(all.size()) ? CommitOfFromLine(all[m.first_line - 2].text)
                                                                                                  : std::string_view();
      PSIRT_ASSIGN_OR_RETURN(ParsedPatch p, ReadMessage(m.text, m.first_line, from, filename));
      out.push_back(std::move(p));
    }
  } else {
    std::vector<Line> lines = LinesOf(text, 1);
    size_t d = FindDiff(lines, 0);
    if (d == lines.size())
      return Bad(filename, 1, "not a patch: expected git format-patch output (an mbox) or a git diff (\"diff --git\" lines)");
    ParsedPatch p;
    std::string base = filename.substr(filename.find_last_of('/') == std::string::npos ? 0 : filename.find_last_of('/') + 1);
    p.subject = base;
    p.line = lines[d].number;
    PSIRT_RETURN_IF_ERROR(ReadDiff(lines, d, filename, p));
    out.push_back(std::move(p));
  }
  if (out.empty()) return Bad(filename, 1, "not a patch: no message in the file");
  return out;
}

}  // namespace psirt
