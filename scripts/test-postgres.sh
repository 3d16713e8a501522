#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, on a loopback port, run as
# an unprivileged user (postgres when started as root). Sourced by ./dev:
#   pg_start   initdb + start; exports PSIRT_TEST_PG
#   pg_stop    stop and remove (./dev also calls it from its EXIT trap, so
#              the cluster goes away when the tests fail too)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PG_DIR=""

pg_start() {
  if [[ -z "$PG_BIN" ]]; then echo "test-postgres: PostgreSQL is not installed" >&2; return 1; fi
  PG_DIR=$(mktemp -d /tmp/psirt-pg.XXXXXX)
  local port=${PSIRT_PG_PORT:-55432}
  # The next free port if another cluster (or anything) has this one.
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  local run=()
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U psirt --auth=trust -E UTF8 >/dev/null
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
  export PSIRT_TEST_PG="postgresql://psirt@127.0.0.1:$port/postgres"
  echo "test-postgres: cluster on 127.0.0.1:$port ($PG_DIR)"
}

pg_stop() {
  [[ -n "$PG_DIR" && -d "$PG_DIR/data" ]] || return 0
  local run=()
  [[ $(id -u) -eq 0 ]] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
