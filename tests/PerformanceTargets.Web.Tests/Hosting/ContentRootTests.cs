using PerformanceTargets.Web.Infrastructure.Hosting;

namespace PerformanceTargets.Web.Tests.Hosting;

/// <summary>Where the program looks for appsettings*.json and wwwroot, whatever the working directory.</summary>
public sealed class ContentRootTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pt-content-root", Guid.NewGuid().ToString("N"));

    private static string? NoEnvironment(string name) => null;

    [Fact]
    public void A_published_program_uses_its_own_folder()
    {
        var program = Directory.CreateDirectory(Path.Combine(_root, "publish")).FullName;
        Directory.CreateDirectory(Path.Combine(program, "wwwroot"));

        Assert.Equal(program, ContentRoot.Resolve([], NoEnvironment, program));
    }

    [Fact]
    public void A_program_built_from_source_uses_its_project_folder()
    {
        var project = Directory.CreateDirectory(Path.Combine(_root, "src", "PerformanceTargets.Web")).FullName;
        File.WriteAllText(Path.Combine(project, "PerformanceTargets.Web.csproj"), "<Project />");
        var program = Directory.CreateDirectory(Path.Combine(project, "bin", "Debug", "net10.0")).FullName;

        Assert.Equal(project, ContentRoot.Resolve([], NoEnvironment, program));
    }

    [Theory]
    [InlineData("--contentRoot", "/srv/pt")]
    [InlineData("--contentRoot=/srv/pt", null)]
    [InlineData("/contentRoot", "/srv/pt")]
    public void An_explicit_content_root_on_the_command_line_wins(string first, string? second)
    {
        var program = Directory.CreateDirectory(Path.Combine(_root, "publish")).FullName;
        Directory.CreateDirectory(Path.Combine(program, "wwwroot"));
        string[] args = second is null ? [first] : [first, second];

        Assert.Null(ContentRoot.Resolve(args, NoEnvironment, program));
    }

    [Theory]
    [InlineData("ASPNETCORE_CONTENTROOT")]
    [InlineData("DOTNET_CONTENTROOT")]
    public void An_explicit_content_root_in_the_environment_wins(string variable)
    {
        var program = Directory.CreateDirectory(Path.Combine(_root, "publish")).FullName;
        Directory.CreateDirectory(Path.Combine(program, "wwwroot"));

        Assert.Null(ContentRoot.Resolve([], name => name == variable ? "/srv/pt" : null, program));
    }

    [Fact]
    public void Elsewhere_the_framework_default_stays()
    {
        var program = Directory.CreateDirectory(Path.Combine(_root, "loose")).FullName;

        Assert.Null(ContentRoot.Resolve([], NoEnvironment, program));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
