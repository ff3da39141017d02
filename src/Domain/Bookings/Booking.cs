using EventBooking.Domain.Common;
using EventBooking.Domain.Tickets;

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

    /// <summary>Set once the holder came through the door (docs/adr/0017); a checked-in booking stays as it is.</summary>
    public CheckIn? CheckIn { get; private set; }

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

    /// <summary>
    /// Checks in the booking <paramref name="ticket"/> names, for <paramref name="actorId"/>, whom the event already
    /// allowed to run its door. The ticket must be of this booking's event, the booking confirmed and still held by
    /// the user the ticket was issued to. Whether it was checked in already is for the ledger to say, under the
    /// booking's row lock, so that of two scanners racing exactly one wins.
    /// </summary>
    public Result<BookingCheckIn> CheckInWith(TicketClaims ticket, int actorId)
    {
        if (ticket.BookingId != BookingId || ticket.EventId != EventId)
        {
            return TicketErrors.ForAnotherEvent;
        }

        if (Status != BookingStatus.Confirmed)
        {
            return TicketErrors.BookingCancelled;
        }

        return ticket.HolderId == UserId ? new BookingCheckIn(BookingId, EventId, UserId, actorId) : TicketErrors.HolderChanged;
    }

    /// <summary>Takes back the check-in, for <paramref name="actorId"/>, whom the event allowed to run its door.</summary>
    public Result<CheckInUndo> UndoCheckIn(int actorId) =>
        CheckIn is null ? TicketErrors.NotCheckedIn : new CheckInUndo(BookingId, EventId, actorId);

    /// <summary>A confirmed booking is issued a ticket, whoever holds it at the moment.</summary>
    public Result<TicketClaims> IssueTicket(Actor actor, string attendeeName, DateTime now)
    {
        var allowed = BookingRules.ActorIsOwnerOrAdmin(actor, UserId, TicketErrors.NotAllowedToViewTicket);
        if (allowed.IsFailure)
        {
            return allowed.Error!;
        }

        return Status == BookingStatus.Confirmed
            ? new TicketClaims(BookingId, EventId, UserId, attendeeName, now)
            : TicketErrors.NoTicketForCancelledBooking;
    }

    /// <summary>
    /// The rules every change of a booking obeys, in this order: owner or admin, confirmed, not checked in, event ahead.
    /// </summary>
    private Result EnsureChangeable(Actor actor, DateTime eventDate, DateTime now, Error notAllowed, Error eventStarted)
    {
        var allowed = BookingRules.ActorIsOwnerOrAdmin(actor, UserId, notAllowed);
        if (allowed.IsFailure)
        {
            return allowed;
        }

        var confirmed = BookingRules.BookingIsConfirmed(Status);
        if (confirmed.IsFailure)
        {
            return confirmed;
        }

        return CheckIn is null ? BookingRules.EventIsUpcoming(eventDate, now, eventStarted) : TicketErrors.CannotCancelCheckedIn;
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
