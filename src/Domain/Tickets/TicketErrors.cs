using EventBooking.Domain.Common;

namespace EventBooking.Domain.Tickets;

/// <summary>The named failures of tickets and door check-in.</summary>
public static class TicketErrors
{
    public const string AlreadyCheckedInCode = "ALREADY_CHECKED_IN";

    /// <summary>Tampered, signed by a key we do not know, malformed, or not a ticket at all (400).</summary>
    public static readonly Error Invalid = new("INVALID_TICKET", "The ticket could not be verified", ErrorType.Validation);

    public static readonly Error ForAnotherEvent =
        new("TICKET_WRONG_EVENT", "This ticket is for another event", ErrorType.Unprocessable);

    public static readonly Error BookingCancelled = Error.Conflict("The booking of this ticket is cancelled", "BOOKING_CONFLICT");

    public static readonly Error NoTicketForCancelledBooking =
        Error.Conflict("The booking is cancelled: it has no ticket", "BOOKING_CONFLICT");

    public static readonly Error HolderChanged = Error.Conflict(
        "This ticket was issued to an earlier holder of the booking: the booking has been transferred", "TICKET_SUPERSEDED");

    public static readonly Error NotAllowedToCheckIn =
        Error.Forbidden("You don't have permission to check in attendees of this event");

    public static readonly Error NotAllowedToViewTicket = Error.Forbidden("You don't have permission to view this ticket");

    public static readonly Error NotCheckedIn = Error.NotFound("This booking is not checked in");

    /// <summary>The contract's cancel and transfer conflict code, which existing clients handle; the message says why.</summary>
    public static readonly Error CannotCancelCheckedIn = Error.Conflict(
        "The booking is checked in: it can no longer be cancelled or transferred (the event's organiser can undo the check-in)",
        "BOOKING_CONFLICT");

    /// <summary>The ticket was checked in before, at <paramref name="checkedInAt"/> by <paramref name="byName"/> (null: a deleted account).</summary>
    public static Error AlreadyCheckedIn(DateTime checkedInAt, int? byUserId, string? byName)
    {
        var at = checkedInAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var by = byName ?? "a deleted account";
        return Error.Conflict($"Already checked in at {at} by {by}", AlreadyCheckedInCode) with
        {
            Details =
            [
                new ErrorDetail("checkedInAt", at),
                new ErrorDetail("checkedInBy", byUserId is null ? by : $"{by} (user {byUserId})"),
            ],
        };
    }
}
