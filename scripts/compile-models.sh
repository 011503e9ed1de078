#!/usr/bin/env bash
# Regenerates each provider's compiled EF Core model (Infrastructure/Data/CompiledModels/{Sqlite,SqlServer,PostgreSql}).
# Run it after any change to an entity or its configuration; CompiledModelTests fails until you do.
set -euo pipefail
cd "$(dirname "$0")/../src/PerformanceTargets.Web"
dotnet tool restore >/dev/null
for p in Sqlite SqlServer PostgreSql; do
    rm -rf "Infrastructure/Data/CompiledModels/$p"
    dotnet ef dbcontext optimize --context "${p}AppDbContext" \
        --output-dir "Infrastructure/Data/CompiledModels/$p" \
        --namespace "PerformanceTargets.Web.Infrastructure.Data.CompiledModels.$p" >/dev/null
done
