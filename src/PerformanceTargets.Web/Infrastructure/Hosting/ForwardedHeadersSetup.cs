using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PerformanceTargets.Web.Infrastructure.Hosting;

/// <summary>
/// Running behind a reverse proxy (docs/operations.md): <c>X-Forwarded-For</c>/<c>-Proto</c>/<c>-Host</c> are honoured
/// only when <c>ForwardedHeaders:Enabled</c> is true, and only from the proxies and networks configured
/// (<c>ForwardedHeaders:KnownProxies</c>, <c>ForwardedHeaders:KnownNetworks</c>; loopback by default).
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddForwardedHeadersFromConfiguration(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (section.GetValue<bool>("ForwardHost"))
            {
                options.ForwardedHeaders |= ForwardedHeaders.XForwardedHost;
                options.AllowedHosts = section.GetSection("AllowedHosts").Get<string[]>() ?? [];
            }

            if (section.GetValue<int?>("ForwardLimit") is { } limit)
            {
                options.ForwardLimit = limit;
            }

            foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    public static IApplicationBuilder UseConfiguredForwardedHeaders(this WebApplication app)
    {
        if (app.Configuration.GetSection(Section).GetValue<bool>("Enabled"))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
