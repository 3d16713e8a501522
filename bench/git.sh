#!/usr/bin/env bash
# Benchmarks of the git engine on a generated repository of about 100,000
# commits and 7,300 refs (bench/gitrepo_gen.py: 30 release branches, 300
# tags, 500 backports of which 100 carry no reference, about 7,000 PR refs),
# side by side with the git CLI, commit-graph written, refs packed as in a
# clone (a copy keeps loose refs, as after fetches, for one row):
#   - containment of one commit, an old one and a recent one: `psirt git
#     contains` against `git tag --contains` + `git branch --contains`;
#   - containment of 200 fix commits: against a loop of those two commands;
#   - one linear pass over the graph (`git rev-list --all`), the floor;
#   - backport detection of the 200 fixes on every release branch;
#   - a full `psirt sync` of 200 advisories and an incremental one after 100
#     new commits on main.
# Usage: ./dev bench git   (results: bench/out/git.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PSIRT=$ROOT/build/psirt
OUT=$ROOT/bench/out/git
mkdir -p "$OUT"
REPO=$OUT/repo
PLUS=$OUT/repo-plus
LOOSE=$OUT/repo-loose
if [[ ! -f "$OUT/FIXES" || ! -d "$REPO/.git" || -z "$(git -C "$REPO" for-each-ref --count=1 refs/pull 2>/dev/null)" ]]; then
  rm -rf "$REPO" "$PLUS" "$LOOSE" "$OUT"/ws-*
  /usr/bin/time -f "generate: %e s" python3 bench/gitrepo_gen.py "$REPO"
  git -C "$REPO" commit-graph write --reachable
fi
# As a clone has them: refs in packed-refs (tags peeled). A copy keeps the
# generator's loose refs, as after fetches since the last `git gc`.
if [[ ! -d "$LOOSE/.git" ]]; then
  cp -a "$REPO" "$LOOSE"
  git -C "$REPO" pack-refs --all
  rm -rf "$PLUS" "$OUT"/ws-*
fi
if [[ ! -d "$PLUS/.git" ]]; then
  cp -a "$REPO" "$PLUS"
  # 100 new commits, not yet in the commit-graph file (as after a fetch).
  python3 bench/gitrepo_gen.py --extend "$PLUS" 100
fi
echo "repository: $(git -C "$REPO" rev-list --all --count) commits, $(git -C "$REPO" tag | wc -l) tags," \
     "$(git -C "$REPO" branch | wc -l) branches, $(git -C "$REPO" for-each-ref refs/pull | wc -l) PR refs"
mapfile -t FIX < <(head -200 "$OUT/FIXES" | cut -d' ' -f1)

