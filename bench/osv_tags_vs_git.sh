#!/usr/bin/env bash
# Compares `psirt osv affected` with an independent evaluation by the git CLI,
# tag by tag, for an OSV record with one GIT range of introduced/fixed
# commits: a tag T is affected when an introduced commit I is an ancestor of
# T (git merge-base --is-ancestor) and no fixed commit F with I an ancestor
# of F is an ancestor of T. Cherry-pick detection is off on the psirt side
# (the git side has none). Usage: bench/osv_tags_vs_git.sh RECORD CLONE
# (see README, "OSV GIT ranges on a real clone"). Exit 1 on any difference.
set -euo pipefail
record=$1 clone=$2
psirt=${PSIRT:-$(dirname "$0")/../build/psirt}
events() { grep -Eo "\"?$1\"?: *['\"]?[0-9a-f]{40}" "$record" | grep -Eo '[0-9a-f]{40}' || true; }
mapfile -t intro < <(events introduced)
mapfile -t fixes < <(events fixed)
git_side=$(mktemp) psirt_side=$(mktemp)
trap 'rm -f "$git_side" "$psirt_side"' EXIT
for tag in $(git -C "$clone" tag); do
  affected=0
  for i in "${intro[@]}"; do
    git -C "$clone" merge-base --is-ancestor "$i" "$tag" 2>/dev/null || continue
    fixed=0
    for f in "${fixes[@]}"; do
      if git -C "$clone" merge-base --is-ancestor "$i" "$f" 2>/dev/null &&
         git -C "$clone" merge-base --is-ancestor "$f" "$tag" 2>/dev/null; then fixed=1; fi
    done
    if [ $fixed = 0 ]; then affected=1; fi
  done
  if [ $affected = 1 ]; then echo "$tag"; fi
done | sort >"$git_side"
"$psirt" osv affected "$record" --repo "$clone" --no-cherry-picks --json |
  python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["affected_tags"]))' | sed '/^$/d' | sort >"$psirt_side"
echo "tags: $(git -C "$clone" tag | wc -l); affected by git: $(wc -l <"$git_side"); by psirt: $(wc -l <"$psirt_side")"
diff "$git_side" "$psirt_side" && echo "same tags"
