using PerformanceTargets.Web.Features.Projects;

namespace PerformanceTargets.Web.Tests.GoalTables;

/// <summary>A goal table is kept rendered from its second view of a version on, never on its first.</summary>
public sealed class RenderedTableAdmissionTests
{
    [Fact]
    public void A_version_is_admitted_on_its_second_view_and_every_view_after()
    {
        var admission = new RenderedTableAdmission();
        var version = Guid.NewGuid();

        Assert.False(admission.Admit(7, version));
        Assert.True(admission.Admit(7, version));
        Assert.True(admission.Admit(7, version));
        Assert.False(admission.Admit(8, version));
    }

    [Fact]
    public void A_new_version_starts_again_from_its_first_view()
    {
        var admission = new RenderedTableAdmission();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        admission.Admit(7, first);
        Assert.True(admission.Admit(7, first));

        Assert.False(admission.Admit(7, second));
        Assert.True(admission.Admit(7, second));
        Assert.False(admission.Admit(7, first));
    }

    [Fact]
    public void Past_its_capacity_it_forgets_and_admits_again_after_another_view()
    {
        var admission = new RenderedTableAdmission();
        var version = Guid.NewGuid();
        admission.Admit(0, version);
        Assert.True(admission.Admit(0, version));

        for (var id = 1; id <= RenderedTableAdmission.Capacity; id++)
        {
            admission.Admit(id, version);
        }

        Assert.False(admission.Admit(0, version));
        Assert.True(admission.Admit(0, version));
    }

    [Fact]
    public async Task Concurrent_views_of_one_version_all_end_up_admitted()
    {
        var admission = new RenderedTableAdmission();
        var version = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var id = 0; id < 10_000; id++)
            {
                admission.Admit(id, version);
            }
        })));

        Assert.All(Enumerable.Range(0, 10_000), id => Assert.True(admission.Admit(id, version)));
    }
}
