using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Bookings;
using EventBooking.Domain.Common;
using EventBooking.Domain.Users;
using MediatR;

namespace EventBooking.Application.Bookings.Commands.TransferBooking;

/// <summary>
/// Load the booking and the recipient, let the booking judge the transfer, let the seat ledger carry it out
/// (it refuses a recipient who already holds a confirmed booking for the event), map. The caller's right to
/// the booking is checked before the recipient is looked up, so nobody can probe accounts through it.
/// </summary>
internal sealed class TransferBookingCommandHandler(
    IBookingRepository bookings, IUserRepository users, ISeatLedger ledger, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<TransferBookingCommand, Result<BookingTransferredResponse>>
{
    public async Task<Result<BookingTransferredResponse>> Handle(TransferBookingCommand command, CancellationToken cancellationToken)
    {
        var found = await bookings.FindWithEventDateAsync(BookingReference.Normalize(command.BookingId), cancellationToken);
        if (found is null)
        {
            return BookingErrors.NotFound;
        }

        if (!found.Booking.IsAccessibleTo(currentUser.Actor))
        {
            return BookingErrors.NotAllowedToTransfer;
        }

        var recipient = await users.GetByEmailAsync(User.NormalizeEmail(command.RecipientEmail), cancellationToken);
        if (recipient is null)
        {
            return BookingErrors.RecipientNotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var transfer = found.Booking.TransferTo(recipient.Id, currentUser.Actor, found.EventDate, now);
        if (transfer.IsFailure)
        {
            return transfer.Error!;
        }

        var seats = await ledger.TransferAsync(transfer.Value, cancellationToken);
        return seats.IsFailure
            ? seats.Error!
            : new BookingTransferredResponse(
                found.Booking.BookingId, found.Booking.EventId, BookingStatus.Confirmed,
                new UserSummary(recipient.Id, recipient.Name, recipient.Email), now, seats.Value.AvailableSeats);
    }
}
