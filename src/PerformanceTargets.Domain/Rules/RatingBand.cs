namespace PerformanceTargets.Domain.Rules;

/// <summary>One grade band: a value at or above <see cref="Min"/> (inclusive) and below the next higher band rates <see cref="Grade"/>.</summary>
/// <param name="Grade">优, 良, 中 or 差 (or another label an admin configures).</param>
/// <param name="Min">Inclusive lower bound on the 100-point / percent scale.</param>
public sealed record RatingBand(string Grade, decimal Min);
