# Multi-stage build: the SDK image builds and publishes; the ASP.NET runtime image runs it as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# A Release publish is compiled ahead of time (ReadyToRun) for one runtime: the image's architecture, restored for it too.
ARG TARGETARCH
WORKDIR /src
RUN echo "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" > /tmp/rid
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/PerformanceTargets.Domain/PerformanceTargets.Domain.csproj src/PerformanceTargets.Domain/
COPY src/PerformanceTargets.Documents/PerformanceTargets.Documents.csproj src/PerformanceTargets.Documents/
COPY src/PerformanceTargets.Web/PerformanceTargets.Web.csproj src/PerformanceTargets.Web/
RUN dotnet restore src/PerformanceTargets.Web/PerformanceTargets.Web.csproj -r "$(cat /tmp/rid)"
COPY src/ src/
RUN dotnet publish src/PerformanceTargets.Web/PerformanceTargets.Web.csproj -c Release -r "$(cat /tmp/rid)" -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# Chinese fonts for server-rendered documents; curl for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app ./
RUN mkdir -p /app/App_Data /app/logs && chown -R app:app /app/App_Data /app/logs
# The image's built-in non-root user (uid 1654).
USER app
# Plain HTTP inside the container; HTTPS is required by default (Security__RequireHttps=true in Production), so run the
# image behind a TLS-terminating proxy with ForwardedHeaders__Enabled=true, or set Security__RequireHttps=false on a
# trusted network (docker-compose.yml does, bound to loopback). /healthz answers on plain HTTP either way.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
VOLUME ["/app/App_Data", "/app/logs"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "PerformanceTargets.Web.dll"]
