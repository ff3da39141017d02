using EventBooking.Domain.Common;

namespace EventBooking.Domain.Bookings;

/// <summary>The named rule failures of <see cref="Booking"/>, with the contract's messages.</summary>
public static class BookingErrors
{
    public static readonly Error NotFound = Error.NotFound("Booking not found");

    public static readonly Error AlreadyBooked =
        Error.Conflict("You already have a booking for this event", "BOOKING_CONFLICT");

    public static readonly Error AlreadyCancelled = Error.Conflict("Booking is already cancelled", "BOOKING_CONFLICT");

    public static readonly Error NotAllowedToCancel = Error.Forbidden("You don't have permission to cancel this booking");

    public static readonly Error NotAllowedToView = Error.Forbidden("You don't have permission to view this booking");

    public static readonly Error NotAllowedToListEventBookings =
        Error.Forbidden("You don't have permission to view bookings for this event");

    public static readonly Error CannotCancelPastEvent =
        Error.Conflict("Cannot cancel bookings for past events", "BOOKING_CONFLICT");

    public static readonly Error NotAllowedToTransfer = Error.Forbidden("You don't have permission to transfer this booking");

    public static readonly Error CannotTransferPastEvent =
        Error.Conflict("Cannot transfer bookings for past events", "BOOKING_CONFLICT");

    public static readonly Error AlreadyHeldByRecipient =
        Error.Conflict("The booking already belongs to this user", "BOOKING_CONFLICT");

    public static readonly Error RecipientAlreadyBooked =
        Error.Conflict("The recipient already has a booking for this event", "BOOKING_CONFLICT");

    public static readonly Error RecipientNotFound = Error.NotFound("No user with this email");
}
