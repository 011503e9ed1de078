using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PerformanceTargets.Web.Infrastructure.Data;

namespace PerformanceTargets.Web.Features.Documents;

/// <summary>
/// Holds the files of an import preview between the upload (a dry run) and the user's confirmation, so the files are
/// not uploaded twice: per token, bound to the user (id) who uploaded them, for 30 minutes, at most 10 previews a user
/// (the oldest goes first). Kept in the database (<see cref="ImportPreview"/>, table <c>ImportPreviews</c>), so a
/// preview survives a restart and is found by any instance; expired rows are deleted by the next upload.
/// Each call uses its own context: the caller's context (which may hold a dry run's rolled-back changes) is never saved.
/// </summary>
public sealed class ImportPreviewStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int MaxPerOwner = 10;

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public async Task<string> PutAsync(string ownerUserId, IReadOnlyList<ImportFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerUserId);
        ArgumentNullException.ThrowIfNull(files);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.ImportPreviews.Where(p => p.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var older = await db.ImportPreviews.Where(p => p.OwnerUserId == ownerUserId)
            .OrderByDescending(p => p.CreatedAt).Skip(MaxPerOwner - 1).Select(p => p.Id).ToListAsync(cancellationToken);
        if (older.Count > 0)
        {
            await db.ImportPreviews.Where(p => older.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        db.ImportPreviews.Add(new ImportPreview(token, ownerUserId, now, now + Lifetime, Pack(files)));
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The files of <paramref name="token"/> when <paramref name="ownerUserId"/> uploaded them and they have not expired; they are kept until <see cref="RemoveAsync"/>.</summary>
    public async Task<IReadOnlyList<ImportFile>?> GetAsync(string? token, string? ownerUserId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length != ImportPreview.IdLength || string.IsNullOrEmpty(ownerUserId))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var payload = await db.ImportPreviews.AsNoTracking()
            .Where(p => p.Id == token && p.OwnerUserId == ownerUserId && p.ExpiresAt > now)
            .Select(p => p.Payload).SingleOrDefaultAsync(cancellationToken);
        return payload is null ? null : Unpack(payload);
    }

    public async Task RemoveAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.ImportPreviews.Where(p => p.Id == token).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The files as one payload: a count, then per file its name (UTF-8) and content, each led by its length (32-bit little-endian).</summary>
    public static byte[] Pack(IReadOnlyList<ImportFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var buffer = new MemoryStream();
        var length = new byte[4];
        void Write(ReadOnlySpan<byte> bytes)
        {
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            buffer.Write(length);
            buffer.Write(bytes);
        }

        BinaryPrimitives.WriteInt32LittleEndian(length, files.Count);
        buffer.Write(length);
        foreach (var file in files)
        {
            Write(Encoding.UTF8.GetBytes(file.Name));
            Write(file.Content);
        }

        return buffer.ToArray();
    }

    public static IReadOnlyList<ImportFile> Unpack(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var at = 0;
        int Next()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(at, 4));
            at += 4;
            if (value < 0 || value > payload.Length - at)
            {
                throw new InvalidDataException("Import preview payload is damaged.");
            }

            return value;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(0, 4));
        at = 4;
        var files = new List<ImportFile>(Math.Clamp(count, 0, 1000));
        for (var k = 0; k < count; k++)
        {
            var nameLength = Next();
            var name = Encoding.UTF8.GetString(payload, at, nameLength);
            at += nameLength;
            var contentLength = Next();
            files.Add(new ImportFile(name, payload.AsSpan(at, contentLength).ToArray()));
            at += contentLength;
        }

        return files;
    }
}
