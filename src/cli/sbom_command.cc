// `psirt sbom [MANIFEST] --format spdx|cyclonedx [--west-dir DIR] [-o FILE]`:
// the SBOM of a west workspace (one component per active project), checked
// against the official schema before it is printed or written. The
// creation time honours SOURCE_DATE_EPOCH (reproducible builds); without it,
// now. No workspace needed.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/file_io.h"
#include "app/module_service.h"
#include "app/sbom_service.h"
#include "base/time.h"
#include "cli/commands.h"

namespace psirt::cli {

void RegisterSbomCommand(CLI::App& app, CliContext& ctx) {
  struct Args {
    std::string manifest, west_dir, format, output;
  };
  auto a = std::make_shared<Args>();
  CLI::App* sbom = app.add_subcommand("sbom", "An SPDX 2.3 or CycloneDX 1.6 SBOM of a west workspace's modules");
  sbom->add_option("manifest", a->manifest, "The manifest file (default: west.yml here)");
  sbom->add_option("--format", a->format, "spdx or cyclonedx")->required()->check(CLI::IsMember({"spdx", "cyclonedx"}));
  sbom->add_option("--west-dir", a->west_dir, "The west topdir with the clones (default: found from the manifest)");
  sbom->add_option("-o,--output", a->output, "Write to FILE (atomically) instead of standard output");
  sbom->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      std::string path = a->manifest.empty() ? "west.yml" : a->manifest;
      std::error_code ec;
      if (a->manifest.empty() && !std::filesystem::exists(path, ec))
        return Status::Usage("sbom: give a manifest file (no west.yml here)");
      if (!a->west_dir.empty() && !std::filesystem::is_directory(a->west_dir, ec))
        return Status::Invalid("--west-dir " + a->west_dir + ": no such folder");
      PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, OpenModuleWorkspace(path, a->west_dir));
      Timestamp created = SystemClock().Now();
      if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        long long secs = std::strtoll(epoch, &end, 10);
        if (*end != '\0' || secs < 0) return Status::Invalid("SOURCE_DATE_EPOCH: expected seconds since 1970");
        created = Timestamp::FromUnix(secs);
      }
      PSIRT_ASSIGN_OR_RETURN(Sbom s, BuildSbom(w.manifest, w.clones, created.ToString(), std::string("psirt ") + PSIRT_VERSION));
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json doc, SbomDocument(s, a->format));
      std::string text = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      if (a->output.empty()) {
        std::cout << text;
        return Status::Ok();
      }
      PSIRT_RETURN_IF_ERROR(WriteFileAtomic(a->output, text));
      if (ctx.options.json)
        ctx.PrintJson({{"file", a->output}, {"format", a->format}, {"components", s.components.size()}});
      else
        std::cerr << "psirt: wrote " << a->output << " (" << s.components.size() << " components)\n";
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
