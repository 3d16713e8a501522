// MAINTAINERS matching. Include globs are indexed by their literal directory
// prefix (a hash lookup per '/' of the path), include regexes run as one
// RE2::Set automaton; regexes RE2 cannot express (Python lookarounds) run on
// PCRE2, whose syntax is Python's. Excludes and file groups are checked only
// on the few candidate areas.
#include "core/owners.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <unordered_map>

namespace psirt {

std::string GlobToRegex(std::string_view glob) {
  std::string r;
  for (char c : glob) {
    if (c == '.')
      r += "\\.";
    else if (c == '*')
      r += "[^/]*";
    else if (c == '?')
      r += "[^/]";
    else
      r += c;
  }
  if (glob.empty() || glob.back() != '/') r += '$';
  return r;
}

namespace {

// True when a glob's regex translation has no metacharacter besides the
// translated '*' and '?', so the fast matcher below is exact.
bool IsSimpleGlob(std::string_view g) {
  return g.find_first_of("[](){}+|^$\\") == std::string_view::npos;
}

// Matches one path component against one glob component ('*' and '?'
// never see a '/'): linear two-pointer matching with star backtracking.
bool ComponentMatch(std::string_view p, std::string_view s) {
  size_t pi = 0, si = 0, star = std::string_view::npos, mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == s[si])) {
      ++pi;
      ++si;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

// Matches a simple glob at the start of `s`: '*' is [^/]*, '?' is [^/], so
// the glob and the path are compared component by component. `full`: the
// whole of `s` must match (globs not ending in '/'); else a prefix suffices.
bool GlobMatch(std::string_view g, std::string_view s, bool full) {
  while (true) {
    size_t gs = g.find('/'), ps = s.find('/');
    if (gs == std::string_view::npos)  // last component of a full-match glob
      return full && ps == std::string_view::npos && ComponentMatch(g, s);
    if (ps == std::string_view::npos) return false;
    if (!ComponentMatch(g.substr(0, gs), s.substr(0, ps))) return false;
    g.remove_prefix(gs + 1);
    s.remove_prefix(ps + 1);
    if (g.empty()) return !full || s.empty();
  }
}

// A compiled PCRE2 pattern (Python-compatible syntax) with JIT.
class Pcre {
 public:
  static Result<std::unique_ptr<Pcre>> Compile(const std::string& pattern) {
    int err = 0;
    PCRE2_SIZE off = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     0, &err, &off, nullptr);
    if (!code) {
      PCRE2_UCHAR buf[256];
      pcre2_get_error_message(err, buf, sizeof buf);
      return Status::Invalid(std::string(reinterpret_cast<char*>(buf)) + " at offset " +
                             std::to_string(off));
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    auto p = std::unique_ptr<Pcre>(new Pcre);
    p->code_ = code;
    p->data_ = pcre2_match_data_create_from_pattern(code, nullptr);
    return p;
  }
  ~Pcre() {
    pcre2_match_data_free(data_);
    pcre2_code_free(code_);
  }
  bool Search(std::string_view s) const {
    return pcre2_match(code_, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), 0, 0, data_,
                       nullptr) >= 0;
  }

 private:
  Pcre() = default;
  pcre2_code* code_ = nullptr;
  pcre2_match_data* data_ = nullptr;
};

// One regex, on RE2 when it can express it exactly, else on PCRE2.
class Regex {
 public:
  static Result<std::unique_ptr<Regex>> Compile(const std::string& pattern) {
    auto r = std::unique_ptr<Regex>(new Regex);
    RE2::Options o;
    o.set_log_errors(false);
    r->re2_ = std::make_unique<RE2>(pattern, o);
    if (!r->re2_->ok()) {
      r->re2_.reset();
      PSIRT_ASSIGN_OR_RETURN(r->pcre_, Pcre::Compile(pattern));
    }
    return r;
  }
  bool Search(std::string_view s) const {
    return re2_ ? RE2::PartialMatch(s, *re2_) : pcre_->Search(s);
  }
  bool OnRe2() const { return re2_ != nullptr; }

