#!/usr/bin/env bash
# Runs the benchmarks: `./dev bench` (all) or `./dev bench NAME [ARGS]`
# with NAME one of: foundation, cvss, owners, git, osv, scan, solve, patch, publish, server.
set -euo pipefail
cd "$(dirname "$0")"
if [[ $# -gt 0 ]]; then
  name=$1; shift
  exec bash "$name.sh" "$@"
fi
bash foundation.sh
bash cvss.sh
bash owners.sh
bash git.sh
bash osv.sh
bash scan.sh
bash solve.sh
bash patch.sh
bash publish.sh
bash server.sh
