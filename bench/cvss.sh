#!/usr/bin/env bash
# CVSS benchmark (issue 3): psirt against ae-cvss-calculator, the most
# downloaded JavaScript CVSS library, side by side on the same generated
# vectors (1,000,000 each of v3.1, v4.0 and mixed).
#  - psirt library: ScoreCvss in-process over the whole file, best of 3
#  - psirt CLI:     `psirt --json cvss - < file > /dev/null` (batch mode, JSON out)
#  - peer:          fromVector(v).calculateScores() in node, in-process; on the
#                   first 100,000 vectors of each file, 1 pass for files with
#                   v4.0 (the peer needs minutes for a million of them)
# Usage: ./dev bench cvss [COUNT]   (results: bench/out/cvss.md)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
OUT=bench/out
mkdir -p "$OUT"
(cd bench/cvss-js && [[ -d node_modules/ae-cvss-calculator ]] || npm ci --no-audit --no-fund >/dev/null)
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
{
  echo "| vectors | psirt library (vectors/s) | psirt CLI batch (vectors/s) | ae-cvss-calculator (vectors/s) | library speed-up | CLI speed-up |"
  echo "|---|---:|---:|---:|---:|---:|"
  for kind in v31 v40 mixed; do
    file="$OUT/cvss-$kind-$COUNT.txt"
    [[ -f "$file" ]] || python3 bench/cvss_vectors.py "$kind" "$COUNT" "$file"
    lib=$(build/bench/psirt_cvss_throughput "$file")
    t0=$(date +%s.%N)
    build/psirt --json cvss - < "$file" > /dev/null
    t1=$(date +%s.%N)
    cli=$(python3 -c "print(round($COUNT / ($t1 - $t0)))")
    passes=3; [[ $kind == v31 ]] || passes=1
    js=$(node bench/cvss-js/throughput.js "$file" 100000 "$passes")
    lib_rate=$(field "$lib" per_second); js_rate=$(field "$js" per_second)
    echo "| $kind ($COUNT) | $lib_rate | $cli | $js_rate | $(python3 -c "print(f'{$lib_rate/$js_rate:.0f}x')") | $(python3 -c "print(f'{$cli/$js_rate:.0f}x')") |"
  done
} | tee "$OUT/cvss.md"
