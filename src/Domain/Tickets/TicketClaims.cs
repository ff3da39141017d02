namespace EventBooking.Domain.Tickets;

/// <summary>
/// What a verified ticket says: which booking of which event, issued to which user under which name, and when. The
/// signature proves we issued it; whether the booking can still be checked in is for the booking to judge.
/// </summary>
public sealed record TicketClaims(string BookingId, int EventId, int HolderId, string AttendeeName, DateTime IssuedAt);
