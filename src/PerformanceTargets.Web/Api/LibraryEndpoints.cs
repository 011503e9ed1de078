using Microsoft.AspNetCore.Mvc;
using PerformanceTargets.Web.Features.Library;

namespace PerformanceTargets.Web.Api;

/// <summary>The indicator library (指标库) for the editor's search-as-you-type and for scripts.</summary>
public static class LibraryEndpoints
{
    public static void MapLibraryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/library/indicators", async ([FromQuery] string? q, [FromQuery] string? level1, [FromQuery] string? level2, [FromQuery] bool? standardOnly, [FromQuery] int? take, IndicatorLibrary library) =>
                TypedResults.Ok(await library.SearchAsync(q, level1, level2, includeCandidates: standardOnly != true, take ?? 20)))
            .WithTags("指标库")
            .WithSummary("搜索指标库（三级指标名称、指标解释或二级指标包含 q；标准指标在前，候选指标 isStandard=false）");
    }
}
