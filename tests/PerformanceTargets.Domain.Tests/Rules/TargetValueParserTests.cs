using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

public class ParsingQuantitativeValues
{
    [Theory]
    [InlineData("≥90百分比", ">=", ">=", "90", "%")]
    [InlineData("≥95%", ">=", ">=", "95", "%")]
    [InlineData("2人", "=", "=", "2", "人")]
    [InlineData("≥2个", ">=", ">=", "2", "个")]
    [InlineData("100%", "=", "=", "100", "%")]
    [InlineData("≤1.6万元", "<=", "<=", "1.6", "万元")]
    [InlineData("=28处", "=", "=", "28", "处")]
    [InlineData("0起", "=", "=", "0", "起")]
    [InlineData("  ≥ 90 % ", ">=", ">=", "90", "%")]
    [InlineData("12万人次", "=", "=", "12", "万人次")]
    [InlineData("500元/人", "=", "=", "500", "元/人")]
    [InlineData("1,200,000.50元", "=", "=", "1200000.50", "元")]
    [InlineData("≥95%。", ">=", ">=", "95", "%")]
    [InlineData("90", "=", "=", "90", "")]
    [InlineData("100万人次以上", ">=", ">=", "100", "万人次")]
    [InlineData("≥8个以上", ">=", ">=", "8", "个")]
    [InlineData("12个月", "=", "=", "12", "个月")]
    [InlineData("≤5天", "<=", "<=", "5", "天")]
    [InlineData("1次/年", "=", "=", "1", "次/年")]
    [InlineData("5%左右", "=", "=", "5", "%")]
    [InlineData("≤３，０００元", "<=", "<=", "3000", "元")]
    public void A_number_with_operator_and_unit_is_quantitative(string text, string scored, string written, string number, string unit)
    {
        var value = Assert.IsType<QuantitativeTarget>(TargetValueParser.Parse(text));
        Assert.Equal(scored, value.Comparator);
        Assert.Equal(written, value.WrittenComparator);
        Assert.Equal(decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture), value.Number);
        Assert.Equal(unit, value.Unit);
        Assert.Null(value.Max);
    }
}

public class ParsingOperatorSpellings
{
    [Theory]
    [InlineData("≥90%", ">=", ">=")]
    [InlineData("≧90%", ">=", ">=")]
    [InlineData(">=90%", ">=", ">=")]
    [InlineData("⩾90%", ">=", ">=")]
    [InlineData("不低于90%", ">=", ">=")]
    [InlineData("不少于90%", ">=", ">=")]
    [InlineData("90%以上", ">=", ">=")]
    [InlineData("90%及以上", ">=", ">=")]
    [InlineData("＞90%", ">=", ">")]
    [InlineData(">90%", ">=", ">")]
    [InlineData("高于90%", ">=", ">")]
    [InlineData("≤90%", "<=", "<=")]
    [InlineData("≦90%", "<=", "<=")]
    [InlineData("<=90%", "<=", "<=")]
    [InlineData("不高于90%", "<=", "<=")]
    [InlineData("不超过90%", "<=", "<=")]
    [InlineData("90%以内", "<=", "<=")]
    [InlineData("90%以下", "<=", "<=")]
    [InlineData("控制在90%以内", "<=", "<=")]
    [InlineData("＜90%", "<=", "<")]
    [InlineData("<90%", "<=", "<")]
    [InlineData("低于90%", "<=", "<")]
    [InlineData("=90%", "=", "=")]
    [InlineData("＝90%", "=", "=")]
    [InlineData("90%", "=", "=")]
    public void Every_spelling_maps_to_its_comparator(string text, string scored, string written)
    {
        var value = Assert.IsType<QuantitativeTarget>(TargetValueParser.Parse(text));
        Assert.Equal(scored, value.Comparator);
        Assert.Equal(written, value.WrittenComparator);
        Assert.Equal(90m, value.Number);
        Assert.Equal("%", value.Unit);
    }

    [Theory]
    [InlineData("≥９０％")]
    [InlineData("≧９０％")]
    [InlineData("＞＝９０％")]
    [InlineData("≥９０百分比")]
    [InlineData("≥90％")]
    public void Full_width_digits_and_signs_parse_like_ascii(string text)
    {
        var value = Assert.IsType<QuantitativeTarget>(TargetValueParser.Parse(text));
        Assert.Equal(">=", value.Comparator);
        Assert.Equal(90m, value.Number);
        Assert.Equal("%", value.Unit);
    }

    [Theory]
    [InlineData("≥1.5万元", 1.5)]
    [InlineData("≥０.５万元", 0.5)]
    [InlineData("≥12.25%", 12.25)]
    public void Decimals_are_exact(string text, double expected)
    {
        var value = Assert.IsType<QuantitativeTarget>(TargetValueParser.Parse(text));
        Assert.Equal((decimal)expected, value.Number);
    }
}

public class ParsingRanges
{
    [Theory]
    [InlineData("90-100%", 90, 100, "%")]
    [InlineData("90%-100%", 90, 100, "%")]
    [InlineData("90～100%", 90, 100, "%")]
    [InlineData("90~100%", 90, 100, "%")]
    [InlineData("90至100%", 90, 100, "%")]
    [InlineData("90—100%", 90, 100, "%")]
    [InlineData("3-5个", 3, 5, "个")]
    [InlineData("1.5-2万元", 1.5, 2, "万元")]
    public void Two_numbers_joined_by_a_dash_tilde_or_zhi_are_a_range(string text, double min, double max, string unit)
    {
        var value = Assert.IsType<QuantitativeTarget>(TargetValueParser.Parse(text));
        Assert.Equal("range", value.Comparator);
        Assert.Equal("range", value.WrittenComparator);
        Assert.Equal((decimal)min, value.Number);
        Assert.Equal((decimal)max, value.Max);
        Assert.Equal(unit, value.Unit);
    }

