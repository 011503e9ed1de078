using System.Text.RegularExpressions;

namespace PerformanceTargets.Domain.Projects;

/// <summary>One numbered 绩效目标 of a project. <see cref="Text"/> is stored without its <c>1.</c> numbering.</summary>
public sealed partial record ProjectGoal(int Order, string Text)
{
    /// <summary>
    /// <paramref name="text"/> without the number a user typed in front of it, the way the official table writes goals
    /// (<c>1.开展…</c>, <c>2、提升…</c>, <c>（3）保障…</c>): the number is the goal's place, shown once by whoever displays it.
    /// A number that is the goal's content (<c>1.5万元…</c>) stays.
    /// </summary>
    public static string WithoutNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return LeadingNumber().Replace(text, string.Empty, 1).Trim();
    }

    /// <summary>The goal as displayed: its number once, then its text (<c>1.开展…</c>).</summary>
    public static string Numbered(int order, string text) => $"{order}.{WithoutNumber(text)}";

    [GeneratedRegex(@"^\s*(?:\d{1,2}\s*[.．、)）](?!\d)|[（(]\d{1,2}[)）])\s*")]
    private static partial Regex LeadingNumber();
}
