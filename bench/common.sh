#!/usr/bin/env bash
# Shared helpers for the benchmark scripts: Release build, data sets made by seed-demo, a server on 127.0.0.1.
set -euo pipefail
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$bench_root/.." && pwd)
out="$bench_root/out"
mkdir -p "$out"
app_dir="$out/app"
app_dll="$app_dir/PerformanceTargets.Web.dll"
bench_admin=bench-admin@localhost
bench_password=Bench-Passw0rd-1
proxy_header="X-Forwarded-Proto: https"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# build_release -> publishes the Release build to bench/out/app, as a deployment would (the server runs from there)
build_release() {
    log "publishing Release to $app_dir"
    dotnet publish "$repo_root/src/PerformanceTargets.Web" -c Release -o "$app_dir" -v quiet -nologo >/dev/null
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

# own_copy DBFILE NAME -> prints the path of a fresh copy of DBFILE named NAME under bench/out: every script works on its
# own copy, so no script changes the data set another one measures (a server start migrates; pages and exports rate).
own_copy() {
    local source=$1 copy="$out/$2"
    rm -f "$copy" "$copy-wal" "$copy-shm"
    cp "$source" "$copy"
    if [ -f "$source-wal" ]; then cp "$source-wal" "$copy-wal"; fi
    echo "$copy"
}

# start_server DBFILE PORT -> starts the Release build on 127.0.0.1:PORT, waits for /healthz; sets server_pid.
# The environment is Production (as deployed) unless BENCH_ENVIRONMENT says otherwise, behind a TLS-terminating proxy
# as docs/operations.md describes: clients send "$proxy_header" (trusted from loopback only), so Secure cookies and
# antiforgery work over plain http on 127.0.0.1; login below carries those cookies by hand. Logging is as shipped
# (appsettings.json: Information, one line per request to the console and the daily file, behind the async buffer).
start_server() {
    local db=$1 port=$2
    (cd "$app_dir" && exec env ConnectionStrings__Default="Data Source=$db" Admin__Email=$bench_admin Admin__Password=$bench_password \
        ASPNETCORE_ENVIRONMENT="${BENCH_ENVIRONMENT:-Production}" ASPNETCORE_URLS="http://127.0.0.1:$port" \
        ForwardedHeaders__Enabled=true \
        dotnet "$app_dll") >"$out/server-$port.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 120); do
        if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    log "server did not start; see $out/server-$port.log"; return 1
}

stop_server() { [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; }

# login PORT -> prints a Cookie header value for the bench admin (cookies read from the Set-Cookie headers, since a
# cookie jar keeps no Secure cookie from a plain-http origin)
login() {
    local port=$1 headers; headers=$(mktemp)
    local token antiforgery
    token=$(curl -fs -D "$headers" -H "$proxy_header" "http://127.0.0.1:$port/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)
    antiforgery=$(set_cookies "$headers")
    curl -fs -o /dev/null -D "$headers" -H "$proxy_header" -H "Cookie: $antiforgery" --data-urlencode "Input.Email=$bench_admin" \
        --data-urlencode "Input.Password=$bench_password" --data-urlencode "__RequestVerificationToken=$token" \
        "http://127.0.0.1:$port/Account/Login"
    echo "$antiforgery; $(set_cookies "$headers")"
    rm -f "$headers"
}

# set_cookies HEADERFILE -> the name=value pairs of its Set-Cookie headers, joined with "; "
set_cookies() { grep -i '^set-cookie:' "$1" | sed 's/^[^:]*: *\([^;]*\).*/\1/' | tr -d '\r' | paste -sd ';' | sed 's/;/; /g'; }

commit_id() { git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown; }
