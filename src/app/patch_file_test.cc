// Reading patch files: a format-patch series as an mbox (subjects without
// "[PATCH n/m]", authors with RFC 2047 names, the commits of the "From"
// lines, messages, diffs cut before the signature, changed paths incl.
// renames, deletions and new files), a plain git diff, and the malformed
// cases with file and line: not a patch, truncated hunks, binary patches,
// bad hunk headers.
#include "app/patch_file.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

const char* kSeries =
    "From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\n"
    "From: =?UTF-8?q?Ana=20Mu=C3=B1oz?= <ana@example.org>\n"
    "Date: Tue, 3 Nov 2026 10:00:00 +0100\n"
    "Subject: [PATCH 1/2] net: check the length\n"
    "\n"
    "The length was trusted.\n"
    "\n"
    "Signed-off-by: Ana <ana@example.org>\n"
    "---\n"
    " subsys/net/ip.c | 3 ++-\n"
    " 1 file changed, 2 insertions(+), 1 deletion(-)\n"
    "\n"
    "diff --git a/subsys/net/ip.c b/subsys/net/ip.c\n"
    "index 3b18e51..a9c2f0d 100644\n"
    "--- a/subsys/net/ip.c\n"
    "+++ b/subsys/net/ip.c\n"
    "@@ -1,3 +1,4 @@\n"
    " int parse(int len)\n"
    " {\n"
    "-\treturn len;\n"
    "+\tif (len < 0) return -1;\n"
    "+\treturn len;\n"
    "-- \n"
    "2.39.2\n"
    "\n"
    "From 2222222222222222222222222222222222222222 Mon Sep 17 00:00:00 2001\n"
    "From: Bo <bo@example.org>\n"
    "Date: Tue, 3 Nov 2026 11:00:00 +0100\n"
    "Subject: [PATCH 2/2] net: move and drop\n"
    "\n"
    "---\n"
    "diff --git a/old.c b/new.c\n"
    "similarity index 90%\n"
    "rename from old.c\n"
    "rename to new.c\n"
    "index 1111111..2222222 100644\n"
    "--- a/old.c\n"
    "+++ b/new.c\n"
    "@@ -1 +1 @@\n"
    "-a\n"
    "+b\n"
    "diff --git a/gone.c b/gone.c\n"
    "deleted file mode 100644\n"
    "index 3333333..0000000\n"
    "--- a/gone.c\n"
    "+++ /dev/null\n"
    "@@ -1,2 +0,0 @@\n"
    "-x\n"
    "-y\n"
    "diff --git a/added.c b/added.c\n"
    "new file mode 100644\n"
    "index 0000000..4444444\n"
    "--- /dev/null\n"
    "+++ b/added.c\n"
    "@@ -0,0 +1 @@\n"
    "+z\n"
    "\\ No newline at end of file\n"
    "-- \n"
    "2.39.2\n";

TEST(PatchFile, AFormatPatchSeriesAsAnMbox) {
  auto r = ParsePatchFile(kSeries, "fix.mbox");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  const ParsedPatch& a = (*r)[0];
  EXPECT_EQ(a.subject, "net: check the length");
  EXPECT_EQ(a.author, "Ana Muñoz <ana@example.org>");
  EXPECT_EQ(a.from_commit, "1111111111111111111111111111111111111111");
  EXPECT_EQ(a.message, "The length was trusted.\n\nSigned-off-by: Ana <ana@example.org>");
  EXPECT_EQ(a.files, std::vector<std::string>{"subsys/net/ip.c"});
  EXPECT_EQ(a.diff.substr(0, 45), "diff --git a/subsys/net/ip.c b/subsys/net/ip.");
  EXPECT_NE(a.diff.find("+\treturn len;\n"), std::string::npos);
  EXPECT_EQ(a.diff.find("2.39.2"), std::string::npos) << "the signature is no part of the diff";
  EXPECT_EQ(a.line, 2);
  const ParsedPatch& b = (*r)[1];
  EXPECT_EQ(b.subject, "net: move and drop");
  EXPECT_EQ(b.author, "Bo <bo@example.org>");
  EXPECT_EQ(b.from_commit, "2222222222222222222222222222222222222222");
  EXPECT_EQ(b.files, (std::vector<std::string>{"new.c", "gone.c", "added.c"}));
  EXPECT_NE(b.diff.find("\\ No newline at end of file\n"), std::string::npos);
}

TEST(PatchFile, APlainGitDiff) {
  std::string diff =
      "diff --git a/a.c b/a.c\n"
      "index 1..2 100644\n"
      "--- a/a.c\n"
      "+++ b/a.c\n"
      "@@ -1,2 +1,2 @@\n"
      " keep\n"
      "-old\n"
      "+new\n";
  auto r = ParsePatchFile("notes before the diff\n" + diff, "dir/fix.diff");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].subject, "fix.diff");
  EXPECT_EQ((*r)[0].diff, diff);
  EXPECT_EQ((*r)[0].line, 2);
  EXPECT_EQ((*r)[0].files, std::vector<std::string>{"a.c"});
}

TEST(PatchFile, MalformedFilesSayWhereAndWhat) {
  auto err = [](std::string_view text) {
    auto r = ParsePatchFile(text, "p.patch");
    return r.ok() ? std::string("(read)") : r.status().ToString();
  };
  EXPECT_EQ(err("just some text\n"),
            "p.patch:1: not a patch: expected git format-patch output (an mbox) or a git diff (\"diff --git\" lines)");
  EXPECT_EQ(err("From: a@b.example\nSubject: hello\n\nno diff here\n"), "p.patch:1: not a patch: the message \"hello\" has no diff");
  // Truncated inside a hunk: the hunk's line and what is missing.
  std::string whole(kSeries);
  std::string cut = whole.substr(0, whole.find("+\tif (len < 0)"));
  EXPECT_EQ(err(cut), "p.patch:17: truncated patch: the hunk ends early (0 old and 2 new lines missing)");
  EXPECT_EQ(err("diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,2 +1,2 @@\n x\n"),
            "p.patch:4: truncated patch: the hunk ends early (1 old and 1 new lines missing)");
  EXPECT_EQ(err("diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,x +1 @@\n-a\n+b\n"),
            "p.patch:4: malformed hunk header (expected \"@@ -a,b +c,d @@\")");
  EXPECT_EQ(err("diff --git a/a b/a\n--- a/a\n+++ b/a\n"), "p.patch:3: truncated patch: a file's diff has no hunk");
  EXPECT_EQ(err("diff --git a/a b/a\n--- a/a\n"), "p.patch:2: expected a \"+++ \" line after \"--- \"");
  EXPECT_EQ(err("diff --git a/logo.png b/logo.png\nindex 1..2 100644\nGIT binary patch\nliteral 5\n"),
            "p.patch:3: binary patches are not supported (the diff of file at line 1)");
  EXPECT_EQ(err("diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1 @@\n-a\n+b\n+c\n"),
            "p.patch:7: the hunk at line 4 has more lines than its header says");
  EXPECT_EQ(err(std::string("diff --git a/a b/a\0", 19)), "p.patch:1: not a patch: the file holds NUL bytes");
}

}  // namespace
}  // namespace psirt
