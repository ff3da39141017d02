namespace EventBooking.Application.Bookings;

/// <summary>
/// Books and cancels through the database functions <c>create_booking</c> / <c>cancel_booking</c>: the
/// seat count, the booking row and the audit row change in one atomic step under the event's row lock.
/// Each call is one round trip and reports the state right after its own change; it also announces the
/// change to real-time subscribers on every instance (delivered only if it commits).
/// </summary>
public interface IBookingLedger
{
    Task<BookingAttempt> CreateAsync(int userId, int eventId, string bookingId, CancellationToken cancellationToken);

    /// <summary>Cancels as <paramref name="actorId"/> (recorded in the audit log).</summary>
    Task<CancellationAttempt> CancelAsync(string bookingId, int actorId, CancellationToken cancellationToken);
}

public enum BookingAttemptStatus
{
    Created,
    SoldOut,
    AlreadyBooked,
    EventNotFound,
    BookingIdTaken,

    /// <summary>The user was deleted after the request's user check and before the booking's insert.</summary>
    UserNotFound,
}

/// <summary>The outcome of <c>create_booking</c>; when created, the booking's time and the seats left after it.</summary>
public sealed record BookingAttempt(BookingAttemptStatus Status, DateTime CreatedAt = default, int AvailableSeats = 0);

/// <summary>The outcome of <c>cancel_booking</c>; when cancelled, the seats available after it.</summary>
public sealed record CancellationAttempt(bool Cancelled, int EventId = 0, int AvailableSeats = 0);
