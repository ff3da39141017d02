namespace EventBooking.Infrastructure.Seats;

/// <summary>One booking waiting for its turn in the event's batch queue: who books, under which booking id.</summary>
internal readonly record struct PendingBooking(int UserId, string BookingId);

/// <summary>One event's batch of buyers, as its queue hands it to the commit queue.</summary>
internal sealed record EventBatch(int EventId, IReadOnlyList<PendingBooking> Bookings);

/// <summary>What <c>create_bookings</c> said of one booking.</summary>
internal enum BookingOutcomeStatus
{
    Created,
    SoldOut,
    AlreadyBooked,
    EventStarted,
    EventNotFound,
    BookingIdTaken,

    /// <summary>The user was deleted after the request's user check and before the booking's insert.</summary>
    UserNotFound,
}

/// <summary>The outcome of one booking; when created, its time and the seats left after it.</summary>
internal sealed record BookingOutcome(BookingOutcomeStatus Status, DateTime CreatedAt = default, int AvailableSeats = 0);
