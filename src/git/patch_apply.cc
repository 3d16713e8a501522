// In-memory patch application with libgit2 (see patch_apply.h).
#include "git/patch_apply.h"

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include <algorithm>
#include <map>
#include <set>

namespace psirt::git {
namespace {

using BlobPtr = std::unique_ptr<git_blob, Deleter<git_blob, git_blob_free>>;
using TreeEntryPtr = std::unique_ptr<git_tree_entry, Deleter<git_tree_entry, git_tree_entry_free>>;
using OdbPtr = std::unique_ptr<git_odb, Deleter<git_odb, git_odb_free>>;
using WalkPtr = std::unique_ptr<git_revwalk, Deleter<git_revwalk, git_revwalk_free>>;
using ObjectPtr = std::unique_ptr<git_object, Deleter<git_object, git_object_free>>;

struct BufFree {
  void operator()(git_buf* b) const { git_buf_dispose(b); }
};

Result<DiffPtr> ParseDiff(const std::string& text) {
  git_diff* d = nullptr;
  if (git_diff_from_buffer(&d, text.data(), text.size()) != 0) return LastError("reading the patch's diff");
  return DiffPtr(d);
}

Result<git_oid> ParseOid(const std::string& hex) {
  git_oid oid;
  if (git_oid_fromstr(&oid, hex.c_str()) != 0) return Status::Invalid("not a commit id: " + hex);
  return oid;
}

// Which deltas and hunks an apply takes: all, one delta, or one hunk of one delta.
struct Only {
  long delta = -1, hunk = -1;
  long delta_seen = 0, hunk_seen = 0;
};

int OnlyDelta(const git_diff_delta*, void* payload) {
  Only* o = static_cast<Only*>(payload);
  long i = o->delta_seen++;
  return o->delta < 0 || i == o->delta ? 0 : 1;  // >0 skips
}

int OnlyHunk(const git_diff_hunk*, void* payload) {
  Only* o = static_cast<Only*>(payload);
  long i = o->hunk_seen++;
  return o->hunk < 0 || i == o->hunk ? 0 : 1;
}

// Applies `diff` (or the part `only` selects) to `tree`; nullptr when it does not apply.
Result<IndexPtr> ApplyTo(git_repository* repo, git_tree* tree, git_diff* diff, Only only) {
  git_apply_options opts = GIT_APPLY_OPTIONS_INIT;
  opts.delta_cb = OnlyDelta;
  opts.hunk_cb = OnlyHunk;
  opts.payload = &only;
  git_index* idx = nullptr;
  int rc = git_apply_to_tree(&idx, repo, tree, diff, &opts);
  if (rc == 0) return IndexPtr(idx);
  if (rc == GIT_EAPPLYFAIL || rc == GIT_ENOTFOUND || rc == GIT_EEXISTS) {
    git_error_clear();
    return IndexPtr();
  }
  return LastError("applying a patch in memory");
}

Result<TreePtr> TreeOf(git_repository* repo, git_index* idx) {
  git_oid oid;
  if (git_index_write_tree_to(&oid, idx, repo) != 0) return LastError("writing a tree in memory");
  git_tree* t = nullptr;
  if (git_tree_lookup(&t, repo, &oid) != 0) return LastError("reading a tree");
  return TreePtr(t);
}

std::string HunkHeader(const git_diff_hunk* h) {
  std::string s(h->header, h->header_len);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// The content of `path` in `tree` (nullopt when absent).
Result<std::optional<std::string>> FileIn(git_repository* repo, git_tree* tree, const char* path) {
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, tree, path) != 0) {
    git_error_clear();
    return std::optional<std::string>();
  }
  TreeEntryPtr entry(e);
  git_blob* b = nullptr;
  if (git_blob_lookup(&b, repo, git_tree_entry_id(e)) != 0) return LastError(std::string("reading ") + path);
  BlobPtr blob(b);
  return std::optional<std::string>(
      std::string(static_cast<const char*>(git_blob_rawcontent(b)), static_cast<size_t>(git_blob_rawsize(b))));
}

// A signature from "Name <address>".
Result<SignaturePtr> SignatureOf(const std::string& who, git_time_t when) {
  std::string name = who, email = "unknown@invalid";
  size_t lt = who.find('<'), gt = who.rfind('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) {
    email = who.substr(lt + 1, gt - lt - 1);
    name = who.substr(0, lt);
    while (!name.empty() && name.back() == ' ') name.pop_back();
  }
  if (name.empty()) name = email;
  git_signature* s = nullptr;
  if (git_signature_new(&s, name.c_str(), email.c_str(), when, 0) != 0) return LastError("author of a patch");
  return SignaturePtr(s);
}

}  // namespace

