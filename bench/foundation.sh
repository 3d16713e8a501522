#!/usr/bin/env bash
# Benchmarks of the foundation (issue 2): generates a workspace with 100,000
# advisories and times `list --json`, `todo` and `show` with hyperfine.
# Usage: ./dev bench foundation [COUNT]   (results: bench/out/foundation.md)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
OUT=bench/out
mkdir -p "$OUT"
WS="$OUT/ws-$COUNT"
if [[ ! -f "$WS/psirt.db" ]]; then
  rm -rf "$WS"
  /usr/bin/time -f "generate: %e s, %M KiB max RSS" build/bench/psirt_gen_workspace "$WS" "$COUNT"
fi
ID=$(build/psirt --workspace "$WS" --json list --state Review | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
hyperfine --warmup 2 --runs 10 --export-markdown "$OUT/foundation.md" \
  -n "list --json ($COUNT advisories)" "build/psirt --workspace $WS --json list > /dev/null" \
  -n "todo ($COUNT advisories)" "build/psirt --workspace $WS todo > /dev/null" \
  -n "todo --json ($COUNT advisories)" "build/psirt --workspace $WS --json todo > /dev/null" \
  -n "show $ID" "build/psirt --workspace $WS show $ID > /dev/null"
echo "open advisories: $(build/psirt --workspace "$WS" --json todo | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["tasks"]))') agenda tasks"
cat "$OUT/foundation.md"
