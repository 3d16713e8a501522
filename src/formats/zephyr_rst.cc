// Reader and writer of the Zephyr vulnerabilities page.
#include "formats/zephyr_rst.h"

#include "core/text_rules.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <regex>

#include "base/strings.h"

namespace psirt {
namespace {

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      out.emplace_back(text.substr(pos));
      break;
    }
    out.emplace_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

bool AllDashes(const std::string& s) {
  return s.size() >= 3 && s.find_first_not_of('-') == std::string::npos;
}

bool IsHeading(const std::string& s) {
  static const std::regex kHeading(R"(:cve:`(\d{4}-\d{4,})`)");
  return std::regex_match(s, kHeading);
}

// One "- `TEXT\n  <URL>`_" item; false when the item is not a plain link.
bool ParseLinkItem(const std::string& item, RstLink& out) {
  if (item.rfind("- `", 0) != 0) return false;
  size_t lt = item.rfind('<');
  if (lt == std::string::npos || item.size() < 4 || item.compare(item.size() - 3, 3, ">`_") != 0)
    return false;
  out.text = Trim(item.substr(3, lt - 3));
  out.url = item.substr(lt + 1, item.size() - 3 - lt - 1);
  if (out.text.find('`') != std::string::npos || out.url.find_first_of(" \n<>") != std::string::npos)
    return false;
  return !out.url.empty();
}

std::string Paragraphs(const std::vector<std::string>& paras) { return Join(paras, "\n\n"); }

// A fix link's PR number or commit from its URL: ".../pull/N",
// ".../pull/N/commits/SHA", ".../commit/SHA".
bool FixFromUrl(const std::string& url, RstFix& out) {
  static const std::regex kPull(R"(^https?://[^ ]+/pull/([1-9][0-9]{0,8})/?$)");
  static const std::regex kCommit(R"(^https?://[^ ]+/(?:pull/[0-9]+/commits|commit)/([0-9a-fA-F]{7,40})/?$)");
  std::smatch m;
  if (std::regex_match(url, m, kPull)) {
    out.kind = RstFix::Kind::kPr;
    out.ref = m[1];
    return true;
  }
  if (std::regex_match(url, m, kCommit)) {
    out.kind = RstFix::Kind::kCommit;
    out.ref = m[1];
    out.ref = ToLowerAscii(out.ref);
    return true;
  }
  return false;
}

// A tracker id from its URL's last path segment (GHSA-..., ZEPSEC-12), or "".
std::string TrackerFromUrl(const std::string& url) {
  static const std::regex kId(R"(/((?:GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})|[A-Z][A-Z0-9]*-[0-9]+)/?$)");
  std::smatch m;
  return std::regex_search(url, m, kId) ? m[1].str() : "";
}

}  // namespace