struct PatchApplier::Impl {
  RepoPtr repo;
  git_odb_backend* mempack = nullptr;  // owned by the odb once added
  ~Impl() {
    if (mempack) git_mempack_reset(mempack);
  }

  // The tree after one patch, three-way where direct fails; conflicts filled.
  Result<TreePtr> ApplyOne(git_tree* tree, const SeriesPatch& p, int number, SeriesFit& fit) const;
  Status ThreeWay(git_tree* tree, git_diff* diff, long d, git_index* into, int number, SeriesFit& fit) const;
  // Whether every line `diff` adds is a line of its file in `tree`.
  Result<bool> AddedLinesIn(git_tree* tree, const std::string& diff) const;
};

Result<bool> PatchApplier::Impl::AddedLinesIn(git_tree* tree, const std::string& text) const {
  PSIRT_ASSIGN_OR_RETURN(DiffPtr diff, ParseDiff(text));
  struct Added {
    std::map<std::string, std::vector<std::string>> lines;  // path -> added lines
  } added;
  auto line_cb = [](const git_diff_delta* d, const git_diff_hunk*, const git_diff_line* l, void* payload) -> int {
    if (l->origin != GIT_DIFF_LINE_ADDITION || !d->new_file.path) return 0;
    std::string s(l->content, l->content_len);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    static_cast<Added*>(payload)->lines[d->new_file.path].push_back(std::move(s));
    return 0;
  };
  if (git_diff_foreach(diff.get(), nullptr, nullptr, nullptr, line_cb, &added) != 0) return LastError("reading a patch");
  for (const auto& [path, lines] : added.lines) {
    PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> content, FileIn(repo.get(), tree, path.c_str()));
    if (!content) return false;
    std::set<std::string_view> have;
    std::string_view v = *content;
    while (!v.empty()) {
      size_t nl = v.find('\n');
      std::string_view line = v.substr(0, nl);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      have.insert(line);
      if (nl == std::string_view::npos) break;
      v.remove_prefix(nl + 1);
    }
    for (const std::string& l : lines)
      if (!have.count(l)) return false;
  }
  return true;
}

Result<PatchApplier> PatchApplier::Open(const std::string& dir) {
  EnsureLibgit2();
  PatchApplier a;
  a.impl_ = std::make_unique<Impl>();
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, dir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
    return LastError(dir + ": not a git repository");
  a.impl_->repo.reset(r);
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, r) != 0) return LastError("opening the object database");
  OdbPtr owned(odb);
  if (git_mempack_new(&a.impl_->mempack) != 0) return LastError("an in-memory object database");
  if (git_odb_add_backend(odb, a.impl_->mempack, 1000) != 0) {
    a.impl_->mempack = nullptr;
    return LastError("an in-memory object database");
  }
  return a;
}

PatchApplier::~PatchApplier() = default;
PatchApplier::PatchApplier(PatchApplier&&) noexcept = default;
PatchApplier& PatchApplier::operator=(PatchApplier&&) noexcept = default;

Result<std::string> PatchApplier::PatchIdOf(const std::string& diff) {
  EnsureLibgit2();
  PSIRT_ASSIGN_OR_RETURN(DiffPtr d, ParseDiff(diff));
  if (git_diff_num_deltas(d.get()) == 0) return Status::Invalid("the patch changes no file");
  git_oid pid;
  if (git_diff_patchid(&pid, d.get(), nullptr) != 0) return LastError("patch-id");
  return OidHex(pid);
}

