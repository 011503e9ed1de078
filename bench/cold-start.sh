#!/usr/bin/env bash
# Figure: cold start to the first page on a new SQLite file (create, migrate, first admin, first 200 of /Account/Login).
source "$(dirname "$0")/common.sh"
[ -n "${SKIP_BUILD:-}" ] || build_release
port=${BENCH_PORT:-5092}; bench_db=sqlite # the figure is a new SQLite file
for run in 1 2 3; do
    use_database cold
    start=$(date +%s.%N)
    start_server $port
    until curl -fs -o /dev/null -H "$proxy_header" "http://127.0.0.1:$port/Account/Login"; do sleep 0.05; done
    end=$(date +%s.%N)
    stop_server
    echo "cold start run=$run seconds=$(echo "$end - $start" | bc)"
done
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F)"
