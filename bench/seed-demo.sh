#!/usr/bin/env bash
# Figure: seed-demo time and peak memory for 1k, 10k and 100k projects (2,000 units at 100k) on SQLite or (BENCH_DB=postgres)
# PostgreSQL, each into a new, migrated database.
# Usage: bash bench/seed-demo.sh [SIZES...]   (default: 1000 10000 100000; SKIP_BUILD=1 reuses the last Release build)
source "$(dirname "$0")/common.sh"
[ -n "${SKIP_BUILD:-}" ] || build_release
sizes=("${@:-1000 10000 100000}"); [ $# -eq 0 ] && sizes=(1000 10000 100000)
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F) database=$bench_db"
for n in "${sizes[@]}"; do
    units=$(( n / 50 )); [ "$units" -lt 1 ] && units=1
    use_database "seed-$n"
    env "${db_env[@]}" Admin__Email=$bench_admin Admin__Password=$bench_password dotnet "$app_dll" migrate >/dev/null
    /usr/bin/time -v -o "$out/seed-$n.time" env "${db_env[@]}" Admin__Email=$bench_admin Admin__Password=$bench_password \
        dotnet "$app_dll" seed-demo --units "$units" --projects "$n" --year 2021 --seed 1 >/dev/null
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/seed-$n.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/seed-$n.time")
    drop_database
    echo "seed-demo database=$bench_db projects=$n units=$units wall=$wall peak_rss_mb=$(( rss / 1024 ))"
done
