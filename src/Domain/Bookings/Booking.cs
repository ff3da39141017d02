using EventBooking.Domain.Common;

namespace EventBooking.Domain.Bookings;

/// <summary>
/// A seat held by a user at an event. Bookings are created and cancelled by the database functions
/// <c>create_booking</c> / <c>cancel_booking</c>, which change the seat count and write the audit row
/// in the same step; this type answers whether a transition is allowed.
/// </summary>
public sealed class Booking
{
    public const int MaxBookingIdLength = 50;

    private Booking()
    {
    }

    public int Id { get; private set; }

    /// <summary>The public id, e.g. <c>BK-MIN3Q8ZK-4F7A2C</c>.</summary>
    public string BookingId { get; private set; } = string.Empty;

    public int UserId { get; private set; }

    public int EventId { get; private set; }

    public BookingStatus Status { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    /// <summary>A booking as <c>create_booking</c> confirms it (the function is what stores it).</summary>
    public static Booking Confirm(string bookingId, int userId, int eventId, DateTime createdAt) => new()
    {
        BookingId = bookingId,
        UserId = userId,
        EventId = eventId,
        Status = BookingStatus.Confirmed,
        CreatedAt = createdAt,
    };

    public bool IsOwnedBy(int userId) => UserId == userId;

    /// <summary>The owner or any admin may see and cancel a booking.</summary>
    public bool IsAccessibleTo(int userId, bool isAdmin) => isAdmin || IsOwnedBy(userId);

    /// <summary>Whether this booking may be cancelled now, given when its event takes place.</summary>
    public Result EnsureCanBeCancelled(DateTime eventDate, DateTime now)
    {
        if (Status == BookingStatus.Cancelled)
        {
            return BookingErrors.AlreadyCancelled;
        }

        return eventDate <= now ? BookingErrors.CannotCancelPastEvent : Result.Success();
    }
}
