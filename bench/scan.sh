#!/usr/bin/env bash
# Benchmark of `psirt scan`: a manifest of 80 generated module clones
# against 100,000 generated OSV records (import, then scan with and
# without the cherry-pick search; findings checked against the answer
# computed from the histories). osv-scanner, the peer, cannot take part:
# it evaluates GIT ranges only online ("commit level scanning is not
# supported" offline).
# Usage: ./dev bench scan   (results: bench/out/scan.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
build/bench/psirt_scan_bench "${1:-1000}" "${2:-100000}" | tee bench/out/scan.txt
