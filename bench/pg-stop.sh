#!/usr/bin/env bash
# Stops the PostgreSQL server the benchmarks started (BENCH_DB=postgres); its data sets stay in BENCH_PG_DIR.
source "$(dirname "$0")/common.sh"
bin=$(pg_bin)
[ -n "$bin" ] && as_pg "'$bin/pg_ctl' -D '$pg_dir/data' -m fast stop" 2>/dev/null || true
