#!/usr/bin/env bash
# Benchmarks of publishing (issue 6): every format exported for a generated
# workspace of 10,000 advisories (those ready to publish: about 7,500), the
# share of schema validation in it, and importing all of Zephyr's real
# vulnerabilities pages (2017-2025) then writing them back.
# Usage: ./dev bench publish [COUNT]   (results: bench/out/publish.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PSIRT=$ROOT/build/psirt
COUNT=${1:-10000}
OUT=$ROOT/bench/out/publish
mkdir -p "$OUT"
WS=$OUT/ws-$COUNT
if [[ ! -f "$WS/psirt.db" ]]; then
  rm -rf "$WS"
  build/bench/psirt_gen_workspace "$WS" "$COUNT" publish
fi
PAGES=$ROOT/../shared/data/zephyr/doc/security/vulnerabilities
hyperfine --warmup 1 --runs 5 --export-markdown "$OUT/export.md" \
  --prepare "rm -rf $OUT/cve5" -n "export --all cve5 ($COUNT advisories)" \
    "$PSIRT --workspace $WS export --all --format cve5 -o $OUT/cve5" \
  --prepare "rm -rf $OUT/osv" -n "export --all osv" "$PSIRT --workspace $WS export --all --format osv -o $OUT/osv" \
  --prepare "rm -rf $OUT/csaf" -n "export --all csaf" "$PSIRT --workspace $WS export --all --format csaf -o $OUT/csaf" \
  --prepare "rm -rf $OUT/rst" -n "export --all rst" "$PSIRT --workspace $WS export --all --format rst -o $OUT/rst"
echo "files: cve5 $(ls "$OUT/cve5" | wc -l), osv $(ls "$OUT/osv" | wc -l), csaf $(ls "$OUT/csaf" | wc -l), rst $(ls "$OUT/rst" | wc -l)"
if [[ -d "$PAGES" ]]; then
  cat > "$OUT/fresh.sh" <<SH
rm -rf $OUT/zephyr && $PSIRT init $OUT/zephyr --prefix ZEP > /dev/null
SH
  hyperfine --warmup 1 --runs 10 --export-markdown "$OUT/import.md" \
    --prepare "bash $OUT/fresh.sh" -n "import zephyr-rst (8 real pages, 114 advisories)" \
      "$PSIRT --workspace $OUT/zephyr import zephyr-rst $PAGES/*.rst"
  $PSIRT --workspace "$OUT/zephyr" import zephyr-rst "$PAGES"/*.rst > /dev/null || true
  hyperfine --warmup 1 --runs 10 --export-markdown "$OUT/pages.md" \
    -n "import again (no change)" "$PSIRT --workspace $OUT/zephyr import zephyr-rst $PAGES/*.rst" \
    -n "export the 8 year pages" \
      "for y in 2017 2019 2020 2021 2022 2023 2024 2025; do $PSIRT --workspace $OUT/zephyr export --year \$y --format rst > /dev/null; done"
  for y in 2017 2019 2020 2021 2022 2023 2024 2025; do
    "$PSIRT" --workspace "$OUT/zephyr" export --year $y --format rst | cmp -s - "$PAGES/$y.rst" \
      && echo "$y.rst: byte for byte" || echo "$y.rst: DIFFERS"
  done
fi
echo
echo "In-process breakdown (compose vs validate, validators compiled once):"
build/bench/psirt_publish_breakdown "$WS" | tee "$OUT/breakdown.md"
cat "$OUT/export.md" "$OUT/import.md" "$OUT/pages.md" 2>/dev/null > "$ROOT/bench/out/publish.md"
cat "$OUT/breakdown.md" >> "$ROOT/bench/out/publish.md"
cat "$ROOT/bench/out/publish.md"
