// psirt.yml reading (yaml-cpp) with exact error locations.
#include "formats/config_yaml.h"

#include "base/strings.h"
#include "core/identifiers.h"
#include "core/text_rules.h"
#include "core/versions.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include "core/identifiers.h"

namespace psirt {
namespace {

// Walks a YAML mapping, dispatching each key to a handler and reporting
// unknown or duplicate keys with their line.
class Reader {
 public:
  explicit Reader(std::string filename) : file_(std::move(filename)) {}

  Status Error(const YAML::Node& n, const std::string& path, const std::string& msg) const {
    return std::move(Status::Invalid(msg).Field(path).At(file_, n.Mark().line + 1));
  }

  using Handler = std::function<Status(const YAML::Node&, const std::string& path)>;

  Status Map(const YAML::Node& n, const std::string& path,
             const std::map<std::string, Handler>& handlers) const {
    if (!n.IsMap())
      return Error(n, path.empty() ? "(top level)" : path, "expected a mapping of keys");
    std::set<std::string> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
      // Copies: the iterator yields a temporary pair of handles.
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      std::string k = key.IsScalar() ? key.Scalar() : "";
      std::string kp = path.empty() ? k : path + "." + k;
      auto h = handlers.find(k);
      if (h == handlers.end()) {
        std::string allowed;
        for (auto& [name, _] : handlers) allowed += (allowed.empty() ? "" : ", ") + name;
        return Error(key, kp, "unknown key (expected one of: " + allowed + ")");
      }
      if (!seen.insert(k).second) return Error(key, kp, "duplicate key");
      PSIRT_RETURN_IF_ERROR(h->second(value, kp));
    }
    return Status::Ok();
  }

  Handler String(std::string& out, bool allow_empty = false) const {
    return [this, &out, allow_empty](const YAML::Node& n, const std::string& p) -> Status {
      if (!n.IsScalar()) return Error(n, p, "expected a string");
      out = n.Scalar();
      if (!allow_empty && out.empty()) return Error(n, p, "must not be empty");
      if (!IsValidUtf8(out)) return Error(n, p, "expected UTF-8 text");
      for (unsigned char ch : out)
        if (ch < 0x20 || ch == 0x7f)
          return Error(n, p, "expected a single-line string without control characters");
      if (Status st = CheckText(TextRule{"", false, 0}, out); !st.ok())
        return Error(n, p, "expected a single-line string without control characters");
      return Status::Ok();
    };
  }

