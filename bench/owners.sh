#!/usr/bin/env bash
# Ownership benchmark (issue 4): matching 1,000,000 paths against Zephyr's real
# MAINTAINERS.yml (407 areas), psirt side by side with get_maintainer.py's
# matching in Python (Zephyr's script itself when ZEPHYR_GET_MAINTAINER points
# at scripts/get_maintainer.py, else the same per-area regex algorithm; the
# peer runs on the first 50,000 paths). Usage: ./dev bench owners [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
OUT=bench/out
M=src/testdata/maintainers/zephyr-MAINTAINERS.yml
mkdir -p "$OUT"
P="$OUT/paths-$COUNT.txt"
[[ -f "$P" ]] || python3 bench/owners_paths.py "$M" "$COUNT" "$P"
lib=$(build/bench/psirt_owners_throughput "$M" "$P")
t0=$(date +%s.%N)
build/psirt --json owners --maintainers "$M" - < "$P" > /dev/null
t1=$(date +%s.%N)
peer=$(python3 bench/owners_python_peer.py "$M" "$P" 50000)
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
lib_rate=$(field "$lib" per_second); peer_rate=$(field "$peer" per_second)
cli_rate=$(python3 -c "print(round($COUNT / ($t1 - $t0)))")
{
  echo "| paths | psirt library (paths/s) | psirt CLI (\`--json owners -\`) | Python peer ($(field "$peer" peer)) | library | CLI |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| $COUNT | $lib_rate | $cli_rate | $peer_rate | $(python3 -c "print(f'{$lib_rate/$peer_rate:.0f}x')") | $(python3 -c "print(f'{$cli_rate/$peer_rate:.0f}x')") |"
} | tee "$OUT/owners.md"
echo "matches: psirt $(field "$lib" matches) over $COUNT paths; peer $(field "$peer" matches) over 50000"
