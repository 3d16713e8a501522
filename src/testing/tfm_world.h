// TfmWorld: the Mbed TLS / TF-M coupling as module clones built by the
// tests (Mbed TLS tags v2.26.0 ... v3.6.3; TF-M tags TF-Mv1.3.0 ... 2.1.4
// whose module.yml requires the Mbed TLS each was aligned with, when
// CONFIG_BUILD_WITH_TFM), under a west topdir with a manifest pinning both.
// Shared by the constraint check and solve tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/constraint_service.h"
#include "app/module_service.h"
#include "testing/test_support.h"

namespace psirt::testing {

struct TfmWorld {
  TempDir top;
  std::string mbed_dir, tfm_dir, manifest;
  TfmWorld() {
    std::filesystem::create_directories(top / ".west");
    mbed_dir = top / "modules/crypto/mbedtls";
    tfm_dir = top / "modules/tee/tf-m/trusted-firmware-m";
    for (const char* v : {"2.26.0", "3.1.0", "3.2.0", "3.5.2", "3.6.0", "3.6.3"}) Tagged(mbed_dir, "v" + std::string(v), "VERSION", v);
    struct Tfm {
      const char* tag;
      const char* needs;
    };
    for (const Tfm& t : std::vector<Tfm>{{"TF-Mv1.3.0", "<2.26.0"}, {"TF-Mv1.6.0", "3.1.*"}, {"TF-Mv1.7.0", "3.2.*"},
                                         {"TF-Mv2.1.4", ">=3.6.0, <3.7.0"}})
      Tagged(tfm_dir, t.tag, "zephyr/module.yml",
             std::string("name: trusted-firmware-m\nbuild:\n  cmake: .\nrequires:\n  - module: mbedtls\n    version: \"") +
                 t.needs + "\"\n    when: CONFIG_BUILD_WITH_TFM\n");
    manifest = top / "zephyr/west.yml";
  }
  static void Tagged(const std::string& dir, const std::string& tag, const std::string& file, const std::string& text) {
    if (!std::filesystem::exists(dir + "/.git")) testing::Run({"git", "init", "-q", "-b", "main", dir});
    testing::WriteFile(dir + "/" + file, text);
    testing::Run({"git", "-C", dir, "add", "-A"});
    ASSERT_EQ(testing::Run({"git", "-C", dir, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", tag}).exit_code, 0);
    testing::Run({"git", "-C", dir, "tag", tag});
  }
  // Pins (and checks out) the two modules at these tags.
  void Pin(const std::string& tfm_tag, const std::string& mbed_tag, const std::string& extra = "") {
    testing::Run({"git", "-C", tfm_dir, "checkout", "-q", tfm_tag});
    testing::Run({"git", "-C", mbed_dir, "checkout", "-q", mbed_tag});
    testing::WriteFile(manifest, "manifest:\n  remotes:\n    - name: gh\n      url-base: https://github.com/zephyrproject-rtos\n"
                        "  defaults:\n    remote: gh\n" + extra + "  projects:\n"
                        "    - name: mbedtls\n      path: modules/crypto/mbedtls\n      revision: " + mbed_tag + "\n"
                        "      groups: [crypto]\n"
                        "    - name: trusted-firmware-m\n      path: modules/tee/tf-m/trusted-firmware-m\n      revision: " + tfm_tag + "\n");
  }
  ConstraintCheck Check(const ConstraintCheckOptions& o = {}) {
    auto w = OpenModuleWorkspace(manifest, "");
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    auto c = CheckWorkspaceConstraints(*w, o);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : ConstraintCheck{};
  }
};


}  // namespace psirt::testing