  Handler Int(int& out, int min, int max) const {
    return [this, &out, min, max](const YAML::Node& n, const std::string& p) -> Status {
      std::string s = n.IsScalar() ? n.Scalar() : "";
      bool digits = !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
      long v = digits && s.size() < 10 ? std::stol(s) : -1;
      if (!digits || v < min || v > max)
        return Error(n, p,
                     "expected a whole number from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", got '" + s + "'");
      out = static_cast<int>(v);
      return Status::Ok();
    };
  }

  Handler Bool(bool& out) const {
    return [this, &out](const YAML::Node& n, const std::string& p) -> Status {
      std::string s = n.IsScalar() ? n.Scalar() : "";
      if (s == "true") out = true;
      else if (s == "false") out = false;
      else return Error(n, p, "expected true or false, got '" + s + "'");
      return Status::Ok();
    };
  }

  // A mapping of names to single-line strings.
  Handler StringMap(std::map<std::string, std::string>& out) const {
    return [this, &out](const YAML::Node& n, const std::string& p) -> Status {
      if (n.IsNull()) {
        out.clear();
        return Status::Ok();
      }
      if (!n.IsMap()) return Error(n, p, "expected a mapping of names to strings");
      out.clear();
      for (auto it = n.begin(); it != n.end(); ++it) {
        const YAML::Node key = it->first;
        const YAML::Node value = it->second;
        std::string k = key.IsScalar() ? key.Scalar() : "";
        if (k.empty()) return Error(key, p, "expected a name");
        std::string v;
        PSIRT_RETURN_IF_ERROR(String(v)(value, p + "." + k));
        if (!out.emplace(k, v).second) return Error(key, p + "." + k, "duplicate key");
      }
      return Status::Ok();
    };
  }

  // A mapping of names to lists of strings.
  Handler StringListMap(std::map<std::string, std::vector<std::string>>& out) const {
    return [this, &out](const YAML::Node& n, const std::string& p) -> Status {
      out.clear();
      if (n.IsNull()) return Status::Ok();
      if (!n.IsMap()) return Error(n, p, "expected a mapping of names to lists");
      for (auto it = n.begin(); it != n.end(); ++it) {
        const YAML::Node key = it->first;
        const YAML::Node value = it->second;
        std::string k = key.IsScalar() ? key.Scalar() : "";
        if (k.empty()) return Error(key, p, "expected a name");
        std::vector<std::string> v;
        PSIRT_RETURN_IF_ERROR(Strings(v)(value, p + "." + k));
        if (!out.emplace(k, v).second) return Error(key, p + "." + k, "duplicate key");
      }
      return Status::Ok();
    };
  }

  Handler Strings(std::vector<std::string>& out) const {
    return [this, &out](const YAML::Node& n, const std::string& p) -> Status {
      if (n.IsNull()) {
        out.clear();
        return Status::Ok();
      }
      if (!n.IsSequence()) return Error(n, p, "expected a list of strings");
      out.clear();
      for (auto it = n.begin(); it != n.end(); ++it) {
        const YAML::Node x = *it;  // a copy: the iterator yields a temporary
        if (!x.IsScalar() || x.Scalar().empty()) return Error(x, p, "expected a non-empty string");
        if (Status st = CheckText(TextRule{"", false, 0}, x.Scalar()); !st.ok())
          return Error(x, p, "expected a single-line UTF-8 string without control characters");
        out.push_back(x.Scalar());
      }
      return Status::Ok();
    };
  }

 private:
  std::string file_;
};

Status CheckPattern(const Reader& r, const YAML::Node& n, const std::string& p,
                    const std::string& pattern, bool needs_patch) {
  for (const char* part : {"{major}", "{minor}"})
    if (pattern.find(part) == std::string::npos)
      return r.Error(n, p, "pattern '" + pattern + "' must contain " + part);
  if (needs_patch && pattern.find("{patch}") == std::string::npos)
    return r.Error(n, p, "pattern '" + pattern + "' must contain {patch}");
  return Status::Ok();
}

Status Patterns(const Reader& r, const YAML::Node& n, const std::string& p, std::string& first,
                std::vector<std::string>& more, bool needs_patch) {
  std::vector<std::string> all;
  if (n.IsSequence()) {
    PSIRT_RETURN_IF_ERROR(r.Strings(all)(n, p));
    if (all.empty()) return r.Error(n, p, "expected at least one pattern");
  } else {
    all.emplace_back();
    PSIRT_RETURN_IF_ERROR(r.String(all[0])(n, p));
  }
  for (const std::string& x : all) PSIRT_RETURN_IF_ERROR(CheckPattern(r, n, p, x, needs_patch));
  first = all[0];
  more.assign(all.begin() + 1, all.end());
  return Status::Ok();
}

// The `releases:` section: main branch, tag and branch patterns, LTS, PR refs, backport policy.
Reader::Handler ReleasesKeys(const Reader& r, WorkspaceConfig& c) {
  return [&r, &c](const YAML::Node& n, const std::string& p) -> Status {
    return r.Map(n, p, {
        {"main_branch",
          [&](const YAML::Node& v, const std::string& vp) -> Status {
            PSIRT_RETURN_IF_ERROR(r.String(c.releases.main_branch)(v, vp));
            if (Status st = CheckBranchName(c.releases.main_branch); !st.ok()) return r.Error(v, vp, st.message());
            return Status::Ok();
          }},
        // A pattern, or a list of them: releases and branches named in
        // more than one way ("mbedtls-{major}.{minor}" and
        // "archive/mbedtls-{major}.{minor}"); the first names new ones.
        {"tag_pattern",
          [&](const YAML::Node& v, const std::string& vp) -> Status {
            return Patterns(r, v, vp, c.releases.tag_pattern, c.releases.more_tag_patterns, true);
          }},
        {"branch_pattern",
          [&](const YAML::Node& v, const std::string& vp) -> Status {
            return Patterns(r, v, vp, c.releases.branch_pattern, c.releases.more_branch_patterns, false);
          }},
        {"lts_branches", r.Strings(c.releases.lts_branches)},
        {"pr_ref_pattern",
          [&](const YAML::Node& v, const std::string& vp) -> Status {
            PSIRT_RETURN_IF_ERROR(r.String(c.releases.pr_ref_pattern)(v, vp));
            const std::string& p = c.releases.pr_ref_pattern;
            if (p.rfind("refs/", 0) != 0 || p.find("{pr}") == std::string::npos)
              return r.Error(v, vp, "expected a ref pattern like refs/pull/{pr}/head, got '" + p + "'");
            return Status::Ok();
          }},
        {"backport_policy",
          [&](const YAML::Node& v, const std::string& vp) {
            return r.Map(v, vp, {
                {"lts", r.Bool(c.releases.backport_to_lts)},
                {"latest", r.Int(c.releases.backport_latest, 0, 100)},
            });
          }},
    });
  };
}

// The `cna:` section: who this CNA is and which years' CVEs it assigned.
Reader::Handler CnaKeys(const Reader& r, WorkspaceConfig& c) {
  return [&r, &c](const YAML::Node& n, const std::string& p) -> Status {
    return r.Map(n, p, {
        {"vendor", r.String(c.cna.vendor, true)},
        {"product", r.String(c.cna.product, true)},
        {"org_id",
          [&](const YAML::Node& v, const std::string& vp) -> Status {
            PSIRT_RETURN_IF_ERROR(r.String(c.cna.org_id, true)(v, vp));
            static const std::regex kUuid(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
            if (!c.cna.org_id.empty() && !std::regex_match(c.cna.org_id, kUuid))
              return r.Error(v, vp, "expected a UUID, got '" + c.cna.org_id + "'");
            return Status::Ok();
          }},
        {"advisory_url", r.String(c.cna.advisory_url, true)},
        {"short_name", r.String(c.cna.short_name, true)},
        {"own_cve_years",
          [&](const YAML::Node& v, const std::string& vp) -> Status {
            PSIRT_RETURN_IF_ERROR(r.Strings(c.cna.own_cve_years)(v, vp));
            static const std::regex kYears("(19|20)[0-9]{2}(-(19|20)[0-9]{2})?");
            for (const std::string& y : c.cna.own_cve_years)
              if (!std::regex_match(y, kYears) || (y.size() == 9 && y.substr(5) < y.substr(0, 4)))
                return r.Error(v, vp, "expected years like \"2021\" or ranges like \"2019-2023\", got '" + y + "'");
            return Status::Ok();
          }},
    });
  };
}

// github: the repository synced, the API, token and webhook secret files.
Reader::Handler GithubKeys(const Reader& r, WorkspaceConfig& c) {
  return [&r, &c](const YAML::Node& n, const std::string& p) {
    return r.Map(n, p, {
        {"repo",
         [&](const YAML::Node& v, const std::string& vp) -> Status {
           PSIRT_RETURN_IF_ERROR(r.String(c.github.repo, true)(v, vp));
           static const std::regex kRepo("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");
           if (!c.github.repo.empty() && !std::regex_match(c.github.repo, kRepo))
             return r.Error(v, vp, "expected OWNER/NAME, got '" + c.github.repo + "'");
           return Status::Ok();
         }},
        {"api_url",
         [&](const YAML::Node& v, const std::string& vp) -> Status {
           PSIRT_RETURN_IF_ERROR(r.String(c.github.api_url)(v, vp));
           if (c.github.api_url.rfind("https://", 0) != 0 && c.github.api_url.rfind("http://", 0) != 0)
             return r.Error(v, vp, "expected an http(s) URL, got '" + c.github.api_url + "'");
           while (!c.github.api_url.empty() && c.github.api_url.back() == '/') c.github.api_url.pop_back();
           return Status::Ok();
         }},
        {"token_file", r.String(c.github.token_file, true)},
        {"webhook_secret_file", r.String(c.github.webhook_secret_file, true)},
        {"pull_minutes", r.Int(c.github.pull_minutes, 0, 7 * 24 * 60)},
    });
  };
}

// patch: the test command `psirt patch test` runs, and whether the server may.
Reader::Handler PatchKeys(const Reader& r, WorkspaceConfig& c) {
  return [&r, &c](const YAML::Node& n, const std::string& p) {
    return r.Map(n, p, {
        {"test_command", r.String(c.patch.command, true)},
        {"test_timeout_seconds", r.Int(c.patch.timeout_seconds, 1, 7 * 24 * 3600)},
        {"allow_test", r.Bool(c.patch.allow_on_server)},
    });
  };
}

// cve_services: which service, the credentials file, the update job.
Reader::Handler CveServicesKeys(const Reader& r, WorkspaceConfig& c) {
  return [&r, &c](const YAML::Node& n, const std::string& p) {
    return r.Map(n, p, {
        {"api_url",
         [&](const YAML::Node& v, const std::string& vp) -> Status {
           PSIRT_RETURN_IF_ERROR(r.String(c.cve_services.api_url)(v, vp));
           Result<std::string> url = CveServicesBaseUrl(c.cve_services.api_url);
           return url.ok() ? Status::Ok() : r.Error(v, vp, url.status().message());
         }},
        {"credentials_file", r.String(c.cve_services.credentials_file, true)},
        {"update_minutes", r.Int(c.cve_services.update_minutes, 0, 7 * 24 * 60)},
    });
  };
}

// The `server:` section: listening, jobs, sessions, intake limits, proxies, caps, the public URL.
Reader::Handler ServerKeys(const Reader& r, WorkspaceConfig& c) {
  return [&r, &c](const YAML::Node& n, const std::string& p) -> Status {
    return r.Map(n, p, {
        {"listen", r.String(c.server.listen)},
        {"sync_minutes", r.Int(c.server.sync_minutes, 0, 7 * 24 * 60)},
        {"fetch_minutes", r.Int(c.server.fetch_minutes, 0, 7 * 24 * 60)},
        {"notify_minutes", r.Int(c.server.notify_minutes, 0, 7 * 24 * 60)},
        {"intake_minutes", r.Int(c.server.intake_minutes, 0, 7 * 24 * 60)},
        {"intake_maildir", r.String(c.server.intake_maildir)},
        {"session_hours", r.Int(c.server.session_hours, 1, 24 * 30)},
        {"reports_per_hour", r.Int(c.server.reports_per_hour, 1, 10000)},
        {"attachment_kb", r.Int(c.server.attachment_kb, 1, 1024 * 1024)},
        {"trusted_proxies", r.Strings(c.server.trusted_proxies)},
        {"connections_per_address", r.Int(c.server.connections_per_address, 1, 100000)},
        {"public_url",
         [&](const YAML::Node& v, const std::string& vp) -> Status {
           PSIRT_RETURN_IF_ERROR(r.String(c.server.public_url, true)(v, vp));
           const std::string& u = c.server.public_url;
           if (!u.empty() && u.rfind("https://", 0) != 0 && u.rfind("http://", 0) != 0)
             return r.Error(v, vp, "expected an http:// or https:// URL");
           return Status::Ok();
         }},
    });
  };
}

}  // namespace

Result<WorkspaceConfig> ParseConfigYaml(std::string_view text, const std::string& filename) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return std::move(Status::Invalid("not valid YAML: " + e.msg).At(filename, e.mark.line + 1));
  }
  Reader r(filename);
  WorkspaceConfig c;
  Status st = r.Map(root, "", {
      {"project", r.String(c.project)},
      {"advisory_prefix",
       [&](const YAML::Node& n, const std::string& p) -> Status {
         PSIRT_RETURN_IF_ERROR(r.String(c.advisory_prefix)(n, p));
         if (!IsValidAdvisoryPrefix(c.advisory_prefix))
           return r.Error(n, p, "expected letters, digits and '-', starting with a letter "
                                "(up to 16 characters), got '" + c.advisory_prefix + "'");
         return Status::Ok();
       }},
      {"repository", r.String(c.repository, true)},
      {"maintainers", r.String(c.maintainers, true)},
      {"modules",
       [&](const YAML::Node& n, const std::string& p) {
         return r.Map(n, p, {{"manifest", r.String(c.modules.manifest, true)},
                             {"west_dir", r.String(c.modules.west_dir, true)},
                             {"contacts", r.StringMap(c.modules.contacts)},
                             {"constraints", r.String(c.modules.constraints, true)}});
       }},
      {"policy",
       [&](const YAML::Node& n, const std::string& p) {
         return r.Map(n, p, {
             {"acknowledge_days", r.Int(c.policy.acknowledge_days, 1, 365)},
             {"fix_target_days", r.Int(c.policy.fix_target_days, 1, 3650)},
             {"embargo_days", r.Int(c.policy.embargo_days, 1, 3650)},
             {"embargo_warning_days", r.Int(c.policy.embargo_warning_days, 0, 365)},
             {"fix_warning_days", r.Int(c.policy.fix_warning_days, 0, 365)},
             {"cve_request_days", r.Int(c.policy.cve_request_days, 0, 365)},
         });
       }},
      {"releases", ReleasesKeys(r, c)},
      {"cna", CnaKeys(r, c)},
      {"publish",
       [&](const YAML::Node& n, const std::string& p) {
         auto url = [&](std::string& out) {
           return [&r, &out](const YAML::Node& v, const std::string& vp) -> Status {
             PSIRT_RETURN_IF_ERROR(r.String(out, true)(v, vp));
             if (!out.empty() && out.rfind("https://", 0) != 0 && out.rfind("http://", 0) != 0)
               return r.Error(v, vp, "expected an http(s) URL, got '" + out + "'");
             while (!out.empty() && out.back() == '/') out.pop_back();
             return Status::Ok();
           };
         };
         return r.Map(n, p, {
             {"repository_url", url(c.publish.repository_url)},
             {"tracker_label", r.String(c.publish.tracker_label, true)},
             {"vulnerabilities_url", url(c.publish.vulnerabilities_url)},
         });
       }},
      {"team",
       [&](const YAML::Node& n, const std::string& p) {
         return r.Map(n, p, {
             {"psirt", r.Strings(c.team.psirt)},
             {"release_managers",
              [&](const YAML::Node& v, const std::string& vp) -> Status {
                PSIRT_RETURN_IF_ERROR(r.StringListMap(c.team.release_managers)(v, vp));
                for (const auto& [branch, _] : c.team.release_managers)
                  if (Status st = CheckBranchName(branch); !st.ok()) return r.Error(v, vp + "." + branch, st.message());
                return Status::Ok();
              }},
         });
       }},
      {"notify",
       [&](const YAML::Node& n, const std::string& p) {
         return r.Map(n, p, {
             {"from", r.String(c.notify.from, true)},
             {"alerts_list", r.String(c.notify.alerts_list, true)},
             {"addresses", r.StringMap(c.notify.addresses)},
         });
       }},
      {"database",
       [&](const YAML::Node& v, const std::string& vp) -> Status {
         PSIRT_RETURN_IF_ERROR(r.String(c.database, true)(v, vp));
         if (!c.database.empty() && c.database.rfind("postgresql://", 0) != 0 && c.database.rfind("postgres://", 0) != 0)
           return r.Error(v, vp, "expected a postgresql:// URL (leave it out for the embedded SQLite database)");
         return Status::Ok();
       }},
      {"server", ServerKeys(r, c)},
      {"github", GithubKeys(r, c)},
      {"patch", PatchKeys(r, c)},
      {"cve_services", CveServicesKeys(r, c)},
  });
  if (!st.ok()) return st;
  if (c.project.empty())
    return std::move(Status::Invalid("missing required key").Field("project").At(filename, 1));
  if (c.policy.fix_target_days > c.policy.embargo_days) {
    const YAML::Node policy = root["policy"];
    const YAML::Node key = policy["fix_target_days"] ? policy["fix_target_days"]
                                                      : policy["embargo_days"];
    return std::move(Status::Invalid("fix target (" + std::to_string(c.policy.fix_target_days) +
                                     " days) is longer than the embargo (" +
                                     std::to_string(c.policy.embargo_days) + " days)")
                         .Field("policy.fix_target_days")
                         .At(filename, key.Mark().line + 1));
  }
  // LTS branches: real branch names of the release-branch pattern (known
  // only once the whole file is read).
  const YAML::Node lts = root["releases"] ? root["releases"]["lts_branches"] : YAML::Node();
  for (size_t i = 0; i < c.releases.lts_branches.size(); ++i) {
    const std::string& b = c.releases.lts_branches[i];
    Status st = CheckBranchName(b);
    if (st.ok()) st = CheckReleaseBranch(c.releases, b);
    if (!st.ok()) {
      int line = lts && lts.IsSequence() && i < lts.size() ? lts[i].Mark().line + 1 : 0;
      return std::move(Status::Invalid(st.message()).Field("releases.lts_branches").At(filename, line));
    }
  }
  return c;
}

