namespace EventBooking.Application.Realtime;

/// <summary>
/// A committed change of an event's seats, as browsers receive it: <c>booking_created</c>,
/// <c>booking_cancelled</c>, <c>booking_transferred</c> (the holder changed, the count did not) or <c>seat_update</c> (after a capacity change,
/// a catch-up or a waiting-list change, with the capacity); and <c>waitlist_offer</c>, a seat held for
/// <see cref="UserId"/> until <see cref="OfferExpiresAt"/>, which goes to that user's sockets only.
/// <para>
/// <see cref="NotifiedAtMs"/> is when the database sent it (Unix milliseconds, PostgreSQL's clock, just before the
/// commit), for the notification lag metric; absent on changes made up in the API (a catch-up).
/// </para>
/// </summary>
public sealed record SeatChange(
    string Type,
    int EventId,
    int AvailableSeats,
    int? SeatCapacity = null,
    int? UserId = null,
    DateTime? OfferExpiresAt = null,
    double? NotifiedAtMs = null)
{
    public const string BookingCreated = "booking_created";
    public const string BookingCancelled = "booking_cancelled";
    public const string SeatUpdate = "seat_update";
    public const string BookingTransferred = "booking_transferred";
    public const string WaitlistOffer = "waitlist_offer";
}
