using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Api;

/// <summary>
/// What the server enforces, stated in the OpenAPI document too (issue 15 #7): login and refresh need no token; a year
/// (path or query) is 2000–2100 — enforced for every operation by <see cref="CheckYearAsync"/>; the export formats are
/// enums; every operation documents its 400 and login its 429. <c>OpenApiConformanceTests</c> calls every documented
/// operation with generated valid and invalid inputs and checks the answers against <c>docs/openapi.json</c>.
/// </summary>
public static class ApiContract
{
    private static readonly Dictionary<string, string[]> Formats = new(StringComparer.Ordinal)
    {
        ["api/v1/exports/projects"] = ["json", "txt", "docx"],
        ["api/v1/exports/ratings"] = ["json", "csv", "xlsx"],
        ["api/v1/exports/audit"] = ["json", "csv", "xlsx"],
        ["api/v1/monitoring/rounds/{roundId}/export"] = ["xlsx", "docx"],
    };

    /// <summary>The group's endpoint filter: a year outside <see cref="FiscalYear.MinYear"/>–<see cref="FiscalYear.MaxYear"/> is a 400.</summary>
    public static async ValueTask<object?> CheckYearAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var text = request.RouteValues.TryGetValue("year", out var routed) ? Convert.ToString(routed, CultureInfo.InvariantCulture) : request.Query["year"].ToString();
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) && year is < FiscalYear.MinYear or > FiscalYear.MaxYear)
        {
            return ApiProblems.BadRequest($"year 应在 {FiscalYear.MinYear} 至 {FiscalYear.MaxYear} 之间。");
        }

        return await next(context);
    }

    public static OpenApiOptions AddContractRules(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [];
            }

            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Name == "year")
                {
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Format = "int32",
                        Minimum = FiscalYear.MinYear.ToString(CultureInfo.InvariantCulture),
                        Maximum = FiscalYear.MaxYear.ToString(CultureInfo.InvariantCulture),
                    };
                }
                else if (parameter.Name == "format" && context.Description.RelativePath is { } path && Formats.TryGetValue(path, out var formats))
                {
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. formats.Select(f => (JsonNode)JsonValue.Create(f))] };
                    parameter.Description = "json 为默认值";
                }
            }

            operation.Responses ??= [];
            Problem(operation, StatusCodes.Status400BadRequest, $"请求有误（参数或请求体无法解析、年度不在 {FiscalYear.MinYear}–{FiscalYear.MaxYear} 之间、数据校验未通过）", context.Document);
            if (context.Description.RelativePath == "api/v1/auth/login")
            {
                Problem(operation, StatusCodes.Status429TooManyRequests, "登录尝试过于频繁（带 Retry-After 响应头）", context.Document);
            }

            return Task.CompletedTask;
        });
        return options;
    }

    private static void Problem(OpenApiOperation operation, int status, string description, OpenApiDocument? document)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
            },
        };
    }
}
