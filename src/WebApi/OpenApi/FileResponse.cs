namespace EventBooking.WebApi.OpenApi;

/// <summary>
/// Endpoint metadata: a 200 answer that is a file (an image, a QR code, CSV), not JSON. <c>Produces(200, contentType: ...)</c>
/// without a type documents no content at all, so <see cref="FileResponseTransformer"/> writes the media types with a
/// binary (or text) schema.
/// </summary>
internal sealed class FileResponse(params string[] contentTypes)
{
    public IReadOnlyList<string> ContentTypes { get; } = contentTypes;
}

internal static class FileResponseExtensions
{
    /// <summary>Documents a 200 answer of one of <paramref name="contentTypes"/>.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.Produces(StatusCodes.Status200OK).WithMetadata(new FileResponse(contentTypes));
}
