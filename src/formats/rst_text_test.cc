// Tests of RST inline markup to plain text, on phrasings of the real pages.
#include "formats/rst_text.h"

#include <gtest/gtest.h>

namespace psirt {
namespace {

TEST(RstText, RemovesInlineMarkup) {
  EXPECT_EQ(RstInlineToPlain("Buffer overflow in :code:`getaddrinfo()`."), "Buffer overflow in getaddrinfo().");
  EXPECT_EQ(RstInlineToPlain("objects\\[1] is accessed"), "objects[1] is accessed");
  EXPECT_EQ(RstInlineToPlain("see :cve:`2024-5754` first"), "see CVE-2024-5754 first");
  EXPECT_EQ(RstInlineToPlain("call ``k_sleep()`` in IRQ"), "call k_sleep() in IRQ");
  EXPECT_EQ(RstInlineToPlain("the `NCC report <https://example.org/r>`_ (31)"),
            "the NCC report (https://example.org/r) (31)");
  EXPECT_EQ(RstInlineToPlain("- `NCC-ZEP report`_ (NCC-ZEP-031)"), "- NCC-ZEP report (NCC-ZEP-031)");
  EXPECT_EQ(RstInlineToPlain("a **very** *bad* bug"), "a very bad bug");
}

TEST(RstText, LeavesPlainTextAlone) {
  for (const char* s : {"malloc(0xffffffff) leads to 7 bytes", "2 * 3 = 6", "a*b*c", "it's `", "x: y",
                        "CONFIG_CAN_AUTO_BUS_OFF_RECOVERY=y", "size + WB_UP(sizeof(struct x))", ""})
    EXPECT_EQ(RstInlineToPlain(s), s) << s;
}

}  // namespace
}  // namespace psirt
