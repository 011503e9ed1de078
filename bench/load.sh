#!/usr/bin/env bash
# Load test, as deployed: the published Release build in Production, started from another working directory, on a
# fresh database; CLIENTS concurrent signed-in clients for SECONDS of mixed reads and writes (edits, submit + return,
# imports through /Import, exports), then a check of the database that every acknowledged write is there.
# Exit 0 only with zero errors and zero lost writes.
#   bash bench/load.sh [CLIENTS] [SECONDS]
# Environment:
#   LOAD_DB=sqlite (default) | postgres   postgres needs PT_LOAD_POSTGRES (or PT_TEST_POSTGRES), a connection string
#                                         without a database; a fresh database pt_load_* is created and dropped
#   LOAD_RESTART_AT=N                     kill -9 the server N seconds into the run and start it again; requests cut by
#                                         the restart are counted as interrupted, and nothing acknowledged may be lost
# The server runs with Security__RequireHttps=false on 127.0.0.1 (the shipped docker-compose configuration: plain
# http on loopback) and otherwise the shipped appsettings.json, logging included; only the sign-in limits are raised. Results go to stdout; record them in docs/performance.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$repo_root"
CLIENTS="${1:-32}"
SECONDS_TO_RUN="${2:-60}"
PORT="${PORT:-5197}"
LOAD_DB="${LOAD_DB:-sqlite}"
RESTART_AT="${LOAD_RESTART_AT:-}"
WORK="$(mktemp -d /tmp/pt-load.XXXXXX)"
EMAIL="load-admin@localhost"
PASSWORD="Load-Passw0rd-$RANDOM"
YEAR=2031

build_release
dotnet build -c Release -v quiet -nologo bench/PerformanceTargets.Load >/dev/null
LOAD="$repo_root/bench/PerformanceTargets.Load/bin/Release/net10.0/PerformanceTargets.Load.dll"

export ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false
export Admin__Email="$EMAIL" Admin__Password="$PASSWORD"
# Logging as shipped (appsettings.json): Information, a line per request to the console (server.out here) and to the
# daily file under the published app's logs/.
# Every client signs in as the one admin from 127.0.0.1 at start: the shipped sign-in limits (20 a minute per client,
# 10 per account, docs/security.md) would answer most of those 429, so only they are raised for the run.
export Security__Login__PerClient=$((CLIENTS * 4)) Security__Login__PerAccount=$((CLIENTS * 4))

case "$LOAD_DB" in
  sqlite)
    export ConnectionStrings__Default="Data Source=$WORK/load.db"
    CHECK=(--db "$WORK/load.db")
    ;;
  postgres)
    BASE="${PT_LOAD_POSTGRES:-${PT_TEST_POSTGRES:?LOAD_DB=postgres needs PT_LOAD_POSTGRES or PT_TEST_POSTGRES}}"
    DBNAME="pt_load_$(date +%s)_$RANDOM"
    export Database__Provider=PostgreSql ConnectionStrings__Default="$BASE;Database=$DBNAME"
    CHECK=(--pg "$ConnectionStrings__Default")
    ;;
  *) echo "LOAD_DB must be sqlite or postgres" >&2; exit 2 ;;
esac

server() { (cd "$WORK" && exec dotnet "$app_dll" --urls "http://127.0.0.1:$PORT") >>"$WORK/server.out" 2>&1 & SERVER=$!; }
# pg_field NAME -> that field of the Npgsql connection string (Host, Port, Username, Password), for psql
pg_field() { echo "$BASE" | tr ';' '\n' | sed -n "s/^ *$1 *= *//Ip" | head -n 1; }
cleanup() {
  kill "${SERVER:-}" 2>/dev/null || true; wait "${SERVER:-}" 2>/dev/null || true
  if [ "$LOAD_DB" = postgres ] && command -v psql >/dev/null; then
    PGPASSWORD="$(pg_field Password)" psql "host=$(pg_field Host) port=$(pg_field Port) user=$(pg_field Username) dbname=postgres" \
      -qc "DROP DATABASE IF EXISTS \"$DBNAME\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
wait_healthy() {
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "server did not answer /healthz:"; tail -20 "$WORK/server.out"; return 1
}

# A realistic starting point: the sample document's unit, plan and projects.
(cd "$WORK" && dotnet "$app_dll" migrate >/dev/null && dotnet "$app_dll" import "$repo_root/samples/631001-2021-goals.txt" --year "$YEAR" >/dev/null)

server
wait_healthy

echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ) commit=$(commit_id) cores=$(nproc) db=$LOAD_DB clients=$CLIENTS seconds=$SECONDS_TO_RUN restart_at=${RESTART_AT:-none}"
if [ -n "$RESTART_AT" ]; then
  (
    # N seconds into the measured run, i.e. after every client has signed in and created its project.
    until grep -q '^set-up:' "$WORK/driver.out" 2>/dev/null; do sleep 0.2; done
    sleep "$RESTART_AT"
    kill -9 "$SERVER"
    echo "restart: server killed with SIGKILL at ${RESTART_AT}s" >&2
  ) &
  KILLER=$!
fi
set +e
dotnet "$LOAD" --url "http://127.0.0.1:$PORT" "${CHECK[@]}" --clients "$CLIENTS" --seconds "$SECONDS_TO_RUN" \
  --email "$EMAIL" --password "$PASSWORD" --year "$YEAR" --outage-ok "$([ -n "$RESTART_AT" ] && echo true || echo false)" \
  > >(tee "$WORK/driver.out") &
DRIVER=$!
if [ -n "$RESTART_AT" ]; then
  wait "$KILLER"
  wait "$SERVER" 2>/dev/null
  server
  wait_healthy && echo "restart: server answering again" >&2
fi
wait "$DRIVER"
STATUS=$?
set -e
if grep -qE "\[ERR\]|\[FTL\]|Exception" "$WORK/server.out"; then
  echo "server log has errors:"; grep -E "\[ERR\]|\[FTL\]|Exception" "$WORK/server.out" | head -20
  STATUS=1
fi
exit $STATUS
