using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Bookings.Commands.CancelBooking;

internal sealed class CancelBookingCommandHandler(
    IBookingRepository bookings, IBookingLedger ledger, ICurrentUser currentUser, TimeProvider clock)
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

        var (booking, eventDate) = found;
        if (!booking.IsAccessibleTo(currentUser.Id, currentUser.IsAdmin))
        {
            return BookingErrors.NotAllowedToCancel;
        }

        var cancellable = booking.EnsureCanBeCancelled(eventDate, clock.GetUtcNow().UtcDateTime);
        if (cancellable.IsFailure)
        {
            return cancellable.Error!;
        }

        // A concurrent cancel may have won since we looked: the function answers false, and so do we.
        var outcome = await ledger.CancelAsync(booking.BookingId, currentUser.Id, cancellationToken);
        return outcome.Cancelled ? Cancelled : BookingErrors.AlreadyCancelled;
    }
}
