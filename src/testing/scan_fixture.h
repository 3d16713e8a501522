// A west workspace for scan tests, built on disk: a west topdir with two
// module clones (an Mbed TLS fork whose module.yml carries a CPE and a VEX
// assessment, a HAL), a manifest pinning the fork at a vulnerable commit,
// and OSV and CVE 5 records about them imported into a SQLite store.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/module_service.h"
#include "app/scan_service.h"
#include "app/vulndb_service.h"
#include "store/store.h"
#include "testing/test_support.h"

namespace psirt::testing {

inline std::string OsvGit(const std::string& id, const std::string& repo, const std::string& intro, const std::string& fixed,
                   const std::string& extra = "") {
  return R"({"schema_version":"1.6.0","id":")" + id + R"(","modified":"2024-01-01T00:00:00Z",)" + extra +
         R"("summary":"s )" + id + R"(","affected":[{"package":{"ecosystem":"OSS-Fuzz","name":"m"},"ranges":[{"type":"GIT","repo":")" +
         repo + R"(","events":[{"introduced":")" + intro + R"("},{"fixed":")" + fixed + R"("}]}]}]})";
}

inline std::string Cve(const std::string& id, const std::string& less_than) {
  nlohmann::json j = nlohmann::json::parse(ReadFile(SharedData("records/cve/CVEv5_basic-example.json")));
  j["cveMetadata"]["cveId"] = id;
  j["containers"]["cna"]["affected"] = nlohmann::json::parse(R"([{"vendor":"arm","product":"Mbed TLS",
      "cpes":["cpe:2.3:a:arm:mbed_tls:*:*:*:*:*:*:*:*"],"defaultStatus":"unaffected",
      "versions":[{"version":"3.0.0","lessThan":")" + less_than + R"(","status":"affected","versionType":"semver"}]}])");
  return j.dump();
}

struct ScanWorkspace {
  TempDir top, records;
  std::vector<std::string> mbed, hal;
  std::string manifest;
  std::unique_ptr<Store> store;
  ScanWorkspace() {
    std::filesystem::create_directories(top / ".west");
    mbed = CommitEach(top / "modules/crypto/mbedtls", "library/ssl.c", {"v1\n", "bug\n", "fix\n"});
    WriteFile(top / "modules/crypto/mbedtls/zephyr/module.yml",
                       "security:\n  external-references:\n    - cpe:2.3:a:arm:mbed_tls:3.6.2:*:*:*:*:*:*:*\n"
                       "  vulnerability-assessments:\n    - vulnerability: CVE-2099-0003\n      status: not_affected\n"
                       "      justification: vulnerable_code_not_in_execute_path\n");
    hal = CommitEach(top / "modules/hal", "README", {"a\n", "b\n", "c\n"});
    manifest = top / "zephyr/west.yml";
    WriteFile(manifest,
                       "manifest:\n  remotes:\n    - name: gh\n      url-base: https://github.com/zephyrproject-rtos\n"
                       "  defaults:\n    remote: gh\n  projects:\n"
                       "    - name: mbedtls\n      path: modules/crypto/mbedtls\n      revision: " + mbed[1] + "\n"
                       "    - name: hal\n      path: modules/hal\n      revision: " + hal[2] + "\n");
    const std::string upstream = "https://github.com/Mbed-TLS/mbedtls.git";
    WriteFile(records / "OSV-GIT.json", OsvGit("OSV-GIT", upstream, mbed[1], mbed[2]));
    WriteFile(records / "OSV-VEX.json", OsvGit("OSV-VEX", upstream, "0", mbed[2], R"("aliases":["CVE-2099-0003"],)"));
    WriteFile(records / "OSV-WD.json", OsvGit("OSV-WD", upstream, mbed[0], mbed[2], R"("withdrawn":"2024-02-01T00:00:00Z",)"));
    WriteFile(records / "OSV-HAL.json", OsvGit("OSV-HAL", "https://github.com/zephyrproject-rtos/hal", hal[0], hal[1]));
    WriteFile(records / "OSV-OTHER.json", OsvGit("OSV-OTHER", "https://github.com/other/x", "0", std::string(40, 'f')));
    WriteFile(records / "CVE-2099-0001.json", Cve("CVE-2099-0001", "3.6.3"));
    WriteFile(records / "CVE-2099-0002.json", Cve("CVE-2099-0002", "3.6.0"));
    auto s = OpenSqliteStore(top / "psirt.db", OpenMode::kCreate);
    EXPECT_TRUE(s.ok());
    store = std::move(s).value();
    auto r = ImportVulns(*store, {records.path()});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
  }
  ScanResult Scan() {
    auto m = LoadWestManifest(manifest);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    auto clones = InspectModuleClones(*m, top.path(), false);
    EXPECT_TRUE(clones.ok()) << clones.status().ToString();
    auto r = ScanModules(*store, *m, *clones, ScanOptions{});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ScanResult{};
  }
};

}  // namespace psirt::testing
