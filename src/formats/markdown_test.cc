// Markdown on the pages: GitHub's rendering of what a reporter wrote, with
// nothing that can run in the page.
#include "formats/markdown.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(MarkdownTest, RendersWhatGithubRenders) {
  std::string html = MarkdownToSafeHtml(
      "# Steps\n\n1. send `AT+X`\n2. **crash**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ https://example.org/x\n\n"
      "```c\nint main(void) { return 0; }\n```\n");
  EXPECT_NE(html.find("<h1>Steps</h1>"), std::string::npos) << html;
  EXPECT_NE(html.find("<ol>"), std::string::npos);
  EXPECT_NE(html.find("<code>AT+X</code>"), std::string::npos);
  EXPECT_NE(html.find("<strong>crash</strong>"), std::string::npos);
  EXPECT_NE(html.find("<table>"), std::string::npos) << "GFM tables";
  EXPECT_NE(html.find("<del>old</del>"), std::string::npos) << "strikethrough";
  EXPECT_NE(html.find("<a href=\"https://example.org/x\">"), std::string::npos) << "autolinks";
  EXPECT_NE(html.find("<pre lang=\"c\"><code>"), std::string::npos);
}

TEST(MarkdownTest, NothingScriptsThePage) {
  for (const char* md : {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                         "[x](javascript:alert(1))", "![x](javascript:alert(1))", "<iframe src=//evil>",
                         "[x](vbscript:msgbox)", "<a href=\"javascript:alert(1)\">x</a>",
                         "<style>body{display:none}</style>", "text <b onclick=alert(1)>bold</b>"}) {
    std::string html = MarkdownToSafeHtml(md);
    EXPECT_EQ(html.find("<script"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(html.find("<iframe"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(html.find("<style"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(html.find("onerror"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(html.find("onclick"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(html.find("javascript:"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(html.find("vbscript:"), std::string::npos) << md << " -> " << html;
  }
  // Text that merely looks like markup is shown, escaped.
  EXPECT_NE(MarkdownToSafeHtml("a < b && c > d").find("a &lt; b &amp;&amp; c &gt; d"), std::string::npos);
}

TEST(MarkdownTest, MalformedInputStillRenders) {
  for (std::string md : {std::string("```\nunclosed"), std::string("| a |\n|---"), std::string("\xff\xfe bad utf-8"),
                         std::string(10000, '['), std::string(5000, '>') + "x", std::string("\0nul", 4)}) {
    std::string html = MarkdownToSafeHtml(md);
    EXPECT_EQ(html.find("<script"), std::string::npos);
  }
}

}  // namespace
}  // namespace psirt
