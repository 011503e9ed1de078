#!/usr/bin/env bash
# Figure: `export ratings --year 2021` in csv, xlsx and json: wall time and peak memory of each (process start and the
# staleness check included), and xlsx ÷ csv two ways: whole processes (the xlsx has three sheets, ~10 times the csv's
# rows), and like for like (the 项目评分 sheet against the csv, the same rows and columns, timed inside the process).
# Ratings are made once (`rate`) and are fresh when timed, so no export rescores.
# Usage: bash bench/export-ratings.sh [PROJECTS]   (default 100000; BENCH_DB=postgres; SKIP_BUILD=1)
source "$(dirname "$0")/common.sh"
projects=${1:-100000}
[ -n "${SKIP_BUILD:-}" ] || build_release
use_dataset "$projects" "export-ratings-$projects"
log "rate --year 2021 on this script's copy (so the exports find fresh ratings)"
env "${db_env[@]}" dotnet "$app_dll" rate --year 2021 >/dev/null

# The exporter logs each part's rows and milliseconds at Debug; only those lines, on stderr.
export_ratings() {
    local format=$1
    /usr/bin/time -v -o "$out/export-$format.time" env "${db_env[@]}" \
        Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__PerformanceTargets.Web.Features.Ratings=Debug \
        Serilog__WriteTo__0__Name=Console Serilog__WriteTo__0__Args__standardErrorFromLevel=Verbose \
        dotnet "$app_dll" export ratings --year 2021 --format "$format" --out "$out/ratings.$format" >/dev/null 2>"$out/export-$format.log"
}
seconds() { awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }'; }
part_ms() { sed -n "s/.*Ratings 2021 $2: [0-9]* rows in \([0-9]*\) ms.*/\1/p" "$out/export-$1.log"; }

export_ratings csv # warm-up, not timed: the same file cache for every format
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F) database=$bench_db"
for format in csv xlsx json; do
    export_ratings "$format"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/export-$format.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/export-$format.time")
    declare "wall_$format=$(echo "$wall" | seconds)"
    echo "export ratings database=$bench_db $format projects=$projects wall=$wall peak_rss_mb=$(( rss / 1024 )) size_mb=$(( $(stat -c %s "$out/ratings.$format") / 1048576 ))"
    sed -n 's/.*\] Ratings 2021 /    /p' "$out/export-$format.log"
done
sheet_ms=$(part_ms xlsx "xlsx 项目评分"); csv_ms=$(part_ms csv csv)
echo "xlsx/csv whole process=$(awk -v x="$wall_xlsx" -v c="$wall_csv" 'BEGIN { printf "%.2f", x / c }')" \
    "like for like (项目评分 sheet ${sheet_ms} ms / csv ${csv_ms} ms)=$(awk -v x="$sheet_ms" -v c="$csv_ms" 'BEGIN { printf "%.2f", x / c }')"
drop_database
