using PerformanceTargets.Domain.Units;

namespace PerformanceTargets.Domain.Tests;

public class UnitCodeAndNameSplitting
{
    [Theory]
    [InlineData("631001秦皇岛市山海关区临港经济开发区发展中心本级", "631001", "秦皇岛市山海关区临港经济开发区发展中心本级")]
    [InlineData("  101  某某局本级 ", "101", "某某局本级")]
    public void Leading_digits_are_the_code_and_the_rest_the_name(string cell, string code, string name)
    {
        Assert.True(Unit.TrySplitCodeAndName(cell, out var c, out var n));
        Assert.Equal(code, c);
        Assert.Equal(name, n);
    }

    [Theory]
    [InlineData("秦皇岛市本级")]
    [InlineData("631001")]
    [InlineData("")]
    public void A_cell_without_code_or_name_is_refused(string cell) =>
        Assert.False(Unit.TrySplitCodeAndName(cell, out _, out _));
}
