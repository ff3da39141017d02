using EventBooking.Domain.Bookings;

namespace EventBooking.Application.Bookings;

/// <summary>One line of an attendee export.</summary>
public sealed record AttendeeRow(string BookingId, string Name, string Email, BookingStatus Status, DateTime BookedAt, DateTime? CancelledAt, DateTime? CheckedInAt);

/// <summary>An event's attendees, read lazily: rows come from the database as the caller consumes them.</summary>
public sealed record AttendeeExport(int EventId, IAsyncEnumerable<AttendeeRow> Rows);
