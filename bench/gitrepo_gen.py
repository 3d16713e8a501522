#!/usr/bin/env python3
"""Generates the git engine benchmark repository with `git fast-import`.

Shape (defaults): about 100,000 commits; a first-parent main line with a
merged pull request every 100 commits; 30 release branches v1.0-branch ..
v3.9-branch forked from the vX.Y.0 tag on main, each with nine patch
releases (300 tags in all); 500 fix commits on main (each adds its own file,
so a backport has the same diff and patch-id) and 500 backports of them to
release branches: 60% with a `(cherry picked from commit X)` trailer, 20%
with a `commit X upstream` line and 20% with no reference (found only by
patch-id). 50 fixes are never backported. Every merged pull request keeps
its head as refs/pull/N/head, and 6,000 open pull requests (one commit on
top of a main commit each) add their heads too: about 7,000 PR refs, as on
a clone that fetches them (Mbed TLS has 7,028).

Writes FIXES (one line per fix: sha, then the branches it was backported
to) next to the repository, used by bench/git.sh.

Usage: gitrepo_gen.py DIR [MAIN_COMMITS]
       gitrepo_gen.py --extend DIR N   (N more commits on main)
"""
import os
import subprocess
import sys

RELEASES = 30
FIXES = 500
OPEN_PRS = 6000


def version(r):
    return 1 + r // 10, r % 10


class Stream:
    def __init__(self, proc):
        self.out = proc.stdin
        self.mark = 0
        self.time = 1_600_000_000

    def w(self, s):
        self.out.write(s.encode())

    def commit(self, ref, message, files, parent=None, merge=None):
        self.mark += 1
        self.time += 60
        msg = message.encode()
        self.w(f"commit {ref}\nmark :{self.mark}\n")
        self.w(f"author Dev <dev@example.org> {self.time} +0000\n")
        self.w(f"committer Dev <dev@example.org> {self.time} +0000\n")
        self.w(f"data {len(msg)}\n")
        self.out.write(msg)
        self.w("\n")
        if parent is not None:
            self.w(f"from {parent}\n")
        if merge is not None:
            self.w(f"merge {merge}\n")
        for path, content in files:
            data = content.encode()
            self.w(f"M 100644 inline {path}\ndata {len(data)}\n")
            self.out.write(data)
            self.w("\n")
        self.w("\n")
        return f":{self.mark}"

    def tag(self, name, target):
        self.time += 1
        self.w(f"tag {name}\nfrom {target}\n")
        self.w(f"tagger Dev <dev@example.org> {self.time} +0000\ndata 0\n\n")

    def reset(self, ref, target):
        self.w(f"reset {ref}\nfrom {target}\n\n")


def fast_import(repo, extra=()):
    return subprocess.Popen(["git", "-C", repo, "fast-import", "--quiet", *extra],
                            stdin=subprocess.PIPE)


def fix_file(k):
    body = "".join(f"/* fix {k} line {i} */\n" for i in range(5))
    return (f"fixes/fix-{k:04d}.c", body + f"int fix_{k}(void) {{ return {k}; }}\n")