Result<RstPage> ParseVulnerabilityPage(std::string_view text, const std::string& file) {
  auto err = [&](size_t line, const std::string& what) {
    return std::move(Status::Invalid(what).At(file, static_cast<int>(line) + 1));
  };
  std::vector<std::string> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!IsValidUtf8(lines[i])) return err(i, "expected UTF-8 text");
    // A published page is text: a control character (ESC, BEL, NUL...) is
    // refused where it is, never imported and published on.
    if (Status st = CheckText(TextRule{"line", true, 0}, lines[i]); !st.ok()) return err(i, st.message());
  }
  RstPage page;
  static const std::regex kLabel(R"(\.\. _vulnerabilities_(\d{4}):)");
  std::smatch m;
  if (lines.empty() || !std::regex_match(lines[0], m, kLabel))
    return err(0, "expected the label '.. _vulnerabilities_YEAR:'");
  page.year = std::stoi(m[1]);
  std::string title = "CVE-" + m[1].str();
  if (lines.size() < 4 || !lines[1].empty() || lines[2] != title ||
      lines[3].find_first_not_of('#') != std::string::npos || lines[3].empty())
    return err(2, "expected the title '" + title + "' underlined with '#'");

  std::vector<size_t> heads;
  for (size_t i = 4; i < lines.size(); ++i) {
    if (lines[i].rfind(":cve:", 0) == 0) {
      if (!IsHeading(lines[i])) return err(i, "expected a heading like :cve:`2024-1234`");
      if (i + 1 >= lines.size() || !AllDashes(lines[i + 1]))
        return err(i + 1, "expected the heading's underline of '-'");
      heads.push_back(i);
    }
  }
  for (size_t i = 4; i < (heads.empty() ? lines.size() : heads[0]); ++i)
    if (!Trim(lines[i]).empty()) return err(i, "unexpected text before the first :cve: heading");

  for (size_t h = 0; h < heads.size(); ++h) {
    size_t start = heads[h], end = h + 1 < heads.size() ? heads[h + 1] : lines.size();
    while (end > start + 2 && Trim(lines[end - 1]).empty()) --end;
    RstEntry e;
    e.line = static_cast<int>(start) + 1;
    e.cve = "CVE-" + lines[start].substr(6, lines[start].size() - 7);
    size_t gap = 0;
    for (size_t k = start; k > 0 && lines[k - 1].empty(); --k) ++gap;
    e.source = std::string(gap > 1 ? gap - 1 : 0, '\n');
    for (size_t i = start; i < end; ++i) e.source += lines[i] + "\n";

    // Blocks of non-blank lines.
    std::vector<std::pair<size_t, std::vector<std::string>>> blocks;
    for (size_t i = start + 2; i < end; ++i) {
      if (Trim(lines[i]).empty()) continue;
      if (i == start + 2 || Trim(lines[i - 1]).empty()) blocks.push_back({i, {}});
      blocks.back().second.push_back(lines[i]);
    }
    bool after_links = false;
    std::vector<std::string> desc, notes;
    for (const auto& [at, block] : blocks) {
      const std::string& first = block[0];
      if (first.rfind("- ", 0) == 0) {
        after_links = true;
        std::vector<std::string> items;
        for (const std::string& l : block) {
          if (l.rfind("- ", 0) == 0) items.push_back(l);
          else items.back() += "\n" + l;
        }
        for (size_t k = 0; k < items.size(); ++k) {
          const std::string& item = items[k];
          size_t item_line = at;  // line of the item, for errors
          for (size_t q = 0; q < k; ++q) item_line += static_cast<size_t>(std::count(items[q].begin(), items[q].end(), '\n')) + 1;
          RstLink link;
          if (!ParseLinkItem(item, link)) {
            // "- `text <url>`_" cut short, or "- `text" never closed: the page
            // ends mid-entry (a reference like "- `NCC report`_ (x)" is fine).
            if (item.rfind("- `", 0) == 0 && item.find("`_") == std::string::npos)
              return err(item_line, e.cve + ": unterminated link (expected \"- `TEXT <URL>`_\"): the page looks cut short");
            notes.push_back(item);
            continue;
          }
          static const std::regex kTracker(R"((.*) bug tracker (\S+))");
          static const std::regex kFixText(R"((?:PR|commit) ?#?[0-9a-fA-F]+(?: fix)?(?: (?:for|in|on))?(?: ([^\n]+))?)");
          std::smatch lm;
          RstFix fix;
          if (std::regex_match(link.text, lm, kTracker)) {
            std::string id = TrackerFromUrl(link.url);
            e.trackers.push_back({id.empty() ? lm[2].str() : id, link.url});
          } else if (std::regex_match(link.text, lm, kFixText) && FixFromUrl(link.url, fix)) {
            fix.label = lm[1];
            fix.url = link.url;
            e.fixes.push_back(std::move(fix));
          } else {
            e.links.push_back(link);
          }
        }
      } else if (first.rfind("This has been fixed", 0) == 0 || first.rfind("This issue has", 0) == 0 ||
                 first.rfind("This has not", 0) == 0) {
        after_links = true;
        static const std::regex kFixed(R"(This has been fixed in main for (v\d+\.\d+\.\d+))");
        std::smatch fm;
        std::string sentence = Join(block, "\n");
        if (!e.fixed_release.empty() || !e.fixed_statement.empty()) {
          notes.push_back(sentence);
        } else if (block.size() == 1 && std::regex_match(first, fm, kFixed)) {
          e.fixed_release = fm[1];
        } else {
          e.fixed_statement = sentence;
        }
      } else if (!after_links) {
        if (e.title.empty() && desc.empty()) e.title = Join(block, "\n");
        else desc.push_back(Join(block, "\n"));
      } else {
        notes.push_back(Join(block, "\n"));
      }
    }
    if (blocks.empty()) return err(start, e.cve + ": expected text after the heading");
    static const std::regex kEmbargo(R"(Under embargo(?: until (\d{4}-\d{2}-\d{2}))?)");
    std::smatch em;
    if (blocks.size() == 1 && blocks[0].second.size() == 1 &&
        std::regex_match(blocks[0].second[0], em, kEmbargo)) {
      e.embargoed = true;
      e.embargo_until = em[1];
      e.title.clear();
      desc.clear();
    }
    e.description = Paragraphs(desc);
    e.notes = Paragraphs(notes);
    page.entries.push_back(std::move(e));
  }
  return page;
}

