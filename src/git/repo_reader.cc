// libgit2 reads for the git engine.
#include "git/repo_reader.h"

#include "git/tree_diff.h"

#include "git/commit_graph_file.h"

#include <algorithm>
#include <unordered_set>

namespace psirt::git {

Result<RepoReader> RepoReader::Open(const std::string& dir) {
  EnsureLibgit2();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, dir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
    return Status::NotFound(dir + ": not a git repository");
  RepoPtr repo(r);
  if (git_repository_is_shallow(repo.get()) == 1)
    return Status::Invalid(dir + ": shallow clone: history is missing, so containment and "
                                 "backports cannot be decided; fetch the full history "
                                 "(git fetch --unshallow)");
  return RepoReader(std::move(repo));
}

Result<std::string> RepoReader::ResolveCommit(const std::string& rev) const {
  git_object* obj = nullptr;
  int rc = git_revparse_single(&obj, repo_.get(), rev.c_str());
  if (rc == GIT_EAMBIGUOUS)
    return Status::Invalid("ambiguous commit '" + rev + "': more than one object starts with it; "
                           "give more digits");
  if (rc != 0) return Status::NotFound("unknown commit '" + rev + "'");
  git_object* peeled = nullptr;
  rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
  git_object_free(obj);
  if (rc != 0) return Status::Invalid("'" + rev + "' is not a commit");
  std::string sha = OidHex(*git_object_id(peeled));
  git_object_free(peeled);
  return sha;
}

Result<std::string> RepoReader::PeelToCommit(const std::string& sha) const {
  git_oid oid;
  git_object* obj = nullptr;
  if (git_oid_fromstr(&oid, sha.c_str()) != 0 || git_object_lookup(&obj, repo_.get(), &oid, GIT_OBJECT_ANY) != 0)
    return Status::NotFound("unknown object '" + sha + "'");
  git_object* peeled = nullptr;
  int rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
  git_object_free(obj);
  if (rc != 0) return Status::Invalid("'" + sha + "' does not name a commit");
  std::string out = OidHex(*git_object_id(peeled));
  git_object_free(peeled);
  return out;
}

std::optional<RefClass> ClassifyRef(std::string_view name, std::string_view pr_pattern) {
  auto under = [&](std::string_view prefix) { return name.substr(0, prefix.size()) == prefix; };
  auto rest = [&](std::string_view prefix) { return std::string(name.substr(prefix.size())); };
  using Kind = RefInfo::Kind;
  if (under("refs/tags/")) return RefClass{Kind::kTag, rest("refs/tags/")};
  if (under("refs/heads/")) return RefClass{Kind::kBranch, rest("refs/heads/")};
  if (under("refs/remotes/")) {
    std::string short_name = rest("refs/remotes/");
    if (short_name.size() >= 5 && short_name.compare(short_name.size() - 5, 5, "/HEAD") == 0) return std::nullopt;
    return RefClass{Kind::kRemoteBranch, std::move(short_name)};
  }
  const size_t hole = pr_pattern.find("{pr}");
  const std::string_view pr_prefix = hole == std::string_view::npos ? "" : pr_pattern.substr(0, hole);
  const std::string_view pr_suffix = hole == std::string_view::npos ? "" : pr_pattern.substr(hole + 4);
  if (!pr_prefix.empty() && under(pr_prefix) && name.size() > pr_prefix.size() + pr_suffix.size() &&
      name.substr(name.size() - pr_suffix.size()) == pr_suffix) {
    std::string number(name.substr(pr_prefix.size(), name.size() - pr_prefix.size() - pr_suffix.size()));
    if (number.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return RefClass{Kind::kPull, std::move(number)};
  }
  return RefClass{Kind::kOther, std::string(name)};
}

Result<std::vector<RefInfo>> RepoReader::Refs(const std::string& pr_pattern) const {
  git_reference_iterator* it = nullptr;
  if (git_reference_iterator_new(&it, repo_.get()) != 0) return LastError("listing refs");
  std::vector<RefInfo> out;
  git_reference* ref = nullptr;
  while (git_reference_next(&ref, it) == 0) {
    ReferencePtr owned(ref);
    std::string name = git_reference_name(ref);
    std::optional<RefClass> cls = ClassifyRef(name, pr_pattern);
    if (!cls) continue;
    RefInfo info;
    info.name = name;
    info.kind = cls->kind;
    info.short_name = std::move(cls->short_name);
    if (git_reference_type(ref) == GIT_REFERENCE_DIRECT && info.kind != RefInfo::Kind::kTag) {
      // Branches and PR heads name commits (git refuses anything else):
      // no object is read, which matters with thousands of PR refs.
      info.commit = OidHex(*git_reference_target(ref));
    } else {
      git_object* peeled = nullptr;
      if (git_reference_peel(&peeled, ref, GIT_OBJECT_COMMIT) != 0) continue;  // e.g. tag of a tree
      info.commit = OidHex(*git_object_id(peeled));
      git_object_free(peeled);
    }
    out.push_back(std::move(info));
  }
  git_reference_iterator_free(it);
  return out;
}

Result<bool> RepoReader::IsAncestor(const std::string& ancestor, const std::string& descendant,
                                    size_t limit) const {
  if (ancestor == descendant) return true;
  // Breadth-first from the descendant: after a fetch the old tip is a few
  // commits back, so this reads only the new commits.
  std::vector<std::string> queue = {descendant};
  std::unordered_set<std::string> seen = {descendant};
  for (size_t i = 0; i < queue.size(); ++i) {
    if (i >= limit) return false;
    git_oid oid;
    git_commit* c = nullptr;
    if (git_oid_fromstr(&oid, queue[i].c_str()) != 0 || git_commit_lookup(&c, repo_.get(), &oid) != 0)
      return Status::NotFound("unknown commit '" + queue[i] + "'");
    CommitPtr commit(c);
    for (unsigned k = 0; k < git_commit_parentcount(c); ++k) {
      std::string p = OidHex(*git_commit_parent_id(c, k));
      if (p == ancestor) return true;
      if (seen.insert(p).second) queue.push_back(std::move(p));
    }
  }
  return false;
}

std::string RepoReader::ObjectsDir() const {
  return std::string(git_repository_commondir(repo_.get())) + "objects";
}

bool RepoReader::HasCommitGraphFile() const {
  return HasCommitGraphFiles(ObjectsDir());
}

Status RepoReader::LoadGraph(CommitGraph& graph, std::span<const std::string> tips,
                             GraphSource* source, const std::function<void(size_t)>& progress) const {
  if (source) *source = GraphSource{};
  if (graph.size() == 0) {
    CommitGraphFileData file;
    auto found = ReadCommitGraphFiles(ObjectsDir(), file);
    // An unreadable commit-graph file only costs speed: walk the objects.
    if (found.ok() && *found && AddCommitGraphFileData(file, graph).ok()) {
      if (source) source->from_commit_graph = graph.size();
    } else {
      graph = CommitGraph();
    }
  }
  // Everything reachable from a commit already in the graph is in it (the
  // graph is closed under parents), so only commits outside it are read:
  // a depth-first walk from the other tips that stops at the graph, adding
  // each commit after its parents.
  size_t before = graph.size();
  struct Frame {
    std::string id;
    std::vector<std::string> parents;
    size_t next = 0;
  };
  std::vector<Frame> stack;
  std::unordered_set<std::string> on_stack;
  auto open = [&](const std::string& id) -> Status {
    git_oid oid;
    if (git_oid_fromstr(&oid, id.c_str()) != 0) return Status::Invalid("bad commit id " + id);
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, repo_.get(), &oid) != 0) return LastError("reading commit " + id);
    CommitPtr commit(c);
    Frame f{id, {}, 0};
    for (unsigned i = 0; i < git_commit_parentcount(c); ++i)
      f.parents.push_back(OidHex(*git_commit_parent_id(c, i)));
    on_stack.insert(id);
    stack.push_back(std::move(f));
    return Status::Ok();
  };
  for (const std::string& t : tips) {
    if (graph.Find(t) != CommitGraph::kNone) continue;
    PSIRT_RETURN_IF_ERROR(open(t));
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next < top.parents.size()) {
        const std::string& p = top.parents[top.next++];
        if (graph.Find(p) == CommitGraph::kNone && !on_stack.count(p)) PSIRT_RETURN_IF_ERROR(open(p));
        continue;
      }
      graph.Add(top.id, top.parents);
      on_stack.erase(top.id);
      stack.pop_back();
      if (progress && (graph.size() - before) % 4096 == 0) progress(graph.size() - before);
    }
  }
  if (source) source->walked = graph.size() - before;
  if (progress && graph.size() > before) progress(graph.size() - before);
  return Status::Ok();
}