Result<std::string> PatchApplier::FormatCommit(const std::string& sha) const {
  PSIRT_ASSIGN_OR_RETURN(std::string full, Resolve(sha));
  PSIRT_ASSIGN_OR_RETURN(git_oid oid, ParseOid(full));
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, impl_->repo.get(), &oid) != 0) return LastError("reading commit " + sha);
  CommitPtr commit(c);
  if (git_commit_parentcount(c) != 1) return Status::Invalid(sha + " is a merge or root commit, not a patch");
  git_email_create_options eo = GIT_EMAIL_CREATE_OPTIONS_INIT;
  git_buf buf = GIT_BUF_INIT;
  if (git_email_create_from_commit(&buf, c, &eo) != 0) return LastError("formatting commit " + sha);
  std::unique_ptr<git_buf, BufFree> owned(&buf);
  return std::string(buf.ptr, buf.size);
}

Result<std::string> PatchApplier::ParentOf(const std::string& sha) const {
  PSIRT_ASSIGN_OR_RETURN(git_oid oid, ParseOid(sha));
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, impl_->repo.get(), &oid) != 0) {
    git_error_clear();
    return std::string();
  }
  CommitPtr commit(c);
  if (git_commit_parentcount(c) == 0) return std::string();
  return OidHex(*git_commit_parent_id(c, 0));
}

Result<std::string> PatchApplier::Resolve(const std::string& rev) const {
  git_object* o = nullptr;
  if (git_revparse_single(&o, impl_->repo.get(), rev.c_str()) != 0) {
    git_error_clear();
    return std::move(Status::NotFound("no branch or commit '" + rev + "' in the repository").Field("branch"));
  }
  ObjectPtr obj(o);
  git_object* c = nullptr;
  if (git_object_peel(&c, o, GIT_OBJECT_COMMIT) != 0) return LastError("'" + rev + "' is not a commit");
  ObjectPtr commit(c);
  return OidHex(*git_object_id(c));
}

