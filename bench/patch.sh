#!/usr/bin/env bash
# Benchmark of `psirt patch check`: an embargoed fix series of 4 patches
# changing 20 files, checked against 5 branches (main and the four newest
# release branches) of the git engine's generated repository of about
# 100,000 commits (bench/gitrepo_gen.py, shared with `./dev bench git`),
# side by side in one run with the git CLI's way of doing it:
# `git worktree add` per branch, `git apply --3way --check` of the series
# there, `git worktree remove` - and, as a floor, `git apply --3way --check`
# alone in worktrees made beforehand.
# psirt applies in memory (no worktree, no checkout); each timed run starts
# from a fresh copy of the workspace so that nothing comes from its cache.
# Usage: ./dev bench patch   (results: bench/out/patch.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PSIRT=$ROOT/build/psirt
GITOUT=$ROOT/bench/out/git
REPO=$GITOUT/repo
OUT=$ROOT/bench/out/patch
mkdir -p "$OUT" "$GITOUT"
if [[ ! -d "$REPO/.git" ]]; then
  /usr/bin/time -f "generate: %e s" python3 bench/gitrepo_gen.py "$REPO"
  git -C "$REPO" commit-graph write --reachable
fi
BRANCHES=(main v3.9-branch v3.8-branch v3.7-branch v3.6-branch)
echo "repository: $(git -C "$REPO" rev-list --all --count) commits; branches: ${BRANCHES[*]}"

# The series, made in a scratch clone sharing the repository's objects (the
# benchmark repository itself is not written): 4 commits x 5 files, each a
# line changed in the middle of a file every branch has.
if [[ ! -f "$OUT/series.mbox" ]]; then
  rm -rf "$OUT/scratch"
  git clone -q --shared "$REPO" "$OUT/scratch"
  for p in 0 1 2 3; do
    for f in 0 1 2 3 4; do
      k=$(printf '%04d' $((p * 5 + f)))
      sed -i "s|^/\* fix $((10#$k)) line 2 \*/\$|/* fix $((10#$k)) line 2: length checked */|" "$OUT/scratch/fixes/fix-$k.c"
    done
    git -C "$OUT/scratch" -c user.name=Dev -c user.email=dev@example.org commit -qam "fixes: check lengths, part $((p + 1))"
  done
  git -C "$OUT/scratch" format-patch -q -4 --stdout > "$OUT/series.mbox"
  rm -rf "$OUT/scratch"
fi
echo "series: $(grep -c '^Subject: ' "$OUT/series.mbox") patches, $(grep -c '^diff --git ' "$OUT/series.mbox") file diffs"

# The workspace with the series attached.
rm -rf "$OUT/ws-template" "$OUT/ws-run"
"$PSIRT" init "$OUT/ws-template" --prefix BEN --repository "$REPO" --lts v3.6-branch > /dev/null
ID=$("$PSIRT" --workspace "$OUT/ws-template" --json report --title "Embargoed overflow" \
       --reporter "R <r@example.org>" --triage | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
PSIRT_USER=bench@example.org "$PSIRT" --workspace "$OUT/ws-template" patch add "$ID" "$OUT/series.mbox" > /dev/null
ARGS=()
for b in "${BRANCHES[@]}"; do ARGS+=(--branch "$b"); done
echo "psirt's answer:"
cp -a "$OUT/ws-template" "$OUT/ws-run"
PSIRT_USER=bench@example.org "$PSIRT" --workspace "$OUT/ws-run" patch check "$ID" "${ARGS[@]}" || true

# git: a worktree per branch, apply --3way --check there, remove it.
cat > "$OUT/git-worktrees.sh" <<EOF
set -e
for b in ${BRANCHES[*]}; do
  git -C "$REPO" worktree add -q --detach "$OUT/wt-\$b" "\$b"
  git -C "$OUT/wt-\$b" apply --3way --check "$OUT/series.mbox" 2>/dev/null || true
  git -C "$REPO" worktree remove --force "$OUT/wt-\$b"
done
EOF
for b in "${BRANCHES[@]}"; do
  [[ -d "$OUT/keep-$b" ]] || git -C "$REPO" worktree add -q --detach "$OUT/keep-$b" "$b"
done
cat > "$OUT/git-apply-only.sh" <<EOF
for b in ${BRANCHES[*]}; do git -C "$OUT/keep-\$b" apply --3way --check "$OUT/series.mbox" 2>/dev/null || true; done
EOF

hyperfine --warmup 2 --runs 10 --export-markdown "$OUT.md" \
  --prepare "rm -rf '$OUT/ws-run' && cp -a '$OUT/ws-template' '$OUT/ws-run'" \
  -n "psirt patch check (5 branches, in memory)" \
  "PSIRT_USER=bench@example.org $PSIRT --workspace $OUT/ws-run patch check $ID ${ARGS[*]} > /dev/null || true" \
  -n "git worktree add + apply --3way --check + worktree remove (5 branches)" "bash $OUT/git-worktrees.sh" \
  -n "git apply --3way --check in 5 existing worktrees (floor)" "bash $OUT/git-apply-only.sh"
for b in "${BRANCHES[@]}"; do git -C "$REPO" worktree remove --force "$OUT/keep-$b"; done
git -C "$REPO" worktree prune
echo "results: $OUT.md"
