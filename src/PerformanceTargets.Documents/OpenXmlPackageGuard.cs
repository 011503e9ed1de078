using System.IO.Compression;
using System.Text;

namespace PerformanceTargets.Documents;

/// <summary>
/// Checks an Office Open XML package (.xlsx, .docx) before any XML reader sees it: a readable zip, at most
/// <see cref="MaxEntries"/> entries, at most <see cref="MaxExpandedBytes"/> expanded (counted while inflating, not
/// trusted from the header), and no <c>&lt;!DOCTYPE</c> anywhere in any entry (so no DTD and no external entities).
/// </summary>
public static class OpenXmlPackageGuard
{
    public const int MaxEntries = 500;

    public const long MaxExpandedBytes = 64L * 1024 * 1024;

    private static readonly byte[] Doctype = "<!DOCTYPE"u8.ToArray();

    /// <summary>Null when the package may be read; otherwise why not, in Chinese.</summary>
    public static string? Check(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                return $"文件包含 {zip.Entries.Count} 个压缩条目，超过上限 {MaxEntries}，拒绝读取。";
            }

            long total = 0;
            var buffer = new byte[81920 + Doctype.Length];
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                var carried = 0;
                int read;
                while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
                {
                    total += read;
                    if (total > MaxExpandedBytes)
                    {
                        return $"文件解压后超过 {MaxExpandedBytes / 1024 / 1024} MB，拒绝读取（可能是压缩炸弹）。";
                    }

                    var filled = carried + read;
                    if (ContainsDoctype(buffer.AsSpan(0, filled)))
                    {
                        return $"文件中的 {entry.FullName} 含有 DTD 声明（<!DOCTYPE，可能引用外部实体），拒绝读取。";
                    }

                    // Keep the tail, so a declaration split across two reads is still seen.
                    carried = Math.Min(Doctype.Length - 1, filled);
                    buffer.AsSpan(filled - carried, carried).CopyTo(buffer);
                }
            }
        }
        catch (InvalidDataException)
        {
            return "文件不完整或已损坏（压缩包无法读取，可能在传输中被截断）。";
        }

        return null;
    }

    private static bool ContainsDoctype(ReadOnlySpan<byte> data)
    {
        for (var i = data.IndexOf((byte)'<'); i >= 0 && i + Doctype.Length <= data.Length; i = NextAfter(data, i))
        {
            if (Ascii.EqualsIgnoreCase(data.Slice(i, Doctype.Length), Doctype))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextAfter(ReadOnlySpan<byte> data, int i)
    {
        var next = data[(i + 1)..].IndexOf((byte)'<');
        return next < 0 ? -1 : i + 1 + next;
    }
}