Status PatchApplier::Impl::ThreeWay(git_tree* tree, git_diff* diff, long d, git_index* into, int number, SeriesFit& fit) const {
  git_repository* r = repo.get();
  const git_diff_delta* delta = git_diff_get_delta(diff, static_cast<size_t>(d));
  FileConflict conflict;
  conflict.patch = number;
  conflict.file = delta->new_file.path ? delta->new_file.path : delta->old_file.path;
  // The hunks that do not apply directly, one by one.
  git_patch* patch = nullptr;
  size_t hunks = 0;
  if (git_patch_from_diff(&patch, diff, static_cast<size_t>(d)) == 0 && patch) {
    hunks = git_patch_num_hunks(patch);
    for (size_t h = 0; h < hunks; ++h) {
      Only only{d, static_cast<long>(h)};
      PSIRT_ASSIGN_OR_RETURN(IndexPtr ok, ApplyTo(r, tree, diff, only));
      if (!ok) {
        const git_diff_hunk* hunk = nullptr;
        if (git_patch_get_hunk(&hunk, nullptr, patch, h) == 0) conflict.hunks.push_back(HunkHeader(hunk));
      }
    }
    git_patch_free(patch);
  }
  if (conflict.hunks.empty()) conflict.hunks.push_back("(the file's change as a whole)");
  auto give_up = [&]() {
    fit.applies = false;
    fit.conflicts.push_back(std::move(conflict));
    return Status::Ok();
  };
  // A three-way merge needs the preimage blob the patch's "index" line names.
  if (delta->status != GIT_DELTA_MODIFIED && delta->status != GIT_DELTA_RENAMED) return give_up();
  if (delta->old_file.id_abbrev == 0 && git_oid_is_zero(&delta->old_file.id)) return give_up();
  git_object* base_obj = nullptr;
  size_t len = delta->old_file.id_abbrev ? delta->old_file.id_abbrev : GIT_OID_HEXSZ;
  if (git_object_lookup_prefix(&base_obj, r, &delta->old_file.id, len, GIT_OBJECT_BLOB) != 0) {
    git_error_clear();
    return give_up();
  }
  ObjectPtr base(base_obj);
  const git_oid* base_id = git_object_id(base_obj);
  // theirs: the preimage with this file's change applied.
  git_index* tmp = nullptr;
  if (git_index_new(&tmp) != 0) return LastError("an in-memory index");
  IndexPtr pre(tmp);
  git_index_entry e{};
  e.mode = delta->old_file.mode ? delta->old_file.mode : GIT_FILEMODE_BLOB;
  e.id = *base_id;
  e.path = delta->old_file.path;
  if (git_index_add(pre.get(), &e) != 0) return LastError("an in-memory index");
  PSIRT_ASSIGN_OR_RETURN(TreePtr pre_tree, TreeOf(r, pre.get()));
  PSIRT_ASSIGN_OR_RETURN(IndexPtr post, ApplyTo(r, pre_tree.get(), diff, Only{d, -1}));
  if (!post) return give_up();
  const git_index_entry* theirs_entry = git_index_get_bypath(post.get(), conflict.file.c_str(), 0);
  PSIRT_ASSIGN_OR_RETURN(std::optional<std::string> ours, FileIn(r, tree, delta->old_file.path));
  if (!theirs_entry || !ours) return give_up();
  git_blob* tb = nullptr;
  if (git_blob_lookup(&tb, r, &theirs_entry->id) != 0) return LastError("reading a merged file");
  BlobPtr theirs_blob(tb);
  git_blob* bb = nullptr;
  if (git_blob_lookup(&bb, r, base_id) != 0) return LastError("reading a patch's preimage");
  BlobPtr base_blob(bb);
  git_merge_file_input in_base = GIT_MERGE_FILE_INPUT_INIT, in_ours = GIT_MERGE_FILE_INPUT_INIT, in_theirs = GIT_MERGE_FILE_INPUT_INIT;
  in_base.ptr = static_cast<const char*>(git_blob_rawcontent(bb));
  in_base.size = static_cast<size_t>(git_blob_rawsize(bb));
  in_base.path = delta->old_file.path;
  in_ours.ptr = ours->data();
  in_ours.size = ours->size();
  in_ours.path = delta->old_file.path;
  in_theirs.ptr = static_cast<const char*>(git_blob_rawcontent(tb));
  in_theirs.size = static_cast<size_t>(git_blob_rawsize(tb));
  in_theirs.path = conflict.file.c_str();
  git_merge_file_options mo = GIT_MERGE_FILE_OPTIONS_INIT;
  mo.ancestor_label = "patch's base";
  mo.our_label = "branch";
  mo.their_label = "patch";
  git_merge_file_result merged{};
  if (git_merge_file(&merged, &in_base, &in_ours, &in_theirs, &mo) != 0) return LastError("a three-way merge");
  std::string content(merged.ptr ? merged.ptr : "", merged.len);
  bool clean = merged.automergeable != 0;
  git_merge_file_result_free(&merged);
  if (!clean) {
    conflict.merged = std::move(content);
    return give_up();
  }
  git_oid blob;
  if (git_blob_create_from_buffer(&blob, r, content.data(), content.size()) != 0) return LastError("writing a merged file in memory");
  if (delta->status == GIT_DELTA_RENAMED) git_index_remove_bypath(into, delta->old_file.path);
  git_index_entry ne{};
  ne.mode = delta->new_file.mode ? delta->new_file.mode : e.mode;
  ne.id = blob;
  ne.path = conflict.file.c_str();
  if (git_index_add(into, &ne) != 0) return LastError("an in-memory index");
  fit.three_way = true;
  return Status::Ok();
}

Result<TreePtr> PatchApplier::Impl::ApplyOne(git_tree* tree, const SeriesPatch& p, int number, SeriesFit& fit) const {
  git_repository* r = repo.get();
  PSIRT_ASSIGN_OR_RETURN(DiffPtr diff, ParseDiff(p.diff));
  PSIRT_ASSIGN_OR_RETURN(IndexPtr all, ApplyTo(r, tree, diff.get(), Only{}));
  if (all) return TreeOf(r, all.get());
  // File by file: what applies directly, and three-way merges for the rest.
  const long n = static_cast<long>(git_diff_num_deltas(diff.get()));
  std::vector<long> failing;
  for (long d = 0; d < n; ++d) {
    PSIRT_ASSIGN_OR_RETURN(IndexPtr one, ApplyTo(r, tree, diff.get(), Only{d, -1}));
    if (!one) failing.push_back(d);
  }
  struct Skip {
    std::set<long> skip;
    long seen = 0;
  } skip{{failing.begin(), failing.end()}};
  git_apply_options opts = GIT_APPLY_OPTIONS_INIT;
  opts.delta_cb = [](const git_diff_delta*, void* payload) -> int {
    Skip* s = static_cast<Skip*>(payload);
    return s->skip.count(s->seen++) ? 1 : 0;
  };
  opts.payload = &skip;
  git_index* idx = nullptr;
  if (git_apply_to_tree(&idx, r, tree, diff.get(), &opts) != 0) return LastError("applying a patch in memory");
  IndexPtr index(idx);
  for (long d : failing) PSIRT_RETURN_IF_ERROR(ThreeWay(tree, diff.get(), d, index.get(), number, fit));
  if (!fit.applies) return TreePtr();
  return TreeOf(r, index.get());
}

