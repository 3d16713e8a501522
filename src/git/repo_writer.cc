// History creation with libgit2: an in-memory index per commit, blobs
// written directly, refs moved by git_commit_create.
#include "git/repo_writer.h"

#include <cstring>

namespace psirt::git {
namespace {

Result<CommitPtr> LookupCommit(git_repository* repo, const std::string& sha) {
  git_oid oid;
  if (git_oid_fromstr(&oid, sha.c_str()) != 0) return Status::Invalid("bad commit id " + sha);
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, repo, &oid) != 0) return LastError("commit " + sha);
  return CommitPtr(c);
}

Result<SignaturePtr> Signature(const std::string& name, const std::string& email, Timestamp t) {
  git_signature* s = nullptr;
  if (git_signature_new(&s, name.c_str(), email.c_str(), t.unix_seconds(), 0) != 0)
    return LastError("signature");
  return SignaturePtr(s);
}

}  // namespace

Result<RepoWriter> RepoWriter::Init(const std::string& path, const std::string& main_branch) {
  EnsureLibgit2();
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_MKPATH;
  std::string head = "refs/heads/" + main_branch;
  opts.initial_head = head.c_str();
  git_repository* repo = nullptr;
  if (git_repository_init_ext(&repo, path.c_str(), &opts) != 0)
    return LastError("creating repository " + path);
  return RepoWriter(RepoPtr(repo));
}

Result<std::string> RepoWriter::Tip(const std::string& branch) {
  git_oid oid;
  if (git_reference_name_to_id(&oid, repo_.get(), ("refs/heads/" + branch).c_str()) != 0)
    return Status::NotFound("no branch " + branch);
  return OidHex(oid);
}

Result<std::string> RepoWriter::Commit(const CommitSpec& spec) {
  git_index* raw_index = nullptr;
  if (git_index_new(&raw_index) != 0) return LastError("index");
  IndexPtr index(raw_index);

  std::vector<CommitPtr> parents;
  auto tip = Tip(spec.branch);
  if (tip.ok()) {
    PSIRT_ASSIGN_OR_RETURN(CommitPtr parent, LookupCommit(repo_.get(), *tip));
    git_tree* t = nullptr;
    if (git_commit_tree(&t, parent.get()) != 0) return LastError("tree");
    TreePtr tree(t);
    if (git_index_read_tree(index.get(), tree.get()) != 0) return LastError("read tree");
    parents.push_back(std::move(parent));
  }
  if (spec.second_parent) {
    PSIRT_ASSIGN_OR_RETURN(CommitPtr p2, LookupCommit(repo_.get(), *spec.second_parent));
    parents.push_back(std::move(p2));
  }
  for (const auto& [path, content] : spec.files) {
    git_oid blob;
    if (git_blob_create_from_buffer(&blob, repo_.get(), content.data(), content.size()) != 0)
      return LastError("blob " + path);
    git_index_entry e;
    std::memset(&e, 0, sizeof e);
    e.mode = GIT_FILEMODE_BLOB;
    e.id = blob;
    e.path = path.c_str();
    if (git_index_add(index.get(), &e) != 0) return LastError("index add " + path);
  }
  for (const auto& path : spec.remove) git_index_remove(index.get(), path.c_str(), 0);

  git_oid tree_oid;
  if (git_index_write_tree_to(&tree_oid, index.get(), repo_.get()) != 0)
    return LastError("write tree");
  git_tree* t = nullptr;
  if (git_tree_lookup(&t, repo_.get(), &tree_oid) != 0) return LastError("tree lookup");
  TreePtr tree(t);
  PSIRT_ASSIGN_OR_RETURN(SignaturePtr sig, Signature(spec.author_name, spec.author_email, spec.time));
  std::vector<const git_commit*> parent_ptrs;
  for (auto& p : parents) parent_ptrs.push_back(p.get());
  git_oid out;
  std::string ref = "refs/heads/" + spec.branch;
  if (git_commit_create(&out, repo_.get(), ref.c_str(), sig.get(), sig.get(), "UTF-8",
                        spec.message.c_str(), tree.get(), parent_ptrs.size(),
                        parent_ptrs.data()) != 0)
    return LastError("commit on " + spec.branch);
  return OidHex(out);
}

