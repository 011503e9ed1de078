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
            dotnet "$app_dll" seed-demo --units "$units" --projects "$projects" --year 2021 --seed 1 >"$out/seed-$projects.log" 2>&1
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

# start_server PORT -> starts the Release build on 127.0.0.1:PORT on the database of use_dataset (db_env), waits for
# /healthz; sets server_pid.
# The environment is Production (as deployed) unless BENCH_ENVIRONMENT says otherwise, behind a TLS-terminating proxy
# as docs/operations.md describes: clients send "$proxy_header" (trusted from loopback only), so Secure cookies and
# antiforgery work over plain http on 127.0.0.1; login below carries those cookies by hand. Logging is as shipped
# (appsettings.json: Information, one line per request to the console and the daily file, behind the async buffer).
start_server() {
    local port=$1
    (cd "$app_dir" && exec env "${db_env[@]}" Admin__Email=$bench_admin Admin__Password=$bench_password \
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

# --- The database a script measures: BENCH_DB=sqlite (default) or postgres ---------------------------------------------
# postgres: a PostgreSQL server of the bench's own (the newest installed, e.g. Debian's postgresql 15), started on first use
# in BENCH_PG_DIR (default /tmp/pt-bench-pg) on 127.0.0.1:BENCH_PG_PORT (default 55490) with its default settings
# (fsync on), on the same cores as the app. It keeps running between scripts (`bash bench/pg-stop.sh` stops it).
bench_db=${BENCH_DB:-sqlite}
case "$bench_db" in sqlite|postgres) ;; *) echo "BENCH_DB must be sqlite or postgres" >&2; exit 2 ;; esac
pg_port=${BENCH_PG_PORT:-55490}
pg_dir=${BENCH_PG_DIR:-/tmp/pt-bench-pg}
pg_base="Host=127.0.0.1;Port=$pg_port;Username=postgres;Timeout=60;Command Timeout=0"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
# as_pg COMMAND -> runs COMMAND as the postgres user when root (initdb refuses root), else as the current user
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
ensure_pg_server() {
    local bin; bin=$(pg_bin)
    [ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
        mkdir -p "$pg_dir"; if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; fi
        log "initdb $pg_dir/data"
        as_pg "'$bin/initdb' -D '$pg_dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    if ! as_pg "'$bin/pg_ctl' -D '$pg_dir/data' status" >/dev/null 2>&1; then
        log "starting PostgreSQL on 127.0.0.1:$pg_port"
        as_pg "'$bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w -o \"-p $pg_port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c max_connections=200\" start" >/dev/null
    fi
}
# pg_sql [DATABASE] SQL -> runs SQL on the bench's server, unaligned output without headers
pg_sql() { local database=postgres; if [ $# -gt 1 ]; then database=$1; shift; fi
    PGOPTIONS="-c client_min_messages=warning" psql "host=127.0.0.1 port=$pg_port user=postgres dbname=$database" -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
bench_db_name() { echo "$bench_db"; }

# use_database NAME [TEMPLATE] -> points db_env at a new database called NAME (deleted first): a SQLite file bench/out/NAME.db
# (not created: the app creates it), or a PostgreSQL database pt_bench_NAME, empty or a copy of the database TEMPLATE.
# Sets db_env (the app's provider and connection string), db_file, db_name.
use_database() {
    local name=${1//-/_} template=${2:-}
    if [ "$bench_db" = sqlite ]; then
        db_file="$out/$1.db"; db_name=$db_file; rm -f "$db_file" "$db_file-wal" "$db_file-shm"
        db_env=(Database__Provider=Sqlite "ConnectionStrings__Default=Data Source=$db_file")
    else
        ensure_pg_server; db_file=""; db_name="pt_bench_$name"
        pg_sql "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null
        pg_sql "CREATE DATABASE $db_name${template:+ TEMPLATE $template}" >/dev/null
        db_env=(Database__Provider=PostgreSql "ConnectionStrings__Default=$pg_base;Database=$db_name")
    fi
}

# use_dataset PROJECTS NAME -> points db_env at this script's own copy (called NAME) of the seed-demo data set of that
# size: a copy of the SQLite file, or a PostgreSQL database made from the data set's template database. Every script works
# on its own copy, so none changes what another measures.
use_dataset() {
    local projects=$1 name=$2
    if [ "$bench_db" = sqlite ]; then
        local source; source=$(dataset "$projects")
        db_file=$(own_copy "$source" "$name.db"); db_name=$db_file
        db_env=(Database__Provider=Sqlite "ConnectionStrings__Default=Data Source=$db_file")
        return
    fi
    ensure_pg_server
    local template="pt_bench_demo_$projects" units=$(( projects / 50 > 0 ? projects / 50 : 1 ))
    if [ "$(pg_sql "SELECT count(*) FROM pg_database WHERE datname = '$template'")" = 0 ]; then
        log "seed-demo on PostgreSQL: $units units, $projects projects -> $template"
        pg_sql "DROP DATABASE IF EXISTS ${template}_seeding WITH (FORCE)" >/dev/null
        pg_sql "CREATE DATABASE ${template}_seeding" >/dev/null
        env Database__Provider=PostgreSql "ConnectionStrings__Default=$pg_base;Database=${template}_seeding" \
            Admin__Email=$bench_admin Admin__Password=$bench_password dotnet "$app_dll" migrate >/dev/null
        env Database__Provider=PostgreSql "ConnectionStrings__Default=$pg_base;Database=${template}_seeding" \
            Admin__Email=$bench_admin Admin__Password=$bench_password \
            dotnet "$app_dll" seed-demo --units "$units" --projects "$projects" --year 2021 --seed 1 >"$out/seed-pg-$projects.log" 2>&1
        pg_sql "ALTER DATABASE ${template}_seeding RENAME TO $template" >/dev/null
    fi
    use_database "$name" "$template"
    # A template made by an earlier build may be behind this one's migrations: the copy is brought up to date as an
    # operator would (on a server database the verbs refuse a schema that is behind).
    env "${db_env[@]}" Admin__Email=$bench_admin Admin__Password=$bench_password dotnet "$app_dll" migrate >/dev/null
}

# db_query SQL -> the rows of SQL (quote identifiers with double quotes: "Projects"."Id") on the database of db_env
db_query() { if [ "$bench_db" = sqlite ]; then sqlite3 "$db_file" "$1"; else pg_sql "$db_name" "$1"; fi; }

# drop_database -> deletes the database of db_env
drop_database() {
    if [ "$bench_db" = sqlite ]; then rm -f "$db_file" "$db_file-wal" "$db_file-shm"
    else pg_sql "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null; fi
}

commit_id() { git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown; }
