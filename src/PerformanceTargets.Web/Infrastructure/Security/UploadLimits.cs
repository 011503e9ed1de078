using Microsoft.AspNetCore.Http.Features;

namespace PerformanceTargets.Web.Infrastructure.Security;

/// <summary>
/// The largest request body and multipart upload the server accepts, from <c>Uploads:MaxBytes</c> (default 20 MB):
/// Kestrel refuses a larger body with 413 and form reading refuses a larger multipart body. Goal documents are a few
/// hundred KB; the .docx reader has its own entry-count and expanded-size limits against zip bombs.
/// </summary>
public static class UploadLimits
{
    public const string ConfigurationKey = "Uploads:MaxBytes";

    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public static long MaxBytes(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration.GetValue<long?>(ConfigurationKey) ?? DefaultMaxBytes;
        return value > 0 ? value : throw new InvalidOperationException($"{ConfigurationKey} must be a positive number of bytes.");
    }

    public static WebApplicationBuilder AddUploadLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var maxBytes = MaxBytes(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBytes);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = maxBytes);
        return builder;
    }
}
