using EventBooking.Domain.Common;
using EventBooking.Domain.Events;

namespace EventBooking.Domain.Bookings;

/// <summary>
/// The rules every change of a seat obeys, each with the error it raises. The aggregates apply them to what
/// they hold; the database functions apply the same rules again under the event's row lock, where two requests
/// at once cannot both pass (docs/adr/0014 says which rule is enforced where, and why).
/// </summary>
public static class BookingRules
{
    /// <summary>Nobody books, cancels or transfers a seat of an event that has started.</summary>
    public static Result EventIsUpcoming(DateTime eventDate, DateTime now, Error whenStarted) =>
        eventDate > now ? Result.Success() : whenStarted;

    /// <summary>A booking needs a free seat: confirmed bookings never exceed the capacity.</summary>
    public static Result EventHasFreeSeat(int availableSeats) =>
        availableSeats > 0 ? Result.Success() : EventErrors.NoSeatsAvailable;

    /// <summary>
    /// A user holds at most one confirmed booking per event (and may book again after cancelling). Only the
    /// database can judge it: the partial unique index <c>bookings_user_event_confirmed_unique</c>, and the
    /// functions' check under the row lock. Answering it here would cost a query per booking and still race.
    /// </summary>
    public static readonly Error OneConfirmedBookingPerUserAndEvent = BookingErrors.AlreadyBooked;

    /// <summary>Only a confirmed booking can be cancelled or transferred.</summary>
    public static Result BookingIsConfirmed(BookingStatus status) =>
        status == BookingStatus.Confirmed ? Result.Success() : BookingErrors.AlreadyCancelled;

    /// <summary>A booking is changed by its owner or by an admin.</summary>
    public static Result ActorIsOwnerOrAdmin(Actor actor, int ownerId, Error whenNot) =>
        actor.IsOwnerOrAdmin(ownerId) ? Result.Success() : whenNot;
}
