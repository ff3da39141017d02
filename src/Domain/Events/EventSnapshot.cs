using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;

namespace EventBooking.Domain.Events;

/// <summary>
/// An event as read at one moment, immutable: what a booking is judged against. Concurrent requests for the same
/// event may share one instance (they share the query that read it), which is safe because nothing can change it;
/// changes start from the <see cref="Event"/> aggregate loaded under its row lock.
/// </summary>
public sealed record EventSnapshot(int Id, string Name, DateTime EventDate, int SeatCapacity, int AvailableSeats, int? CreatedBy)
{
    /// <summary>The creator or any admin may manage the event (as <see cref="Event.CanBeManagedBy"/>).</summary>
    public bool CanBeManagedBy(Actor actor) => actor.IsAdmin || CreatedBy == actor.UserId;

    /// <summary>
    /// Asks for a seat for <paramref name="userId"/>: refused when the event has started or has no free seat, as
    /// far as this snapshot can tell. The ledger judges both again under the row lock (the event may fill up or
    /// start while the request waits), and judges the one-confirmed-booking-per-user rule, which only it can.
    /// </summary>
    public Result<BookingRequest> RequestBooking(int userId, DateTime now)
    {
        var upcoming = BookingRules.EventIsUpcoming(EventDate, now, EventErrors.CannotBookPastEvent);
        if (upcoming.IsFailure)
        {
            return upcoming.Error!;
        }

        var free = BookingRules.EventHasFreeSeat(AvailableSeats);
        return free.IsFailure ? free.Error! : new BookingRequest(Id, userId, now);
    }

    /// <summary>
    /// Asks for a place on the waiting list: refused when the event has started, or when it still has a free seat
    /// (book that instead), as far as this snapshot can tell; the ledger judges both again under the row lock, and
    /// whether the user already holds a booking or a place.
    /// </summary>
    public Result JoinWaitlist(DateTime now)
    {
        var upcoming = BookingRules.EventIsUpcoming(EventDate, now, Waitlist.WaitlistErrors.EventStarted);
        if (upcoming.IsFailure)
        {
            return upcoming;
        }

        return AvailableSeats > 0 ? Waitlist.WaitlistErrors.SeatsAvailable : Result.Success();
    }
}
