#!/usr/bin/env bash
# Team server benchmark (issue 12): 100,000 advisories, wrk against the
# advisory list and an advisory page as an authenticated maintainer (the
# access filter on), the list again while 200 slow clients hold connections
# (issue 19), then 50 concurrent writers adding notes through the API; on
# SQLite and on PostgreSQL (a throw-away local cluster). Counts the events
# afterwards: every acknowledged note must be there.
# Usage: ./dev bench server [COUNT] [SECONDS]   (results: bench/out/server.md)
set -euo pipefail
cd "$(dirname "$0")/.."
pg_stop() { :; }
SERVER_PID=""
trap '[[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; pg_stop' EXIT
COUNT=${1:-100000}
SECONDS_EACH=${2:-10}
OUT=bench/out
mkdir -p "$OUT"
WS="$OUT/ws-$COUNT"
if [[ ! -f "$WS/psirt.db" ]]; then
  rm -rf "$WS"
  build/bench/psirt_gen_workspace "$WS" "$COUNT"
fi
P="build/psirt --workspace $WS"
$P user list | grep -q '^maint7' || $P user add maint7 --role maintainer --github maintainer7 >/dev/null
$P user list | grep -q '^bench-lead' || $P user add bench-lead --role psirt >/dev/null
MAINT=$($P user token maint7)
LEAD=$($P user token bench-lead)
# An advisory the maintainer may see (assigned to them), and 50 for the writers.
ID=$($P --json list | python3 -c 'import json,sys; print(next(a["id"] for a in json.load(sys.stdin) if a["assignee"]=="maintainer7"))')
# The writers' advisories are chosen afresh for each run, so histories
# grown by earlier runs of this benchmark do not weigh on the figures.
$P --json list --state Assigned | python3 -c 'import json,random,sys; rows=json.load(sys.stdin); print("\n".join(a["id"] for a in random.sample(rows, 50)))' > "$OUT/writer-ids.txt"

cat > "$OUT/notes.lua" <<'LUA'
-- 50 writers: each connection adds notes to its own advisory.
local ids = {}
for line in io.lines("bench/out/writer-ids.txt") do ids[#ids + 1] = line end
counter, ok = 0, 0  -- globals: done() reads each thread's through thread:get
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counter = 0; ok = 0 end
function request()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  return wrk.format("POST", "/api/v1/advisories/" .. id .. "/notes",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("LEAD")},
    '{"text":"bench note ' .. counter .. '"}')
end
function response(status, headers, body) if status == 200 then ok = ok + 1 end end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("ok") end
  io.write(string.format("acknowledged=%d\n", total))
end
LUA

REPORT="$OUT/server.md"
{
  echo "# psirt serve, $COUNT advisories ($(nproc) cores, wrk, ${SECONDS_EACH}s per row)"
  echo
  echo "| backend | request | requests/s | p50 | p99 |"
  echo "|---|---|---:|---:|---:|"
} > "$REPORT"

row() {  # backend name url [wrk args...]
  local backend=$1 name=$2 url=$3; shift 3
  local res
  res=$(wrk -t2 -c32 -d"${SECONDS_EACH}s" --latency "$@" "$url")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$res")
  p50=$(awk '$1=="50%" {print $2}' <<<"$res")
  p99=$(awk '$1=="99%" {print $2}' <<<"$res")
  local non2xx; non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$res")
  [[ -n "$non2xx" ]] && { echo "$res"; echo "bench: $name answered non-2xx" >&2; exit 1; }
  echo "| $backend | $name | $rps | $p50 | $p99 |" >> "$REPORT"
  echo "$backend $name: $rps req/s, p50 $p50, p99 $p99"
}

events() {  # the number of events, on the running backend
  if [[ $1 == sqlite ]]; then sqlite3 "$WS/psirt.db" "SELECT COUNT(*) FROM events"
  else psql -tA "$PGURL" -c "SELECT COUNT(*) FROM events"; fi
}

bench_backend() {  # backend [serve args...]
  local backend=$1; shift
  $P serve --listen 127.0.0.1:0 --quiet --no-jobs --threads 64 "$@" > "$OUT/serve.out" &
  local pid=$!
  SERVER_PID=$pid
  for _ in $(seq 100); do grep -q serving "$OUT/serve.out" 2>/dev/null && break; sleep 0.1; done
  local url; url=$(sed -n 's/.* on \(http:[^ ]*\)\/$/\1/p' "$OUT/serve.out")
  row "$backend" "GET /api/v1/advisories (maintainer)" "$url/api/v1/advisories" -H "Authorization: Bearer $MAINT"
  row "$backend" "GET /api/v1/advisories/ID (maintainer)" "$url/api/v1/advisories/$ID" -H "Authorization: Bearer $MAINT"
  row "$backend" "GET /advisories/ID page (session-less, token)" "$url/advisories/$ID" -H "Authorization: Bearer $MAINT"
  if [[ $backend == sqlite ]]; then
    # The same list while 200 slow clients from four other addresses hold
    # connections open (half a head, a byte a second, reopened when dropped).
    local port=${url##*:}
    python3 bench/slow_clients.py "$port" 200 &
    local slow=$!
    sleep 2
    row "$backend" "GET /api/v1/advisories, 200 slow clients connected" "$url/api/v1/advisories" -H "Authorization: Bearer $MAINT"
    kill "$slow"; wait "$slow" 2>/dev/null || true
  fi
  local before after res acked
  before=$(events "$backend")
  res=$(LEAD=$LEAD wrk -t2 -c50 -d"${SECONDS_EACH}s" --latency -s "$OUT/notes.lua" "$url")
  after=$(events "$backend")
  acked=$(sed -n 's/^acknowledged=//p' <<<"$res")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$res")
  p50=$(awk '$1=="50%" {print $2}' <<<"$res")
  p99=$(awk '$1=="99%" {print $2}' <<<"$res")
  echo "| $backend | POST notes, 50 writers | $rps | $p50 | $p99 |" >> "$REPORT"
  echo "$backend writers: $rps req/s; acknowledged $acked, events added $((after - before))"
  echo "" >> "$OUT/server-events.txt"
  echo "- $backend: $acked notes acknowledged, $((after - before)) events added (at most 50 more: requests in flight when wrk stopped)" >> "$OUT/server-events.txt"
  kill -TERM "$pid"; wait "$pid" || true
  SERVER_PID=""
  # Every acknowledged note is there; the only extra ones are those wrk sent
  # but stopped waiting for (one per connection at most).
  if (( after - before < acked || after - before > acked + 50 )); then echo "bench: events lost on $backend" >&2; exit 1; fi
}

rm -f "$OUT/server-events.txt"
bench_backend sqlite

# PostgreSQL: a throw-away cluster, the workspace migrated into it.
source scripts/test-postgres.sh
pg_start >/dev/null
PGURL="$PSIRT_TEST_PG"
build/psirt migrate --from "sqlite:$WS/psirt.db" --to "$PGURL" > /dev/null
bench_backend postgresql --database "$PGURL"

{ echo; echo "Events counted after the writers (none may be lost):"; cat "$OUT/server-events.txt"; } >> "$REPORT"
cat "$REPORT"
