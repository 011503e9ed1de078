#!/usr/bin/env bash
# Figure: import throughput of the JSON interchange (projects per second) into a fresh SQLite file.
# Usage: bash bench/import-json.sh [PROJECTS]   (default 10000)
source "$(dirname "$0")/common.sh"
projects=${1:-10000}
build_release
db=$(dataset "$projects")
json="$out/interchange-$projects.json"
ConnectionStrings__Default="Data Source=$db" dotnet "$app_dll" export projects --year 2021 --format json --out "$json"
target="$out/import-target.db"; rm -f "$target" "$target-wal" "$target-shm"
ConnectionStrings__Default="Data Source=$target" Admin__Email=$bench_admin Admin__Password=$bench_password dotnet "$app_dll" migrate >/dev/null
/usr/bin/time -v -o "$out/import.time" env ConnectionStrings__Default="Data Source=$target" dotnet "$app_dll" import "$json" >/dev/null
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/import.time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/import.time")
secs=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F)"
echo "import json projects=$projects wall=$wall projects_per_s=$(awk -v n="$projects" -v s="$secs" 'BEGIN { printf "%.0f", n / s }') peak_rss_mb=$(( rss / 1024 ))"
