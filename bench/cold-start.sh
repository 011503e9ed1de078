#!/usr/bin/env bash
# Figure: cold start to the first page on a new SQLite file (create, migrate, first admin, first 200 of /Account/Login).
source "$(dirname "$0")/common.sh"
build_release
port=5092; db="$out/cold.db"
for run in 1 2 3; do
    rm -f "$db" "$db-wal" "$db-shm"
    start=$(date +%s.%N)
    start_server "$db" $port
    until curl -fs -o /dev/null -H "$proxy_header" "http://127.0.0.1:$port/Account/Login"; do sleep 0.05; done
    end=$(date +%s.%N)
    stop_server
    echo "cold start run=$run seconds=$(echo "$end - $start" | bc)"
done
echo "cores=$(nproc) commit=$(commit_id) date=$(date -u +%F)"
