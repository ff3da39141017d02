using EventBooking.Domain.Common;

namespace EventBooking.Domain.Bookings;

/// <summary>
/// A seat held by a user at an event. Its changes are decided here and returned as intents
/// (<see cref="BookingCancellation"/>, <see cref="BookingTransfer"/>); the seat ledger carries them out with the
/// database functions, which change the booking, the seat count and the audit row in one step.
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

    public bool IsOwnedBy(int userId) => UserId == userId;

    /// <summary>The owner or any admin may see a booking.</summary>
    public bool IsAccessibleTo(Actor actor) => actor.IsOwnerOrAdmin(UserId);

    /// <summary>
    /// The owner or an admin cancels a confirmed booking of an event that has not started
    /// (<paramref name="eventDate"/> is its event's date).
    /// </summary>
    public Result<BookingCancellation> Cancel(Actor actor, DateTime eventDate, DateTime now)
    {
        var changeable = EnsureChangeable(actor, eventDate, now, BookingErrors.NotAllowedToCancel, BookingErrors.CannotCancelPastEvent);
        return changeable.IsFailure ? changeable.Error! : new BookingCancellation(BookingId, EventId, actor.UserId);
    }

    /// <summary>
    /// The owner or an admin hands a confirmed booking of an upcoming event to another user. Whether that user
    /// already holds a confirmed booking for the event is for the ledger to find out, under the event's row lock.
    /// </summary>
    public Result<BookingTransfer> TransferTo(int recipientId, Actor actor, DateTime eventDate, DateTime now)
    {
        var changeable = EnsureChangeable(actor, eventDate, now, BookingErrors.NotAllowedToTransfer, BookingErrors.CannotTransferPastEvent);
        if (changeable.IsFailure)
        {
            return changeable.Error!;
        }

        return recipientId == UserId
            ? BookingErrors.AlreadyHeldByRecipient
            : new BookingTransfer(BookingId, EventId, UserId, recipientId, actor.UserId);
    }

    /// <summary>The rules every change of a booking obeys, in this order: owner or admin, confirmed, event ahead.</summary>
    private Result EnsureChangeable(Actor actor, DateTime eventDate, DateTime now, Error notAllowed, Error eventStarted)
    {
        var allowed = BookingRules.ActorIsOwnerOrAdmin(actor, UserId, notAllowed);
        if (allowed.IsFailure)
        {
            return allowed;
        }

        var confirmed = BookingRules.BookingIsConfirmed(Status);
        return confirmed.IsFailure ? confirmed : BookingRules.EventIsUpcoming(eventDate, now, eventStarted);
    }

    /// <summary>A request the ledger confirmed: how a booking comes to exist.</summary>
    internal static Booking Confirmed(BookingRequest request, string bookingId, DateTime confirmedAt) => new()
    {
        BookingId = bookingId,
        UserId = request.UserId,
        EventId = request.EventId,
        Status = BookingStatus.Confirmed,
        CreatedAt = confirmedAt,
    };
}
