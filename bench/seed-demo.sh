#!/usr/bin/env bash
# Figure: seed-demo time and peak memory for 1k, 10k and 100k projects (2,000 units at 100k) on SQLite.
# Usage: bash bench/seed-demo.sh [SIZES...]   (default: 1000 10000 100000)
source "$(dirname "$0")/common.sh"
build_release
sizes=("${@:-1000 10000 100000}"); [ $# -eq 0 ] && sizes=(1000 10000 100000)
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F)"
for n in "${sizes[@]}"; do
    units=$(( n / 50 )); [ "$units" -lt 1 ] && units=1
    file="$out/seed-$n.db"; rm -f "$file" "$file-wal" "$file-shm"
    /usr/bin/time -v -o "$out/seed-$n.time" env ConnectionStrings__Default="Data Source=$file" Admin__Email=$bench_admin Admin__Password=$bench_password \
        dotnet "$app_dll" seed-demo --units "$units" --projects "$n" --year 2021 --seed 1 >/dev/null
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/seed-$n.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/seed-$n.time")
    echo "seed-demo projects=$n units=$units wall=$wall peak_rss_mb=$(( rss / 1024 ))"
done
