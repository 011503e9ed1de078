#!/usr/bin/env bash
# Figures: throughput and p99 latency at 32 connections of the pages of issues 8 and 18, on a seed-demo data set (default
# 100,000 projects), SQLite or (BENCH_DB=postgres) PostgreSQL, one server process, the shipped configuration (Production,
# appsettings.json's logging):
#   static              a static file (/css/site.css): the server's ceiling
#   empty_signed_in     /Account/Me, a signed-in page with no work of its own: the framework's floor for a page
#   goal_table_cold     the goal table of many projects, each once (a first view: nothing of it cached yet)
#   goal_table_cached   the goal tables of 1,000 projects (fewer in a small data set), again and again (the rendered table served from the cache)
#   project_list        a unit's project list, filtered by status, page 2
#   ratings             a unit's ratings report
#   ratings_all_first / ratings_all_last / ratings_all_previous   (ALL_UNITS=1) the all-units ratings overview, first page,
#                       its last page (reached by following the keyset "next" links) and the page before it (by the last
#                       page's keyset "previous" link)
# Each is measured on a fresh sign-in (see measure) and warmed up first (JIT tiers and dynamic PGO, which takes ~20 s to settle at 100,000 projects; pools; the cold goal
# tables on other projects than those measured) for WARMUP
# seconds (default 20), then measured for SECONDS. Ratios printed: goal table ÷ static and goal table ÷ empty signed-in page.
# Usage: bash bench/pages.sh [PROJECTS] [SECONDS]   (ALL_UNITS=1; SKIP_BUILD=1 reuses the last Release build; BENCH_PORT, default 5091)
source "$(dirname "$0")/common.sh"
projects=${1:-100000}; seconds=${2:-20}; warmup=${WARMUP:-20}; port=${BENCH_PORT:-5091}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
[ -n "${SKIP_BUILD:-}" ] || build_release
# Its own copy, rated before the server starts: every run measures the same data, whatever ran before.
use_dataset "$projects" "pages-$projects"
env "${db_env[@]}" dotnet "$app_dll" rate --year 2021 >/dev/null
trap 'stop_server; drop_database' EXIT
start_server $port
cookie=$(login $port)
base="http://127.0.0.1:$port"
project_id=$(db_query "SELECT \"Id\" FROM \"Projects\" ORDER BY \"Id\" LIMIT 1 OFFSET $(( projects / 2 ))")
unit_id=$(db_query "SELECT \"UnitId\" FROM \"Projects\" WHERE \"Id\" = $project_id")
# Goal tables: every project in a shuffled order; a tenth (at most 5,000) warms up, the next twentieth (at most 1,000) is the
# cached set, the rest are measured cold (each once, unless the run outpaces the list and wraps around: see requests).
db_query 'SELECT "Id" FROM "Projects"' > "$out/goal-ids.txt"
shuf --random-source="$out/goal-ids.txt" "$out/goal-ids.txt" | sed 's|^|/GoalTables/Show/|' > "$out/goal-all.txt"
all=$(wc -l < "$out/goal-all.txt"); warm=$(( all / 10 < 5000 ? all / 10 : 5000 )); cached=$(( all / 20 < 1000 ? all / 20 : 1000 ))
# (sed, not a pipe into head: under pipefail, a writer cut short by head would end the script)
sed -n "1,${warm}p" "$out/goal-all.txt" > "$out/goal-warmup.txt"
sed -n "$(( warm + 1 )),$(( warm + cached ))p" "$out/goal-all.txt" > "$out/goal-cached.txt"
sed -n "$(( warm + cached + 1 )),\$p" "$out/goal-all.txt" > "$out/goal-cold.txt"
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F) database=$bench_db projects=$projects connections=32 seconds=$seconds"
# Each page signs in afresh, as a browser's cookie is renewed: the server checks a cookie's security stamp once it is older
# than Security:SessionValidationInterval (1 min) and renews it, but wrk keeps sending the first one, so from a minute
# after one sign-in every request would pay the check (a user lookup and a new cookie), which no browser does.
measure() { # NAME WARMUP-PATHS-FILE MEASURED-PATHS-FILE
    local name=$1 warm=$2 paths=$3 first
    cookie=$(login $port)
    first=$(head -n 1 "$paths")
    local code; code=$(curl -s -o /dev/null -w '%{http_code}' -H "$proxy_header" -H "Cookie: $cookie" "$base$first")
    [ "$code" = 200 ] || { echo "$name: $first answered $code, not 200"; return 1; }
    PATHS=$warm wrk -t2 -c32 -d"${warmup}s" -s "$bench_root/paths.lua" -H "$proxy_header" -H "Cookie: $cookie" "$base" > /dev/null
    PATHS=$paths wrk -t2 -c32 -d"${seconds}s" --latency -s "$bench_root/paths.lua" -H "$proxy_header" -H "Cookie: $cookie" "$base" > "$out/wrk-$name.txt"
    report "$name" "$(wc -l < "$paths")"
}
report() { # NAME DISTINCT-PATHS: prints the figures of bench/out/wrk-NAME.txt and keeps the rate in rps_NAME
    local name=$1 rps p50 p99 requests
    rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk-$name.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$out/wrk-$name.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$out/wrk-$name.txt")
    requests=$(awk '/requests in/ {print $1}' "$out/wrk-$name.txt")
    echo "$name requests_per_s=$rps p50=$p50 p99=$p99 requests=$requests distinct_paths=$2 $(grep -E 'Non-2xx|Socket errors' "$out/wrk-$name.txt" | tr '\n' ' ')"
    eval "rps_$name=$rps"
}
run() { # NAME PATH: one URL, measured by wrk alone (no script)
    local name=$1 path=$2
    cookie=$(login $port)
    local code; code=$(curl -s -o /dev/null -w '%{http_code}' -H "$proxy_header" -H "Cookie: $cookie" "$base$path")
    [ "$code" = 200 ] || { echo "$name: $path answered $code, not 200"; return 1; }
    wrk -t2 -c32 -d"${warmup}s" -H "$proxy_header" -H "Cookie: $cookie" "$base$path" > /dev/null
    wrk -t2 -c32 -d"${seconds}s" --latency -H "$proxy_header" -H "Cookie: $cookie" "$base$path" > "$out/wrk-$name.txt"
    report "$name" 1
}
run static "/css/site.css"
run empty_signed_in "/Account/Me"
measure goal_table_cold "$out/goal-warmup.txt" "$out/goal-cold.txt"
measure goal_table_cached "$out/goal-cached.txt" "$out/goal-cached.txt"
run project_list "/?unit=$unit_id&year=2021&status=Approved&p=2"
run ratings "/Ratings?unit=$unit_id&year=2021"
if [ -n "${ALL_UNITS:-}" ]; then
    run ratings_all_first "/Ratings?year=2021"
    # The last page: follow the keyset "next" links from the first page to the end.
    path="/Ratings?year=2021"; pages=1
    while next=$(curl -fs -H "$proxy_header" -H "Cookie: $cookie" "$base$path" | grep -o 'href="[^"]*" id="next-page"' | sed 's/^href="//; s/" id="next-page"$//; s/&amp;/\&/g') && [ -n "$next" ]; do
        path=$next; pages=$((pages + 1))
    done
    echo "ratings_all_last: page $pages is $path"
    run ratings_all_last "$path"
    # Back from the last page by its keyset "previous" link.
    previous=$(curl -fs -H "$proxy_header" -H "Cookie: $cookie" "$base$path" | grep -o 'id="previous-page" href="[^"]*"' | sed 's/^id="previous-page" href="//; s/"$//; s/&amp;/\&/g')
    echo "ratings_all_previous: $previous"
    run ratings_all_previous "$previous"
fi
awk -v c="$rps_goal_table_cold" -v w="$rps_goal_table_cached" -v s="$rps_static" -v e="$rps_empty_signed_in" 'BEGIN {
    printf "goal_table/static ratio cold=%.3f cached=%.3f (target >= 0.25)\n", c / s, w / s
    printf "goal_table/empty_signed_in ratio cold=%.3f cached=%.3f; empty_signed_in/static=%.3f\n", c / e, w / e, e / s }'
