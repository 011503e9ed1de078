#!/usr/bin/env bash
# Load test: a Release build of the server on 127.0.0.1 with a fresh SQLite file, 32 concurrent signed-in clients for
# 60 s of mixed reads and writes (edits, submit + return, imports through /Import, exports), then a check of the
# database that every acknowledged write is there. Exit 0 only with zero errors and zero lost writes.
#   bash bench/load.sh [CLIENTS] [SECONDS]
# The server runs in the Development environment only so its cookies work over plain http on 127.0.0.1 (no
# certificate); it is still the Release build. Results go to stdout; record them in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS="${1:-32}"
SECONDS_TO_RUN="${2:-60}"
PORT="${PORT:-5197}"
WORK="$(mktemp -d /tmp/pt-load.XXXXXX)"
DB="$WORK/load.db"
EMAIL="load-admin@localhost"
PASSWORD="Load-Passw0rd-$RANDOM"
YEAR=2031

dotnet build -c Release -v quiet -nologo src/PerformanceTargets.Web >/dev/null
dotnet build -c Release -v quiet -nologo bench/PerformanceTargets.Load >/dev/null
WEB="src/PerformanceTargets.Web/bin/Release/net10.0/PerformanceTargets.Web.dll"
LOAD="bench/PerformanceTargets.Load/bin/Release/net10.0/PerformanceTargets.Load.dll"

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Default="Data Source=$DB"
export Admin__Email="$EMAIL" Admin__Password="$PASSWORD"
export Serilog__MinimumLevel__Default=Warning
# Every client signs in as the one admin from 127.0.0.1 at start: the shipped sign-in limits (20 a minute per client,
# 10 per account, docs/security.md) would answer most of those 429, so only they are raised for the run.
export Security__Login__PerClient=$((CLIENTS * 2)) Security__Login__PerAccount=$((CLIENTS * 2))
export Serilog__WriteTo__1__Name=File Serilog__WriteTo__1__Args__path="$WORK/logs/load-.log"

# A realistic starting point: the seed document's unit, plan and projects.
dotnet "$WEB" migrate >/dev/null
dotnet "$WEB" import "samples/631001-2021-goals.txt" --year "$YEAR" >/dev/null

dotnet "$WEB" --urls "http://127.0.0.1:$PORT" >"$WORK/server.out" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done

echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ) commit=$(git rev-parse --short HEAD) cores=$(nproc) clients=$CLIENTS seconds=$SECONDS_TO_RUN"
set +e
dotnet "$LOAD" --url "http://127.0.0.1:$PORT" --db "$DB" --clients "$CLIENTS" --seconds "$SECONDS_TO_RUN" --email "$EMAIL" --password "$PASSWORD" --year "$YEAR"
STATUS=$?
set -e
if grep -qE "\[ERR\]|\[FTL\]|Exception" "$WORK/server.out"; then
  echo "server log has errors:"; grep -E "\[ERR\]|\[FTL\]|Exception" "$WORK/server.out" | head -20
  STATUS=1
fi
rm -rf "$WORK"
exit $STATUS
