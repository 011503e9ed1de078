using System.Text;
using PerformanceTargets.Domain.Library;
using PerformanceTargets.Domain.Rules;

namespace PerformanceTargets.Domain.Tests.Rules;

/// <summary>
/// The normalisations that run for every indicator of an import return the text itself when nothing changes; whatever
/// the text, they must answer as the plain character-by-character definitions below do.
/// </summary>
public class TextNormalizationTests
{
    // White space of several kinds, full-width forms, the dash and tilde variants, comparators, CJK, ASCII, punctuation the end trim removes.
    private const string Alphabet = " \t\n\u3000\u00A0ＡＺａ０９％＞＜（）—–−‐‑―〜∼≧⩾≦⩽≥≤~-%个人率90.5元。.;；,，、是否/数量指标";

    [Fact]
    public void Normalize_equals_the_plain_definition_on_random_texts()
    {
        var random = new Random(20261207);
        for (var n = 0; n < 5000; n++)
        {
            var text = RandomText(random);
            Assert.Equal(PlainNormalize(text), TargetValueParser.Normalize(text));
        }
    }

    [Fact]
    public void Library_keys_equal_the_plain_definition_on_random_texts()
    {
        var random = new Random(7);
        for (var n = 0; n < 5000; n++)
        {
            var (a, b, c) = (RandomText(random), RandomText(random), RandomText(random));
            Assert.Equal(string.Join('|', Squeeze(a), Squeeze(b), Squeeze(c)), LibraryIndicator.KeyOf(a, b, c));
        }
    }

    [Theory]
    [InlineData("≥90%")]
    [InlineData("按时完成")]
    [InlineData("")]
    public void A_text_that_needs_nothing_is_returned_as_it_is(string text)
    {
        Assert.Same(text, TargetValueParser.Normalize(text));
        Assert.Equal(text + "|" + text + "|" + text, LibraryIndicator.KeyOf(text, text, text));
    }

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(0, 12);
        for (var i = 0; i < length; i++)
        {
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string PlainNormalize(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            var mapped = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '≧' or '⩾' => '≥',
                '≦' or '⩽' => '≤',
                '—' or '–' or '−' or '‐' or '‑' or '―' => '-',
                '〜' or '∼' => '~',
                _ => c,
            };
            if (!char.IsWhiteSpace(mapped))
            {
                builder.Append(mapped);
            }
        }

        return builder.ToString().TrimEnd('。', '.', ';', '；', ',', '，', '、');
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
