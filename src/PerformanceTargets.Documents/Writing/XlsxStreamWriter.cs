using System.Buffers;
using System.Buffers.Text;
using System.IO.Compression;
using System.Text;

namespace PerformanceTargets.Documents.Writing;

/// <summary>
/// Writes an .xlsx row by row straight into its zip entries, so memory stays flat whatever the number of rows: the
/// package parts first (the sheet names are given up front), then each sheet in turn, its header row in bold.
/// Text goes into inline-string cells, numbers into numeric cells, a null into no cell at all. Text that XML 1.0 cannot
/// carry (control characters, U+FFFE, U+FFFF) is written as <c>_xHHHH_</c> and a literal <c>_xHHHH_</c> is escaped as
/// <c>_x005F_xHHHH_</c>, as ECMA-376 (ST_Xstring) and Excel do; a carriage return is a character reference so XML
/// line-end normalisation keeps it. A sheet holds at most <see cref="MaxRows"/> rows (Excel's limit). Call
/// <see cref="Complete"/> when every row is written; disposing without it leaves a workbook no reader accepts.
/// </summary>
public sealed class XlsxStreamWriter : IDisposable
{
    /// <summary>Rows a worksheet can hold in Excel, the header row included.</summary>
    public const int MaxRows = 1_048_576;

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly ZipArchive _zip;
    private readonly IReadOnlyList<string> _sheetNames;
    private readonly CompressionLevel _compression;
    private XlsxSheetWriter? _current;
    private int _written;
    private bool _completed;
    private bool _disposed;

    /// <param name="output">Receives the package; left open.</param>
    /// <param name="sheetNames">The worksheets in order (1–31 characters, none of <c>[]:*?/\</c>, unique).</param>
    /// <param name="compression">Deflate level of every part; <see cref="CompressionLevel.Fastest"/> by default (large sheets are mostly repeated text).</param>
    public XlsxStreamWriter(Stream output, IReadOnlyList<string> sheetNames, CompressionLevel compression = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheetNames);
        if (sheetNames.Count == 0)
        {
            throw new ArgumentException("a workbook needs at least one sheet", nameof(sheetNames));
        }

        foreach (var name in sheetNames)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 31 || name.AsSpan().IndexOfAny(@"[]:*?/\") >= 0 || name[0] == '\'' || name[^1] == '\'')
            {
                throw new ArgumentException($"'{name}' is not a valid sheet name", nameof(sheetNames));
            }
        }

        if (sheetNames.Distinct(StringComparer.OrdinalIgnoreCase).Count() != sheetNames.Count)
        {
            throw new ArgumentException("sheet names must be unique", nameof(sheetNames));
        }

