using System.Diagnostics;
using System.Globalization;

namespace PerformanceTargets.Web.Tests.YearEnd;

/// <summary>
/// Actuals for the imported seed, chosen so the national rules give known results by hand:
/// <list type="bullet">
/// <item>综合政务管理业务费: execution 1,960,000 / 2,000,000 → 9.8; 产出 4 × 12.5 = 50; 效益 5.0 (部分达成) + 7.5 + 7.5 + 7.0 (达成) = 27;
/// 满意度 3.2 (未达成) → total exactly 90.00 → 优.</item>
/// <item>人事代理专项补助: execution 10 × 200,000 / 214,540 = 9.3223 → 9.32; 产出 50; 效益 3 × 7.5 + 未达成 default 0.3 × 7.5 = 24.75;
/// 满意度 10 → 94.0722… → 94.07 → 优.</item>
/// <item>Sub-goals: 综合办公日常运转率 93.5 → 优; 财务审计管理规范 89.99 → 良; 征拆工作完成率 59.99 → 差.</item>
/// </list>
/// </summary>
public static class SeedActuals
{
    public const string Office = "1303032113FG3ZE1SGQAM";
    public const string Personnel = "13030321199H7YOAI104I";

    public const string Json = """
        { "year": 2021,
          "projects": [
            { "code": "1303032113FG3ZE1SGQAM", "executed": 1960000.00,
              "spending": [ { "month": 3, "spent": 300000 }, { "month": 6, "spent": 700000 } ],
              "indicators": [
                { "name": "购置率", "actual": "90%" },
                { "name": "综合业务管理工作完成率", "actual": "95%" },
                { "name": "及时性", "actual": "达成" },
                { "name": "控制在预算资金内", "actual": "达成" },
                { "name": "提高工作效率", "actual": "部分达成", "score": 5.0, "deviationReason": "部分流程尚未优化" },
                { "name": "提供优质服务", "actual": "达成" },
                { "name": "满足生态环保要求", "actual": "达成" },
                { "name": "保障日常办公", "actual": "达成", "score": 7.0, "deviationReason": "个别时段保障不足" },
                { "name": "服务对象满意度", "actual": "未达成", "score": 3.2, "deviationReason": "满意度调查样本不足" } ] },
            { "code": "13030321199H7YOAI104I", "executed": 200000,
              "indicators": [
                { "name": "支付工资及保险人员数量", "actual": "2" },
                { "name": "工资及保险发放准确率", "actual": "2人" },
                { "name": "资金支付及时率", "actual": "100%" },
                { "name": "控制在预算资金内", "actual": "达成" },
                { "name": "资金使用效益", "actual": "达成" },
                { "name": "业务工作稳定性", "actual": "达成" },
                { "name": "保障社会发展", "actual": "达成" },
                { "name": "保障工作完成", "actual": "未达成", "deviationReason": "人员变动" },
                { "name": "职工满意度", "actual": "98%" } ] } ],
          "subGoals": [
            { "unitCode": "631001", "indicator": "综合办公日常运转率", "completionRate": 93.5 },
            { "unitCode": "631001", "indicator": "财务审计管理规范", "completionRate": 89.99 },
            { "unitCode": "631001", "indicator": "征拆工作完成率", "completionRate": 59.99 } ] }
        """;

    /// <summary>Every kind of mistake the import must refuse, plus one valid change that must not be applied either.</summary>
    public const string Refused = """
        { "year": 2021,
          "projects": [
            { "code": "NO-SUCH-PROJECT", "executed": 1 },
            { "code": "1303032113FG3ZE1SGQAM", "executed": 1000000.00,
              "indicators": [
                { "name": "及时性", "actual": "85" },
                { "name": "保障日常办公", "actual": "部分达成", "score": 7.5 },
                { "name": "不存在的指标", "actual": "达成" } ] },
            { "code": "13030321199H7YOAI104I",
              "indicators": [ { "name": "工资及保险发放准确率", "actual": "100%" } ] } ] }
        """;

    public static string Write(string folder, string name, string content)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Reads a CSV (RFC 4180 quoting) into rows of cells.</summary>
    public static List<string[]> ReadCsv(string text)
    {
        var rows = new List<string[]>();
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        text = text.TrimStart('\uFEFF');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. cells]);
                cells.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add([.. cells]);
        }

        return rows;
    }

    /// <summary>Cells compare as numbers when both read as numbers (LibreOffice shows 2000000.00 as 2000000), else as text.</summary>
    public static bool SameCell(string a, string b) =>
        decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y)
            ? x == y
            : a == b;

    /// <summary>Converts the first sheet of <paramref name="xlsx"/> to CSV with LibreOffice headless; skips the test when soffice is missing.</summary>
    public static async Task<string> LibreOfficeCsvAsync(string xlsx)
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(soffice is null, "LibreOffice (soffice) is not installed; the .xlsx cannot be read back (bash .ci/run installs it).");
        var outDir = Path.Combine(Path.GetDirectoryName(xlsx)!, "lo-" + Guid.NewGuid().ToString("N")[..8]);
        var profile = Path.Combine(Path.GetTempPath(), "pt-lo-profile-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(soffice!)
        {
            ArgumentList = { $"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", outDir, xlsx },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var csv = Path.Combine(outDir, Path.GetFileNameWithoutExtension(xlsx) + ".csv");
        Assert.True(File.Exists(csv), $"soffice did not convert: {await process.StandardError.ReadToEndAsync()}");
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
        }

        return await File.ReadAllTextAsync(csv);
    }
}