Result<SeriesFit> PatchApplier::Apply(const std::string& commit, std::span<const SeriesPatch> series) const {
  git_repository* r = impl_->repo.get();
  PSIRT_ASSIGN_OR_RETURN(git_oid oid, ParseOid(commit));
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, r, &oid) != 0) return LastError("reading commit " + commit);
  CommitPtr cp(c);
  git_tree* t = nullptr;
  if (git_commit_tree(&t, c) != 0) return LastError("reading the tree of " + commit);
  TreePtr tree(t);
  SeriesFit fit;
  for (size_t i = 0; i < series.size(); ++i) {
    PSIRT_ASSIGN_OR_RETURN(TreePtr next, impl_->ApplyOne(tree.get(), series[i], static_cast<int>(i) + 1, fit));
    if (!fit.applies) break;
    fit.trees.push_back(OidHex(*git_tree_id(next.get())));
    tree = std::move(next);
  }
  return fit;
}

Result<std::vector<std::string>> PatchApplier::FindPresent(const std::string& tip, const std::vector<std::string>& hide,
                                                           std::span<const SeriesPatch> series, const std::vector<std::string>& files,
                                                           size_t window) const {
  git_repository* r = impl_->repo.get();
  std::vector<std::string> found(series.size());
  // A cheap gate first: a patch on the branch left its added lines in the
  // tip's files. A patch whose added lines are not all there is not on the
  // branch (or was reverted since), and needs no walk.
  PSIRT_ASSIGN_OR_RETURN(git_oid tip_oid, ParseOid(tip));
  git_commit* tc = nullptr;
  if (git_commit_lookup(&tc, r, &tip_oid) != 0) return LastError("reading commit " + tip);
  CommitPtr tip_commit(tc);
  git_tree* tt = nullptr;
  if (git_commit_tree(&tt, tc) != 0) return LastError("reading the tree of " + tip);
  TreePtr tip_tree(tt);
  size_t left = 0;
  std::vector<bool> candidate(series.size(), false);
  for (size_t i = 0; i < series.size(); ++i) {
    PSIRT_ASSIGN_OR_RETURN(bool there, impl_->AddedLinesIn(tip_tree.get(), series[i].diff));
    candidate[i] = there;
    left += there;
  }
  if (left == 0) return found;
  git_revwalk* w = nullptr;
  if (git_revwalk_new(&w, r) != 0) return LastError("walking history");
  WalkPtr walk(w);
  git_revwalk_sorting(w, GIT_SORT_TIME);
  PSIRT_ASSIGN_OR_RETURN(git_oid start, ParseOid(tip));
  if (git_revwalk_push(w, &start) != 0) return LastError("walking from " + tip);
  for (const std::string& h : hide) {
    Result<git_oid> oid = ParseOid(h);
    if (oid.ok() && git_revwalk_hide(w, &*oid) != 0) git_error_clear();
  }
  std::vector<char*> paths;
  for (const std::string& f : files) paths.push_back(const_cast<char*>(f.c_str()));
  git_diff_options narrow = GIT_DIFF_OPTIONS_INIT;
  narrow.pathspec = {paths.data(), paths.size()};
  narrow.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;  // exact paths, no globbing
  git_oid oid;
  for (size_t seen = 0; left > 0 && seen < window && git_revwalk_next(&oid, w) == 0; ++seen) {
    git_commit* c = nullptr;
    if (git_commit_lookup(&c, r, &oid) != 0) return LastError("reading a commit");
    CommitPtr commit(c);
    if (git_commit_parentcount(c) != 1) continue;
    git_commit* pc = nullptr;
    if (git_commit_parent(&pc, c, 0) != 0) return LastError("reading a parent commit");
    CommitPtr parent(pc);
    git_tree *a = nullptr, *b = nullptr;
    if (git_commit_tree(&a, pc) != 0 || git_commit_tree(&b, c) != 0) return LastError("reading a tree");
    TreePtr ta(a), tb(b);
    git_diff* d = nullptr;
    if (git_diff_tree_to_tree(&d, r, a, b, &narrow) != 0) return LastError("comparing trees");
    DiffPtr touched(d);
    if (git_diff_num_deltas(d) == 0) continue;
    git_diff* full = nullptr;
    if (git_diff_tree_to_tree(&full, r, a, b, nullptr) != 0) return LastError("comparing trees");
    DiffPtr all(full);
    git_oid pid;
    if (git_diff_patchid(&pid, full, nullptr) != 0) return LastError("patch-id");
    std::string id = OidHex(pid);
    for (size_t i = 0; i < series.size(); ++i)
      if (candidate[i] && found[i].empty() && series[i].patch_id == id) {
        found[i] = OidHex(oid);
        --left;
      }
  }
  git_error_clear();
  return found;
}

