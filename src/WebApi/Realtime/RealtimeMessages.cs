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

    /// <summary><c>booking_created</c> / <c>booking_cancelled</c> <c>{eventId, availableSeats}</c>; <c>seat_update</c> adds <c>seatCapacity</c>.</summary>
    public static object SeatChange(Application.Realtime.SeatChange change, DateTime now) =>
        change.SeatCapacity is { } capacity
            ? new { type = change.Type, eventId = change.EventId, availableSeats = change.AvailableSeats, seatCapacity = capacity, timestamp = now }
            : new { type = change.Type, eventId = change.EventId, availableSeats = change.AvailableSeats, timestamp = now };

    /// <summary><c>waitlist_offer {eventId, offerExpiresAt}</c>: a seat is held for the recipient until then (POST .../waitlist/accept).</summary>
    public static object WaitlistOffer(Application.Realtime.SeatChange change, DateTime now) =>
        new { type = change.Type, eventId = change.EventId, offerExpiresAt = change.OfferExpiresAt, timestamp = now };
}
