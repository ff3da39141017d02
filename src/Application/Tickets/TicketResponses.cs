namespace EventBooking.Application.Tickets;

/// <summary><c>GET /api/bookings/{bookingId}/ticket</c>: what a ticket shows, and its signed token.</summary>
public sealed record TicketResponse(string BookingId, int EventId, TicketAttendee Attendee, string EventName, DateTime EventDate, string Token);

/// <summary>The person a ticket admits.</summary>
public sealed record TicketAttendee(string Name);

/// <summary><c>POST /api/events/{id}/check-ins</c>: who came in, and when.</summary>
public sealed record CheckInResponse(string BookingId, TicketAttendee Attendee, DateTime CheckedInAt);

/// <summary>A ticket drawn as a QR code.</summary>
public sealed record TicketImage(byte[] Content, string ContentType);

public enum TicketImageFormat
{
    Png,
    Svg,
}
