#!/usr/bin/env bash
# Every issue-8 figure in one go, one after another on the same machine: the seed-demo cost curve, cold start, the pages
# at 32 connections, JSON import, rescoring and the ratings export. Prints each script's figures and keeps a copy in
# bench/out/run-all-<UTC time>.txt. Takes ~15 minutes on 2 cores (most of it seeding 100,000 projects twice).
# Usage: bash bench/run-all.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/out"
report="$here/out/run-all-$(date -u +%Y%m%dT%H%MZ).txt"
{
    echo "== run-all $(date -u '+%F %H:%M') UTC, cores=$(nproc), commit=$(git -C "$here/.." rev-parse --short HEAD)"
    bash "$here/seed-demo.sh"
    bash "$here/cold-start.sh"
    SKIP_BUILD=1 ALL_UNITS=1 bash "$here/pages.sh" 100000 15
    bash "$here/import-json.sh" 10000
    bash "$here/rate.sh" 100000
    bash "$here/export-ratings.sh" 100000
} 2>&1 | grep -v '^\[' | tee "$report"
echo "report: $report"