    [Theory]
    [InlineData("100-90%")]
    [InlineData("90人-100%")]
    [InlineData("≥90-100%")]
    public void A_reversed_or_mixed_unit_range_is_left_as_written(string text) =>
        Assert.IsType<QualitativeTarget>(TargetValueParser.Parse(text));
}

public class ParsingQualitativeValues
{
    [Theory]
    [InlineData("是")]
    [InlineData("是/否")]
    [InlineData("及时")]
    [InlineData("准确")]
    [InlineData("满意")]
    [InlineData("按时完工")]
    [InlineData("达标")]
    [InlineData("长期")]
    [InlineData("提高")]
    [InlineData("进一步保障")]
    [InlineData("控制在预算资金内")]
    [InlineData("控制在预算范围内")]
    [InlineData("12月底前")]
    [InlineData("12月底前完成")]
    [InlineData("1.5-")]
    [InlineData("2021年12月31日")]
    [InlineData("100%完成后验收合格")]
    [InlineData("以上")]
    [InlineData("≥")]
    [InlineData("≥90%以下")]
    public void Anything_not_a_number_with_unit_is_qualitative_and_kept_as_written(string text)
    {
        var value = Assert.IsType<QualitativeTarget>(TargetValueParser.Parse(text));
        Assert.Equal(text.Trim(), value.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_value_is_qualitative_and_empty(string? text) =>
        Assert.Equal(new QualitativeTarget(string.Empty), TargetValueParser.Parse(text));
}

public class ParsingNeverThrows
{
    private const string Alphabet = "0123456789０１２３４５６７８９.,，-~～至到≥≧≤≦><＞＜=＝%％百分比万元人次个以上以下内不低于超过控制在是否/ \t\n()（）";

    [Fact]
    public void Random_strings_of_value_characters_always_parse()
    {
        var random = new Random(20210101);
        for (var i = 0; i < 20_000; i++)
        {
            var length = random.Next(0, 16);
            var chars = new char[length];
            for (var k = 0; k < length; k++)
            {
                chars[k] = random.Next(10) == 0 ? (char)random.Next(0, 0xFFFF) : Alphabet[random.Next(Alphabet.Length)];
            }

            var text = new string(chars);
            var value = TargetValueParser.Parse(text);
            Assert.NotNull(value);
            if (value is QuantitativeTarget q && q.Max is not null)
            {
                Assert.True(q.Max >= q.Number, text);
            }
        }
    }

    [Theory]
    [InlineData("99999999999999999999999999999999999")]
    [InlineData("1.99999999999999999999999999999999999")]
    [InlineData("-")]
    [InlineData("1-")]
    [InlineData("1,")]
    [InlineData("1,00")]
    [InlineData("1.")]
    [InlineData("\uFFFF\uD800")]
    public void Pathological_numbers_do_not_throw(string text) => Assert.NotNull(TargetValueParser.Parse(text));
}

public class ParsingTheSeedValues
{
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["≥90百分比"] = "q:>=:90:%",
        ["2人"] = "q:=:2:人",
        ["12人"] = "q:=:12:人",
        ["100%"] = "q:=:100:%",
        ["≥95%"] = "q:>=:95:%",
        ["≥2个"] = "q:>=:2:个",
        ["≥90%"] = "q:>=:90:%",
        ["是/否"] = "t:是/否",
        ["及时"] = "t:及时",
        ["控制在预算资金内"] = "t:控制在预算资金内",
        ["进一步保障"] = "t:进一步保障",
        ["提高"] = "t:提高",
        ["是"] = "t:是",
    };

    [Fact]
    public void The_seed_has_45_indicators_in_5_projects() =>
        Assert.Equal(45, SeedDocument.Indicators.Count());

    [Fact]
    public void Every_seed_value_reads_as_a_finance_officer_reads_it()
    {
                var quantitative = 0;
        foreach (var indicator in SeedDocument.Indicators)
        {
            var value = TargetValueParser.Parse(indicator.Value);
            var actual = value switch
            {
                QuantitativeTarget q => $"q:{q.Comparator}:{q.Number}:{q.Unit}",
                QualitativeTarget t => $"t:{t.Text}",
                _ => "?",
            };
            if (Expected.TryGetValue(indicator.Value.Trim(), out var want))
            {
                Assert.Equal(want, actual);
            }
            else
            {
                // Every other seed value is a word or phrase (准确, 按时完工, 按要求支出, 达到效率 …): qualitative.
                Assert.StartsWith("t:", actual, StringComparison.Ordinal);
            }

            quantitative += value is QuantitativeTarget ? 1 : 0;
        }

        Assert.Equal(14, quantitative);
    }
}

public class ParsingActuals
{
    [Theory]
    [InlineData("80人")]
    [InlineData(" ９５％ ")]
    [InlineData("≥100")]
    [InlineData("10-20万元")]
    [InlineData("达成")]
    [InlineData("")]
    [InlineData(null)]
    public void An_actual_parses_as_a_target_value_of_the_same_text_does(string? text) =>
        Assert.Equal(TargetValueParser.Parse(text), TargetValueParser.ParseActual(text));

    [Fact]
    public void Many_distinct_actuals_leave_the_remembered_target_values_in_place()
    {
        var target = TargetValueParser.Parse("≥12345件");
        for (var k = 0; k < 10_000; k++)
        {
            var actual = TargetValueParser.ParseActual("≥" + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + "件");
            Assert.Equal(new QuantitativeTarget(">=", ">=", k, "件", null), actual);
        }

        Assert.Same(target, TargetValueParser.Parse("≥12345件"));
    }
}
