#!/usr/bin/env bash
# Figure: rescoring a whole year (`rate --year 2021`) on SQLite: wall time and peak memory.
# Runs on a scratch copy of the demo data set, twice: first with no stored ratings, then again, replacing every one of them
# (the figure of issue 8 is the second run: a year rescored).
# Usage: bash bench/rate.sh [PROJECTS]   (default 100000)
source "$(dirname "$0")/common.sh"
projects=${1:-100000}
build_release
scratch=$(own_copy "$(dataset "$projects")" "rate-$projects.db")
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F)"
for run in first rescore; do
    /usr/bin/time -v -o "$out/rate-$run.time" env ConnectionStrings__Default="Data Source=$scratch" \
        dotnet "$app_dll" rate --year 2021 >/dev/null
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/rate-$run.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/rate-$run.time")
    echo "rate projects=$projects run=$run wall=$wall peak_rss_mb=$(( rss / 1024 ))"
done
rm -f "$scratch" "$scratch-wal" "$scratch-shm"
