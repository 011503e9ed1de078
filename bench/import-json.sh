#!/usr/bin/env bash
# Figure: import throughput of the JSON interchange (projects per second) and peak memory, into a new database: SQLite,
# or PostgreSQL with BENCH_DB=postgres. The document is the seed-demo data set of that size, exported by the app.
# Usage: bash bench/import-json.sh [PROJECTS]   (default 10000; SKIP_BUILD=1 reuses the last Release build)
source "$(dirname "$0")/common.sh"
projects=${1:-10000}
[ -n "${SKIP_BUILD:-}" ] || build_release
json="$out/interchange-$projects.json"
if [ ! -f "$json" ]; then
    ConnectionStrings__Default="Data Source=$(dataset "$projects")" dotnet "$app_dll" export projects --year 2021 --format json --out "$json.tmp"
    mv "$json.tmp" "$json"
fi
use_database "import-target"
env "${db_env[@]}" Admin__Email=$bench_admin Admin__Password=$bench_password dotnet "$app_dll" migrate >/dev/null
/usr/bin/time -v -o "$out/import.time" env "${db_env[@]}" dotnet "$app_dll" import "$json" >/dev/null
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/import.time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/import.time")
secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
imported=$(db_query 'SELECT count(*) FROM "Projects"')
drop_database
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F) database=$bench_db"
echo "import json database=$bench_db projects=$projects imported=$imported size_mb=$(( $(stat -c %s "$json") / 1048576 )) wall=$wall projects_per_s=$(awk -v n="$projects" -v s="$secs" 'BEGIN { printf "%.0f", n / s }') peak_rss_mb=$(( rss / 1024 ))"
[ "$imported" = "$projects" ] || { echo "imported $imported projects, expected $projects" >&2; exit 1; }
