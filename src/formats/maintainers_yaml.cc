// MAINTAINERS.yml parsing with yaml-cpp (line numbers from node marks).
#include "formats/maintainers_yaml.h"

#include <yaml-cpp/yaml.h>

#include <set>

namespace psirt {
namespace {

const std::set<std::string> kAreaKeys = {
    "status", "maintainers", "collaborators", "inform", "files", "files-exclude",
    "files-regex", "files-regex-exclude", "labels", "description", "tests", "tags",
    "file-groups", "meta"};
const std::set<std::string> kGroupKeys = {
    "name", "collaborators", "files", "files-exclude", "files-regex", "files-regex-exclude",
    "description", "defer-to-other-areas"};
const std::set<std::string> kStatus = {"maintained", "odd fixes", "unmaintained", "obsolete"};

class Parser {
 public:
  Parser(std::string file, bool collect) : file_(std::move(file)), collect_(collect) {}

  std::vector<Status> problems;

  // Records a problem; in strict mode the first one stops parsing.
  bool Problem(const YAML::Node& n, std::string msg) {
    problems.push_back(std::move(Status::Invalid(std::move(msg)).At(file_, n.Mark().line + 1)));
    return collect_;
  }

  bool Strings(const YAML::Node& n, const std::string& key, const std::string& where,
               std::vector<std::string>& out) {
    if (!n.IsSequence()) {
      if (n.IsNull()) return true;
      return Problem(n, "malformed '" + key + "' value for " + where +
                            " -- should be a list of strings");
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node x = *it;
      if (!x.IsScalar())
        return Problem(x, "malformed '" + key + "' value for " + where +
                              " -- should be a list of strings");
      out.push_back(x.Scalar());
    }
    return true;
  }

  bool Patterns(const std::string& key, const YAML::Node& v, const std::string& where,
                OwnerPatterns& p, bool& handled) {
    handled = true;
    if (key == "files") return Strings(v, key, where, p.files);
    if (key == "files-regex") return Strings(v, key, where, p.files_regex);
    if (key == "files-exclude") return Strings(v, key, where, p.files_exclude);
    if (key == "files-regex-exclude") return Strings(v, key, where, p.files_regex_exclude);
    handled = false;
    return true;
  }

  bool Area(const std::string& name, const YAML::Node& key_node, const YAML::Node& n,
            OwnerArea& a) {
    a.name = name;
    a.line = key_node.Mark().line + 1;
    std::string where = "area '" + name + "'";
    if (!n.IsMap()) return Problem(key_node, "malformed entry for " + where + " (not a dict)");
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node k = it->first;
      const YAML::Node v = it->second;
      std::string key = k.Scalar();
      if (!kAreaKeys.count(key)) {
        if (!Problem(k, "unknown key '" + key + "' in " + where)) return false;
        continue;
      }
      bool handled = false;
      if (!Patterns(key, v, where, a.patterns, handled)) return false;
      if (handled) continue;
      bool ok = true;
      if (key == "status") {
        a.status = v.IsScalar() ? v.Scalar() : "";
        if (!kStatus.count(a.status))
          ok = Problem(v, "bad 'status' key on " + where +
                              ", should be one of \"maintained\", \"odd fixes\", "
                              "\"unmaintained\", \"obsolete\"");
      } else if (key == "maintainers") {
        ok = Strings(v, key, where, a.maintainers);
      } else if (key == "collaborators") {
        ok = Strings(v, key, where, a.collaborators);
      } else if (key == "inform") {
        ok = Strings(v, key, where, a.inform);
      } else if (key == "labels") {
        ok = Strings(v, key, where, a.labels);
      } else if (key == "tests") {
        ok = Strings(v, key, where, a.tests);
      } else if (key == "tags") {
        ok = Strings(v, key, where, a.tags);
      } else if (key == "description") {
        if (!v.IsScalar())
          ok = Problem(v, "malformed 'description' value for " + where + " -- should be a string");
        else
          a.description = v.Scalar();
      } else if (key == "meta") {
        std::string s = v.IsScalar() ? v.Scalar() : "";
        if (s == "true") a.meta = true;
        else if (s == "false") a.meta = false;
        else ok = Problem(v, "malformed 'meta' value for " + where + " -- should be true or false");
      } else if (key == "file-groups") {
        ok = Groups(v, where, a);
      }
      if (!ok) return false;
    }
    return true;
  }

