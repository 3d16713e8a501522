// Tests of the vulnerabilities page reader and writer: the fields of real
// entries, the current format rendered exactly, the published text kept
// only while its fields are unchanged, and malformed pages with file:line.
#include "formats/zephyr_rst.h"

#include <gtest/gtest.h>

#include "testing/test_support.h"

namespace psirt {
namespace {

std::string Page(int year) {
  return testing::ReadFile(testing::SharedData("zephyr/doc/security/vulnerabilities/" +
                                               std::to_string(year) + ".rst"));
}

const RstEntry* Find(const RstPage& p, const std::string& cve) {
  for (const RstEntry& e : p.entries)
    if (e.cve == cve) return &e;
  return nullptr;
}

TEST(ZephyrRst, ReadsTheFieldsOfRealEntries) {
  auto p = ParseVulnerabilityPage(Page(2024), "2024.rst");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->year, 2024);
  EXPECT_EQ(p->entries.size(), 16u);
  const RstEntry* e = Find(*p, "CVE-2024-5754");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->title, "BT: Encryption procedure host vulnerability");
  ASSERT_EQ(e->trackers.size(), 1u);
  EXPECT_EQ(e->trackers[0].text, "GHSA-gvv5-66hw-5qrc");
  EXPECT_EQ(e->fixed_release, "v3.7.0");
  ASSERT_EQ(e->fixes.size(), 4u);
  EXPECT_EQ(e->fixes[1], (RstFix{RstFix::Kind::kPr, "74124", "3.6", "https://github.com/zephyrproject-rtos/zephyr/pull/74124"}));
  // A wrapped title and a description of several lines.
  const RstEntry* w = Find(*p, "CVE-2024-3077");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->title,
            "Bluetooth: Integer underflow in gatt_find_info_rsp. A malicious Bluetooth LE\n"
            "device can crash Bluetooth LE victim device by sending malformed gatt packet.");
}

TEST(ZephyrRst, ReadsTheVariationsOfOlderPages) {
  auto p17 = ParseVulnerabilityPage(Page(2017), "2017.rst");
  ASSERT_TRUE(p17.ok());
  const RstEntry* e = Find(*p17, "CVE-2017-14199");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->trackers[0].text, "ZEPSEC-12");
  ASSERT_EQ(e->fixes.size(), 1u);  // "PR6158" without a space
  EXPECT_EQ(e->fixes[0].ref, "6158");
  EXPECT_EQ(e->fixes[0].label, "1.11.0");
  auto p23 = ParseVulnerabilityPage(Page(2023), "2023.rst");
  ASSERT_TRUE(p23.ok());
  const RstEntry* fp = Find(*p23, "CVE-2023-4262");  // a false positive, no title
  ASSERT_NE(fp, nullptr);
  EXPECT_EQ(fp->title, "");
  EXPECT_EQ(fp->notes, "- This issue has been determined to be a false positive after further analysis.");
  auto p20 = ParseVulnerabilityPage(Page(2020), "2020.rst");
  ASSERT_TRUE(p20.ok());
  const RstEntry* c = Find(*p20, "CVE-2020-10022");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->fixed_statement,
            "This has been fixed in the below pull requests for main, branch from\nv2.1.0, and branch from v2.2.0.");
  EXPECT_EQ(c->fixes.size(), 3u);
  EXPECT_EQ(c->fixes[1].label, "branch from v2.1.0");
}

TEST(ZephyrRst, TheLinkNotTheLabelSaysWhichPrOrCommit) {
  auto p20 = ParseVulnerabilityPage(Page(2020), "2020.rst");
  ASSERT_TRUE(p20.ok());
  // "PR27865 fix for v2.3.0 <.../pull/27889>": PR 27889, not 27865.
  const RstEntry* e = Find(*p20, "CVE-2020-10060");
  ASSERT_NE(e, nullptr);
  std::vector<std::string> refs, labels;
  for (const RstFix& f : e->fixes) {
    refs.push_back(f.ref);
    labels.push_back(f.label);
  }
  EXPECT_EQ(refs, (std::vector<std::string>{"27865", "27889", "27891", "27893"}));
  EXPECT_EQ(labels, (std::vector<std::string>{"main (to be fixed in v2.4.0)", "v2.3.0", "v2.2.0", "v2.1.0"}));
  // "PR24954 fix v2.1.0 <.../pull/24999>" (no "for").
  const RstEntry* u = Find(*p20, "CVE-2020-10059");
  ASSERT_NE(u, nullptr);
  ASSERT_EQ(u->fixes.size(), 3u);
  EXPECT_EQ(u->fixes[1].ref, "24999");
  EXPECT_EQ(u->fixes[1].label, "v2.1.0");
  // A commit inside a PR: the commit, in full, from the URL.
  const RstEntry* c = Find(*p20, "CVE-2020-10071");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->fixes.size(), 1u);
  EXPECT_EQ(c->fixes[0].kind, RstFix::Kind::kCommit);
  EXPECT_EQ(c->fixes[0].ref, "989c4713ba429aa5105fe476b4d629718f3e6082");
  EXPECT_EQ(c->fixes[0].label, "v2.3");
  // "PR32808 fix for v1.4 <.../pull/26571>".
  const RstEntry* m = Find(*p20, "CVE-2020-13603");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->fixes.back().ref, "26571");
}

