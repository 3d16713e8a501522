// west.yml reading (see west_manifest_yaml.h).
#include "formats/west_manifest_yaml.h"

#include "formats/yaml_json.h"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace psirt {
namespace {

class ManifestReader {
 public:
  explicit ManifestReader(std::string file) : file_(std::move(file)) {}

  Status Error(const YAML::Node& n, const std::string& path, const std::string& msg) const {
    return std::move(Status::Invalid(path + ": " + msg).Field(path).At(file_, n.Mark().line + 1));
  }
  static int Line(const YAML::Node& n) { return n.Mark().line + 1; }

  using Handler = std::function<Status(const YAML::Node&, const std::string& path)>;

  // A mapping whose keys are all known, none twice.
  Status Map(const YAML::Node& n, const std::string& path, const std::map<std::string, Handler>& handlers) const {
    if (!n.IsMap()) return Error(n, path, "expected a mapping");
    std::set<std::string> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      std::string k = key.IsScalar() ? key.Scalar() : "";
      std::string kp = path + "." + k;
      auto h = handlers.find(k);
      if (h == handlers.end()) {
        std::string allowed;
        for (const auto& [name, _] : handlers) allowed += (allowed.empty() ? "" : ", ") + name;
        return Error(key, kp, "unknown key (expected one of: " + allowed + ")");
      }
      if (!seen.insert(k).second) return Error(key, kp, "given twice");
      PSIRT_RETURN_IF_ERROR(h->second(value, kp));
    }
    return Status::Ok();
  }

  // A scalar; `text`: any scalar (a SHA of digits only reads as a number).
  Handler Str(std::string& out) const {
    return [this, &out](const YAML::Node& n, const std::string& p) -> Status {
      if (!n.IsScalar()) return Error(n, p, "expected a string");
      out = n.Scalar();
      return Status::Ok();
    };
  }
  Handler OptStr(std::optional<std::string>& out) const {
    return [this, &out](const YAML::Node& n, const std::string& p) -> Status {
      if (!n.IsScalar()) return Error(n, p, "expected a string");
      out = n.Scalar();
      return Status::Ok();
    };
  }
  // groups-schema: a list of strings (or numbers, read as their text).
  Handler Groups(std::vector<std::string>& out, int* line = nullptr) const {
    return [this, &out, line](const YAML::Node& n, const std::string& p) -> Status {
      if (line) *line = Line(n);
      if (!n.IsSequence()) return Error(n, p, "expected a list of group names");
      for (const YAML::Node& g : n) {
        if (!g.IsScalar()) return Error(g, p, "expected a group name");
        out.push_back(g.Scalar());
      }
      return Status::Ok();
    };
  }
  Handler Import(std::optional<WestImport>& out) const {
    return [this, &out](const YAML::Node& n, const std::string& p) -> Status {
      WestImport i;
      i.line = Line(n);
      if (n.IsScalar()) i.text = n.Scalar();
      else if (n.IsMap()) i.text = "(mapping)";
      else if (n.IsSequence()) i.text = "(list)";
      else return Error(n, p, "expected true/false, a path, a mapping or a list");
      if (i.text == "false") return Status::Ok();
      out = i;
      return Status::Ok();
    };
  }


  Status Project(const YAML::Node& n, const std::string& path, WestProjectSpec& p) const {
    p.line = Line(n);
    return Map(n, path, {
        {"name", Str(p.name)},
        {"remote", OptStr(p.remote)},
        {"repo-path", OptStr(p.repo_path)},
        {"url", OptStr(p.url)},
        {"revision", OptStr(p.revision)},
        {"path", OptStr(p.path)},
        {"submodules", [](const YAML::Node&, const std::string&) { return Status::Ok(); }},
        {"clone-depth",
         [this, &p](const YAML::Node& v, const std::string& kp) -> Status {
           std::string s = v.IsScalar() ? v.Scalar() : "";
           if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos || s == "0")
             return Error(v, kp, "expected a positive whole number");
           p.clone_depth = std::stoi(s);
           return Status::Ok();
         }},
        {"west-commands", [this](const YAML::Node& v, const std::string& kp) -> Status {
           return v.IsScalar() ? Status::Ok() : Error(v, kp, "expected a path");
         }},
        {"import", Import(p.import)},
        {"groups", Groups(p.groups)},
        {"userdata", [&p](const YAML::Node& v, const std::string&) -> Status {
           p.userdata_json = YamlNodeToJson(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
           return Status::Ok();
         }},
    });
  }

  Status Manifest(const YAML::Node& n, WestManifestSpec& m) const {
    return Map(n, "manifest", {
        {"version", Str(m.version)},
        {"defaults",
         [this, &m](const YAML::Node& v, const std::string& kp) -> Status {
           m.defaults_line = Line(v);
           return Map(v, kp, {{"remote", OptStr(m.default_remote)}, {"revision", OptStr(m.default_revision)}});
         }},
        {"remotes",
         [this, &m](const YAML::Node& v, const std::string& kp) -> Status {
           if (!v.IsSequence()) return Error(v, kp, "expected a list of remotes");
           for (const YAML::Node& r : v) {
             WestRemote remote;
             remote.line = Line(r);
             PSIRT_RETURN_IF_ERROR(Map(r, kp + "[]", {{"name", Str(remote.name)}, {"url-base", Str(remote.url_base)}}));
             if (remote.name.empty()) return Error(r, kp + "[].name", "a remote needs a name");
             if (remote.url_base.empty()) return Error(r, kp + "[].url-base", "a remote needs a url-base");
             m.remotes.push_back(std::move(remote));
           }
           return Status::Ok();
         }},
        {"projects",
         [this, &m](const YAML::Node& v, const std::string& kp) -> Status {
           if (v.IsNull()) return Status::Ok();
           if (!v.IsSequence()) return Error(v, kp, "expected a list of projects");
           for (const YAML::Node& p : v) {
             WestProjectSpec spec;
             PSIRT_RETURN_IF_ERROR(Project(p, kp + "[]", spec));
             m.projects.push_back(std::move(spec));
           }
           return Status::Ok();
         }},
        {"group-filter", Groups(m.group_filter, &m.group_filter_line)},
        {"self",
         [this, &m](const YAML::Node& v, const std::string& kp) -> Status {
           return Map(v, kp, {
               {"path", OptStr(m.self_path)},
               {"west-commands", [this](const YAML::Node& w, const std::string& p) -> Status {
                  return w.IsScalar() ? Status::Ok() : Error(w, p, "expected a path");
                }},
               {"import", Import(m.self_import)},
               {"userdata", [](const YAML::Node&, const std::string&) { return Status::Ok(); }},
           });
         }},
    });
  }

 private:
  std::string file_;
};

}  // namespace

Result<WestManifestSpec> ParseWestManifest(std::string_view text, const std::string& filename) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return std::move(Status::Invalid("not valid YAML: " + e.msg).At(filename, e.mark.line + 1));
  }
  if (!root.IsMap() || !root["manifest"])
    return std::move(Status::Invalid("not a west manifest: expected a top-level 'manifest:' mapping")
                         .Field("manifest")
                         .At(filename, 1));
  WestManifestSpec m;
  m.file = filename;
  ManifestReader r(filename);
  PSIRT_RETURN_IF_ERROR(r.Manifest(root["manifest"], m));
  return m;
}

Result<WestManifest> ReadWestManifest(std::string_view text, const std::string& filename) {
  PSIRT_ASSIGN_OR_RETURN(WestManifestSpec spec, ParseWestManifest(text, filename));
  return ResolveWestManifest(spec);
}

}  // namespace psirt
