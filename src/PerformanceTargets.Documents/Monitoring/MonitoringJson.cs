using System.Globalization;
using System.Text.Json;
using PerformanceTargets.Domain.Rules;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Documents.Monitoring;

/// <summary>
/// Reads the 绩效运行监控 JSON (docs/formats.md §10):
/// <c>{ "year", "endMonth", "projects": [ { "code", "annualBudget", "executedToDate", "expectedFullYear", "indicators": [ { "row", "name", "completedToDate", "expectedFullYear", "likelihood", "causes": [], "deviationNote", "correctiveMeasures", "remark" } ] } ] }</c>.
/// Amounts are read as decimal; errors carry the JSON path.
/// </summary>
public static class MonitoringJson
{
    public static (MonitoringDocument? Document, List<MonitoringFileError> Errors) Read(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new List<MonitoringFileError>();
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return (null, [new MonitoringFileError($"{fileName} 第{(ex.LineNumber ?? 0) + 1}行", "不是有效的 JSON。")]);
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new MonitoringFileError($"{fileName} $", "应为一个 JSON 对象。")]);
            }

            var document = new MonitoringDocument();
            if (root.TryGetProperty("year", out var year) && year.ValueKind == JsonValueKind.Number && year.TryGetInt32(out var y) && y is >= FiscalYear.MinYear and <= FiscalYear.MaxYear)
            {
                document.Year = y;
            }
            else
            {
                errors.Add(new MonitoringFileError($"{fileName} $.year", $"应为 {FiscalYear.MinYear}–{FiscalYear.MaxYear} 之间的年度。"));
            }

            if (root.TryGetProperty("endMonth", out var month))
            {
                if (month.ValueKind == JsonValueKind.Number && month.TryGetInt32(out var m) && m is >= 1 and <= 12)
                {
                    document.EndMonth = m;
                }
                else
                {
                    errors.Add(new MonitoringFileError($"{fileName} $.endMonth", "应为 1–12 的整数（监控期间 1–m 月的 m）。"));
                }
            }

            var projects = Array(root, "projects", $"{fileName} $", errors);
            for (var p = 0; p < projects.Count; p++)
            {
                var at = $"{fileName} $.projects[{p}]";
                var item = projects[p];
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new MonitoringFileError(at, "应为一个对象。"));
                    continue;
                }

                var code = String(item, "code", at, errors);
                if (code is null)
                {
                    errors.Add(new MonitoringFileError($"{at}.code", "项目编码不能为空。"));
                    continue;
                }

                var where = $"{at}（项目 {code}）";
                var project = new ProjectMonitoringData(code, where)
                {
                    AnnualBudget = Number(item, "annualBudget", where, errors),
                    ExecutedToDate = Number(item, "executedToDate", where, errors),
                    ExpectedFullYear = Number(item, "expectedFullYear", where, errors),
                };
                document.Projects.Add(project);

                var indicators = item.TryGetProperty("indicators", out _) ? Array(item, "indicators", where, errors) : [];
                for (var i = 0; i < indicators.Count; i++)
                {
                    var row = indicators[i];
                    var name = row.ValueKind == JsonValueKind.Object ? String(row, "name", $"{where}.indicators[{i}]", errors) : null;
                    var rowAt = $"{at}.indicators[{i}]（项目 {code} 指标“{name}”）";
                    if (row.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(new MonitoringFileError(rowAt, "应为一个对象。"));
                        continue;
                    }

                    if (!row.TryGetProperty("row", out var number) || number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out var n) || n < 1)
                    {
                        errors.Add(new MonitoringFileError($"{rowAt}.row", "应为正整数（监控表中指标的行号）。"));
                        continue;
                    }

                    var likelihood = Likelihood.Certain;
                    if (String(row, "likelihood", rowAt, errors) is { } likelihoodText)
                    {
                        if (MonitoringDocument.ParseLikelihood(likelihoodText) is { } parsed)
                        {
                            likelihood = parsed;
                        }
                        else
                        {
                            errors.Add(new MonitoringFileError($"{rowAt}.likelihood", $"应为 确定能、有可能 或 完全不可能，现为“{likelihoodText}”。"));
                        }
                    }

                    var causes = DeviationCause.None;
                    if (row.TryGetProperty("causes", out var causeArray) && causeArray.ValueKind != JsonValueKind.Null)
                    {
                        if (causeArray.ValueKind != JsonValueKind.Array || causeArray.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
                        {
                            errors.Add(new MonitoringFileError($"{rowAt}.causes", "应为偏差原因名称的数组，如 [\"经费保障\", \"其他\"]。"));
                        }
                        else
                        {
                            var unknown = new List<string>();
                            causes = MonitoringDocument.ParseCauses(causeArray.EnumerateArray().Select(c => c.GetString()!), unknown);
                            if (unknown.Count > 0)
                            {
                                errors.Add(new MonitoringFileError($"{rowAt}.causes", $"不认识的偏差原因“{string.Join("、", unknown)}”；应为 经费保障、制度保障、人员保障、硬件条件保障、其他。"));
                            }
                        }
                    }

                    project.Indicators.Add(new IndicatorMonitoringData(n, name,
                        String(row, "completedToDate", rowAt, errors), String(row, "expectedFullYear", rowAt, errors), likelihood, causes,
                        String(row, "deviationNote", rowAt, errors), String(row, "correctiveMeasures", rowAt, errors), String(row, "remark", rowAt, errors), rowAt));
                }
            }

            return (errors.Count == 0 ? document : null, errors);
        }
    }

    private static List<JsonElement> Array(JsonElement parent, string name, string at, List<MonitoringFileError> errors)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            return [.. value.EnumerateArray()];
        }

        errors.Add(new MonitoringFileError($"{at}.{name}", "应为一个数组。"));
        return [];
    }

    /// <summary>A string property (a number is taken as its text, e.g. <c>50</c>); null when absent, null or blank.</summary>
    private static string? String(JsonElement parent, string name, string at, List<MonitoringFileError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString()!.Trim();
            case JsonValueKind.Number:
                return value.GetDecimal().ToString(CultureInfo.InvariantCulture);
            default:
                errors.Add(new MonitoringFileError($"{at}.{name}", "应为文字。"));
                return null;
        }
    }

    private static decimal? Number(JsonElement parent, string name, string at, List<MonitoringFileError> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        errors.Add(new MonitoringFileError($"{at}.{name}", $"应为数字（元），现为 {value.GetRawText()}。"));
        return null;
    }
}
