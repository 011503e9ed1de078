using System.Text.Json;

namespace PerformanceTargets.Documents.Interchange;

/// <summary>What one step of a streamed read found.</summary>
public enum InterchangeStreamItemKind
{
    /// <summary>The document's top-level <c>year</c> (0 when the document has none: reported at the end).</summary>
    Year,

    /// <summary>One project of a unit, checked and with its derived fields; <see cref="InterchangeStreamItem.Unit"/> carries the unit's code and name.</summary>
    Project,

    /// <summary>A unit's end: the unit as read (plan, sub-goals; its <c>projects</c> list stays empty: they came one by one).</summary>
    Unit,

    /// <summary>The JSON cannot be read on (syntax, types, not UTF-8): the read stops here.</summary>
    Failed,
}

/// <summary>
/// One step of a streamed read: a project with its unit, a unit's end, the year; <see cref="Errors"/> are the rules it
/// breaks, located by file, JSON path, unit and project (<c>$.units[0].projects[2]（单位 631001 项目 P1）.fiscalFunds</c>).
/// </summary>
public sealed record InterchangeStreamItem(
    InterchangeStreamItemKind Kind, int Year, InterchangeUnit? Unit, int UnitIndex, InterchangeProject? Project, int ProjectIndex, IReadOnlyList<DocumentError> Errors)
{
    public bool Valid => Errors.Count == 0;
}

/// <summary>
/// The JSON interchange format (docs/formats.md) read from a stream one project at a time: the same rules as
/// <see cref="InterchangeJson.Read(ReadOnlySpan{byte}, string)"/> (shared, per unit and per project) and the same derived
/// fields, but only the project being read is held (plus the codes seen, for the duplicate check), whatever the size of
/// the document. A unit's <c>code</c> and <c>name</c> come before its <c>projects</c> in every file this application
/// writes; a file that puts them after has that unit's projects held until the unit ends.
/// </summary>
public static class InterchangeJsonStream
{
    /// <summary>The buffer's first size; it doubles while one project does not fit.</summary>
    private const int InitialBuffer = 64 * 1024;