def generate(repo, main_commits):
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    marks = os.path.join(os.path.abspath(repo), ".git", "bench-marks")
    # Phase 1: the main line with merges, fix commits and release tags.
    p = fast_import(repo, [f"--export-marks={marks}"])
    s = Stream(p)
    branch_every = main_commits // (RELEASES + 1)
    fix_start = branch_every + 1
    fix_every = (main_commits - fix_start) // FIXES
    branch_points = {}  # release -> mark of the tagged main commit
    fix_marks = {}      # k -> (mark, main position)
    head = None
    pr = 1000
    pr_heads = {}     # pr number -> mark of its head
    main_marks = []   # mark of each main commit, in order
    for i in range(main_commits):
        k = (i - fix_start) // fix_every if i >= fix_start else -1
        if i >= fix_start and (i - fix_start) % fix_every == 0 and k < FIXES:
            head = s.commit("refs/heads/main", f"subsys: fix bounds check {k}\n\nFixes issue {k}.\n",
                            [fix_file(k)], head)
            fix_marks[k] = (head, i)
        elif i % 100 == 99:
            # A pull request: two commits on a side line, merged.
            pr += 1
            side = s.commit("refs/heads/pr-side", f"drivers: change {i} a\n",
                            [(f"drivers/d{i % 50}/x{i % 300}.c", f"{i} a\n")], head)
            side = s.commit("refs/heads/pr-side", f"drivers: change {i} b\n",
                            [(f"drivers/d{i % 50}/x{i % 300}.c", f"{i} b\n")], side)
            pr_heads[pr] = side
            head = s.commit("refs/heads/main",
                            f"Merge pull request #{pr} from dev/topic-{i}\n\nTopic {i}.\n",
                            [], head, side)
        else:
            head = s.commit("refs/heads/main", f"kernel: change {i}\n",
                            [(f"src/d{i % 100}/f{i % 1000}.c", f"{i}\n")], head)
        main_marks.append(head)
        r = i // branch_every - 1
        if i % branch_every == 0 and 0 <= r < RELEASES:
            major, minor = version(r)
            s.tag(f"v{major}.{minor}.0", head)
            branch_points[r] = (head, i)
    for number, mark in pr_heads.items():
        s.reset(f"refs/pull/{number}/head", mark)
    # Open pull requests: one commit each on top of a main commit.
    for j in range(OPEN_PRS):
        pr += 1
        base = main_marks[(j * 7919) % len(main_marks)]
        s.commit(f"refs/pull/{pr}/head", f"wip: proposal {j}\n", [(f"wip/p{j % 97}.c", f"{j}\n")], base)
    s.w("reset refs/heads/pr-side\nfrom 0000000000000000000000000000000000000000\n\n")
    p.stdin.close()
    if p.wait() != 0:
        sys.exit("fast-import failed (phase 1)")
    sha_of = {}
    with open(marks) as f:
        for line in f:
            m, sha = line.split()
            sha_of[m] = sha

    # Phase 2: release branches with backports and patch releases.
    backports = {r: [] for r in range(RELEASES)}
    fixes_out = []
    for k in range(FIXES):
        mark, pos = fix_marks[k]
        existing = [r for r, (_, bpos) in branch_points.items() if bpos < pos]
        targets = []
        if k % 10 != 9 and existing:
            targets.append(existing[-1])
            if k % 10 == 0 and len(existing) >= 2:
                targets.append(existing[-2])
        for r in targets:
            backports[r].append(k)
        fixes_out.append((sha_of[mark], targets))
    p = fast_import(repo, [f"--import-marks={marks}"])
    s = Stream(p)
    s.mark = len(sha_of) + 10
    s.time += 10_000_000
    for r in range(RELEASES):
        major, minor = version(r)
        ref = f"refs/heads/v{major}.{minor}-branch"
        head = branch_points[r][0]
        s.reset(ref, head)
        todo = backports[r]
        steps = max(len(todo), 18)
        patch = 0
        for j in range(steps):
            if j < len(todo):
                k = todo[j]
                sha = sha_of[fix_marks[k][0]]
                how = k % 5
                body = f"subsys: fix bounds check {k}\n\nFixes issue {k}.\n"
                if how <= 2:
                    body += f"\n(cherry picked from commit {sha})\n"
                elif how == 3:
                    body = f"subsys: fix bounds check {k}\n\ncommit {sha} upstream.\n\nFixes issue {k}.\n"
                head = s.commit(ref, body, [fix_file(k)], head)
            else:
                head = s.commit(ref, f"release: maintenance {major}.{minor} step {j}\n",
                                [(f"VERSION-{major}.{minor}", f"{j}\n")], head)
            if j % 2 == 1 and patch < 9:
                patch += 1
                s.tag(f"v{major}.{minor}.{patch}", head)
        while patch < 9:
            patch += 1
            head = s.commit(ref, f"release: v{major}.{minor}.{patch}\n",
                            [(f"VERSION-{major}.{minor}", f"{patch}\n")], head)
            s.tag(f"v{major}.{minor}.{patch}", head)
    p.stdin.close()
    if p.wait() != 0:
        sys.exit("fast-import failed (phase 2)")
    with open(os.path.join(os.path.dirname(os.path.abspath(repo)), "FIXES"), "w") as f:
        for sha, targets in fixes_out:
            names = " ".join("v%d.%d-branch" % version(r) for r in targets)
            f.write(f"{sha} {names}\n".rstrip() + "\n")
    os.remove(marks)


def extend(repo, n):
    head = subprocess.run(["git", "-C", repo, "rev-parse", "main"], check=True,
                          capture_output=True, text=True).stdout.strip()
    p = fast_import(repo)
    s = Stream(p)
    s.time = 1_900_000_000
    parent = head
    for i in range(n):
        parent = s.commit("refs/heads/main", f"kernel: later change {i}\n",
                          [(f"src/later/f{i % 10}.c", f"{i}\n")], parent)
    p.stdin.close()
    if p.wait() != 0:
        sys.exit("fast-import failed (extend)")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--extend":
        extend(sys.argv[2], int(sys.argv[3]))
    else:
        generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 98_000)
