using EventBooking.Domain.Common;

namespace EventBooking.Domain.Waitlist;

/// <summary>The named rule failures of the waiting list (all 409 <c>BOOKING_CONFLICT</c> but the last two).</summary>
public static class WaitlistErrors
{
    public static readonly Error SeatsAvailable =
        Error.Conflict("The event still has free seats: book one instead of joining the waiting list", "BOOKING_CONFLICT");

    public static readonly Error AlreadyBooked =
        Error.Conflict("You already have a booking for this event", "BOOKING_CONFLICT");

    public static readonly Error AlreadyListed =
        Error.Conflict("You are already on the waiting list for this event", "BOOKING_CONFLICT");

    public static readonly Error EventStarted =
        Error.Conflict("The event has started: its waiting list is closed", "BOOKING_CONFLICT");

    public static readonly Error NoOffer =
        Error.Conflict("You have no pending offer for this event", "BOOKING_CONFLICT");

    public static readonly Error OfferExpired =
        Error.Conflict("Your offer has expired; the seat went to the next person in line", "BOOKING_CONFLICT");

    public static readonly Error NotListed = Error.NotFound("You are not on the waiting list for this event");

    public static readonly Error NoEntryForUser = Error.NotFound("This user has never been on the waiting list for this event");

    public static readonly Error NotAllowedToViewList =
        Error.Forbidden("You don't have permission to view the waiting list of this event");
}