std::string RenderRstEntry(const RstEntry& e, const std::string& tracker_label) {
  std::string heading = ":cve:`" + (e.cve.rfind("CVE-", 0) == 0 ? e.cve.substr(4) : e.cve) + "`";
  std::string s = heading + "\n" + std::string(heading.size(), '-') + "\n\n";
  if (e.embargoed)  // nothing but the date: no title, no description, no links
    return s + (e.embargo_until.empty() ? "Under embargo" : "Under embargo until " + e.embargo_until) + "\n";
  if (!e.title.empty()) s += e.title + "\n\n";
  if (!e.description.empty()) s += e.description + "\n\n";
  auto link = [&](const std::string& text, const std::string& url) {
    s += "- `" + text + "\n  <" + url + ">`_\n\n";
  };
  for (const RstLink& t : e.trackers) link(tracker_label + " " + t.text, t.url);
  if (!e.fixed_release.empty()) s += "This has been fixed in main for " + e.fixed_release + "\n\n";
  else if (!e.fixed_statement.empty()) s += e.fixed_statement + "\n\n";
  for (const RstFix& f : e.fixes)
    link((f.kind == RstFix::Kind::kPr ? "PR " + f.ref : "commit " + f.ref.substr(0, 8)) + " fix for " + f.label, f.url);
  for (const RstLink& l : e.links) link(l.text, l.url);
  if (!e.notes.empty()) s += e.notes + "\n\n";
  s.pop_back();  // one newline at the end, no blank line
  return s;
}

std::string RstFingerprint(const RstEntry& e) {
  nlohmann::json j = {{"cve", e.cve},
                      {"title", e.title},
                      {"description", e.description},
                      {"fixed_release", e.fixed_release},
                      {"fixed_statement", e.fixed_statement},
                      {"notes", e.notes}};
  for (const RstLink& t : e.trackers) j["trackers"].push_back({t.text, t.url});
  for (const RstFix& f : e.fixes)
    j["prs"].push_back({f.kind == RstFix::Kind::kPr ? f.ref : "commit " + f.ref, f.label, f.url});
  if (e.embargoed) j["embargo_until"] = e.embargo_until;
  for (const RstLink& l : e.links) j["links"].push_back({l.text, l.url});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string RenderVulnerabilityPage(int year, const std::vector<RstPageEntry>& entries,
                                    const std::string& tracker_label) {
  std::string y = std::to_string(year);
  std::string s = ".. _vulnerabilities_" + y + ":\n\nCVE-" + y + "\n########\n";
  for (const RstPageEntry& pe : entries) {
    s += "\n";
    if (!pe.published_text.empty() && pe.published_fingerprint == RstFingerprint(pe.entry))
      s += pe.published_text;
    else
      s += RenderRstEntry(pe.entry, tracker_label);
  }
  return s;
}

}  // namespace psirt