 private:
  std::unique_ptr<RE2> re2_;
  std::unique_ptr<Pcre> pcre_;
};

// Any-of matcher over globs (anchored at the start) and regexes (searched),
// for excludes and file groups.
struct PatternMatcher {
  std::vector<std::pair<std::string, bool>> simple_globs;  // glob, full match needed
  std::vector<std::unique_ptr<Regex>> regexes;             // complex globs and regexes

  Status Add(const std::vector<std::string>& globs, const std::vector<std::string>& res,
             const std::string& where) {
    for (const std::string& g : globs) {
      if (IsSimpleGlob(g)) {
        simple_globs.emplace_back(g, g.empty() || g.back() != '/');
      } else {
        auto r = Regex::Compile("^(?:" + GlobToRegex(g) + ")");
        if (!r.ok()) return Status::Invalid("bad glob '" + g + "' in " + where + ": " + r.status().message());
        regexes.push_back(std::move(r).value());
      }
    }
    for (const std::string& re : res) {
      auto r = Regex::Compile(re);
      if (!r.ok())
        return Status::Invalid("bad regular expression '" + re + "' in " + where + ": " +
                               r.status().message());
      regexes.push_back(std::move(r).value());
    }
    return Status::Ok();
  }
  bool empty() const { return simple_globs.empty() && regexes.empty(); }
  bool Matches(std::string_view path) const {
    for (const auto& [g, full] : simple_globs)
      if (GlobMatch(g, path, full)) return true;
    for (const auto& r : regexes)
      if (r->Search(path)) return true;
    return false;
  }
};

struct GroupMatcher {
  PatternMatcher include, exclude;
};

struct AreaMatcher {
  PatternMatcher exclude;
  std::vector<GroupMatcher> groups;
};

// An indexed include glob: either a plain directory/exact literal (matches
// by lookup alone) or a pattern to verify against the path.
struct GlobEntry {
  int area;
  int simple = -1;  // index into simple_globs to verify, or -1: literal, no check
  int complex = -1; // index into complex regexes to verify
};

}  // namespace

struct OwnersIndex::Impl {
  std::vector<OwnerArea> areas;
  std::vector<AreaMatcher> matchers;
  // Keys view the glob strings held in `areas`, which never change after Build.
  std::unordered_map<std::string_view, std::vector<GlobEntry>> by_dir;  // "a/b/" -> globs
  std::unordered_map<std::string_view, std::vector<int>> exact;         // "a/b.c" -> areas
  std::vector<std::pair<std::string, bool>> simple_globs;            // glob, full
  std::vector<std::unique_ptr<Regex>> complex_globs;
  std::unique_ptr<RE2::Set> regex_set;
  std::vector<int> set_area;                                         // set index -> area
  std::vector<std::pair<std::unique_ptr<Regex>, int>> other_regexes; // non-RE2 includes
  std::vector<int> order;  // area indices sorted by name
};

OwnersIndex::OwnersIndex() : impl_(std::make_unique<Impl>()) {}
OwnersIndex::~OwnersIndex() = default;
const std::vector<OwnerArea>& OwnersIndex::areas() const { return impl_->areas; }

