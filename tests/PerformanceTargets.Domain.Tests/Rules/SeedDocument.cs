using System.Globalization;
using PerformanceTargets.Domain.Projects;

namespace PerformanceTargets.Domain.Tests.Rules;

/// <summary>
/// Reads the projects of the 2021 sample document (one Word cell a line, tab-led; table rows separated by blank lines).
/// Found by walking up from the test binaries to <c>PerformanceTargets.sln</c>, then <c>samples/</c>.
/// </summary>
internal static class SeedDocument
{
    public const string FileName = "631001-2021-goals.txt";

    private static readonly Lazy<IReadOnlyList<SeedProject>> Loaded = new(Load);

    public static IReadOnlyList<SeedProject> Projects => Loaded.Value;

    public static IEnumerable<Indicator> Indicators => Projects.SelectMany(p => p.Project.Indicators);

    public static string Path
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "PerformanceTargets.sln")))
            {
                directory = directory.Parent;
            }

            if (directory is null)
            {
                throw new InvalidOperationException("PerformanceTargets.sln not found above " + AppContext.BaseDirectory);
            }

            return System.IO.Path.GetFullPath(System.IO.Path.Combine(directory.FullName, "samples", FileName));
        }
    }

    private static List<SeedProject> Load()
    {
        var lines = File.ReadAllLines(Path).Select(l => l.Trim()).ToList();
        var projects = new List<SeedProject>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] != "项目编码")
            {
                continue;
            }

            var code = lines[i + 1];
            var name = lines[i + 3];
            var budget = ParseMoney(lines[NextIndex(lines, i, "预算数") + 1]);
            var fiscal = ParseMoney(lines[NextIndex(lines, i, "其中：财政资金") + 1]);
            var other = ParseMoney(lines[NextIndex(lines, i, "其他资金") + 1]);
            var purpose = lines[NextIndex(lines, i, "其他资金") + 4];
            var december = NextIndex(lines, i, "12月底");
            var plan = lines.Skip(december + 1).Where(l => l.EndsWith('%')).Take(4)
                .Select((p, k) => new SpendingCheckpoint(SpendingCheckpoint.StandardMonths[k], decimal.Parse(p.TrimEnd('%'), CultureInfo.InvariantCulture)))
                .ToList();

            var indicators = new List<Indicator>();
            var row = NextIndex(lines, i, "指标值确定依据") + 2;
            while (row + 5 < lines.Count && IsIndicatorRow(lines, row))
            {
                indicators.Add(new Indicator(lines[row], lines[row + 1], lines[row + 2], lines[row + 3], lines[row + 4], lines[row + 5]));
                row += 7;
            }

            // Blank 一级 cells continue the group above, as in the Word table.
            var level1 = string.Empty;
            foreach (var indicator in indicators)
            {
                level1 = indicator.Level1.Length > 0 ? indicator.Level1 : level1;
                indicator.Level1 = level1;
            }

            var project = new BudgetProject(631001, 2021, code, name);
            project.SetBasics(code, name, budget, fiscal, other, purpose);
            project.SetSpendingPlan(plan);
            project.SetIndicators(indicators);
            projects.Add(new SeedProject(project));
        }

        return projects;
    }

    private static bool IsIndicatorRow(List<string> lines, int row) =>
        lines[row + 1].EndsWith("指标", StringComparison.Ordinal) && lines[row + 2].Length > 0 && (row + 6 >= lines.Count || lines[row + 6].Length == 0);

    private static int NextIndex(List<string> lines, int from, string cell) => lines.FindIndex(from, l => l == cell);

    private static decimal ParseMoney(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}

internal sealed record SeedProject(BudgetProject Project);