TEST(ZephyrRst, EmbargoedPlaceholdersRoundTrip) {
  const std::string head = ".. _vulnerabilities_2026:\n\nCVE-2026\n########\n\n";
  std::string text = head + ":cve:`2026-1234`\n----------------\n\nUnder embargo until 2027-01-05\n";
  auto p = ParseVulnerabilityPage(text, "2026.rst");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->entries.size(), 1u);
  const RstEntry& e = p->entries[0];
  EXPECT_TRUE(e.embargoed);
  EXPECT_EQ(e.embargo_until, "2027-01-05");
  EXPECT_EQ(e.title, "");
  EXPECT_EQ(RenderRstEntry(e), ":cve:`2026-1234`\n----------------\n\nUnder embargo until 2027-01-05\n");
  // Nothing else is ever rendered into a placeholder.
  RstEntry leak = e;
  leak.title = "Secret title";
  leak.description = "Secret details";
  leak.fixes.push_back({RstFix::Kind::kPr, "1", "main", "https://x/pull/1"});
  EXPECT_EQ(RenderRstEntry(leak), RenderRstEntry(e));
}

TEST(ZephyrRst, RendersTheCurrentFormatExactly) {
  // Every 2024 entry is in the current format: rendering its fields gives
  // the published text back.
  auto p = ParseVulnerabilityPage(Page(2024), "2024.rst");
  ASSERT_TRUE(p.ok());
  int same = 0;
  for (const RstEntry& e : p->entries) {
    std::string src = e.source;
    while (!src.empty() && src[0] == '\n') src.erase(0, 1);
    EXPECT_EQ(RenderRstEntry(e), src) << e.cve;
    same += RenderRstEntry(e) == src;
  }
  EXPECT_EQ(same, 16);
}

TEST(ZephyrRst, PublishedTextOnlyWhileTheFieldsAreUnchanged) {
  auto p = ParseVulnerabilityPage(Page(2025), "2025.rst");
  ASSERT_TRUE(p.ok());
  std::vector<RstPageEntry> entries;
  for (const RstEntry& e : p->entries) entries.push_back({e, e.source, RstFingerprint(e)});
  EXPECT_EQ(RenderVulnerabilityPage(2025, entries), Page(2025));
  // A new backport on one entry regenerates that entry only.
  RstEntry& changed = entries[0].entry;
  changed.fixes.push_back({RstFix::Kind::kPr, "99999", "4.2", "https://github.com/zephyrproject-rtos/zephyr/pull/99999"});
  std::string page = RenderVulnerabilityPage(2025, entries);
  EXPECT_NE(page.find("- `PR 99999 fix for 4.2\n  <https://github.com/zephyrproject-rtos/zephyr/pull/99999>`_\n"),
            std::string::npos);
  EXPECT_NE(page.find(entries[1].published_text), std::string::npos);
  EXPECT_NE(RstFingerprint(changed), entries[0].published_fingerprint);
}

TEST(ZephyrRst, MalformedPagesNameFileAndLine) {
  auto bad = [](const std::string& text, const std::string& want) {
    auto p = ParseVulnerabilityPage(text, "x.rst");
    ASSERT_FALSE(p.ok()) << text;
    EXPECT_EQ(p.status().ToString().rfind(want, 0), 0u) << p.status().ToString();
  };
  const std::string head = ".. _vulnerabilities_2024:\n\nCVE-2024\n########\n\n";
  bad("", "x.rst:1: expected the label '.. _vulnerabilities_YEAR:'");
  bad(".. _vulnerabilities_2024:\n\nCVE-2023\n########\n", "x.rst:3: expected the title 'CVE-2024'");
  bad(head + ":cve:`2024-1`\n----\n\nx\n", "x.rst:6: expected a heading like :cve:`2024-1234`");
  bad(head + ":cve:`2024-1234`\nTitle\n", "x.rst:7: expected the heading's underline");
  bad(head + "stray text\n:cve:`2024-1234`\n----------------\n\nT\n", "x.rst:6: unexpected text before");
  bad(head + ":cve:`2024-1234`\n----------------\n\n", "x.rst:6: CVE-2024-1234: expected text after the heading");
  bad(head + ":cve:`2024-1234`\n----------------\n\nBad \xa4 byte\n", "x.rst:9: expected UTF-8 text");
  // Cut short in the middle of a link: an error at the link, not a shorter entry.
  bad(head + ":cve:`2024-1234`\n----------------\n\nTitle\n\n- `PR 1 fix for main\n  <https://github.com/x/y/pul",
      "x.rst:11: CVE-2024-1234: unterminated link");
  bad(head + ":cve:`2024-1234`\n----------------\n\nTitle\n\n- `Zephyr project bug tracker GHSA-xxxx",
      "x.rst:11: CVE-2024-1234: unterminated link");
  bad(head + ":cve:`2024-1234`\n----------------\n\nTitle\n\n:cve:`2024-12", "x.rst:11: expected a heading like");
  auto empty = ParseVulnerabilityPage(head, "x.rst");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->entries.empty());
}

}  // namespace
}  // namespace psirt