Result<std::unique_ptr<OwnersIndex>> OwnersIndex::Build(std::vector<OwnerArea> areas) {
  auto index = std::unique_ptr<OwnersIndex>(new OwnersIndex);
  Impl& im = *index->impl_;
  im.areas = std::move(areas);
  RE2::Options opts;
  opts.set_log_errors(false);
  im.regex_set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  // One area's patterns; an error names the area's line in the file.
  auto add_area = [&](int a) -> Status {
    const OwnerArea& area = im.areas[a];
    std::string where = "area '" + area.name + "'";
    for (const std::string& g : area.patterns.files) {
      if (IsSimpleGlob(g) && g.find_first_of("*?") == std::string::npos) {
        if (!g.empty() && g.back() == '/')
          im.by_dir[g].push_back({a});
        else
          im.exact[g].push_back(a);
        continue;
      }
      // Index under the directory part of the literal prefix.
      size_t wild = g.find_first_of("*?[](){}+|^$\\");
      size_t slash = g.rfind('/', wild == std::string::npos ? g.size() : wild);
      std::string_view dir =
          slash == std::string::npos ? std::string_view() : std::string_view(g).substr(0, slash + 1);
      GlobEntry e{a};
      if (IsSimpleGlob(g)) {
        e.simple = static_cast<int>(im.simple_globs.size());
        im.simple_globs.emplace_back(g, g.back() != '/');
      } else {
        auto r = Regex::Compile("^(?:" + GlobToRegex(g) + ")");
        if (!r.ok()) return Status::Invalid("bad glob '" + g + "' in " + where + ": " + r.status().message());
        e.complex = static_cast<int>(im.complex_globs.size());
        im.complex_globs.push_back(std::move(r).value());
      }
      im.by_dir[dir].push_back(e);
    }
    for (const std::string& re : area.patterns.files_regex) {
      auto r = Regex::Compile(re);
      if (!r.ok())
        return Status::Invalid("bad regular expression '" + re + "' in 'files-regex' in " + where +
                               ": " + r.status().message());
      if (r.value()->OnRe2()) {
        std::string err;
        if (im.regex_set->Add(re, &err) < 0)
          return Status::Invalid("bad regular expression '" + re + "' in " + where + ": " + err);
        im.set_area.push_back(a);
      } else {
        im.other_regexes.emplace_back(std::move(r).value(), a);
      }
    }
    AreaMatcher m;
    PSIRT_RETURN_IF_ERROR(
        m.exclude.Add(area.patterns.files_exclude, area.patterns.files_regex_exclude, where));
    for (const FileGroup& g : area.groups) {
      GroupMatcher gm;
      std::string gw = "file group '" + g.name + "' of " + where;
      PSIRT_RETURN_IF_ERROR(gm.include.Add(g.patterns.files, g.patterns.files_regex, gw));
      PSIRT_RETURN_IF_ERROR(
          gm.exclude.Add(g.patterns.files_exclude, g.patterns.files_regex_exclude, gw));
      m.groups.push_back(std::move(gm));
    }
    im.matchers.push_back(std::move(m));
    return Status::Ok();
  };
  for (int a = 0; a < static_cast<int>(im.areas.size()); ++a) {
    Status st = add_area(a);
    if (!st.ok()) return std::move(st.At("", im.areas[a].line));
  }
  if (!im.set_area.empty() && !im.regex_set->Compile())
    return Status::Invalid("the combined files-regex automaton exceeds RE2's memory budget");
  im.order.resize(im.areas.size());
  for (size_t i = 0; i < im.order.size(); ++i) im.order[i] = static_cast<int>(i);
  std::stable_sort(im.order.begin(), im.order.end(),
                   [&](int x, int y) { return im.areas[x].name < im.areas[y].name; });
  return index;
}

