namespace EventBooking.Domain.Events;

/// <summary>
/// An event's picture. Accepted only when its bytes are a JPEG, PNG, GIF or WebP image: the declared
/// content type and file name are the client's claim, the magic bytes are the fact.
/// </summary>
public sealed record EventImage(string ContentType, byte[] Content)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The image type of <paramref name="content"/> judged by its signature, or null when it is none of ours.</summary>
    public static string? DetectContentType(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x47, 0x49, 0x46, 0x38, 0x37 or 0x39, 0x61, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    public static Common.Result<EventImage> FromBytes(byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            return EventErrors.ImageTooLarge;
        }

        return DetectContentType(content) is { } contentType
            ? new EventImage(contentType, content)
            : EventErrors.InvalidImageType;
    }
}
