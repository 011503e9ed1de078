#!/usr/bin/env bash
# Figures: p99 latency and throughput at 32 connections of the goal-table page, the unit's project list (filtered, paged),
# the unit's ratings report and a static file served by the same process, on a seed-demo data set (default 100,000 projects).
# Usage: bash bench/pages.sh [PROJECTS] [SECONDS]   (ALL_UNITS=1 adds the all-units ratings report; SKIP_BUILD=1 reuses the last Release build)
source "$(dirname "$0")/common.sh"
projects=${1:-100000}; seconds=${2:-20}; port=5091
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
[ -n "${SKIP_BUILD:-}" ] || build_release
# Its own copy, rated before the server starts: every run measures the same data, whatever ran before.
db=$(own_copy "$(dataset "$projects")" "pages-$projects.db")
ConnectionStrings__Default="Data Source=$db" dotnet "$app_dll" rate --year 2021 >/dev/null
trap stop_server EXIT
start_server "$db" $port
cookie=$(login $port)
base="http://127.0.0.1:$port"
project_id=$(sqlite3 "$db" "SELECT Id FROM Projects ORDER BY Id LIMIT 1 OFFSET $(( projects / 2 ))" 2>/dev/null || echo 1)
unit_id=$(sqlite3 "$db" "SELECT UnitId FROM Projects WHERE Id = $project_id" 2>/dev/null || echo 1)
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F) projects=$projects connections=32 seconds=$seconds"
run() { # NAME PATH
    local name=$1 path=$2
    local code; code=$(curl -s -o /dev/null -w '%{http_code}' -H "$proxy_header" -H "Cookie: $cookie" "$base$path")
    [ "$code" = 200 ] || { echo "$name: $path answered $code, not 200"; return 1; }
    # Warm-up first (JIT tiers, connection pool, render cache), then the measured run: the figures are the steady state.
    wrk -t2 -c32 -d"${warmup:-5}s" -H "$proxy_header" -H "Cookie: $cookie" "$base$path" > /dev/null
    wrk -t2 -c32 -d"${seconds}s" --latency -H "$proxy_header" -H "Cookie: $cookie" "$base$path" > "$out/wrk-$name.txt"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk-$name.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$out/wrk-$name.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$out/wrk-$name.txt")
    echo "$name requests_per_s=$rps p50=$p50 p99=$p99 $(grep -E 'Non-2xx|Socket errors' "$out/wrk-$name.txt" | tr '\n' ' ')"
    eval "rps_$name=$rps"
}
run static "/css/site.css"
run goal_table "/GoalTables/Show/$project_id"
run project_list "/?unit=$unit_id&year=2021&status=Approved&p=2"
run ratings "/Ratings?unit=$unit_id&year=2021"
[ -n "${ALL_UNITS:-}" ] && run ratings_all_units "/Ratings?year=2021"
awk -v g="$rps_goal_table" -v s="$rps_static" 'BEGIN { printf "goal_table/static throughput ratio=%.3f (target >= 0.25)\n", g / s }'
