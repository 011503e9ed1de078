using Microsoft.EntityFrameworkCore.Diagnostics;
using PerformanceTargets.Documents.Parsing;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Features.Library;
using PerformanceTargets.Web.Features.Monitoring;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Features.Publishing;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.Review;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Features;

/// <summary>
/// The product's use cases, registered once for every door (pages, API, verbs): goal tables in and out, projects and
/// their review queue, the indicator library, year settings, the year end (actuals, ratings, exports) and the mid-year 绩效运行监控.
/// </summary>
public static class FeatureSetup
{
    /// <summary>Configuration key: a label dictionary file that extends the embedded one (relative to the content root; docs/formats.md §4a).</summary>
    public const string LabelDictionaryKey = "Import:LabelDictionary";

    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        // Documents: the tolerant reader's label dictionary is the embedded one, extended by the configured file, so a
        // synonym is added without code.
        services.AddSingleton(_ => LabelDictionary.FromFile(
            configuration[LabelDictionaryKey] is { Length: > 0 } path ? Path.Combine(contentRoot, path) : null));
        services.AddScoped<PlanImporter>();
        services.AddSingleton<ImportPreviewStore>();
        services.AddScoped<PlanExporter>();

        // Projects, review and the library.
        services.AddScoped<ProjectWriter>();
        services.AddScoped<PreviousYear>();
        services.AddScoped<GoalTableReader>();
        services.AddSingleton<RenderedTableAdmission>();
        services.AddSingleton<GoalTableHeaders>();
        services.AddSingleton<IInterceptor, GoalTableHeaders.Interceptor>();
        services.AddScoped<ReviewQueue>();
        services.AddSingleton<ReviewBadge>();
        services.AddSingleton<IInterceptor, ReviewBadge.Interceptor>();
        services.AddScoped<ReviewDecisions>();
        services.AddScoped<ReviewChecklist>();
        services.AddScoped<IndicatorLibrary>();
        services.AddScoped<IYearSettingsProvider, YearSettingsProvider>();

        // Year end.
        services.AddScoped<RatingCalculator>();
        services.AddScoped<ActualsImporter>();
        services.AddScoped<RatingsExporter>();
        services.AddScoped<RatingsQuery>();
        services.AddScoped<RatingsPageReader>();
        services.AddSingleton<RatingSettingsCache>();
        services.AddSingleton<IInterceptor, RatingSettingsCache.Interceptor>();
        services.AddScoped<TemplateExporter>();

        // 预算公开: publishing, and what the public reads.
        services.AddScoped<Publisher>();
        services.AddScoped<PublicCatalog>();
        // Mid-year 绩效运行监控: rounds, entries with their review, overviews, the workbook and the import.
        services.AddScoped<MonitoringRounds>();
        services.AddScoped<MonitoringEntries>();
        services.AddScoped<MonitoringOverview>();
        services.AddScoped<MonitoringExporter>();
        services.AddScoped<MonitoringImporter>();
        // 部门整体支出绩效目标表.
        services.AddScoped<Department.DepartmentTableService>();
        return services;
    }
}
