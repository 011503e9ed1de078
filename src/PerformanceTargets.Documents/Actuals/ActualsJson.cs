using System.Globalization;
using System.Text.Json;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Documents.Actuals;

/// <summary>
/// Reads the actuals JSON (docs/formats.md §7): <c>{ "year", "projects": [ { "code", "executed", "spending", "indicators": [ { "name", "actual", "score", "deviationReason" } ] } ], "subGoals": [ { "unitCode", "indicator", "completionRate" } ] }</c>.
/// Numbers are read as decimal; errors carry the JSON path.
/// </summary>
public static class ActualsJson
{
    public static (ActualsDocument? Document, List<ActualsError> Errors) Read(byte[] content, string fileName)
    {
        var errors = new List<ActualsError>();
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            errors.Add(new ActualsError($"{fileName} 第{(ex.LineNumber ?? 0) + 1}行", "不是有效的 JSON。"));
            return (null, errors);
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ActualsError($"{fileName} $", "应为一个 JSON 对象。"));
                return (null, errors);
            }

            var document = new ActualsDocument();
            if (root.TryGetProperty("year", out var year) && year.ValueKind == JsonValueKind.Number && year.TryGetInt32(out var y) && y is >= FiscalYear.MinYear and <= FiscalYear.MaxYear)
            {
                document.Year = y;
            }
            else
            {
                errors.Add(new ActualsError($"{fileName} $.year", $"应为 {FiscalYear.MinYear}–{FiscalYear.MaxYear} 之间的年度。"));
            }

            var projects = Array(root, "projects", $"{fileName} $", errors);
            for (var p = 0; p < projects.Count; p++)
            {
                var at = $"{fileName} $.projects[{p}]";
                var item = projects[p];
                var code = String(item, "code", at, errors, required: true);
                if (code is null)
                {
                    continue;
                }

                var project = new ProjectActuals(code, $"{at}（项目 {code}）");
                if (item.TryGetProperty("executed", out _))
                {
                    project.HasExecuted = true;
                    project.Executed = Number(item, "executed", project.Where, errors);
                }

                if (item.TryGetProperty("spending", out _))
                {
                    project.Spending = [];
                    var spending = Array(item, "spending", at, errors);
                    for (var s = 0; s < spending.Count; s++)
                    {
                        var where = $"{at}.spending[{s}]（项目 {code}）";
                        var month = Number(spending[s], "month", where, errors);
                        var spent = Number(spending[s], "spent", where, errors);
                        if (month is null || spent is null || month != Math.Floor(month.Value))
                        {
                            errors.Add(new ActualsError(where, "应有整数 month 和金额 spent。"));
                            continue;
                        }

                        project.Spending.Add(((int)month.Value, spent.Value, where));
                    }
                }

                var indicators = Array(item, "indicators", at, errors);
                for (var i = 0; i < indicators.Count; i++)
                {
                    var where = $"{at}.indicators[{i}]";
                    var name = String(indicators[i], "name", where, errors, required: true);
                    if (name is null)
                    {
                        continue;
                    }

                    var located = $"{where}（项目 {code} 指标“{name}”）";
                    var actual = Actual(indicators[i], located, errors);
                    var score = Number(indicators[i], "score", located, errors);
                    var reason = String(indicators[i], "deviationReason", located, errors, required: false);
                    project.Indicators.Add(new IndicatorActual(name, actual, score, reason, located));
                }

                document.Projects.Add(project);
            }

            var subGoals = Array(root, "subGoals", $"{fileName} $", errors);
            for (var g = 0; g < subGoals.Count; g++)
            {
                var where = $"{fileName} $.subGoals[{g}]";
                var unitCode = String(subGoals[g], "unitCode", where, errors, required: true);
                var indicator = String(subGoals[g], "indicator", where, errors, required: true);
                var rate = Number(subGoals[g], "completionRate", where, errors);
                if (unitCode is not null && indicator is not null)
                {
                    document.SubGoals.Add(new SubGoalActual(unitCode, indicator, rate, $"{where}（单位 {unitCode} 分项指标“{indicator}”）"));
                }
            }

            return (errors.Count == 0 ? document : null, errors);
        }
    }

    /// <summary>True when the JSON looks like an actuals file: an object with top-level <c>projects</c> and no <c>units</c>.</summary>
    public static bool LooksLikeActuals(byte[] content)
    {
        try
        {
            using var json = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("projects", out _)
                && !json.RootElement.TryGetProperty("units", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<JsonElement> Array(JsonElement parent, string name, string at, List<ActualsError> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ActualsError($"{at}.{name}", "应为数组。"));
            return [];
        }

        return [.. value.EnumerateArray()];
    }

    private static string? String(JsonElement parent, string name, string at, List<ActualsError> errors, bool required)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(new ActualsError($"{at}.{name}", "不能为空。"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || (required && string.IsNullOrWhiteSpace(value.GetString())))
        {
            errors.Add(new ActualsError($"{at}.{name}", required ? "应为非空文本。" : "应为文本。"));
            return null;
        }

        return value.GetString()!.Trim();
    }

    private static decimal? Number(JsonElement parent, string name, string at, List<ActualsError> errors)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        errors.Add(new ActualsError($"{at} {name}", $"应为数字，现为 {value.GetRawText()}。"));
        return null;
    }

    /// <summary>The 实际完成值: text as written (<c>85%</c>, <c>达成</c>), or a bare JSON number.</summary>
    private static string? Actual(JsonElement item, string at, List<ActualsError> errors)
    {
        if (!item.TryGetProperty("actual", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim(),
            JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
            _ => Fail(),
        };

        string? Fail()
        {
            errors.Add(new ActualsError($"{at} actual", "应为文本或数字。"));
            return null;
        }
    }
}
