using System.ComponentModel;
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
    string BookingId,
    int EventId,
    BookingStatus Status,
    DateTime CreatedAt,
    DateTime? CancelledAt,
    [property: Description(BookingIds.CheckedInAt)] DateTime? CheckedInAt,
    EventSummary Event,
    UserSummary? User);

/// <summary>
/// A booking in the caller's list. <see cref="BookingId"/> is the booking's public id, the one every booking answer
/// carries and every booking path takes; <see cref="Id"/> is the internal row id, kept for clients of the replaced server.
/// </summary>
public sealed record BookingSummaryResponse(
    [property: Description(BookingIds.Id)] int Id,
    [property: Description(BookingIds.BookingId)] string BookingId,
    int UserId,
    int EventId,
    BookingStatus Status,
    DateTime CreatedAt,
    DateTime? CancelledAt,
    [property: Description(BookingIds.CheckedInAt)] DateTime? CheckedInAt,
    EventSummary Event);

/// <summary>A page of the caller's bookings: <see cref="Total"/> of all, <see cref="HasMore"/> when a later page has some.</summary>
public sealed record MyBookingsResponse(
    IReadOnlyList<BookingSummaryResponse> Bookings,
    [property: Description("All of the caller's bookings, whatever the page.")] int Total,
    [property: Description("Whether bookings follow this page (offset + this page's size < total).")] bool HasMore);

/// <summary>A booking in an event's list; <see cref="Id"/> and <see cref="BookingId"/> as in <see cref="BookingSummaryResponse"/>.</summary>
public sealed record BookingAdminItem(
    [property: Description(BookingIds.Id)] int Id,
    [property: Description(BookingIds.BookingId)] string BookingId,
    int UserId,
    int EventId,
    BookingStatus Status,
    DateTime CreatedAt,
    DateTime? CancelledAt,
    [property: Description(BookingIds.CheckedInAt)] DateTime? CheckedInAt,
    UserSummary User);

/// <summary>A page of an event's bookings, with <see cref="Total"/> and <see cref="HasMore"/> as every list has them.</summary>
public sealed record EventBookingsResponse(
    int EventId,
    IReadOnlyList<BookingAdminItem> Bookings,
    [property: Description("All of the event's bookings, whatever the page.")] int Total,
    [property: Description("Whether bookings follow this page (offset + this page's size < total).")] bool HasMore);

/// <summary>How the two ids of a booking are described wherever both appear.</summary>
internal static class BookingIds
{
    public const string Id = "The booking's internal row id, kept from the replaced server's list shapes. Identify a booking by bookingId.";
    public const string BookingId = "The booking's public id (BK-...): in every booking answer, and the {bookingId} of every booking path.";
    public const string CheckedInAt = "When the booking's ticket was checked in at the door (UTC); null until then, and again once the check-in is undone. A checked-in booking can no longer be cancelled or transferred.";
}

/// <summary>One audit row: who did what, and the details the database recorded (e.g. seats_remaining).</summary>
public sealed record BookingHistoryEntry(string Action, int? UserId, int? EventId, JsonElement? Details, DateTime Timestamp);

public sealed record BookingHistoryResponse(string BookingId, IReadOnlyList<BookingHistoryEntry> History);
