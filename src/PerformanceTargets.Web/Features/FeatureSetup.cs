using PerformanceTargets.Documents.Parsing;
using PerformanceTargets.Web.Features.Documents;
using PerformanceTargets.Web.Features.Library;
using PerformanceTargets.Web.Features.Projects;
using PerformanceTargets.Web.Features.Ratings;
using PerformanceTargets.Web.Features.YearEnd;
using PerformanceTargets.Web.Infrastructure.Settings;

namespace PerformanceTargets.Web.Features;

/// <summary>
/// The product's use cases, registered once for every door (pages, API, verbs): goal tables in and out, projects and
/// their review queue, the indicator library, year settings, and the year end (actuals, ratings, exports).
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
        services.AddScoped<ReviewQueue>();
        services.AddScoped<IndicatorLibrary>();
        services.AddScoped<IYearSettingsProvider, YearSettingsProvider>();

        // Year end.
        services.AddScoped<RatingCalculator>();
        services.AddScoped<ActualsImporter>();
        services.AddScoped<RatingsExporter>();
        services.AddScoped<RatingsQuery>();
        services.AddScoped<TemplateExporter>();

        // 部门整体支出绩效目标表.
        services.AddScoped<Department.DepartmentTableService>();
        return services;
    }
}
