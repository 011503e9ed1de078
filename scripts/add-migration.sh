#!/usr/bin/env bash
# Adds a migration NAME for every provider and puts each snapshot where it belongs.
set -euo pipefail
name=${1:?usage: add-migration.sh NAME}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../src/PerformanceTargets.Web"
dotnet tool restore >/dev/null
for p in Sqlite SqlServer PostgreSql; do
    dotnet ef migrations add "$name" --context "${p}AppDbContext" \
        --output-dir "Infrastructure/Data/Migrations/$p" \
        --namespace "PerformanceTargets.Web.Infrastructure.Data.Migrations.$p"
    if [ -d PerformanceTargets ]; then
        mv PerformanceTargets/Web/Infrastructure/Data/Migrations/$p/*Snapshot.cs "Infrastructure/Data/Migrations/$p/"
        rm -rf PerformanceTargets
    fi
done
# The compiled models follow the model the migration was made from.
"$here/compile-models.sh"
