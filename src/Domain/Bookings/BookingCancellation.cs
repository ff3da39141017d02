namespace EventBooking.Domain.Bookings;

/// <summary>The intent to cancel a confirmed booking, allowed by <see cref="Booking.Cancel"/>; the seat ledger carries it out.</summary>
public sealed record BookingCancellation(string BookingId, int EventId, int ActorId);
