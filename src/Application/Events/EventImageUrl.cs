using System.Globalization;

namespace EventBooking.Application.Events;

/// <summary>Where an event's image is served. The version makes a replaced image a new URL, so clients may cache hard.</summary>
public static class EventImageUrl
{
    public static string For(int eventId, string version) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/events/{eventId}/image?v={version}");
}