    public static IEnumerable<InterchangeStreamItem> Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        return ReadCore(new Cursor(stream), fileName);
    }

    /// <summary>
    /// The top of a JSON document read from a stream: its <c>year</c> (null when none or not a number) and whether it has
    /// <c>units</c> (a goal document; an actuals file has top-level <c>projects</c> instead). Reads until it has seen both,
    /// skipping values without holding them; null when the stream is not a JSON object.
    /// </summary>
    public static (int? Year, bool HasUnits)? Peek(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var cursor = new Cursor(stream);
        int? year = null;
        var hasUnits = false;
        try
        {
            if (cursor.Read() != JsonTokenType.StartObject)
            {
                return null;
            }

            while ((year is null || !hasUnits) && cursor.Read() == JsonTokenType.PropertyName)
            {
                if (cursor.Text == "year" && year is null)
                {
                    year = cursor.Read() == JsonTokenType.Number ? cursor.Int32 : null;
                    continue;
                }

                if (cursor.Text == "units")
                {
                    hasUnits = true;
                    if (year is not null)
                    {
                        break;
                    }
                }

                cursor.Skip();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }

        return (year, hasUnits);
    }

    /// <summary>True when the stream is UTF-8 throughout (read a megabyte at a time; a character split between two reads is whole).</summary>
    public static bool IsUtf8(Stream stream, int chunk = 1 << 20)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[chunk + 4];
        var carried = 0;
        int read;
        while ((read = stream.Read(buffer, carried, chunk)) > 0)
        {
            var length = carried + read;
            var valid = ValidPrefix(buffer.AsSpan(0, length));
            if (valid < length - 3)
            {
                return false;
            }

            carried = length - valid;
            buffer.AsSpan(valid, carried).CopyTo(buffer);
        }

        return carried == 0;
    }

    /// <summary>The length of the longest valid UTF-8 prefix, stopping before an incomplete or invalid sequence.</summary>
    private static int ValidPrefix(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return bytes.Length;
        }

        // The last up to three bytes may start a character the next read completes.
        for (var cut = 1; cut <= 3 && cut <= bytes.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(bytes[..^cut]))
            {
                return bytes.Length - cut;
            }
        }

        return 0;
    }

    private static IEnumerable<InterchangeStreamItem> ReadCore(Cursor cursor, string fileName)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var yearSeen = false;
        var unitIndex = -1;
        var steps = Steps(cursor, fileName, codes).GetEnumerator();
        while (true)
        {
            InterchangeStreamItem? item;
            DocumentError? failure = null;
            try
            {
                item = steps.MoveNext() ? steps.Current : null;
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or System.Text.DecoderFallbackException or ArgumentException)
            {
                item = null;
                var json = ex as JsonException;
                var row = json?.LineNumber is { } line ? (int)line + 1 : (int?)null;
                failure = new DocumentError(fileName, null, row, json?.Path ?? cursor.Where, json is not null
                    ? "JSON 格式错误或类型不符（数字必须是 JSON 数字，文本必须是字符串）。"
                    : "JSON 文本无法读取：文件应为 UTF-8 编码。");
            }

            if (failure is not null)
            {
                yield return new InterchangeStreamItem(InterchangeStreamItemKind.Failed, 0, null, unitIndex, null, -1, [failure]);
                yield break;
            }

            if (item is null)
            {
                break;
            }

            yearSeen |= item.Kind == InterchangeStreamItemKind.Year;
            unitIndex = item.UnitIndex;
            yield return item;
        }

        if (!yearSeen)
        {
            var errors = new List<DocumentError>();
            InterchangeJson.ValidateYear(0, (path, message) => errors.Add(new DocumentError(fileName, null, null, path, message)));
            yield return new InterchangeStreamItem(InterchangeStreamItemKind.Year, 0, null, -1, null, -1, errors);
        }
    }

    private static IEnumerable<InterchangeStreamItem> Steps(Cursor cursor, string fileName, Dictionary<string, string> codes)
    {
        if (cursor.Read() != JsonTokenType.StartObject)
        {
            throw new JsonException("The document is not a JSON object.", "$", null, null);
        }

        while (cursor.Read() == JsonTokenType.PropertyName)
        {
            var property = cursor.Text;
            if (property == "year")
            {
                var year = cursor.Deserialize<int>("$.year");
                var errors = new List<DocumentError>();
                InterchangeJson.ValidateYear(year, (path, message) => errors.Add(new DocumentError(fileName, null, null, path, message)));
                yield return new InterchangeStreamItem(InterchangeStreamItemKind.Year, year, null, -1, null, -1, errors);
            }
            else if (property == "units")
            {
                var token = cursor.Read();
                if (token == JsonTokenType.Null)
                {
                    continue;
                }

                if (token != JsonTokenType.StartArray)
                {
                    throw new JsonException("units is not an array.", "$.units", null, null);
                }

                var u = 0;
                while ((token = cursor.Read()) != JsonTokenType.EndArray)
                {
                    var up = $"$.units[{u}]";
                    if (token == JsonTokenType.Null)
                    {
                        yield return new InterchangeStreamItem(InterchangeStreamItemKind.Unit, 0, null, u, null, -1, [new DocumentError(fileName, null, null, up, "不能为空")]);
                    }
                    else if (token != JsonTokenType.StartObject)
                    {
                        throw new JsonException("A unit is not an object.", up, null, null);
                    }
                    else
                    {
                        foreach (var item in Unit(cursor, fileName, codes, u, up))
                        {
                            yield return item;
                        }
                    }

                    u++;
                }
            }
            else
            {
                cursor.Skip();
            }
        }

        if (cursor.Read() != JsonTokenType.None)
        {
            throw new JsonException("Text after the document.", "$", null, null);
        }
    }

    private static IEnumerable<InterchangeStreamItem> Unit(Cursor cursor, string fileName, Dictionary<string, string> codes, int u, string up)
    {
        var unit = new InterchangeUnit();
        bool codeSeen = false, nameSeen = false;
        List<InterchangeProject?>? held = null;
        var p = 0;
        while (cursor.Read() == JsonTokenType.PropertyName)
        {
            switch (cursor.Text)
            {
                case "code":
                    unit.Code = cursor.Deserialize<string>($"{up}.code")!;
                    codeSeen = true;
                    break;
                case "name":
                    unit.Name = cursor.Deserialize<string>($"{up}.name")!;
                    nameSeen = true;
                    break;
                case "overallGoal":
                    unit.OverallGoal = cursor.Deserialize<string>($"{up}.overallGoal")!;
                    break;
                case "annualTargets":
                    unit.AnnualTargets = cursor.Deserialize<string>($"{up}.annualTargets")!;
                    break;
                case "guaranteeMeasures":
                    unit.GuaranteeMeasures = cursor.Deserialize<string>($"{up}.guaranteeMeasures")!;
                    break;
                case "subGoals":
                    unit.SubGoals = cursor.Deserialize<List<InterchangeSubGoal>>($"{up}.subGoals")!;
                    break;
                case "departmentTable":
                    unit.DepartmentTable = cursor.Deserialize<InterchangeDepartmentTable>($"{up}.departmentTable");
                    break;
                case "projects":
                    var token = cursor.Read();
                    if (token == JsonTokenType.Null)
                    {
                        break;
                    }

                    if (token != JsonTokenType.StartArray)
                    {
                        throw new JsonException("projects is not an array.", $"{up}.projects", null, null);
                    }

                    while (cursor.TryReadElement<InterchangeProject>($"{up}.projects[{p}]", out var project))
                    {
                        if (codeSeen && nameSeen)
                        {
                            yield return Project(fileName, codes, unit, u, project, p);
                        }
                        else
                        {
                            (held ??= []).Add(project);
                        }

                        p++;
                    }

                    break;
                default:
                    cursor.Skip();
                    break;
            }
        }

        // Properties given as null read as their defaults (as the whole-document read leaves them).
        unit.Code ??= string.Empty;
        unit.Name ??= string.Empty;
        unit.OverallGoal ??= string.Empty;
        unit.AnnualTargets ??= string.Empty;
        unit.GuaranteeMeasures ??= string.Empty;
        unit.SubGoals ??= [];
        for (var h = 0; h < (held?.Count ?? 0); h++)
        {
            yield return Project(fileName, codes, unit, u, held![h], h);
        }

        var errors = new List<DocumentError>();
        InterchangeJson.ValidateUnit(unit, up, (path, message) => errors.Add(new DocumentError(fileName, null, null, path, message)));
        if (errors.Count == 0)
        {
            InterchangeJson.PrepareUnit(unit);
        }

        yield return new InterchangeStreamItem(InterchangeStreamItemKind.Unit, 0, unit, u, null, -1, errors);
    }

    private static InterchangeStreamItem Project(string fileName, Dictionary<string, string> codes, InterchangeUnit unit, int u, InterchangeProject? project, int p)
    {
        var pp = $"$.units[{u}].projects[{p}]";
        var errors = new List<DocumentError>();
        var label = $"（单位 {unit.Code} 项目 {project?.Code}）";
        InterchangeJson.ValidateProject(project, pp, codes, (path, message) =>
            errors.Add(new DocumentError(fileName, null, null, path.StartsWith(pp, StringComparison.Ordinal) ? pp + label + path[pp.Length..] : path, message)));
        if (errors.Count == 0)
        {
            InterchangeJson.Prepare(project!);
        }

        return new InterchangeStreamItem(InterchangeStreamItemKind.Project, 0, unit, u, project, p, errors);
    }

    /// <summary>
    /// A <see cref="Utf8JsonReader"/> over a window of the stream: each step makes a reader from the saved state on the bytes
    /// not yet consumed, and reads more (growing the window only while one value does not fit) when they run out.
    /// </summary>
    private sealed class Cursor(Stream stream)
    {
        private readonly JsonReaderOptions _options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        private byte[] _buffer = new byte[InitialBuffer];
        private int _start;
        private int _end;
        private bool _final;
        private bool _bomChecked;
        private JsonReaderState _state;
        private bool _stateSet;
        private long _consumed;

        /// <summary>The text of the last property name or string read.</summary>
        public string? Text { get; private set; }

        /// <summary>The value of the last number read, when it is an integer.</summary>
        public int? Int32 { get; private set; }

        /// <summary>Where the cursor is, for an error without a path: the byte offset in the file.</summary>
        public string Where => $"字节 {_consumed}";

        private Utf8JsonReader Reader() => new(_buffer.AsSpan(_start, _end - _start), _final, _stateSet ? _state : new JsonReaderState(_options));

        private void Save(ref Utf8JsonReader reader)
        {
            _state = reader.CurrentState;
            _stateSet = true;
            _start += (int)reader.BytesConsumed;
            _consumed += reader.BytesConsumed;
        }

        /// <summary>The next token (None at the end of the stream); a property name's or string's text in <see cref="Text"/>.</summary>
        public JsonTokenType Read()
        {
            while (true)
            {
                var reader = Reader();
                if (reader.Read())
                {
                    var type = reader.TokenType;
                    Text = type is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                    Int32 = type == JsonTokenType.Number && reader.TryGetInt32(out var number) ? number : null;
                    Save(ref reader);
                    return type;
                }

                if (_final)
                {
                    return JsonTokenType.None;
                }

                Fill();
            }
        }

        /// <summary>
        /// Skips the value of the property just read, token by token: a skipped value (the <c>units</c> of a peek, a
        /// property this version does not know) is never held whole, however large.
        /// </summary>
        public void Skip()
        {
            var depth = 0;
            do
            {
                switch (Read())
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        depth++;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        depth--;
                        break;
                    case JsonTokenType.None:
                        throw new JsonException("The document ends too soon.", null, null, null);
                }
            }
            while (depth > 0);
        }

        /// <summary>The value of the property just read (<paramref name="path"/> locates an error in it).</summary>
        public T? Deserialize<T>(string path)
        {
            while (true)
            {
                var reader = Reader();
                var probe = reader;
                if (probe.TrySkip())
                {
                    var value = Located(ref reader, path, static (ref Utf8JsonReader r) => JsonSerializer.Deserialize<T>(ref r, InterchangeJson.Options));
                    Save(ref reader);
                    return value;
                }

                Fill();
            }
        }

        /// <summary>The next element of the array being read, whole; false at the array's end.</summary>
        public bool TryReadElement<T>(string path, out T? value)
        {
            while (true)
            {
                var reader = Reader();
                if (!reader.Read())
                {
                    Fill();
                    continue;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    Save(ref reader);
                    value = default;
                    return false;
                }

                // The probe finds the element's end; the element is then read from its exact bytes (reading through the
                // reader would skip it a second time to scope itself, then parse). Positions in an error are the element's
                // own either way.
                var probe = reader;
                if (probe.TrySkip())
                {
                    var start = (int)reader.TokenStartIndex;
                    var bytes = _buffer.AsSpan(_start + start, (int)probe.BytesConsumed - start);
                    value = Located<T>(bytes, path);
                    Save(ref probe);
                    return true;
                }

                Fill();
            }
        }

        private delegate T ReaderFunc<T>(ref Utf8JsonReader reader);

        /// <summary>A whole value read from its bytes, its error located in the document: its path below <paramref name="path"/>.</summary>
        private static T? Located<T>(ReadOnlySpan<byte> bytes, string path)
        {
            try
            {
                return JsonSerializer.Deserialize<T>(bytes, InterchangeJson.Options);
            }
            catch (JsonException ex)
            {
                throw new JsonException(ex.Message, ex.Path is { Length: > 1 } inner ? path + inner[1..] : path, ex.LineNumber, ex.BytePositionInLine, ex);
            }
        }

        /// <summary>A value's error located in the document: its path below <paramref name="path"/>.</summary>
        private static T Located<T>(ref Utf8JsonReader reader, string path, ReaderFunc<T> read)
        {
            try
            {
                return read(ref reader);
            }
            catch (JsonException ex)
            {
                throw new JsonException(ex.Message, ex.Path is { Length: > 1 } inner ? path + inner[1..] : path, ex.LineNumber, ex.BytePositionInLine, ex);
            }
        }

        private void Fill()
        {
            if (_final)
            {
                throw new JsonException("The document ends too soon.", null, null, null);
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _final = true;
            }

            _end += read;
            if (!_bomChecked && (_end >= 3 || _final))
            {
                _bomChecked = true;
                if (_buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
                {
                    _start = 3;
                }
            }
        }
    }
}
