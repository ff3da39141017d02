namespace EventBooking.Application.Events;

/// <summary>An event's stored image, with the version tag that changes whenever the image does.</summary>
public sealed record EventImageContent(string ContentType, byte[] Content, string Version, DateTime UpdatedAt);
