using System.Security.Claims;

namespace PerformanceTargets.Web.Infrastructure.Auditing;

/// <summary>Who is making changes in this scope: the signed-in user, or a name a verb or background job sets.</summary>
public sealed class AuditActor(IHttpContextAccessor? http)
{
    /// <summary>The actor of changes made outside any request or verb scope (e.g. a context built by hand).</summary>
    public static readonly AuditActor System = new(null);

    private string? _name;

    public string Name => _name ?? http?.HttpContext?.User.FindFirstValue(ClaimTypes.Name) ?? "system";

    /// <summary>What larger operation the changes belong to (e.g. <c>import seed.txt</c>); null for plain edits.</summary>
    public string? Operation { get; set; }

    public void Set(string name, string? operation = null)
    {
        _name = name;
        Operation = operation;
    }
}
