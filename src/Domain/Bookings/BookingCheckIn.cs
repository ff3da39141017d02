namespace EventBooking.Domain.Bookings;

/// <summary>
/// The intent to check in a confirmed booking from a verified ticket, allowed by <see cref="Booking.CheckInWith"/>;
/// the seat ledger carries it out, and settles two scanners racing for the same ticket.
/// <paramref name="TicketHolderId"/> is the user the ticket was issued to: the ledger refuses it once the booking has
/// been transferred to someone else.
/// </summary>
public sealed record BookingCheckIn(string BookingId, int EventId, int TicketHolderId, int ActorId);

/// <summary>The intent to take back a mistaken check-in, allowed by <see cref="Booking.UndoCheckIn"/>.</summary>
public sealed record CheckInUndo(string BookingId, int EventId, int ActorId);