Result<std::optional<std::string>> RepoReader::NearestTag(const std::string& sha) const {
  PSIRT_ASSIGN_OR_RETURN(CommitPtr commit, LookupCommit(sha));
  git_describe_options opts = GIT_DESCRIBE_OPTIONS_INIT;
  opts.describe_strategy = GIT_DESCRIBE_TAGS;
  git_describe_result* result = nullptr;
  int rc = git_describe_commit(&result, reinterpret_cast<git_object*>(commit.get()), &opts);
  if (rc == GIT_ENOTFOUND) return std::optional<std::string>();
  if (rc != 0) return LastError("git describe " + sha);
  git_describe_format_options fopts = GIT_DESCRIBE_FORMAT_OPTIONS_INIT;
  fopts.abbreviated_size = 0;  // the tag's name alone
  git_buf buf = GIT_BUF_INIT;
  rc = git_describe_format(&buf, result, &fopts);
  git_describe_result_free(result);
  if (rc != 0) return LastError("git describe " + sha);
  std::string tag(buf.ptr, buf.size);
  git_buf_dispose(&buf);
  return std::optional<std::string>(tag);
}

Result<std::optional<RepoReader::Described>> RepoReader::Describe(const std::string& sha,
                                                                    const std::string& pattern) const {
  PSIRT_ASSIGN_OR_RETURN(CommitPtr commit, LookupCommit(sha));
  git_describe_options opts = GIT_DESCRIBE_OPTIONS_INIT;
  opts.describe_strategy = GIT_DESCRIBE_TAGS;
  if (!pattern.empty()) opts.pattern = pattern.c_str();
  git_describe_result* result = nullptr;
  int rc = git_describe_commit(&result, reinterpret_cast<git_object*>(commit.get()), &opts);
  if (rc == GIT_ENOTFOUND) return std::optional<Described>();
  if (rc != 0) return LastError("git describe " + sha);
  git_describe_format_options fopts = GIT_DESCRIBE_FORMAT_OPTIONS_INIT;
  fopts.always_use_long_format = 1;  // <tag>-<distance>-g<abbrev>, even on the tag itself
  git_buf buf = GIT_BUF_INIT;
  rc = git_describe_format(&buf, result, &fopts);
  git_describe_result_free(result);
  if (rc != 0) return LastError("git describe " + sha);
  std::string text(buf.ptr, buf.size);
  git_buf_dispose(&buf);
  size_t g = text.rfind("-g");
  size_t dash = g == std::string::npos || g == 0 ? std::string::npos : text.rfind('-', g - 1);
  if (dash == std::string::npos) return Status::Internal("git describe " + sha + ": unexpected '" + text + "'");
  Described d;
  d.tag = text.substr(0, dash);
  d.distance = std::atoi(text.substr(dash + 1, g - dash - 1).c_str());
  return std::optional<Described>(std::move(d));
}

