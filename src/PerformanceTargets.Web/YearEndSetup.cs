using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.YearEnd;

namespace PerformanceTargets.Web;

/// <summary>Year-end services (issue 6): actuals import, rating computation and exports.</summary>
public static class YearEndSetup
{
    public static IServiceCollection AddYearEnd(this IServiceCollection services)
    {
        services.AddScoped<RatingCalculator>();
        services.AddScoped<ActualsImporter>();
        services.AddScoped<RatingsExporter>();
        services.AddScoped<RatingsQuery>();
        services.AddScoped<TemplateExporter>();
        return services;
    }
}
