#!/usr/bin/env bash
# Installs every Debian 12 package psirt needs to build, test and benchmark.
# Idempotent: asks dpkg first and only calls apt-get for what is missing, so a
# second run is a fast no-op. Nothing is downloaded at build time.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang libclang-rt-14-dev            # libFuzzer targets and sanitizer runtimes
  # libraries psirt links
  libsqlite3-dev sqlite3              # embedded store
  libyaml-cpp-dev                     # psirt.yml, MAINTAINERS.yml, west.yml
  nlohmann-json3-dev                  # JSON model and output
  libvalijson-dev                     # JSON-schema validation of exports
  libcli11-dev                        # command line
  libfmt-dev                          # formatting
  libgit2-dev                         # git engine
  libgmime-3.0-dev                    # RFC 5322 / MIME e-mail reports
  libre2-dev libpcre2-dev             # MAINTAINERS.yml: RE2 sets + PCRE2 for Python-only syntax
  libcurl4-openssl-dev                # SMTP and HTTP clients
  libboost1.74-dev libssl-dev         # the team server's HTTP engine (Boost.Beast, Asio) and HTTPS
  libcpp-httplib-dev                  # HTTP client of --server and the tests
  libcmark-gfm-dev libcmark-gfm-extensions-dev  # Markdown descriptions on the pages (GitHub's cmark-gfm)
  libsodium-dev                       # tokens, argon2id passwords, constant-time compares
  libzip-dev                          # osv.dev's all.zip archives (vulndb import)
  libsolv-dev                         # modules solve: SAT-based choice of module revisions
  libpq-dev postgresql                # PostgreSQL store; the tests start a throw-away cluster
  # tests and benchmarks
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  hyperfine python3 python3-yaml          # benchmark scripts
  wrk                                     # HTTP load for the server benchmark
  chromium                                # browser end-to-end test of the dashboard
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
# Node.js runs the browser test (playwright-core drives Debian's chromium):
# Debian's nodejs/npm when the machine has no node of its own.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core, at the version e2e/package-lock.json pins (its browser
# download is never used: the test runs /usr/bin/chromium).
cd "$(dirname "$0")/../e2e"
want=$(python3 -c 'import json;print(json.load(open("package-lock.json"))["packages"]["node_modules/playwright-core"]["version"])')
have=$(python3 -c 'import json;print(json.load(open("node_modules/playwright-core/package.json"))["version"])' 2>/dev/null || true)
if [[ "$want" != "$have" ]]; then
  echo "install-deps: npm ci (playwright-core $want)" >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent >/dev/null
fi
