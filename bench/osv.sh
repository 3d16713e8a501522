#!/usr/bin/env bash
# Benchmark of OSV GIT range evaluation: 1,000 ranges on the generated
# ~100,000-commit repository of bench/git.sh (generated here if absent),
# the lane-parallel evaluation side by side with one walk per range (the
# way osv.dev walks each range), in units of one full graph walk.
# Usage: ./dev bench osv   (results: bench/out/osv.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/git
REPO=$OUT/repo
if [[ ! -f "$OUT/FIXES" || ! -d "$REPO/.git" ]]; then
  mkdir -p "$OUT"
  python3 bench/gitrepo_gen.py "$REPO"
  git -C "$REPO" commit-graph write --reachable
  git -C "$REPO" pack-refs --all
fi
for n in 100 1000; do
  build/bench/psirt_git_ranges_bench "$REPO" "$OUT/FIXES" "$n"
  echo
done | tee bench/out/osv.txt
