namespace PerformanceTargets.Web.CommandLine;

/// <summary>The words after a verb: positional arguments and <c>--name value</c> options (a flag without a value is "true").</summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private CommandArgs()
    {
    }

    public IReadOnlyList<string> Positional { get; private set; } = [];

    public IReadOnlyCollection<string> OptionNames => _options.Keys;

    /// <summary>Parses <paramref name="words"/>; <paramref name="flags"/> are options that take no value.</summary>
    public static CommandArgs Parse(IEnumerable<string> words, IReadOnlyCollection<string>? flags = null)
    {
        var result = new CommandArgs();
        var positional = new List<string>();
        var list = words.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var word = list[i];
            if (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2)
            {
                var name = word[2..];
                string value;
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                else if (flags?.Contains(name) == true || i + 1 >= list.Count || (list[i + 1].StartsWith("--", StringComparison.Ordinal) && list[i + 1].Length > 2))
                {
                    value = "true";
                }
                else
                {
                    value = list[++i];
                }

                if (!result._options.TryAdd(name, value))
                {
                    throw new CommandLineException($"option --{name} given twice");
                }
            }
            else
            {
                positional.Add(word);
            }
        }

        result.Positional = positional;
        return result;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public bool Has(string name) => _options.ContainsKey(name);

    public string Require(string name) =>
        _options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) && value != "true"
            ? value
            : throw new CommandLineException($"missing --{name}");

    public int? GetInt(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CommandLineException($"--{name} must be a whole number, got '{text}'");
    }

    /// <summary>Refuses options the verb does not know.</summary>
    public void AllowOnly(params string[] names)
    {
        var unknown = _options.Keys.Where(k => !names.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new CommandLineException("unknown option " + string.Join(", ", unknown.Select(u => "--" + u)));
        }
    }
}

/// <summary>Bad arguments: the verb prints the message and its usage and exits 2.</summary>
public sealed class CommandLineException : Exception
{
    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException()
    {
    }

    public CommandLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
