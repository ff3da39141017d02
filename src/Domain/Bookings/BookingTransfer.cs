namespace EventBooking.Domain.Bookings;

/// <summary>
/// The intent to hand a confirmed booking (and its seat) to another user, allowed by <see cref="Booking.TransferTo"/>;
/// the seat ledger carries it out. The seat count does not change; who holds the seat does.
/// </summary>
public sealed record BookingTransfer(string BookingId, int EventId, int FromUserId, int ToUserId, int ActorId);
