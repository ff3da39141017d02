namespace EventBooking.Infrastructure.Persistence;

/// <summary>
/// A row of <c>event_images</c>: one image per event, deleted with it (FK cascade). Kept out of
/// <c>events</c> so listing events never drags image bytes along.
/// </summary>
public sealed class EventImageRecord
{
    private EventImageRecord()
    {
    }

    public int EventId { get; private set; }

    public string ContentType { get; private set; } = string.Empty;

    public byte[] Content { get; private set; } = [];

    /// <summary>A hash of the content: the HTTP ETag and the version in <c>imageUrl</c>.</summary>
    public string Version { get; private set; } = string.Empty;

    public DateTime UpdatedAt { get; private set; }
}
