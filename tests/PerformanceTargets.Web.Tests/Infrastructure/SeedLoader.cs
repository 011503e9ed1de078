using PerformanceTargets.Documents;
using PerformanceTargets.Documents.Mapping;
using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Web.Tests.Infrastructure;

/// <summary>Loads the 2021 sample document (the repository's samples/ folder) into a test database, through the Documents project's text reader and domain mapping.</summary>
public static class SeedLoader
{
    public const string FileName = "631001-2021-goals.txt";
    public const int Year = 2021;

    /// <summary>The seed's path (<see cref="Seed.Path"/>), or null when it is missing from samples/.</summary>
    public static string? FindSeed() => File.Exists(Seed.Path) ? Seed.Path : null;

    /// <summary>Imports the seed's units, plans and projects (as drafts); returns the first unit. Skips the test when the seed is absent.</summary>
    public static async Task<Unit> LoadAsync(AppFactory app)
    {
        var path = FindSeed();
        Assert.SkipWhen(path is null, $"The seed document {FileName} is missing from the repository's samples/ folder.");
        var result = PlanDocuments.ReadText(await File.ReadAllBytesAsync(path!), FileName, Year);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Select(e => e.ToString())));
        Unit? first = null;
        foreach (var source in result.Document!.Units)
        {
            var unit = DomainMapping.ToUnit(source);
            await app.WithDbAsync(async db =>
            {
                db.Units.Add(unit);
                await db.SaveChangesAsync();
                db.UnitPlans.Add(DomainMapping.ToPlan(source, unit.Id, Year));
                db.Projects.AddRange(source.Projects.Select(p => DomainMapping.ToProject(p, unit.Id, Year)));
                return await db.SaveChangesAsync();
            });
            first ??= unit;
        }

        return first!;
    }
}
