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
  libcpp-httplib-dev                  # the team server (psirt serve)
  libsodium-dev                       # tokens, argon2id passwords, constant-time compares
  libpq-dev postgresql                # PostgreSQL store; the tests start a throw-away cluster
  # tests and benchmarks
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  hyperfine python3 python3-yaml          # benchmark scripts
  wrk                                     # HTTP load for the server benchmark
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
