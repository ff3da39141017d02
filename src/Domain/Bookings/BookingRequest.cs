namespace EventBooking.Domain.Bookings;

/// <summary>
/// A user's request for one seat of an event, judged bookable by <see cref="Events.EventSnapshot.RequestBooking"/>
/// at <see cref="RequestedAt"/>. The seat ledger confirms it (or refuses it, should the event have filled or
/// started meanwhile) and gives it its public id.
/// </summary>
public sealed record BookingRequest(int EventId, int UserId, DateTime RequestedAt)
{
    /// <summary>The booking this request became once the ledger confirmed it under <paramref name="bookingId"/>.</summary>
    public Booking Confirmed(string bookingId, DateTime confirmedAt) => Booking.Confirmed(this, bookingId, confirmedAt);
}
