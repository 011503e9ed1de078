#!/usr/bin/env bash
# Every figure of issues 8 and 18 in one go, one after another on the same machine, as deployed (the Release build published
# once, run in Production with the shipped appsettings.json): SQLite at province scale (100,000 projects), then SQLite and
# PostgreSQL side by side at 10,000 projects (the PostgreSQL server is the bench's own, started on first use on the same
# cores). Prints each script's figures and keeps a copy in bench/out/run-all-<UTC time>.txt. Takes ~25 minutes on 2 cores.
# Usage: bash bench/run-all.sh   (PAGE_SECONDS=15 per page at 100,000, 10 at 10,000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/out"
report="$here/out/run-all-$(date -u +%Y%m%dT%H%MZ).txt"
seconds=${PAGE_SECONDS:-15}
{
    echo "== run-all $(date -u '+%F %H:%M') UTC, cores=$(nproc), commit=$(git -C "$here/.." rev-parse --short HEAD), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    bash "$here/seed-demo.sh"
    export SKIP_BUILD=1
    BENCH_DB=postgres bash "$here/seed-demo.sh" 10000
    bash "$here/cold-start.sh"
    echo "== SQLite, 100,000 projects"
    ALL_UNITS=1 bash "$here/pages.sh" 100000 "$seconds"
    bash "$here/import-json.sh" 10000
    bash "$here/import-json.sh" 100000
    bash "$here/rate.sh" 100000
    bash "$here/export-ratings.sh" 100000
    for db in sqlite postgres; do
        echo "== $db, 10,000 projects"
        BENCH_DB=$db ALL_UNITS=1 bash "$here/pages.sh" 10000 10
        BENCH_DB=$db bash "$here/import-json.sh" 10000
        BENCH_DB=$db bash "$here/rate.sh" 10000
        BENCH_DB=$db bash "$here/export-ratings.sh" 10000
    done
} 2>&1 | grep -v '^\[' | tee "$report"
echo "report: $report"
