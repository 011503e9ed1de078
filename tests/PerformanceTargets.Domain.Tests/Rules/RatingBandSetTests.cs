using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

public class ClassifyingWithTheNationalBands
{
    [Theory]
    [InlineData(100, "优")]
    [InlineData(90, "优")]
    [InlineData(89.99, "良")]
    [InlineData(80, "良")]
    [InlineData(79.99, "中")]
    [InlineData(60, "中")]
    [InlineData(59.99, "差")]
    [InlineData(0, "差")]
    [InlineData(130, "优")]
    public void Lower_bounds_are_inclusive_on_the_unrounded_value(double value, string grade) =>
        Assert.Equal(grade, RatingBandSet.National.Classify((decimal)value));

    [Fact]
    public void A_value_that_only_rounds_up_to_90_is_still_良() =>
        Assert.Equal("良", RatingBandSet.National.Classify(89.995m));

    [Fact]
    public void A_negative_value_is_refused_with_a_chinese_message()
    {
        Assert.False(RatingBandSet.National.TryClassify(-0.01m, out var grade, out var error));
        Assert.Null(grade);
        Assert.Contains("负数", error, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => RatingBandSet.National.Classify(-1m));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Nan_and_infinities_are_refused(double value)
    {
        Assert.False(RatingBandSet.National.TryClassify(value, out _, out var error));
        Assert.NotNull(error);
    }
}

public class RatingACompletionRate
{
    [Theory]
    [InlineData(150, "优")]
    [InlineData(100.01, "优")]
    [InlineData(95, "优")]
    [InlineData(94.99, "良")]
    [InlineData(70, "中")]
    [InlineData(69.99, "差")]
    [InlineData(0, "差")]
    public void Above_100_rates_as_100_and_the_sub_goal_bands_apply(double rate, string grade)
    {
        var bands = RatingBandSet.Create([new("优", 95m), new("良", 85m), new("中", 70m), new("差", 0m)]);
        Assert.True(bands.TryRateCompletion((decimal)rate, out var actual, out _));
        Assert.Equal(grade, actual);
    }

    [Fact]
    public void A_negative_rate_is_refused()
    {
        Assert.False(RatingBandSet.National.TryRateCompletion(-5m, out _, out var error));
        Assert.Contains("负数", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rate_is_refused_not_rated_差()
    {
        Assert.False(RatingBandSet.National.TryRateCompletion(null, out var grade, out var error));
        Assert.Null(grade);
        Assert.Contains("尚未填写", error, StringComparison.Ordinal);
    }
}

public class ValidatingABandSet
{
    [Fact]
    public void The_national_bands_are_90_80_60_0() =>
        Assert.Equal([90m, 80m, 60m, 0m], RatingBandSet.National.Bands.Select(b => b.Min));

    public static TheoryData<RatingBand[], string> Invalid => new()
    {
        { [], "不能为空" },
        { [new("优", 90m), new("良", 90m), new("差", 0m)], "严格递减" },
        { [new("优", 80m), new("良", 90m), new("差", 0m)], "严格递减" },
        { [new("优", 90m), new("良", 80m), new("中", 60m)], "必须以“差”结尾" },
        { [new("优", 90m), new("差", 10m)], "下限必须为 0" },
        { [new("优", 90m), new("良", -5m), new("差", 0m)], "不能为负数" },
        { [new("优", 90m), new("", 80m), new("差", 0m)], "没有等级名称" },
        { [new("优", 90m), new("优", 80m), new("差", 0m)], "重复" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_set_is_refused_with_a_chinese_reason(RatingBand[] bands, string reason)
    {
        var error = Assert.Throws<DomainException>(() => RatingBandSet.Create(bands));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(RatingBandSet.TryCreate(bands, out var set, out var message));
        Assert.Null(set);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_labels_are_allowed_if_the_set_ends_at_差() =>
        Assert.Equal("合格", RatingBandSet.Create([new("合格", 60m), new("差", 0m)]).Classify(75m));
}

public class ParsingAPerformanceStandardSentence
{
    [Theory]
    [InlineData("综合办公日常运转率区间在90%-100%为优；综合办公日常运转率区间在80%-90%为良；综合办公日常运转率区间在60%-80%为中；综合办公日常运转率区间在60%以下为差。", 90, 80, 60)]
    [InlineData("区间在95%-100%为优；85%-95%为良；70%-85%为中；70%以下为差", 95, 85, 70)]
    [InlineData("征拆工作完成率区间在90%-100%为优；征拆工作完成率在80%-90%为良；征拆工作完成率区间在60%-80%为中；征拆工作完成率区间在60%以下为差。", 90, 80, 60)]
    [InlineData("项目入园情况，企业满意率区间在90%-100%为优；项目入园情况，企业满意率区间在80%-90%为良；项目入园情况，企业满意率区间在60%-80%为中；项目入园情况，企业满意率区间在60%以下为差。", 90, 80, 60)]
    [InlineData("完成率区间在９５％～１００％为优；８５％～９５％为良；７０％～８５％为中；７０％以下为差", 95, 85, 70)]
    [InlineData("完成率95%以上为优；85%-95%为良；70%-85%为中；低于70%为差", 95, 85, 70)]
    [InlineData("70%以下（不含70%）为差；70%-85%为中；85%-95%为良；95%-100%为优", 95, 85, 70)]
    [InlineData("5G覆盖率区间在92.5%-100%为优；80%-92.5%为良；60%-80%为中；60%以下为差", 92.5, 80, 60)]
    [InlineData("优：90-100；良：75-89；中：60-74；差：60以下", 90, 75, 60)]
    public void The_bands_are_read_from_the_text_never_assumed(string sentence, double good, double fair, double medium)
    {
        Assert.True(RatingBandSet.TryParseStandard(sentence, out var set, out var error), error);
        Assert.Equal(["优", "良", "中", "差"], set!.Bands.Select(b => b.Grade));
        Assert.Equal([(decimal)good, (decimal)fair, (decimal)medium, 0m], set.Bands.Select(b => b.Min));
    }

    [Theory]
    [InlineData("", "为空")]
    [InlineData("确保各方满意", "没有找到")]
    [InlineData("区间在90%-100%为优；区间在80%-90%为良", "必须以“差”结尾")]
    [InlineData("区间在90%-100%为优；区间在95%以下为良；区间在60%以下为差", "严格递减")]
    [InlineData("90%-100%为优；较好为良；60%以下为差", "没有写出数值区间")]
    [InlineData("区间在90%-95%为优；区间在95%-100%为良；区间在60%-90%为中；区间在60%以下为差", "分档顺序不对")]
    [InlineData("90%-100%为优；80%-90%为优；60%以下为差", "不止一次")]
    public void A_sentence_without_valid_bands_is_refused(string sentence, string reason)
    {
        Assert.False(RatingBandSet.TryParseStandard(sentence, out var set, out var error));
        Assert.Null(set);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_standard_sentence_of_the_seed_reads_as_90_80_60()
    {
        var sentences = File.ReadAllLines(SeedDocument.Path).Select(l => l.Trim())
            .Where(l => l.StartsWith("绩效标准是", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, sentences.Count);
        foreach (var sentence in sentences)
        {
            Assert.True(RatingBandSet.TryParseStandard(sentence, out var set, out var error), error);
            Assert.Equal([90m, 80m, 60m, 0m], set!.Bands.Select(b => b.Min));
        }
    }
}