Result<RepoReader::TreeListing> RepoReader::ListTree(const std::string& sha, size_t max_files) const {
  PSIRT_ASSIGN_OR_RETURN(CommitPtr commit, LookupCommit(sha));
  git_tree* root = nullptr;
  if (git_commit_tree(&root, commit.get()) != 0) return LastError("reading the tree of " + sha);
  TreePtr root_ptr(root);
  struct Walk {
    TreeListing out;
    size_t max;
    bool too_many = false;
  } walk{{}, max_files};
  auto visit = [](const char* dir, const git_tree_entry* e, void* payload) -> int {
    auto* w = static_cast<Walk*>(payload);
    git_object_t type = git_tree_entry_type(e);
    if (type == GIT_OBJECT_BLOB) {
      if (w->out.files.size() >= w->max) {
        w->too_many = true;
        return -1;
      }
      w->out.files.push_back(std::string(dir) + git_tree_entry_name(e));
    } else if (type == GIT_OBJECT_COMMIT) {
      char hex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(hex, sizeof hex, git_tree_entry_id(e));
      w->out.gitlinks.emplace_back(std::string(dir) + git_tree_entry_name(e), hex);
    }
    return 0;
  };
  int rc = git_tree_walk(root, GIT_TREEWALK_PRE, visit, &walk);
  if (walk.too_many) return Status::Invalid("the tree of " + sha.substr(0, 12) + " has more than " + std::to_string(max_files) + " files");
  if (rc != 0) return LastError("walking the tree of " + sha);
  return std::move(walk.out);
}

