using Microsoft.Net.Http.Headers;

namespace EventBooking.WebApi.Http;

/// <summary>
/// JSON is UTF-8 (RFC 8259). A JSON body declared in another charset (<c>charset=ebcdic</c>) would make the
/// framework's reader throw a plain exception, i.e. a 500; it is refused here instead: 415 in the envelope.
/// </summary>
internal sealed class JsonCharsetGuard(RequestDelegate next, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            && IsJson(contentType)
            && contentType.Charset.HasValue
            && !IsUtf8(contentType.Charset.Value))
        {
            await ErrorResponses.WriteAsync(
                context, clock, StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "JSON bodies must be UTF-8 (charset=utf-8)");
            return;
        }

        await next(context);
    }

    private static bool IsJson(MediaTypeHeaderValue contentType) =>
        contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);

    private static bool IsUtf8(string? charset) =>
        charset is not null && (charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                                || charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase));
}
