// `psirt vex set|list|export`: the team's VEX decisions on module
// vulnerabilities - recorded with author and time, honoured by `psirt
// scan`, exported as OpenVEX (schema-checked) or as a module.yml
// `vulnerability-assessments` block to send upstream with the module.
#include <filesystem>
#include <iostream>

#include "app/module_service.h"
#include "app/sbom_service.h"
#include "app/vex_service.h"
#include "base/strings.h"
#include "cli/commands.h"

namespace psirt::cli {
namespace {

// The SBOM of the workspace's manifest, for the modules' package URLs
// (empty when no manifest is known).
Result<Sbom> WorkspaceSbom(Workspace& ws, const std::string& manifest_opt, const std::string& west_dir_opt,
                          const std::string& created) {
  std::string path = !manifest_opt.empty() ? manifest_opt : ws.ModulesManifest();
  if (path.empty()) return Sbom{"workspace", created, std::string("psirt ") + PSIRT_VERSION, "0", {}};
  PSIRT_ASSIGN_OR_RETURN(ModuleWorkspace w, OpenModuleWorkspace(path, !west_dir_opt.empty() ? west_dir_opt : ws.WestDir()));
  return BuildSbom(w.manifest, w.clones, created, std::string("psirt ") + PSIRT_VERSION);
}

}  // namespace

void RegisterVexCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* vex = app.add_subcommand("vex", "VEX decisions on module vulnerabilities");
  vex->require_subcommand(1);
  struct Args {
    VexDecision d;
    std::string format, manifest, west_dir, module;
  };
  auto a = std::make_shared<Args>();
  CLI::App* set = vex->add_subcommand("set", "Record a decision: is MODULE affected by VULN-ID?");
  set->add_option("module", a->d.module, "The west project")->required();
  set->add_option("vulnerability", a->d.vulnerability, "CVE, GHSA or OSV id")->required();
  set->add_option("--status", a->d.status, "not_affected, affected, fixed or under_investigation")->required();
  set->add_option("--justification", a->d.justification, "For not_affected: one of OpenVEX's justifications");
  set->add_option("--note", a->d.note, "Why (impact statement or status notes)");
  set->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      if (ctx.options.server) return Status::Usage("vex set works on the workspace database, not through --server");
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      PSIRT_ASSIGN_OR_RETURN(a->d.author, ctx.Actor());
      a->d.time = ctx.clock.Now().ToString();
      PSIRT_RETURN_IF_ERROR(SetVexDecision(*ws->store, a->d));
      if (ctx.options.json) ctx.PrintJson(VexDecisionToJson(a->d));
      else std::cout << EscapeControls(a->d.module + " " + a->d.vulnerability + ": " + a->d.status, false) << "\n";
      return Status::Ok();
    }();
  });
  CLI::App* list = vex->add_subcommand("list", "The decisions in force (the latest per module and vulnerability)");
  list->callback([&ctx] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      PSIRT_ASSIGN_OR_RETURN(std::vector<VexDecision> ds, CurrentVexDecisions(*ws->store));
      if (ctx.options.json) {
        nlohmann::json j = nlohmann::json::array();
        for (const VexDecision& d : ds) j.push_back(VexDecisionToJson(d));
        ctx.PrintJson(j);
        return Status::Ok();
      }
      for (const VexDecision& d : ds)
        std::cout << EscapeControls(d.module + "  " + d.vulnerability + "  " + d.status +
                                        (d.justification.empty() ? "" : " (" + d.justification + ")") + "  " + d.author +
                                        " " + d.time,
                                    false)
                  << "\n";
      return Status::Ok();
    }();
  });
  CLI::App* exp = vex->add_subcommand("export", "The decisions as OpenVEX, CycloneDX, CSAF, or a module's module.yml block");
  exp->add_option("--format", a->format, "openvex, cyclonedx, csaf or module-yml")
      ->required()
      ->check(CLI::IsMember({"openvex", "cyclonedx", "csaf", "module-yml"}));
  exp->add_option("module", a->module, "For module-yml: the module");
  exp->add_option("--manifest", a->manifest, "The west manifest (default: psirt.yml's modules.manifest) for package URLs");
  exp->add_option("--west-dir", a->west_dir, "The west topdir with the clones");
  exp->callback([&ctx, a] {
    ctx.status = [&]() -> Status {
      PSIRT_ASSIGN_OR_RETURN(Workspace * ws, ctx.OpenedWorkspace());
      PSIRT_ASSIGN_OR_RETURN(std::vector<VexDecision> ds, CurrentVexDecisions(*ws->store));
      if (a->format == "module-yml") {
        if (a->module.empty()) return Status::Usage("vex export --format module-yml: name the module");
        std::string yml = VexToModuleYml(ds, a->module);
        if (yml.empty()) return Status::NotFound("no VEX decisions for module '" + a->module + "'");
        if (ctx.options.json) ctx.PrintJson({{"module", a->module}, {"module_yml", yml}});
        else std::cout << yml;
        return Status::Ok();
      }
      if (!a->module.empty())
        ds.erase(std::remove_if(ds.begin(), ds.end(), [&](const VexDecision& d) { return d.module != a->module; }), ds.end());
      PSIRT_ASSIGN_OR_RETURN(Sbom sbom, WorkspaceSbom(*ws, a->manifest, a->west_dir, ctx.clock.Now().ToString()));
      PSIRT_ASSIGN_OR_RETURN(nlohmann::json doc, ExportVex(a->format, ds, sbom, ws->config, ctx.clock.Now().ToString()));
      ctx.PrintJson(doc);
      return Status::Ok();
    }();
  });
}

}  // namespace psirt::cli
