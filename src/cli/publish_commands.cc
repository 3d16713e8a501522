// `psirt import` and `psirt export`: published documents in and out.
#include <iostream>

#include "app/publish_service.h"
#include "app/workspace.h"
#include <filesystem>

#include "cli/commands.h"
#include "cli/client.h"
#include "core/versions.h"

namespace psirt::cli {
namespace {

struct ExportArgs {
  std::string id;
  std::string format;
  std::string output;
  std::string release;
  int year = 0;
  bool draft = false;
  bool all = false;
};

struct ImportArgs {
  std::string format;
  std::vector<std::string> files;
  bool replace = false;
};

void RegisterImport(CLI::App& app, CliContext& ctx) {
  auto ia = std::make_shared<ImportArgs>();
  CLI::App* imp = app.add_subcommand("import", "Import published documents (zephyr-rst, cve5)");
  imp->add_option("format", ia->format, "zephyr-rst or cve5")->required();
  imp->add_option("files", ia->files, "Files to import")->required();
  imp->add_flag("--replace", ia->replace,
                "Let the documents win where they lack what an advisory has (GHSA id, fixes, references); "
                "without it such an import is refused as a conflict");
  imp->callback([&ctx, ia] {
    ctx.status = [&]() -> Status {
      if (ia->format != "zephyr-rst" && ia->format != "cve5")
        return Status::Usage("unknown import format '" + ia->format + "': expected zephyr-rst or cve5");
      std::vector<InputFile> files;
      for (const std::string& f : ia->files) {
        PSIRT_ASSIGN_OR_RETURN(std::string text, ReadFileText(f));
        files.push_back({f, std::move(text)});
      }
      PSIRT_ASSIGN_OR_RETURN(Client * client, ctx.Client());
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json r, client->Import(ia->format == "cve5" ? "cve5" : "rst", files, ia->replace));
      if (ctx.options.json) ctx.PrintJson(r);
      else std::cout << "imported " << r["ids"].size() << " advisories: " << r["created"] << " created, " << r["updated"]
                     << " updated, " << r["unchanged"] << " unchanged\n";
      // What was taken differently from how a document says it, once, on stderr.
      for (const auto& w : r.value("warnings", nlohmann::json::array()))
        if (w.is_string()) std::cerr << "psirt: warning: " << w.get<std::string>() << "\n";
      return Status::Ok();
    }();
  });
}

void RegisterExport(CLI::App& app, CliContext& ctx) {
  auto ea = std::make_shared<ExportArgs>();
  CLI::App* exp = app.add_subcommand("export", "Export an advisory (cve5, osv, csaf, rst), a year page or release notes");
  exp->add_option("id", ea->id, "Advisory: its id, CVE id or GHSA id");
  exp->add_option("--format,-f", ea->format, "cve5, osv, csaf, rst or release-notes")->required();
  exp->add_option("--output,-o", ea->output, "Write to this file (default: standard output)");
  exp->add_option("--year", ea->year, "With --format rst: the whole vulnerabilities page of a year");
  exp->add_option("--release", ea->release, "With --format release-notes: the release (vX.Y.Z)");
  exp->add_flag("--draft", ea->draft, "Export even if the advisory is not ready to publish");
  exp->add_flag("--all", ea->all, "Every advisory ready to publish, one file each in the --output directory");
  exp->callback([&ctx, ea] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      PublishService svc = ws->Publish(ctx.clock);
      std::string out;
      if (ea->all) {
        auto f = ParseExportFormat(ea->format);
        if (!f) return Status::Usage("--all works with --format cve5, osv, csaf or rst");
        if (ea->output.empty()) return Status::Usage("--all needs --output DIR");
        if (!ea->id.empty() || ea->year) return Status::Usage("--all exports every advisory: no id or --year");
        PSIRT_ASSIGN_OR_RETURN(auto r, svc.ExportAll(*f, ea->output, ea->draft));
        if (ctx.options.json) {
          ctx.PrintJson({{"written", r.written}, {"skipped", r.skipped}, {"directory", ea->output},
                         {"skipped_why", r.skipped_why}, {"failed", r.failed}});
        } else {
          std::cout << "wrote " << r.written << " files to " << ea->output << " (" << r.skipped
                    << " advisories not ready to publish" +
                           (r.skipped_why.empty() ? std::string() : ", " + std::to_string(r.skipped_why.size()) + " not this CNA's") +
                           ")\n";
          for (const std::string& w : r.skipped_why) std::cout << "  skipped " << w << "\n";
          for (const std::string& w : r.failed) std::cout << "  FAILED " << w << "\n";
        }
        // A document that failed is a finding: the others were written.
        if (!r.failed.empty()) ctx.exit_code = 1;
        return Status::Ok();
      }
      if (!ea->output.empty() && std::filesystem::is_directory(ea->output))
        return Status::Usage("-o " + ea->output + " is a directory: give a file name (-o " + ea->output +
                             "/NAME), or use --all -o " + ea->output + " for one file per advisory");
      if (ea->format == "release-notes") {
        if (ea->release.empty()) return Status::Usage("--format release-notes needs --release vX.Y.Z");
        if (Status st = CheckReleaseTag(ws->config.releases, ea->release); !st.ok())
          return Status::Usage("--release: " + st.message());
        PSIRT_ASSIGN_OR_RETURN(out, svc.ExportReleaseNotes(ea->release));
      } else if (ea->year != 0) {
        if (ea->format != "rst") return Status::Usage("--year works with --format rst");
        if (!ea->id.empty()) return Status::Usage("give either an advisory id or --year, not both");
        PSIRT_ASSIGN_OR_RETURN(out, svc.ExportRstYear(ea->year));
      } else {
        auto f = ParseExportFormat(ea->format);
        if (!f)
          return Status::Usage("unknown format '" + ea->format +
                               "': expected cve5, osv, csaf, rst or release-notes");
        if (ea->id.empty()) return Status::Usage("which advisory? give its id (or --year with rst)");
        PSIRT_ASSIGN_OR_RETURN(out, svc.Export(ea->id, *f, ea->draft));
      }
      if (ea->output.empty()) {
        std::cout << out;
        return Status::Ok();
      }
      return WriteFileAtomic(ea->output, out);
    }();
  });
}

}  // namespace

void RegisterPublishCommands(CLI::App& app, CliContext& ctx) {
  RegisterImport(app, ctx);
  RegisterExport(app, ctx);
}

}  // namespace psirt::cli