std::vector<AreaMatch> OwnersIndex::Match(std::string_view path) const {
  const Impl& im = *impl_;
  thread_local std::vector<int> cand;
  thread_local std::vector<int> hits;
  cand.clear();
  if (auto it = im.exact.find(path); it != im.exact.end())
    cand.insert(cand.end(), it->second.begin(), it->second.end());
  for (size_t i = 0;; ++i) {
    // Directory prefixes: "", "a/", "a/b/", ...
    if (i == 0 || path[i - 1] == '/') {
      if (auto it = im.by_dir.find(path.substr(0, i)); it != im.by_dir.end()) {
        for (const GlobEntry& e : it->second) {
          bool ok = e.simple >= 0   ? GlobMatch(im.simple_globs[e.simple].first, path,
                                                im.simple_globs[e.simple].second)
                    : e.complex >= 0 ? im.complex_globs[e.complex]->Search(path)
                                     : true;
          if (ok) cand.push_back(e.area);
        }
      }
    }
    if (i == path.size()) break;
  }
  if (!im.set_area.empty()) {
    hits.clear();
    im.regex_set->Match(path, &hits);
    for (int h : hits) cand.push_back(im.set_area[h]);
  }
  for (const auto& [re, a] : im.other_regexes)
    if (re->Search(path)) cand.push_back(a);

  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  std::vector<AreaMatch> out;
  for (int a : cand) {
    const AreaMatcher& m = im.matchers[a];
    if (m.exclude.Matches(path)) continue;
    AreaMatch am{&im.areas[a], {}};
    for (size_t g = 0; g < m.groups.size(); ++g)
      if (m.groups[g].include.Matches(path) && !m.groups[g].exclude.Matches(path))
        am.groups.push_back(&im.areas[a].groups[g]);
    out.push_back(std::move(am));
  }
  std::sort(out.begin(), out.end(),
            [](const AreaMatch& x, const AreaMatch& y) { return x.area->name < y.area->name; });
  return out;
}

AssigneeSuggestion SuggestAssignee(const OwnersIndex& index, std::span<const std::string> paths) {
  AssigneeSuggestion s;
  std::vector<std::pair<const OwnerArea*, int>> weights;
  std::vector<const OwnerArea*> eligible;  // areas that did not only defer
  auto add_unique = [](std::vector<std::string>& v, const std::vector<std::string>& from) {
    for (const auto& x : from)
      if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
  };
  for (const std::string& p : paths) {
    bool cmake = p == "CMakeLists.txt" ||
                 (p.size() > 15 && p.compare(p.size() - 15, 15, "/CMakeLists.txt") == 0);
    std::vector<AreaMatch> matches = index.Match(p);
    auto defers = [](const AreaMatch& m) {
      return std::any_of(m.groups.begin(), m.groups.end(), [](const FileGroup* g) { return g->defer; });
    };
    bool someone_owns = std::any_of(matches.begin(), matches.end(),
                                    [&](const AreaMatch& m) { return !defers(m); });
    for (const AreaMatch& m : matches) {
      auto it = std::find_if(weights.begin(), weights.end(),
                             [&](const auto& w) { return w.first == m.area; });
      if (it == weights.end()) {
        weights.emplace_back(m.area, 0);
        it = weights.end() - 1;
      }
      bool deferred = defers(m) && someone_owns;
      if (!deferred && std::find(eligible.begin(), eligible.end(), m.area) == eligible.end())
        eligible.push_back(m.area);
      if (!cmake && !m.area->meta && !deferred) it->second += 1;
      add_unique(s.notify, m.area->maintainers);
      add_unique(s.collaborators, m.area->collaborators);
      for (const FileGroup* g : m.groups) add_unique(s.collaborators, g->collaborators);
    }
  }
  // Heaviest first; ties keep the order of first appearance.
  std::stable_sort(weights.begin(), weights.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  // Tiers: ordinary areas, then "Platform" areas, then meta areas (which
  // are assigned only when nothing else matched).
  auto tier = [](const OwnerArea* a) {
    if (a->meta) return 2;
    return a->name.find("Platform") != std::string::npos ? 1 : 0;
  };
  auto candidate = [&](const OwnerArea* a) {
    return eligible.empty() || std::find(eligible.begin(), eligible.end(), a) != eligible.end();
  };
  for (int t = 0; t <= 2 && !s.area; ++t)
    for (const auto& [area, w] : weights)
      if (tier(area) == t && candidate(area)) {
        s.area = area;
        break;
      }
  if (s.area && !s.area->maintainers.empty()) s.assignee = s.area->maintainers.front();
  s.weights = std::move(weights);
  return s;
}

}  // namespace psirt
