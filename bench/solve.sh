#!/usr/bin/env bash
# Benchmark of `psirt modules solve`: generated workspaces of 80 modules x
# 50 release tags with random constraints (some without a solution), the
# libsolv solver alone on 200 of them (every answer checked), then the whole
# command on one written as 80 git clones. No peer: west has no solver.
# Usage: ./dev bench solve [WORKSPACES]   (results: bench/out/solve.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
build/bench/psirt_solve_bench "${1:-200}" | tee bench/out/solve.txt