Status PatchApplier::AddWorktree(const std::string& name, const std::string& path, const std::string& tip,
                                 const std::string& tree) const {
  git_repository* r = impl_->repo.get();
  PSIRT_ASSIGN_OR_RETURN(git_oid tip_oid, ParseOid(tip));
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, r, &tip_oid) != 0) return LastError("reading commit " + tip);
  CommitPtr commit(c);
  git_reference* branch = nullptr;
  if (git_branch_create(&branch, r, name.c_str(), c, 0) != 0) return LastError("a temporary branch " + name);
  ReferencePtr owned_branch(branch);
  git_worktree_add_options wo = GIT_WORKTREE_ADD_OPTIONS_INIT;
  wo.ref = branch;
  git_worktree* wt = nullptr;
  if (git_worktree_add(&wt, r, name.c_str(), path.c_str(), &wo) != 0) {
    Status st = LastError("a temporary worktree at " + path);
    git_branch_delete(branch);
    return st;
  }
  git_worktree_free(wt);
  // The series' files over the checkout (objects from the in-memory database).
  PSIRT_ASSIGN_OR_RETURN(git_oid tree_oid, ParseOid(tree));
  git_object* t = nullptr;
  if (git_object_lookup(&t, r, &tree_oid, GIT_OBJECT_TREE) != 0) return LastError("reading the applied tree");
  ObjectPtr applied(t);
  git_checkout_options co = GIT_CHECKOUT_OPTIONS_INIT;
  co.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_REMOVE_UNTRACKED | GIT_CHECKOUT_DONT_UPDATE_INDEX;
  co.target_directory = path.c_str();
  git_index* empty = nullptr;
  if (git_index_new(&empty) != 0) return LastError("an in-memory index");
  IndexPtr scratch(empty);
  co.baseline_index = scratch.get();
  if (git_checkout_tree(r, t, &co) != 0) return LastError("writing the patched files into " + path);
  return Status::Ok();
}

Status PatchApplier::RemoveWorktree(const std::string& name) const {
  git_repository* r = impl_->repo.get();
  git_worktree* wt = nullptr;
  if (git_worktree_lookup(&wt, r, name.c_str()) == 0) {
    git_worktree_prune_options po = GIT_WORKTREE_PRUNE_OPTIONS_INIT;
    po.flags = GIT_WORKTREE_PRUNE_VALID | GIT_WORKTREE_PRUNE_LOCKED | GIT_WORKTREE_PRUNE_WORKING_TREE;
    int rc = git_worktree_prune(wt, &po);
    git_worktree_free(wt);
    if (rc != 0) return LastError("removing the worktree " + name);
  }
  git_error_clear();
  git_reference* branch = nullptr;
  if (git_branch_lookup(&branch, r, name.c_str(), GIT_BRANCH_LOCAL) == 0) {
    ReferencePtr owned(branch);
    if (git_branch_delete(branch) != 0) return LastError("removing the temporary branch " + name);
  }
  git_error_clear();
  return Status::Ok();
}