Result<std::optional<std::string>> RepoReader::FileAt(const std::string& sha, const std::string& path) const {
  PSIRT_ASSIGN_OR_RETURN(CommitPtr commit, LookupCommit(sha));
  git_tree* tree = nullptr;
  if (git_commit_tree(&tree, commit.get()) != 0) return LastError("reading the tree of " + sha);
  TreePtr tree_ptr(tree);
  git_tree_entry* entry = nullptr;
  int rc = git_tree_entry_bypath(&entry, tree, path.c_str());
  if (rc == GIT_ENOTFOUND) return std::optional<std::string>();
  if (rc != 0) return LastError("looking up " + path + " in " + sha);
  std::unique_ptr<git_tree_entry, void (*)(git_tree_entry*)> entry_ptr(entry, git_tree_entry_free);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
    return Status::Invalid(path + " in " + sha.substr(0, 12) + " is not a file");
  git_blob* blob = nullptr;
  if (git_blob_lookup(&blob, repo_.get(), git_tree_entry_id(entry)) != 0) return LastError("reading " + path + " in " + sha);
  std::string content(static_cast<const char*>(git_blob_rawcontent(blob)), static_cast<size_t>(git_blob_rawsize(blob)));
  git_blob_free(blob);
  return std::optional<std::string>(std::move(content));
}

Result<std::optional<std::vector<std::string>>> RepoReader::FilesIn(const std::string& sha, const std::string& dir) const {
  using Out = std::optional<std::vector<std::string>>;
  PSIRT_ASSIGN_OR_RETURN(CommitPtr commit, LookupCommit(sha));
  git_tree* root = nullptr;
  if (git_commit_tree(&root, commit.get()) != 0) return LastError("reading the tree of " + sha);
  TreePtr root_ptr(root);
  git_tree* folder = root;
  TreePtr folder_ptr;
  if (!dir.empty() && dir != ".") {
    git_tree_entry* entry = nullptr;
    int rc = git_tree_entry_bypath(&entry, root, dir.c_str());
    if (rc == GIT_ENOTFOUND) return Out();
    if (rc != 0) return LastError("looking up " + dir + " in " + sha);
    std::unique_ptr<git_tree_entry, void (*)(git_tree_entry*)> entry_ptr(entry, git_tree_entry_free);
    if (git_tree_entry_type(entry) != GIT_OBJECT_TREE) return Out();
    git_tree* t = nullptr;
    if (git_tree_lookup(&t, repo_.get(), git_tree_entry_id(entry)) != 0) return LastError("reading " + dir + " in " + sha);
    folder_ptr.reset(t);
    folder = t;
  }
  std::vector<std::string> names;
  for (size_t i = 0; i < git_tree_entrycount(folder); ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(folder, i);
    if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) names.push_back(git_tree_entry_name(e));
  }
  return Out(std::move(names));
}

Result<CommitPtr> RepoReader::LookupCommit(const std::string& sha) const {
  git_oid oid;
  git_commit* c = nullptr;
  if (git_oid_fromstr(&oid, sha.c_str()) != 0 || git_commit_lookup(&c, repo_.get(), &oid) != 0)
    return Status::NotFound("unknown commit '" + sha + "'");
  return CommitPtr(c);
}

