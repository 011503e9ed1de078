#!/usr/bin/env bash
# Shared helpers for the benchmark scripts: Release build, data sets made by seed-demo, a server on 127.0.0.1.
set -euo pipefail
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$bench_root/.." && pwd)
out="$bench_root/out"
mkdir -p "$out"
app_dll="$repo_root/src/PerformanceTargets.Web/bin/Release/net10.0/PerformanceTargets.Web.dll"
bench_admin=bench-admin@localhost
bench_password=Bench-Passw0rd-1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

build_release() {
    log "building Release"
    dotnet build "$repo_root/src/PerformanceTargets.Web" -c Release -v quiet -nologo >/dev/null
}

# dataset PROJECTS [UNITS] -> prints the path of a SQLite file holding that many demo projects for 2021 (made once, then reused)
dataset() {
    local projects=$1 units=${2:-$(( $1 / 50 > 0 ? $1 / 50 : 1 ))}
    local file="$out/demo-$projects.db"
    if [ ! -f "$file" ]; then
        log "seed-demo: $units units, $projects projects -> $file"
        ConnectionStrings__Default="Data Source=$file" Admin__Email=$bench_admin Admin__Password=$bench_password \
            dotnet "$app_dll" seed-demo --units "$units" --projects "$projects" --year 2021 --seed 1 >&2
        ConnectionStrings__Default="Data Source=$file" Admin__Email=$bench_admin Admin__Password=$bench_password \
            dotnet "$app_dll" migrate >/dev/null
    fi
    echo "$file"
}

# start_server DBFILE PORT -> starts the app in Production on 127.0.0.1:PORT, waits for /healthz; sets server_pid
start_server() {
    local db=$1 port=$2
    ConnectionStrings__Default="Data Source=$db" Admin__Email=$bench_admin Admin__Password=$bench_password \
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning \
        dotnet "$app_dll" >"$out/server-$port.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 120); do
        if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    log "server did not start; see $out/server-$port.log"; return 1
}

stop_server() { [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }

# login PORT -> prints a Cookie header value for the bench admin
login() {
    local port=$1 jar; jar=$(mktemp)
    local token
    token=$(curl -fs -c "$jar" -b "$jar" "http://127.0.0.1:$port/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
    curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$bench_admin" --data-urlencode "Input.Password=$bench_password" \
        --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$port/Account/Login"
    awk '$0 !~ /^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}' "$jar"
    rm -f "$jar"
}

commit_id() { git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown; }