        _sheetNames = [.. sheetNames];
        _compression = compression;
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        WritePackageParts();
    }

    /// <summary>Finishes the previous sheet and starts the next one with its header row.</summary>
    public XlsxSheetWriter NextSheet(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _current?.Finish();
        _current = null;
        if (_written == _sheetNames.Count)
        {
            throw new InvalidOperationException($"the workbook has only {_sheetNames.Count} sheets");
        }

        _written++;
        var sheet = new XlsxSheetWriter(_zip.CreateEntry($"xl/worksheets/sheet{_written}.xml", _compression).Open(), _sheetNames[_written - 1]);
        sheet.Header(header);
        _current = sheet;
        return sheet;
    }

    /// <summary>Finishes the last sheet and the package; sheets never started are written empty.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _current?.Finish();
        _current = null;
        while (_written < _sheetNames.Count)
        {
            _written++;
            new XlsxSheetWriter(_zip.CreateEntry($"xl/worksheets/sheet{_written}.xml", _compression).Open(), _sheetNames[_written - 1]).Finish();
        }

        _completed = true;
        Dispose();
    }

    /// <summary>
    /// Closes the package. Without <see cref="Complete"/> (an exception while rows were being written) the open sheet is
    /// left without its closing tags, so no reader takes a half-written export for a whole one.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_completed)
        {
            _current?.Abandon();
        }

        _zip.Dispose();
    }

    private void WritePackageParts()
    {
        var types = new StringBuilder()
            .Append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
            .Append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
            .Append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
            .Append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
            .Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        var workbook = new StringBuilder().Append("<workbook xmlns=\"").Append(MainNamespace).Append("\" xmlns:r=\"").Append(RelationshipsNamespace).Append("\"><sheets>");
        var relationships = new StringBuilder().Append("<Relationships xmlns=\"").Append(PackageRelationshipsNamespace).Append("\">");
        for (var k = 1; k <= _sheetNames.Count; k++)
        {
            types.Append("<Override PartName=\"/xl/worksheets/sheet").Append(k).Append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            workbook.Append("<sheet name=\"").Append(System.Security.SecurityElement.Escape(_sheetNames[k - 1])).Append("\" sheetId=\"").Append(k).Append("\" r:id=\"rId").Append(k).Append("\"/>");
            relationships.Append("<Relationship Id=\"rId").Append(k).Append("\" Type=\"").Append(RelationshipsNamespace).Append("/worksheet\" Target=\"worksheets/sheet").Append(k).Append(".xml\"/>");
        }

        relationships.Append("<Relationship Id=\"rId").Append(_sheetNames.Count + 1).Append("\" Type=\"").Append(RelationshipsNamespace).Append("/styles\" Target=\"styles.xml\"/></Relationships>");
        Part("[Content_Types].xml", types.Append("</Types>").ToString());
        Part("_rels/.rels", $"<Relationships xmlns=\"{PackageRelationshipsNamespace}\"><Relationship Id=\"rId1\" Type=\"{RelationshipsNamespace}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        Part("xl/workbook.xml", workbook.Append("</sheets></workbook>").ToString());
        Part("xl/_rels/workbook.xml.rels", relationships.ToString());
        // Style 0 is the default, style 1 bold (the header row).
        Part("xl/styles.xml", $"<styleSheet xmlns=\"{MainNamespace}\">" +
            "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>" +
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>" +
            "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>" +
            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>" +
            "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>" +
            "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>");
    }

    private void Part(string name, string xml)
    {
        using var stream = _zip.CreateEntry(name, _compression).Open();
        stream.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"u8);
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }
}

/// <summary>
/// One worksheet of an <see cref="XlsxStreamWriter"/>: <see cref="BeginRow"/>, one <see cref="Text"/> or
/// <see cref="Number"/> a column (or <see cref="Utf8Text"/> and <see cref="Utf8Number"/> for values already in UTF-8),
/// <see cref="EndRow"/>. The XML goes through a 64 KB buffer into the zip entry.
/// </summary>
public sealed class XlsxSheetWriter
{
    private const int BufferSize = 1 << 16;

    // Everything in text that cannot be copied as it is: markup, the start of a possible _xHHHH_, characters XML 1.0
    // cannot carry (and CR, which a parser would turn into LF). Surrogates are left to the UTF-8 encoder (a lone one becomes U+FFFD).
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "<>&_\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\r\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    // The same set for text given as UTF-8: the ASCII ones, and 0xEF, the lead byte of U+FFFE and U+FFFF (and of other
    // characters, copied as they are).
    private static readonly SearchValues<byte> SpecialUtf8 = SearchValues.Create(
        [(byte)'<', (byte)'>', (byte)'&', (byte)'_', .. Enumerable.Range(0, 0x20).Where(b => b is not ('\t' or '\n')).Select(b => (byte)b), 0xEF]);

    private readonly List<byte[]> _columnNames = [];

    private readonly Stream _entry;
    private readonly string _name;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _length;
    private int _row;
    private int _column;
    private bool _inRow;
    private bool _finished;

    internal XlsxSheetWriter(Stream entry, string name)
    {
        _entry = entry;
        _name = name;
        Raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
    }

    /// <summary>Rows written so far, the header row included.</summary>
    public int Rows => _row;

    public void BeginRow()
    {
        if (_inRow || _finished)
        {
            throw new InvalidOperationException(_finished ? "the sheet is finished" : "the previous row is not ended");
        }

        if (_row == XlsxStreamWriter.MaxRows)
        {
            throw new InvalidOperationException($"sheet '{_name}' would have more than {XlsxStreamWriter.MaxRows:N0} rows, Excel's limit");
        }

        _row++;
        _column = 0;
        _inRow = true;
        Raw("<row r=\""u8);
        Integer(_row);
        Raw("\">"u8);
    }

    public void EndRow()
    {
        if (!_inRow)
        {
            throw new InvalidOperationException("no row is begun");
        }

        Raw("</row>"u8);
        _inRow = false;
        if (_length > BufferSize - 4096)
        {
            Flush();
        }
    }

