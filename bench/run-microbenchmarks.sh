#!/usr/bin/env bash
# BenchmarkDotNet: rules-engine hot paths (value parsing, scoring) and the import parser.
# Usage: bash bench/run-microbenchmarks.sh [--filter '*Rules*']   (extra arguments go to BenchmarkDotNet)
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@"); [ ${#args[@]} -eq 0 ] && args=(--filter '*')
dotnet run -c Release --project bench/PerformanceTargets.Benchmarks -- "${args[@]}"
