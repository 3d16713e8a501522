// Tests of the commit-graph reader against files written by `git
// commit-graph write` (single file and split chain, merges and an octopus),
// compared with walking the objects; malformed files are refused by the
// parser and only cost speed in LoadGraph.
#include "git/commit_graph_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <algorithm>
#include <map>

#include "git/repo_reader.h"
#include "testing/test_support.h"

namespace psirt::git {
namespace {

// The shared test repository; files are named, and committed, after themselves.
class CliRepo : public psirt::testing::GitRepo {
 public:
  void Commit(const std::string& name) { GitRepo::Commit(name, name + "\n", name); }
  std::vector<std::string> Tips() {
    std::vector<std::string> out;
    std::string all = Git({"for-each-ref", "--format=%(objectname)", "refs/heads"});
    for (size_t p = 0; p < all.size(); p += 41) out.push_back(all.substr(p, 40));
    return out;
  }
};

// main with a two-parent merge and a three-parent (octopus) merge.
void BuildHistory(CliRepo& r) {
  r.Commit("a");
  r.Commit("b");
  r.Git({"branch", "x"});
  r.Git({"branch", "y"});
  r.Git({"branch", "z"});
  r.Commit("c");
  r.Git({"checkout", "-q", "x"});
  r.Commit("x1");
  r.Git({"checkout", "-q", "main"});
  r.Git({"merge", "-q", "--no-ff", "-m", "merge x", "x"});
  r.Git({"checkout", "-q", "y"});
  r.Commit("y1");
  r.Git({"checkout", "-q", "z"});
  r.Commit("z1");
  r.Git({"checkout", "-q", "main"});
  r.Git({"merge", "-q", "--no-ff", "-m", "octopus", "y", "z"});
  r.Commit("d");
}

using Edges = std::map<std::string, std::vector<std::string>>;

Edges EdgesOf(const CommitGraph& g) {
  Edges e;
  for (CommitGraph::Node n = 0; n < g.size(); ++n) {
    auto& ps = e[g.id(n)];
    for (CommitGraph::Node p : g.parents(n)) {
      EXPECT_LT(p, n) << "parent after child";
      ps.push_back(g.id(p));
    }
  }
  return e;
}

Edges Load(const CliRepo& r, const std::vector<std::string>& tips, RepoReader::GraphSource* src) {
  auto reader = RepoReader::Open(r.dir());
  EXPECT_TRUE(reader.ok());
  CommitGraph g;
  Status s = reader->LoadGraph(g, tips, src);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return EdgesOf(g);
}

TEST(CommitGraphFile, SameGraphAsWalkingObjects) {
  CliRepo r;
  BuildHistory(r);
  RepoReader::GraphSource walked, from_file;
  Edges expected = Load(r, r.Tips(), &walked);
  EXPECT_EQ(walked.from_commit_graph, 0u);
  EXPECT_EQ(walked.walked, 9u);
  r.Git({"commit-graph", "write", "--reachable"});
  Edges got = Load(r, r.Tips(), &from_file);
  EXPECT_EQ(from_file.from_commit_graph, 9u);
  EXPECT_EQ(from_file.walked, 0u);
  EXPECT_EQ(got, expected);
  std::string octopus = r.Git({"rev-parse", "main~1"});
  EXPECT_EQ(got[octopus].size(), 3u);
  // Commits made after the file was written are read from the objects.
  r.Commit("e");
  r.Commit("f");
  RepoReader::GraphSource mixed;
  Edges later = Load(r, r.Tips(), &mixed);
  EXPECT_EQ(mixed.from_commit_graph, 9u);
  EXPECT_EQ(mixed.walked, 2u);
  std::filesystem::remove(r.dir() + "/.git/objects/info/commit-graph");
  EXPECT_EQ(Load(r, r.Tips(), nullptr), later);
}

TEST(CommitGraphFile, SplitChain) {
  CliRepo r;
  BuildHistory(r);
  r.Git({"commit-graph", "write", "--reachable", "--split=no-merge"});
  r.Commit("e");
  r.Git({"checkout", "-q", "-b", "w", "main~3"});
  r.Commit("w1");
  r.Git({"checkout", "-q", "main"});
  r.Git({"merge", "-q", "--no-ff", "-m", "merge w", "w"});
  r.Git({"commit-graph", "write", "--reachable", "--split=no-merge"});
  std::string chain = psirt::testing::ReadFile(r.dir() + "/.git/objects/info/commit-graphs/commit-graph-chain");
  EXPECT_EQ(std::count(chain.begin(), chain.end(), '\n'), 2) << chain;
  RepoReader::GraphSource src;
  Edges got = Load(r, r.Tips(), &src);
  EXPECT_EQ(src.from_commit_graph, 12u);
  EXPECT_EQ(src.walked, 0u);
  std::filesystem::remove_all(r.dir() + "/.git/objects/info/commit-graphs");
  RepoReader::GraphSource none;
  EXPECT_EQ(Load(r, r.Tips(), &none), got);
  EXPECT_EQ(none.walked, 12u);
}

std::string ValidFile(CliRepo& r) {
  BuildHistory(r);
  r.Git({"commit-graph", "write", "--reachable"});
  return psirt::testing::ReadFile(r.dir() + "/.git/objects/info/commit-graph");
}

size_t ChunkOffset(const std::string& f, const std::string& id) {
  for (size_t i = 8; i + 12 <= f.size(); i += 12)
    if (f.compare(i, 4, id) == 0) {
      size_t off = 0;
      for (int k = 4; k < 12; ++k) off = off << 8 | static_cast<unsigned char>(f[i + k]);
      return off;
    }
  ADD_FAILURE() << "no chunk " << id;
  return 0;
}

Status Parse(const std::string& bytes) {
  CommitGraphFileData d;
  return ParseCommitGraphLayer(bytes, "commit-graph", d);
}

TEST(CommitGraphFile, MalformedFilesAreRefused) {
  CliRepo r;
  std::string good = ValidFile(r);
  ASSERT_TRUE(Parse(good).ok());
  auto expect_bad = [](const std::string& bytes, const std::string& what) {
    Status s = Parse(bytes);
    EXPECT_FALSE(s.ok()) << what;
    EXPECT_NE(s.message().find("commit-graph: not a valid commit-graph file: " + what), std::string::npos)
        << s.message();
  };
  expect_bad("", "expected signature CGPH");
  expect_bad("CGPX" + good.substr(4), "expected signature CGPH");
  std::string v2 = good;
  v2[4] = 2;
  expect_bad(v2, "expected version 1");
  std::string h3 = good;
  h3[5] = 3;
  expect_bad(h3, "unknown hash version 3");
  std::string base = good;
  base[7] = 1;
  expect_bad(base, "expected 0 base graphs");
  expect_bad(good.substr(0, 20), "chunk table runs past the end");
  expect_bad(good.substr(0, good.size() / 2), "chunk ");
  // A parent position beyond the commits.
  std::string parent = good;
  size_t cdat = ChunkOffset(good, "CDAT");
  for (int k = 0; k < 4; ++k) parent[cdat + 20 + k] = k == 0 ? 0x0f : '\xff';
  expect_bad(parent, "commit 0: parent position out of range");
  // An octopus reference past the EDGE chunk.
  std::string edge = good;
  for (int k = 0; k < 4; ++k) edge[cdat + 24 + k] = k == 0 ? '\x80' : k == 3 ? 0x7f : 0;
  expect_bad(edge, "commit 0: EDGE list runs past the chunk");
}

TEST(CommitGraphFile, CorruptFileFallsBackToObjects) {
  CliRepo r;
  std::string good = ValidFile(r);
  psirt::testing::WriteFile(r.dir() + "/.git/objects/info/commit-graph", good.substr(0, 100));
  RepoReader::GraphSource src;
  Edges got = Load(r, r.Tips(), &src);
  EXPECT_EQ(src.from_commit_graph, 0u);
  EXPECT_EQ(src.walked, 9u);
  EXPECT_EQ(got.size(), 9u);
}

// The mapped index answers what the parsed file holds: every id at its
// position, the same parents, and levels that are 1 + the highest parent's.
void ExpectIndexMatchesFile(const std::string& objects_dir) {
  CommitGraphFileData data;
  auto read = ReadCommitGraphFiles(objects_dir, data);
  ASSERT_TRUE(read.ok() && *read);
  auto opened = CommitGraphIndex::Open(objects_dir);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ASSERT_TRUE(opened->has_value());
  const CommitGraphIndex& index = **opened;
  ASSERT_EQ(index.size(), data.count());
  for (uint32_t pos = 0; pos < index.size(); ++pos) {
    const auto* raw = reinterpret_cast<const unsigned char*>(data.oids.data()) + size_t{pos} * data.hash_len;
    EXPECT_EQ(index.Find(raw), std::optional<uint32_t>(pos));
    EXPECT_EQ(index.FindHex(index.Hex(pos)), std::optional<uint32_t>(pos));
    std::vector<uint32_t> ps;
    ASSERT_TRUE(index.Parents(pos, ps));
    EXPECT_EQ(ps, std::vector<uint32_t>(data.parents.begin() + data.parent_start[pos],
                                        data.parents.begin() + data.parent_start[pos + 1]));
    uint32_t highest = 0;
    for (uint32_t p : ps) highest = std::max(highest, index.Level(p));
    EXPECT_EQ(index.Level(pos), highest + 1) << "position " << pos;
  }
  EXPECT_FALSE(index.FindHex(std::string(40, '0')).has_value());
  EXPECT_FALSE(index.FindHex("not a sha").has_value());
}

TEST(CommitGraphIndex, MapsTheFileInPlace) {
  CliRepo r;
  BuildHistory(r);
  auto none = CommitGraphIndex::Open(r.dir() + "/.git/objects");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  r.Git({"commit-graph", "write", "--reachable"});
  ExpectIndexMatchesFile(r.dir() + "/.git/objects");
  // A split chain: positions run on across layers, parents point below.
  r.Commit("e");
  r.Git({"merge", "-q", "--no-ff", "-m", "merge x again", "x"});
  r.Git({"commit-graph", "write", "--reachable", "--split=no-merge"});
  ExpectIndexMatchesFile(r.dir() + "/.git/objects");
}

TEST(CommitGraphIndex, CorruptFilesAreErrorsOrRefusedParents) {
  CliRepo r;
  std::string good = ValidFile(r);
  std::string path = r.dir() + "/.git/objects/info/commit-graph";
  psirt::testing::WriteFile(path, good.substr(0, 100));
  EXPECT_FALSE(CommitGraphIndex::Open(r.dir() + "/.git/objects").ok());
  psirt::testing::WriteFile(path, "");
  EXPECT_FALSE(CommitGraphIndex::Open(r.dir() + "/.git/objects").ok());
  // A chain naming something other than a layer's hash is refused.
  std::filesystem::create_directories(r.dir() + "/.git/objects/info/commit-graphs");
  psirt::testing::WriteFile(r.dir() + "/.git/objects/info/commit-graphs/commit-graph-chain", "../../../etc/x\n");
  auto traversal = CommitGraphIndex::Open(r.dir() + "/.git/objects");
  ASSERT_FALSE(traversal.ok());
  EXPECT_NE(traversal.status().message().find("is not a hash"), std::string::npos);
  std::filesystem::remove_all(r.dir() + "/.git/objects/info/commit-graphs");
  // A parent out of range is reported by Parents, never read.
  std::string parent = good;
  size_t cdat = ChunkOffset(good, "CDAT");
  for (int k = 0; k < 4; ++k) parent[cdat + 20 + k] = k == 0 ? 0x0f : '\xff';
  psirt::testing::WriteFile(path, parent);
  auto index = CommitGraphIndex::Open(r.dir() + "/.git/objects");
  ASSERT_TRUE(index.ok() && index->has_value());
  std::vector<uint32_t> ps;
  EXPECT_FALSE((*index)->Parents(0, ps));
  EXPECT_FALSE((*index)->Parents((*index)->size(), ps));
}

}  // namespace
}  // namespace psirt::git
