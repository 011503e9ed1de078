using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PerformanceTargets.Browser.Tests.Infrastructure;

/// <summary>Checks every page a journey visits: axe-core accessibility and sideways overflow on a phone.</summary>
public static class PageChecks
{
    /// <summary>The impacts that fail a test; moderate and minor findings are reported by axe but do not fail.</summary>
    private static readonly string[] Failing = ["serious", "critical"];

    /// <summary>axe-core's serious and critical violations of the page as it is now, one line each (empty when none).</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => Failing.Contains(v.Impact))
            .Select(v => $"{page.Url}: {v.Impact} {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")];
    }

    /// <summary>The outermost elements that reach past the viewport's right edge (tag#id.class), to say what overflows.</summary>
    public static async Task<string> OverflowingAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<string>("""
            () => {
                const wide = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1);
                const outer = wide.filter(e => !wide.includes(e.parentElement));
                return outer.slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().replace(/\s+/g, ".") : "")
                    + " (" + Math.round(e.getBoundingClientRect().right) + " px)").join(", ");
            }
            """);
    }

    /// <summary>How many CSS pixels the page is wider than the viewport (0 when nothing overflows sideways).</summary>
    public static async Task<int> HorizontalOverflowAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<int>("() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
    }
}