std::string DefaultConfigYaml(const WorkspaceConfig& c) {
  auto q = [](const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
      if (ch == '"' || ch == '\\') {
        out += '\\';
        out += ch;
      } else if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(ch));
        out += buf;
      } else {
        out += ch;
      }
    }
    return out + "\"";
  };
  std::string lts = "[";
  for (size_t i = 0; i < c.releases.lts_branches.size(); ++i)
    lts += (i ? ", " : "") + q(c.releases.lts_branches[i]);
  lts += "]";
  std::string s;
  s += "# psirt workspace configuration. Every key is checked when psirt loads it.\n";
  s += "project: " + q(c.project) + "\n";
  s += "# Advisory ids are PREFIX-YEAR-NNNN.\n";
  s += "advisory_prefix: " + q(c.advisory_prefix) + "\n";
  s += "# The project's git clone and its MAINTAINERS.yml, relative to this file.\n";
  s += "repository: " + q(c.repository) + "\n";
  s += "maintainers: " + q(c.maintainers) + "\n";
  s += "# The project's west manifest and the west topdir with the module clones\n";
  s += "# (module lists, SBOMs); west_dir empty: the folder above the manifest holding .west/.\n";
  s += "modules:\n";
  s += "  manifest: " + q(c.modules.manifest) + "\n";
  s += "  west_dir: " + q(c.modules.west_dir) + "\n";
  s += "  # Version constraints between modules the project does not control (psirt modules check).\n";
  s += "  constraints: " + q(c.modules.constraints) + "\n";
  s += "  # Upstream security contacts by module name (psirt forward), before module.yml,\n";
  s += "  # SECURITY.md or security.txt in the clone.\n";
  if (c.modules.contacts.empty()) s += "  contacts: {}\n";
  else {
    s += "  contacts:\n";
    for (const auto& [name, address] : c.modules.contacts) s += "    " + q(name) + ": " + q(address) + "\n";
  }
  s += "# The process clocks (reporting.rst): acknowledge within a week, fix within\n";
  s += "# 30 days, publish after at most 90 days. Warning days set agenda lead times.\n";
  s += "policy:\n";
  s += "  acknowledge_days: " + std::to_string(c.policy.acknowledge_days) + "\n";
  s += "  fix_target_days: " + std::to_string(c.policy.fix_target_days) + "\n";
  s += "  embargo_days: " + std::to_string(c.policy.embargo_days) + "\n";
  s += "  embargo_warning_days: " + std::to_string(c.policy.embargo_warning_days) + "\n";
  s += "  fix_warning_days: " + std::to_string(c.policy.fix_warning_days) + "\n";
  s += "  cve_request_days: " + std::to_string(c.policy.cve_request_days) + "\n";
  s += "# How releases are named, and which branches receive backports:\n";
  s += "# the current LTS plus the latest N releases.\n";
  s += "releases:\n";
  s += "  main_branch: " + q(c.releases.main_branch) + "\n";
  auto patterns = [&](const std::string& first, const std::vector<std::string>& more) {
    if (more.empty()) return q(first);
    std::string out = "[" + q(first);
    for (const std::string& x : more) out += ", " + q(x);
    return out + "]";
  };
  s += "  # A pattern, or a list when names changed over time (the first names new ones).\n";
  s += "  tag_pattern: " + patterns(c.releases.tag_pattern, c.releases.more_tag_patterns) + "\n";
  s += "  branch_pattern: " + patterns(c.releases.branch_pattern, c.releases.more_branch_patterns) + "\n";
  s += "  lts_branches: " + lts + "\n";
  s += "  # Where the clone keeps pull-request heads ({pr} is the number).\n";
  s += "  pr_ref_pattern: " + q(c.releases.pr_ref_pattern) + "\n";
  s += "  backport_policy:\n";
  s += "    lts: " + std::string(c.releases.backport_to_lts ? "true" : "false") + "\n";
  s += "    latest: " + std::to_string(c.releases.backport_latest) + "\n";
  s += "# Identity in published CVE records.\n";
  s += "cna:\n";
  s += "  vendor: " + q(c.cna.vendor) + "\n";
  s += "  product: " + q(c.cna.product) + "\n";
  s += "  org_id: " + q(c.cna.org_id) + "\n";
  s += "  advisory_url: " + q(c.cna.advisory_url) + "\n";
  s += "  short_name: " + q(c.cna.short_name) + "\n";
  s += "  # Years (\"2021\", \"2019-2023\") in which this CNA assigned every CVE the project's\n";
  s += "  # pages name: without a CVE record saying who assigned one, only those are exported\n";
  s += "  # as this CNA's records.\n";
  {
    std::string years = "[";
    for (size_t i = 0; i < c.cna.own_cve_years.size(); ++i) years += (i ? ", " : "") + q(c.cna.own_cve_years[i]);
    s += "  own_cve_years: " + years + "]\n";
  }
  s += "# Links in published documents (PRs, commits) and the project's page wording.\n";
  s += "publish:\n";
  s += "  repository_url: " + q(c.publish.repository_url) + "\n";
  s += "  tracker_label: " + q(c.publish.tracker_label) + "\n";
  s += "  vulnerabilities_url: " + q(c.publish.vulnerabilities_url) + "\n";
  s += "# Notifications (psirt notify): sender and the vulnerability-alerts list.\n";
  s += "notify:\n";
  s += "  from: " + q(c.notify.from) + "\n";
  s += "  alerts_list: " + q(c.notify.alerts_list) + "\n";
  s += "  # Who is who: maintainer handles (MAINTAINERS.yml, assignees) -> \"Name <address>\".\n";
  if (c.notify.addresses.empty()) {
    s += "  addresses: {}\n";
  } else {
    s += "  addresses:\n";
    for (const auto& [k, v] : c.notify.addresses) s += "    " + q(k) + ": " + q(v) + "\n";
  }
  auto list = [&](const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + q(v[i]);
    return out + "]";
  };
  s += "# Need to know (reporting.rst): the PSIRT's members, who see everything, and the\n";
  s += "# release managers of each branch, who see what needs a backport there.\n";
  s += "team:\n";
  s += "  psirt: " + list(c.team.psirt) + "\n";
  if (c.team.release_managers.empty()) {
    s += "  release_managers: {}\n";
  } else {
    s += "  release_managers:\n";
    for (const auto& [b, v] : c.team.release_managers) s += "    " + q(b) + ": " + list(v) + "\n";
  }
  return s;
}

}  // namespace psirt
