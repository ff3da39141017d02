using EventBooking.Application.Bookings;
using EventBooking.Application.Common.Interfaces;
using EventBooking.Domain.Common;
using MediatR;

namespace EventBooking.Application.Waitlist.Commands.LeaveWaitlist;

internal sealed class LeaveWaitlistCommandHandler(ISeatLedger ledger, ICurrentUser currentUser)
    : IRequestHandler<LeaveWaitlistCommand, Result<string>>
{
    public const string Left = "You left the waiting list";
    public const string Declined = "Offer declined: the seat goes to the next person in line";

    public async Task<Result<string>> Handle(LeaveWaitlistCommand command, CancellationToken cancellationToken)
    {
        var left = await ledger.LeaveWaitlistAsync(command.EventId, currentUser.Id, cancellationToken);
        return left.IsFailure ? left.Error! : left.Value ? Declined : Left;
    }
}