# Workspaces: 200 advisories, each with one fix commit.
if [[ ! -d "$OUT/ws-template" ]]; then
  rm -rf "$OUT"/ws-*
  "$PSIRT" init "$OUT/ws-template" --prefix BEN --repository "$REPO" --lts v3.6-branch > /dev/null
  for sha in "${FIX[@]}"; do
    id=$("$PSIRT" --workspace "$OUT/ws-template" --json report --title "Fix $sha" \
           --reporter "R <r@example.org>" --triage | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    "$PSIRT" --workspace "$OUT/ws-template" fix "$id" --commit "$sha" > /dev/null
  done
  cp -a "$OUT/ws-template" "$OUT/ws-full"
  sed -i "s|^repository: .*|repository: \"$PLUS\"|" "$OUT/ws-full/psirt.yml"
  cp -a "$OUT/ws-template" "$OUT/ws-inc"
  "$PSIRT" --workspace "$OUT/ws-inc" sync > /dev/null   # synced on the repository before the 100 commits
  sed -i "s|^repository: .*|repository: \"$PLUS\"|" "$OUT/ws-inc/psirt.yml"
  # As if a release branch had moved too: every advisory is recomputed
  # (patch-ids still cached).
  cp -a "$OUT/ws-inc" "$OUT/ws-moved"
  sqlite3 "$OUT/ws-moved/psirt.db" "DELETE FROM git_state WHERE key = 'ref_tips'"
fi

cat > "$OUT/git-loop.sh" <<EOF
#!/usr/bin/env bash
cd "$REPO"
for s in ${FIX[*]}; do git tag --contains \$s; git branch --contains \$s; done
EOF

hyperfine --warmup 1 --runs 3 --export-markdown "$OUT/containment.md" \
  -n "psirt git contains (200 commits)" "$PSIRT git contains --repo $REPO --json ${FIX[*]} > /dev/null" \
  -n "git tag/branch --contains loop (200 commits)" "bash $OUT/git-loop.sh > /dev/null"
OLD=${FIX[0]}
NEW=$(tail -1 "$OUT/FIXES" | cut -d' ' -f1)
hyperfine --warmup 3 --runs 20 --export-markdown "$OUT/one.md" \
  -n "psirt git contains (1 old commit)" "$PSIRT git contains --repo $REPO --json $OLD > /dev/null" \
  -n "git tag --contains + git branch --contains (1 old commit)" \
     "git -C $REPO tag --contains $OLD > /dev/null; git -C $REPO branch --contains $OLD > /dev/null" \
  -n "psirt git contains (1 recent commit)" "$PSIRT git contains --repo $REPO --json $NEW > /dev/null" \
  -n "git tag --contains + git branch --contains (1 recent commit)" \
     "git -C $REPO tag --contains $NEW > /dev/null; git -C $REPO branch --contains $NEW > /dev/null" \
  -n "psirt git contains (1 recent commit, loose refs)" "$PSIRT git contains --repo $LOOSE --json $NEW > /dev/null" \
  -n "git tag --contains + git branch --contains (1 recent commit, loose refs)" \
     "git -C $LOOSE tag --contains $NEW > /dev/null; git -C $LOOSE branch --contains $NEW > /dev/null"
hyperfine --warmup 2 --runs 10 --export-markdown "$OUT/floor.md" \
  -n "git rev-list --all (one linear pass)" "git -C $REPO rev-list --all > /dev/null" \
  -n "psirt --version (process start: the floor of every psirt row)" "$PSIRT --version > /dev/null" \
  -n "psirt git backports (200 commits x 30 branches)" "$PSIRT git backports --repo $REPO --json ${FIX[*]} > /dev/null"
# (Each run on a fresh copy, opened once by a read first: a copy's first
# write otherwise pays for flushing the copy itself.)
# Without a shell (-N): the rows time psirt, not bash; the floor row in the
# same run says what the machine's process start costs at that moment.
hyperfine -N --warmup 2 --runs 20 --export-markdown "$OUT/sync.md" \
  --prepare "true" -n "psirt --version (floor)" "$PSIRT --version" \
  --prepare "bash -c 'rm -rf $OUT/ws-run && cp -a $OUT/ws-full $OUT/ws-run && $PSIRT --workspace $OUT/ws-run list > /dev/null'" \
  -n "psirt sync, full (200 advisories)" "$PSIRT --workspace $OUT/ws-run sync" \
  --prepare "bash -c 'rm -rf $OUT/ws-run && cp -a $OUT/ws-inc $OUT/ws-run && $PSIRT --workspace $OUT/ws-run list > /dev/null'" \
  -n "psirt sync, incremental (after 100 new commits)" "$PSIRT --workspace $OUT/ws-run sync" \
  --prepare "bash -c 'rm -rf $OUT/ws-run && cp -a $OUT/ws-moved $OUT/ws-run && $PSIRT --workspace $OUT/ws-run list > /dev/null'" \
  -n "psirt sync, every advisory recomputed (refs moved)" "$PSIRT --workspace $OUT/ws-run sync"

# What the runs found (a check that both sides did the work).
rm -rf "$OUT/ws-run" && cp -a "$OUT/ws-full" "$OUT/ws-run"
echo "full sync:        $("$PSIRT" --workspace "$OUT/ws-run" sync | head -1)"
rm -rf "$OUT/ws-run" && cp -a "$OUT/ws-inc" "$OUT/ws-run"
echo "incremental sync: $("$PSIRT" --workspace "$OUT/ws-run" sync | head -1)"
rm -rf "$OUT/ws-run" && cp -a "$OUT/ws-moved" "$OUT/ws-run"
echo "refs moved:       $("$PSIRT" --workspace "$OUT/ws-run" sync | head -1)"
"$PSIRT" git contains --repo "$REPO" --json "${FIX[@]}" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("psirt contains: %d commits, %d tag and %d branch memberships" %
      (len(r), sum(len(x["tags"]) for x in r), sum(len(x["branches"]) for x in r)))'
bash "$OUT/git-loop.sh" | wc -l | sed 's/^/git loop: lines of output (tags + branches): /'
"$PSIRT" git backports --repo "$REPO" --json "${FIX[@]}" | python3 -c '
import collections, json, sys
c = collections.Counter()
for r in json.load(sys.stdin):
    for b in r["branches"]:
        c[b.get("method") if b["found"] else "not found"] += 1
print("psirt backports:", dict(sorted(c.items())))'
# One commit: both sides find the same refs.
for c in $OLD $NEW; do
  p=$("$PSIRT" git contains --repo "$REPO" --json "$c" | python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; print(len(r["tags"]) + len(r["branches"]))')
  g=$( (git -C "$REPO" tag --contains "$c"; git -C "$REPO" branch --contains "$c") | wc -l)
  echo "one commit ${c:0:12}: psirt $p refs, git $g refs"
done
cat "$OUT/one.md" "$OUT/containment.md" "$OUT/floor.md" "$OUT/sync.md" > "$ROOT/bench/out/git.md"
cat "$ROOT/bench/out/git.md"