  bool Groups(const YAML::Node& n, const std::string& where, OwnerArea& a) {
    if (!n.IsSequence())
      return Problem(n, "malformed 'file-groups' value for " + where + " -- should be a list");
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node g = *it;
      FileGroup fg;
      fg.line = g.Mark().line + 1;
      if (!g.IsMap()) {
        if (!Problem(g, "malformed file group in " + where + " (not a dict)")) return false;
        continue;
      }
      const YAML::Node name = g["name"];
      if (!name || !name.IsScalar()) {
        if (!Problem(g, "file group in " + where + " has no 'name'")) return false;
      } else {
        fg.name = name.Scalar();
      }
      std::string gw = "file group '" + fg.name + "' of " + where;
      for (auto kt = g.begin(); kt != g.end(); ++kt) {
        const YAML::Node k = kt->first;
        const YAML::Node v = kt->second;
        std::string key = k.Scalar();
        if (!kGroupKeys.count(key)) {
          if (!Problem(k, "unknown key '" + key + "' in " + gw)) return false;
          continue;
        }
        bool handled = false;
        if (!Patterns(key, v, gw, fg.patterns, handled)) return false;
        if (key == "collaborators" && !Strings(v, key, gw, fg.collaborators)) return false;
        if (key == "defer-to-other-areas") {
          std::string b = v.IsScalar() ? v.Scalar() : "";
          if (b != "true" && b != "false" &&
              !Problem(v, "malformed 'defer-to-other-areas' value for " + gw +
                              " -- should be true or false"))
            return false;
          fg.defer = b == "true";
        }
      }
      a.groups.push_back(std::move(fg));
    }
    return true;
  }

  bool Parse(std::string_view text, std::vector<OwnerArea>& out) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
      problems.push_back(
          std::move(Status::Invalid("YAML error: " + e.msg).At(file_, e.mark.line + 1)));
      return false;
    }
    if (!root.IsMap()) return Problem(root, "empty or malformed YAML (not a dict)") && false;
    std::set<std::string> seen;
    for (auto it = root.begin(); it != root.end(); ++it) {
      const YAML::Node k = it->first;
      const YAML::Node v = it->second;
      std::string name = k.IsScalar() ? k.Scalar() : "";
      if (!seen.insert(name).second && !Problem(k, "duplicate area '" + name + "'")) return false;
      OwnerArea a;
      if (!Area(name, k, v, a)) return false;
      out.push_back(std::move(a));
    }
    return problems.empty();
  }

 private:
  std::string file_;
  bool collect_;
};

}  // namespace

Result<std::vector<OwnerArea>> ParseMaintainersYaml(std::string_view text,
                                                    const std::string& filename) {
  Parser p(filename, /*collect=*/false);
  std::vector<OwnerArea> areas;
  if (!p.Parse(text, areas)) return p.problems.front();
  return areas;
}

std::vector<Status> CheckMaintainersYaml(std::string_view text, const std::string& filename) {
  Parser p(filename, /*collect=*/true);
  std::vector<OwnerArea> areas;
  p.Parse(text, areas);
  std::vector<Status> out = std::move(p.problems);
  for (const OwnerArea& a : areas) {
    auto at = [&](std::string msg) {
      out.push_back(std::move(Status::Invalid(std::move(msg)).At(filename, a.line)));
    };
    if (a.status == "maintained" && a.maintainers.empty())
      at("maintained area '" + a.name + "' with no maintainers");
    // Regexes compile: build a one-area index and report its error.
    OwnerArea copy = a;
    auto idx = OwnersIndex::Build({copy});
    if (!idx.ok()) at(idx.status().message());
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Status& x, const Status& y) { return x.line() < y.line(); });
  return out;
}

}  // namespace psirt
