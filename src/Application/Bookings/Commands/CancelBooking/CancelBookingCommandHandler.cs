using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Commands.CancelBooking;

/// <summary>Load the booking, let it judge the cancellation, let the seat ledger carry it out, map.</summary>
internal sealed class CancelBookingCommandHandler(
    IBookingRepository bookings, ISeatLedger ledger, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<CancelBookingCommand, Result<string>>
{
    public const string Cancelled = "Booking cancelled successfully";

    public async Task<Result<string>> Handle(CancelBookingCommand command, CancellationToken cancellationToken)
    {
        var found = await bookings.FindWithEventDateAsync(BookingReference.Normalize(command.BookingId), cancellationToken);
        if (found is null)
        {
            return BookingErrors.NotFound;
        }

        var cancellation = found.Booking.Cancel(currentUser.Actor, found.EventDate, clock.GetUtcNow().UtcDateTime);
        if (cancellation.IsFailure)
        {
            return cancellation.Error!;
        }

        var cancelled = await ledger.CancelAsync(cancellation.Value, cancellationToken);
        return cancelled.IsFailure ? cancelled.Error! : Cancelled;
    }
}