    /// <summary>A text cell; null leaves the cell empty.</summary>
    public void Text(string? value) => Text(value, bold: false);

    /// <summary>
    /// A cell for a value of any type: numbers (decimal, int, long, double) as numeric cells, null as an empty cell,
    /// anything else as its invariant text.
    /// </summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null:
                Text(null);
                break;
            case decimal number:
                Number(number);
                break;
            case int number:
                Number(number);
                break;
            case long number:
                Number(number);
                break;
            case double number:
                Number((decimal)number);
                break;
            case string text:
                Text(text);
                break;
            case IFormattable formattable:
                Text(formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                Text(value.ToString());
                break;
        }
    }

    /// <summary>
    /// A text cell from UTF-8 (as a database hands its text over), written byte for byte as <see cref="Text(string?)"/>
    /// writes the same text, with no string made on the way. Bytes that are not UTF-8 are decoded as
    /// <see cref="Encoding.UTF8"/> decodes them (U+FFFD) and written as that text.
    /// </summary>
    public void Utf8Text(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            Text(Encoding.UTF8.GetString(utf8));
            return;
        }

        CellStart(NextColumn());
        Raw("\" t=\"inlineStr\"><is><t"u8);
        if (!utf8.IsEmpty && (IsWhiteSpace(Rune.DecodeFromUtf8(utf8, out var first, out _), first)
            || IsWhiteSpace(Rune.DecodeLastFromUtf8(utf8, out var last, out _), last)))
        {
            Raw(" xml:space=\"preserve\""u8);
        }

        Raw(">"u8);
        Escaped(utf8);
        Raw("</t></is></c>"u8);
    }

    /// <summary>
    /// A numeric cell from a number's invariant text in UTF-8 (as SQLite hands over a stored decimal), written as
    /// <see cref="Number(decimal?)"/> writes its value.
    /// </summary>
    /// <exception cref="FormatException">The text is not a number.</exception>
    public void Utf8Number(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8Parser.TryParse(utf8, out decimal value, out var consumed) || consumed != utf8.Length)
        {
            throw new FormatException($"'{Encoding.UTF8.GetString(utf8)}' is not a number");
        }

        Number(value);
    }

    /// <summary>A numeric cell; null leaves the cell empty.</summary>
    public void Number(decimal? value)
    {
        var column = NextColumn();
        if (value is not { } number)
        {
            return;
        }

        CellStart(column);
        Raw("\"><v>"u8);
        Reserve(32);
        Utf8Formatter.TryFormat(number, _buffer.AsSpan(_length), out var written);
        _length += written;
        Raw("</v></c>"u8);
    }

    internal void Header(IReadOnlyList<string> header)
    {
        BeginRow();
        foreach (var name in header)
        {
            Text(name, bold: true);
        }

        EndRow();
    }

    internal void Abandon()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        Flush();
        ArrayPool<byte>.Shared.Return(_buffer);
        _entry.Dispose();
    }

    internal void Finish()
    {
        if (_finished)
        {
            return;
        }

        if (_inRow)
        {
            EndRow();
        }

        _finished = true;
        Raw("</sheetData></worksheet>"u8);
        Flush();
        ArrayPool<byte>.Shared.Return(_buffer);
        _entry.Dispose();
    }

    private void Text(string? value, bool bold)
    {
        var column = NextColumn();
        if (value is null)
        {
            return;
        }

        CellStart(column);
        Raw(bold ? "\" s=\"1\" t=\"inlineStr\"><is><t"u8 : "\" t=\"inlineStr\"><is><t"u8);
        if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            Raw(" xml:space=\"preserve\""u8);
        }

        Raw(">"u8);
        Escaped(value);
        Raw("</t></is></c>"u8);
    }

    private int NextColumn()
    {
        if (!_inRow)
        {
            throw new InvalidOperationException("call BeginRow first");
        }

        return _column++;
    }

    private void CellStart(int column)
    {
        Raw("<c r=\""u8);
        Raw(ColumnName(column));
        Integer(_row);
    }

    private byte[] ColumnName(int column)
    {
        while (_columnNames.Count <= column)
        {
            var name = string.Empty;
            for (var n = _columnNames.Count + 1; n > 0; n = (n - 1) / 26)
            {
                name = (char)('A' + ((n - 1) % 26)) + name;
            }

            _columnNames.Add(Encoding.ASCII.GetBytes(name));
        }

        return _columnNames[column];
    }

    private void Integer(int value)
    {
        Reserve(11);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    private void Escaped(string value)
    {
        ReadOnlySpan<char> text = value;
        while (!text.IsEmpty)
        {
            var at = text.IndexOfAny(Special);
            if (at < 0)
            {
                Utf8(text);
                return;
            }

            Utf8(text[..at]);
            var c = text[at];
            switch (c)
            {
                case '<':
                    Raw("&lt;"u8);
                    break;
                case '>':
                    Raw("&gt;"u8);
                    break;
                case '&':
                    Raw("&amp;"u8);
                    break;
                case '\r':
                    Raw("&#13;"u8);
                    break;
                case '_':
                    // Readers decode _xHHHH_ (lower-case x, as ECMA-376 and Excel), so a literal one gets its underscore escaped.
                    Raw(LooksEscaped(text[at..]) ? "_x005F_"u8 : "_"u8);
                    break;
                default:
                    Raw("_x"u8);
                    Reserve(4);
                    Utf8Formatter.TryFormat((ushort)c, _buffer.AsSpan(_length), out var written, new StandardFormat('X', 4));
                    _length += written;
                    Raw("_"u8);
                    break;
            }

            text = text[(at + 1)..];
        }
    }

    /// <summary>As <see cref="Escaped(string)"/>, for valid UTF-8.</summary>
    private void Escaped(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty)
        {
            var at = text.IndexOfAny(SpecialUtf8);
            if (at < 0)
            {
                Bytes(text);
                return;
            }

            Bytes(text[..at]);
            var b = text[at];
            var length = 1;
            switch (b)
            {
                case (byte)'<':
                    Raw("&lt;"u8);
                    break;
                case (byte)'>':
                    Raw("&gt;"u8);
                    break;
                case (byte)'&':
                    Raw("&amp;"u8);
                    break;
                case (byte)'\r':
                    Raw("&#13;"u8);
                    break;
                case (byte)'_':
                    Raw(LooksEscaped(text[at..]) ? "_x005F_"u8 : "_"u8);
                    break;
                case 0xEF when text.Length - at >= 3 && text[at + 1] == 0xBF && text[at + 2] is 0xBE or 0xBF:
                    Raw(text[at + 2] == 0xBE ? "_xFFFE_"u8 : "_xFFFF_"u8);
                    length = 3;
                    break;
                case 0xEF:
                    Raw(text.Slice(at, 1));
                    break;
                default:
                    Raw("_x"u8);
                    Reserve(4);
                    Utf8Formatter.TryFormat((ushort)b, _buffer.AsSpan(_length), out var written, new StandardFormat('X', 4));
                    _length += written;
                    Raw("_"u8);
                    break;
            }

            text = text[(at + length)..];
        }
    }

    private static bool LooksEscaped(ReadOnlySpan<byte> text) =>
        text.Length >= 7 && text[1] == 'x' && text[6] == '_' && char.IsAsciiHexDigit((char)text[2]) && char.IsAsciiHexDigit((char)text[3])
        && char.IsAsciiHexDigit((char)text[4]) && char.IsAsciiHexDigit((char)text[5]);

    private static bool IsWhiteSpace(System.Buffers.OperationStatus status, Rune rune) =>
        status == System.Buffers.OperationStatus.Done && Rune.IsWhiteSpace(rune);

    /// <summary>Copies bytes through the buffer, however many.</summary>
    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var take = Math.Min(bytes.Length, BufferSize / 2);
            Raw(bytes[..take]);
            bytes = bytes[take..];
        }
    }

    private static bool LooksEscaped(ReadOnlySpan<char> text) =>
        text.Length >= 7 && text[1] == 'x' && text[6] == '_' && char.IsAsciiHexDigit(text[2]) && char.IsAsciiHexDigit(text[3])
        && char.IsAsciiHexDigit(text[4]) && char.IsAsciiHexDigit(text[5]);

    private void Utf8(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            // At most 3 bytes a UTF-16 unit; a chunk never ends between the two halves of a surrogate pair.
            var take = Math.Min(text.Length, 4096);
            if (take < text.Length && char.IsHighSurrogate(text[take - 1]))
            {
                take--;
            }

            Reserve(take * 3);
            _length += Encoding.UTF8.GetBytes(text[..take], _buffer.AsSpan(_length));
            text = text[take..];
        }
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _entry.Write(_buffer, 0, _length);
        _length = 0;
    }
}
