using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace EventBooking.WebApi.Http;

/// <summary>
/// Refuses a body larger than the endpoint allows before reading a byte of it: by its Content-Length
/// at once, and otherwise (chunked) through the server's body size limit while it is read.
/// </summary>
internal sealed class RequestBodyLimits(RequestDelegate next, TimeProvider clock)
{
    /// <summary>JSON bodies are small; endpoints taking files raise their own limit with <see cref="IRequestSizeLimitMetadata"/>.</summary>
    public const long DefaultMaxBodyBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? DefaultMaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteTooLargeAsync(context, clock);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }

    /// <summary>413 in the envelope, with the endpoint's own code when it declares one (uploads: FILE_TOO_LARGE).</summary>
    public static Task WriteTooLargeAsync(HttpContext context, TimeProvider clock)
    {
        var upload = context.GetEndpoint()?.Metadata.GetMetadata<UploadSizeLimit>();
        return ErrorResponses.WriteAsync(
            context,
            clock,
            StatusCodes.Status413PayloadTooLarge,
            upload?.ErrorCode ?? ErrorCodes.PayloadTooLarge,
            upload?.Message ?? "Request body is too large");
    }
}
