using System.Text.Json.Serialization;

namespace EventBooking.WebApi.Realtime;

/// <summary>The server-to-client messages of contract section 6. Each carries <c>type</c> and <c>timestamp</c>.</summary>
internal static class RealtimeMessages
{
    public static object ConnectionEstablished(string clientId, int? eventId, DateTime now) =>
        new { type = "connection_established", clientId, eventId, timestamp = now };

    public static object Subscribed(int eventId, DateTime now) => new { type = "subscribed", eventId, timestamp = now };

    public static object Unsubscribed(int eventId, DateTime now) => new { type = "unsubscribed", eventId, timestamp = now };

    public static object Pong(DateTime now) => new { type = "pong", timestamp = now };

    public static object Stats(int totalClients, int eventSubscriptions, DateTime now) =>
        new { type = "stats", data = new { totalClients, eventSubscriptions }, timestamp = now };

    public static object Error(string message, DateTime now) => new { type = "error", message, timestamp = now };

    /// <summary>
    /// <c>booking_created</c> / <c>booking_cancelled</c> / <c>booking_transferred</c> <c>{eventId, availableSeats}</c>;
    /// <c>seat_update</c> adds <c>seatCapacity</c>. Ours: <c>changedAt</c>, when the change was committed (absent for a
    /// count the API sends on its own, after a reconnect), so a client can tell how fresh the count is.
    /// </summary>
    public static object SeatChange(Application.Realtime.SeatChange change, DateTime now) =>
        new SeatCountMessage(
            change.Type,
            change.EventId,
            change.AvailableSeats,
            change.SeatCapacity,
            change.NotifiedAtMs is { } ms ? DateTime.UnixEpoch.AddMilliseconds(ms) : null,
            now);

    /// <summary><c>waitlist_offer {eventId, offerExpiresAt}</c>: a seat is held for the recipient until then (POST .../waitlist/accept).</summary>
    public static object WaitlistOffer(Application.Realtime.SeatChange change, DateTime now) =>
        new { type = change.Type, eventId = change.EventId, offerExpiresAt = change.OfferExpiresAt, timestamp = now };
}

/// <summary>A seat count as it is sent; the optional fields are left out when unknown.</summary>
internal sealed record SeatCountMessage(
    string Type,
    int EventId,
    int AvailableSeats,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SeatCapacity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? ChangedAt,
    DateTime Timestamp);
