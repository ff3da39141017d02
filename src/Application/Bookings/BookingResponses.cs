using System.Text.Json;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Events;

namespace EventBooking.Application.Bookings;

/// <summary>The event as bookings show it: <c>{id, name, eventDate, seatCapacity, availableSeats}</c>.</summary>
public sealed record EventSummary(int Id, string Name, DateTime EventDate, int SeatCapacity, int AvailableSeats);

/// <summary><c>{id, name, email}</c>.</summary>
public sealed record UserSummary(int Id, string Name, string Email);

/// <summary>What <c>POST /api/bookings</c> answers; <c>availableSeats</c> is as it is after this booking.</summary>
public sealed record BookingCreatedResponse(string BookingId, int EventId, BookingStatus Status, DateTime CreatedAt, EventSummary Event)
{
    public static BookingCreatedResponse From(EventSnapshot bookedEvent, SeatConfirmation confirmation) => new(
        confirmation.Booking.BookingId,
        bookedEvent.Id,
        confirmation.Booking.Status,
        confirmation.Booking.CreatedAt,
        new EventSummary(bookedEvent.Id, bookedEvent.Name, bookedEvent.EventDate, bookedEvent.SeatCapacity, confirmation.AvailableSeats));
}

/// <summary>What <c>POST /api/bookings/{bookingId}/transfer</c> answers: the booking, now held by <see cref="TransferredTo"/>.</summary>
public sealed record BookingTransferredResponse(
    string BookingId, int EventId, BookingStatus Status, UserSummary TransferredTo, DateTime TransferredAt, int AvailableSeats);

/// <summary>One booking; <see cref="User"/> only for admin callers (left out otherwise).</summary>
public sealed record BookingDetailResponse(
    string BookingId, int EventId, BookingStatus Status, DateTime CreatedAt, DateTime? CancelledAt, EventSummary Event, UserSummary? User);

public sealed record BookingSummaryResponse(
    int Id, string BookingId, int UserId, int EventId, BookingStatus Status, DateTime CreatedAt, DateTime? CancelledAt, EventSummary Event);

public sealed record MyBookingsResponse(IReadOnlyList<BookingSummaryResponse> Bookings, int Total);

public sealed record BookingAdminItem(
    int Id, string BookingId, int UserId, int EventId, BookingStatus Status, DateTime CreatedAt, DateTime? CancelledAt, UserSummary User);

public sealed record EventBookingsResponse(int EventId, IReadOnlyList<BookingAdminItem> Bookings, int Total);

/// <summary>One audit row: who did what, and the details the database recorded (e.g. seats_remaining).</summary>
public sealed record BookingHistoryEntry(string Action, int? UserId, int? EventId, JsonElement? Details, DateTime Timestamp);

public sealed record BookingHistoryResponse(string BookingId, IReadOnlyList<BookingHistoryEntry> History);
