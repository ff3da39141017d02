namespace EventBooking.Application.Realtime;

/// <summary>
/// A committed change of an event's seats, as browsers receive it: <c>booking_created</c>,
/// <c>booking_cancelled</c>, <c>booking_transferred</c> (the holder changed, the count did not) or <c>seat_update</c> (after a capacity change, with the capacity).
/// </summary>
public sealed record SeatChange(string Type, int EventId, int AvailableSeats, int? SeatCapacity = null)
{
    public const string BookingCreated = "booking_created";
    public const string BookingCancelled = "booking_cancelled";
    public const string SeatUpdate = "seat_update";
    public const string BookingTransferred = "booking_transferred";
}