Status RepoWriter::Branch(const std::string& name, const std::string& at_sha) {
  PSIRT_ASSIGN_OR_RETURN(CommitPtr c, LookupCommit(repo_.get(), at_sha));
  git_reference* ref = nullptr;
  if (git_branch_create(&ref, repo_.get(), name.c_str(), c.get(), 0) != 0)
    return LastError("branch " + name);
  git_reference_free(ref);
  return Status::Ok();
}

Status RepoWriter::DeleteBranch(const std::string& name) {
  // Only the ref: git_branch_delete (libgit2 1.5) also scans the config for
  // the branch's section and leaks PCRE2 match data doing so.
  if (git_reference_remove(repo_.get(), ("refs/heads/" + name).c_str()) != 0)
    return LastError("deleting branch " + name);
  return Status::Ok();
}

Status RepoWriter::Tag(const std::string& name, const std::string& at_sha, Timestamp time) {
  git_oid target;
  if (git_oid_fromstr(&target, at_sha.c_str()) != 0) return Status::Invalid("bad commit " + at_sha);
  git_object* obj = nullptr;
  if (git_object_lookup(&obj, repo_.get(), &target, GIT_OBJECT_COMMIT) != 0)
    return LastError("tag target " + at_sha);
  PSIRT_ASSIGN_OR_RETURN(SignaturePtr sig, Signature("Release Manager", "release@example.org", time));
  git_oid tag_oid;
  int rc = git_tag_create(&tag_oid, repo_.get(), name.c_str(), obj, sig.get(),
                          ("Release " + name + "\n").c_str(), 0);
  git_object_free(obj);
  if (rc != 0) return LastError("tag " + name);
  return Status::Ok();
}

Status RepoWriter::Ref(const std::string& ref, const std::string& at_sha) {
  git_oid target;
  if (git_oid_fromstr(&target, at_sha.c_str()) != 0) return Status::Invalid("bad commit " + at_sha);
  git_reference* r = nullptr;
  if (git_reference_create(&r, repo_.get(), ref.c_str(), &target, 1, nullptr) != 0)
    return LastError("ref " + ref);
  git_reference_free(r);
  return Status::Ok();
}

Result<std::optional<std::string>> RepoWriter::ReadFile(const std::string& branch,
                                                        const std::string& path) {
  PSIRT_ASSIGN_OR_RETURN(std::string sha, Tip(branch));
  PSIRT_ASSIGN_OR_RETURN(CommitPtr c, LookupCommit(repo_.get(), sha));
  git_tree* t = nullptr;
  if (git_commit_tree(&t, c.get()) != 0) return LastError("tree");
  TreePtr tree(t);
  git_tree_entry* entry = nullptr;
  if (git_tree_entry_bypath(&entry, tree.get(), path.c_str()) != 0)
    return std::optional<std::string>();
  git_blob* blob = nullptr;
  int rc = git_blob_lookup(&blob, repo_.get(), git_tree_entry_id(entry));
  git_tree_entry_free(entry);
  if (rc != 0) return LastError("blob " + path);
  std::string content(static_cast<const char*>(git_blob_rawcontent(blob)),
                      static_cast<size_t>(git_blob_rawsize(blob)));
  git_blob_free(blob);
  return std::optional<std::string>(std::move(content));
}

Status RepoWriter::CheckoutHead() {
  git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
  opts.checkout_strategy = GIT_CHECKOUT_FORCE;
  if (git_checkout_head(repo_.get(), &opts) != 0) return LastError("checkout");
  return Status::Ok();
}

}  // namespace psirt::git
