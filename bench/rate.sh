#!/usr/bin/env bash
# Figure: rescoring a year (`rate --year 2021`): wall time and peak memory, on SQLite or (BENCH_DB=postgres) PostgreSQL.
# Runs on its own copy of the demo data set, three times:
#   first   - nothing rated yet: every project is scored and stored;
#   refresh - nothing changed: `rate` finds nothing stale (the incremental path);
#   all     - `rate --all`: every project of the year scored again; ratings whose result did not change are not rewritten.
# The issue-18 figure "rescoring a year" is the `all` run.
# Usage: bash bench/rate.sh [PROJECTS]   (default 100000; SKIP_BUILD=1 reuses the last Release build)
source "$(dirname "$0")/common.sh"
projects=${1:-100000}
[ -n "${SKIP_BUILD:-}" ] || build_release
use_dataset "$projects" "rate-$projects"
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F) database=$bench_db"
for run in first refresh all; do
    flag=(); [ "$run" = all ] && flag=(--all)
    /usr/bin/time -v -o "$out/rate-$run.time" env "${db_env[@]}" dotnet "$app_dll" rate --year 2021 "${flag[@]}" >/dev/null
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/rate-$run.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/rate-$run.time")
    echo "rate database=$bench_db projects=$projects run=$run wall=$wall peak_rss_mb=$(( rss / 1024 ))"
done
drop_database