Result<DiffPtr> RepoReader::FirstParentDiff(const std::string& sha, const git_diff_options* opts) const {
  PSIRT_ASSIGN_OR_RETURN(CommitPtr commit, LookupCommit(sha));
  if (git_commit_parentcount(commit.get()) != 1) return DiffPtr();  // merges and roots: none
  git_commit* p = nullptr;
  if (git_commit_parent(&p, commit.get(), 0) != 0) return LastError("parent of " + sha);
  CommitPtr parent(p);
  git_tree *a = nullptr, *b = nullptr;
  if (git_commit_tree(&a, p) != 0 || git_commit_tree(&b, commit.get()) != 0) return LastError("trees of " + sha);
  TreePtr ta(a), tb(b);
  // libgit2 walks every subdirectory of a directory that changed, equal or
  // not (a change under src/ read all of src/'s hundred subtrees): the paths
  // that changed, from tree_diff, narrow its walk to themselves. Same diff.
  git_diff_options narrowed = GIT_DIFF_OPTIONS_INIT;
  if (opts) narrowed = *opts;
  std::vector<char*> paths;
  if (!objects_) objects_ = std::make_unique<ObjectStore>(ObjectsDir());
  auto files = FirstParentChangedFiles(*objects_, sha);
  if (files && !files->empty()) {
    files->erase(std::unique(files->begin(), files->end()), files->end());
    for (std::string& f : *files) paths.push_back(f.data());
    narrowed.pathspec.strings = paths.data();
    narrowed.pathspec.count = paths.size();
    narrowed.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
  }
  git_diff* diff = nullptr;
  if (git_diff_tree_to_tree(&diff, repo_.get(), ta.get(), tb.get(), &narrowed) != 0) return LastError("diff of " + sha);
  return DiffPtr(diff);
}

Result<std::string> RepoReader::Message(const std::string& sha) const {
  PSIRT_ASSIGN_OR_RETURN(CommitPtr commit, LookupCommit(sha));
  const char* m = git_commit_message(commit.get());
  return std::string(m ? m : "");
}

Result<std::optional<std::string>> RepoReader::PatchId(const std::string& sha) const {
  PSIRT_ASSIGN_OR_RETURN(DiffPtr diff, FirstParentDiff(sha, nullptr));
  if (!diff) return std::optional<std::string>();
  git_oid pid;
  if (git_diff_patchid(&pid, diff.get(), nullptr) != 0) return LastError("patch-id of " + sha);
  return std::optional<std::string>(OidHex(pid));
}

Result<std::vector<std::string>> RepoReader::ChangedLines(const std::string& sha) const {
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.context_lines = 0;
  PSIRT_ASSIGN_OR_RETURN(DiffPtr diff, FirstParentDiff(sha, &opts));
  std::vector<std::string> out;
  if (!diff) return out;
  auto line_cb = [](const git_diff_delta*, const git_diff_hunk*, const git_diff_line* l, void* payload) -> int {
    if (l->origin != GIT_DIFF_LINE_ADDITION && l->origin != GIT_DIFF_LINE_DELETION) return 0;
    std::string_view text(l->content, l->content_len);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
      text.remove_suffix(1);
    if (text.empty()) return 0;
    static_cast<std::vector<std::string>*>(payload)->push_back(std::string(1, static_cast<char>(l->origin)) +
                                                               std::string(text));
    return 0;
  };
  if (git_diff_foreach(diff.get(), nullptr, nullptr, nullptr, line_cb, &out) != 0) return LastError("diff of " + sha);
  return out;
}

Result<std::vector<std::string>> RepoReader::ChangedFiles(const std::string& sha) const {
  if (!objects_) objects_ = std::make_unique<ObjectStore>(ObjectsDir());
  if (auto fast = FirstParentChangedFiles(*objects_, sha)) return std::move(*fast);
  PSIRT_ASSIGN_OR_RETURN(DiffPtr diff, FirstParentDiff(sha, nullptr));
  std::vector<std::string> out;
  if (!diff) return out;
  for (size_t i = 0, n = git_diff_num_deltas(diff.get()); i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
    out.push_back(d->new_file.path ? d->new_file.path : d->old_file.path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::string> RepoReader::AuthorEmail(const std::string& sha) const {
  PSIRT_ASSIGN_OR_RETURN(CommitPtr commit, LookupCommit(sha));
  const git_signature* a = git_commit_author(commit.get());
  return std::string(a && a->email ? a->email : "");
}

}  // namespace psirt::git