Result<int> PatchApplier::PruneStaleWorktrees(const std::string& prefix, const std::function<bool(long pid)>& alive) const {
  git_strarray names{};
  if (git_worktree_list(&names, impl_->repo.get()) != 0) return LastError("listing worktrees");
  std::vector<std::string> stale;
  for (size_t i = 0; i < names.count; ++i) {
    std::string n = names.strings[i];
    if (n.rfind(prefix, 0) != 0) continue;
    long pid = std::strtol(n.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && !alive(pid)) stale.push_back(n);
  }
  git_strarray_dispose(&names);
  // Branches left without their worktree (killed between the two steps).
  git_branch_iterator* it = nullptr;
  if (git_branch_iterator_new(&it, impl_->repo.get(), GIT_BRANCH_LOCAL) == 0) {
    git_reference* ref = nullptr;
    git_branch_t type;
    while (git_branch_next(&ref, &type, it) == 0) {
      const char* bn = nullptr;
      if (git_branch_name(&bn, ref) == 0 && bn && std::string(bn).rfind(prefix, 0) == 0) {
        long pid = std::strtol(bn + prefix.size(), nullptr, 10);
        if (pid > 0 && !alive(pid) && std::find(stale.begin(), stale.end(), bn) == stale.end()) stale.push_back(bn);
      }
      git_reference_free(ref);
    }
    git_branch_iterator_free(it);
  }
  git_error_clear();
  for (const std::string& n : stale) PSIRT_RETURN_IF_ERROR(RemoveWorktree(n));
  return static_cast<int>(stale.size());
}

Result<std::vector<std::string>> PatchApplier::FormatRebased(const std::string& parent, std::span<const SeriesPatch> series,
                                                             const SeriesFit& fit) const {
  git_repository* r = impl_->repo.get();
  if (!fit.applies || fit.trees.size() != series.size()) return Status::Invalid("the series does not apply: nothing to format");
  PSIRT_ASSIGN_OR_RETURN(git_oid parent_oid, ParseOid(parent));
  std::vector<std::string> out;
  git_oid prev = parent_oid;
  for (size_t i = 0; i < series.size(); ++i) {
    const SeriesPatch& p = series[i];
    git_commit* pc = nullptr;
    if (git_commit_lookup(&pc, r, &prev) != 0) return LastError("reading the parent commit");
    CommitPtr parent_commit(pc);
    PSIRT_ASSIGN_OR_RETURN(git_oid tree_oid, ParseOid(fit.trees[i]));
    git_tree* t = nullptr;
    if (git_tree_lookup(&t, r, &tree_oid) != 0) return LastError("reading a rebased tree");
    TreePtr tree(t);
    std::string message = p.subject + "\n";
    if (!p.message.empty()) message += "\n" + p.message + "\n";
    if (!p.commit.empty()) {
      Result<git_oid> upstream = ParseOid(p.commit);
      git_commit* uc = nullptr;
      if (upstream.ok() && git_commit_lookup(&uc, r, &*upstream) == 0) {
        git_commit_free(uc);
        message += "\n(cherry picked from commit " + p.commit + ")\n";
      } else {
        git_error_clear();
      }
    }
    PSIRT_ASSIGN_OR_RETURN(SignaturePtr author, SignatureOf(p.author, p.time ? p.time : git_commit_time(pc)));
    git_oid commit_oid;
    const git_commit* parents[] = {pc};
    if (git_commit_create(&commit_oid, r, nullptr, author.get(), author.get(), "UTF-8", message.c_str(), t, 1, parents) != 0)
      return LastError("writing a rebased commit in memory");
    git_tree* pt = nullptr;
    if (git_commit_tree(&pt, pc) != 0) return LastError("reading a tree");
    TreePtr parent_tree(pt);
    git_diff* d = nullptr;
    if (git_diff_tree_to_tree(&d, r, pt, t, nullptr) != 0) return LastError("comparing trees");
    DiffPtr diff(d);
    std::string body = message.substr(message.find('\n') + 1);
    while (!body.empty() && body.front() == '\n') body.erase(0, 1);
    git_email_create_options eo = GIT_EMAIL_CREATE_OPTIONS_INIT;
    git_buf buf = GIT_BUF_INIT;
    if (git_email_create_from_diff(&buf, d, i + 1, series.size(), &commit_oid, p.subject.c_str(), body.c_str(), author.get(), &eo) != 0)
      return LastError("formatting a rebased patch");
    std::unique_ptr<git_buf, BufFree> owned(&buf);
    out.emplace_back(buf.ptr, buf.size);
    prev = commit_oid;
  }
  return out;
}

}  // namespace psirt::git
